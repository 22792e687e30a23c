/**
 * GitHub's REST description for the `github` suite: `generated/api.github.com.json` of the pinned
 * `@octokit/openapi` package, fetched with `npm pack` (the registry's own client; the package is
 * never installed or added to package.json) into the git-ignored cache, and reused from there.
 */
import { access, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BenchError, runCommand } from '../measure.js';
import { npmCommand } from './noop.js';

const SPEC_IN_PACKAGE = 'package/generated/api.github.com.json';

export interface GithubSpec {
  path: string;
  /** `@octokit/openapi@23.0.2` */
  source: string;
  bytes: number;
  operations: number;
  openapi: string;
}

export async function githubSpec(
  cacheDir: string,
  packageSpec: string,
  signal?: AbortSignal,
): Promise<GithubSpec> {
  const slug = packageSpec.replace(/^@/, '').replace(/[/@]/g, '-');
  const path = join(cacheDir, `${slug}-api.github.com.json`);
  if (!(await exists(path))) await download(cacheDir, packageSpec, path, signal);
  const text = await readFile(path, 'utf8');
  let document: { openapi?: unknown; paths?: Record<string, Record<string, unknown>> };
  try {
    document = JSON.parse(text) as typeof document;
  } catch (error) {
    throw new BenchError(`${path} is not JSON (${(error as Error).message}); delete it to download it again`);
  }
  const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
  const operations = Object.values(document.paths ?? {}).reduce(
    (count, item) => count + Object.keys(item).filter((key) => methods.has(key)).length,
    0,
  );
  return { path, source: packageSpec, bytes: text.length, operations, openapi: String(document.openapi) };
}

async function download(
  cacheDir: string,
  packageSpec: string,
  path: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const tarball = (await findTarball(cacheDir, packageSpec)) ?? (await pack(cacheDir, packageSpec, signal));
  // Extracted next to its final place, so the rename does not cross file systems.
  const scratch = await mkdtemp(join(cacheDir, 'extract-'));
  try {
    await runCommand('tar', ['-xzf', tarball, '-C', scratch, SPEC_IN_PACKAGE], {
      cwd: scratch,
      ...(signal ? { signal } : {}),
    }).catch((error: unknown) => {
      throw new BenchError(
        `cannot extract ${SPEC_IN_PACKAGE} from ${tarball} (needs \`tar\` on PATH): ${(error as Error).message}`,
      );
    });
    await rename(join(scratch, SPEC_IN_PACKAGE), path);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** A tarball `npm pack` left in the cache earlier: `octokit-openapi-23.0.2.tgz`. */
async function findTarball(cacheDir: string, packageSpec: string): Promise<string | undefined> {
  const [name, version] = splitSpec(packageSpec);
  const file = `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
  return (await readdir(cacheDir)).includes(file) ? join(cacheDir, file) : undefined;
}

async function pack(cacheDir: string, packageSpec: string, signal: AbortSignal | undefined): Promise<string> {
  const npm = npmCommand();
  const { stdout } = await runCommand(
    npm.command,
    [...npm.args, 'pack', packageSpec, '--pack-destination', cacheDir, '--silent'],
    {
      cwd: cacheDir,
      env: { ...process.env, npm_config_update_notifier: 'false' },
      ...(signal ? { signal } : {}),
    },
  ).catch((error: unknown) => {
    throw new BenchError(`cannot download ${packageSpec} with npm pack: ${(error as Error).message}`);
  });
  const file = stdout.trim().split('\n').at(-1)?.trim();
  if (file === undefined || !file.endsWith('.tgz')) {
    throw new BenchError(`npm pack ${packageSpec} printed no tarball name:\n${stdout}`);
  }
  return join(cacheDir, file);
}

function splitSpec(packageSpec: string): [string, string] {
  const at = packageSpec.lastIndexOf('@');
  if (at <= 0) throw new BenchError(`${packageSpec}: expected <package>@<version>, pinned`);
  return [packageSpec.slice(0, at), packageSpec.slice(at + 1)];
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
