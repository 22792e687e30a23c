/**
 * The folders' tarballs as npm packs them, to compare with the registry's: by npm's own packer
 * (`libnpmpack`, what `npm pack` and `npm publish` both pack with) of the npm installation that
 * `npm` on PATH runs, in this process: the same bytes as that npm's `npm pack --dry-run`, without
 * an npm process per release (most of whose time is its start-up). Where `npm` is no npm
 * installation with one (a shim, a wrapper), `npm pack --dry-run` itself.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { pack, type PackedPackage, type RunNpm } from './npm.js';
import { npmInstallation, type NpmOptions } from './registry.js';
import { readTarball } from './tarball.js';

/** Packs folders (absolute paths), writing nothing: their tarballs' digests and files, in order. */
export type PackFolders = (dirs: readonly string[]) => Promise<PackedPackage[]>;

/** libnpmpack's `pack(spec, options)`: the tarball's bytes. */
type Libnpmpack = (spec: string, options: Record<string, unknown>) => Promise<Buffer>;

const require = createRequire(import.meta.url);

/**
 * How this run packs: in-process with the libnpmpack of the npm on `env.PATH`, with npm's options
 * (`loadNpmOptions`); else one `npm pack --dry-run` of every folder, with `flags`.
 */
export function folderPacker(
  npm: RunNpm,
  env: Readonly<Record<string, string | undefined>>,
  options: NpmOptions,
  flags: readonly string[],
): PackFolders {
  const installation = npmInstallation(env.PATH);
  const library = installation === undefined ? undefined : join(installation, 'node_modules', 'libnpmpack');
  if (library === undefined || !existsSync(join(library, 'package.json')))
    return (dirs) => pack(npm, dirs, flags);
  return (dirs) => Promise.all(dirs.map((dir) => packFolder(require(library) as Libnpmpack, dir, options)));
}

/** One folder packed by libnpmpack as `npm pack --dry-run` packs it: scripts not run, nothing written. */
async function packFolder(libnpmpack: Libnpmpack, dir: string, options: NpmOptions): Promise<PackedPackage> {
  let tarball: Buffer;
  try {
    tarball = await libnpmpack(dir, { ...options, dryRun: true, ignoreScripts: true });
  } catch (error) {
    const { code, message } = error as { code?: unknown; message: string };
    throw new UsageError(
      undefined,
      `npm pack ${dir}: ${typeof code === 'string' ? `${code}: ` : ''}${message}`,
    );
  }
  const files = readTarball(tarball);
  const { name, version } = JSON.parse(files.get('package.json')!.toString('utf8')) as {
    name: string;
    version: string;
  };
  return {
    name,
    version,
    // As npm computes them (ssri's sha512 and sha1 of the gzipped bytes).
    integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
    shasum: createHash('sha1').update(tarball).digest('hex'),
    files: [...files.keys()],
  };
}
