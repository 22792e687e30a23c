/**
 * The registry asked in-process, as npm asks it: npm's configuration read by npm's own loader
 * (@npmcli/config: the project's, the user's and the global `.npmrc`, `npm_config_*`, the flags,
 * `${VAR}` in values) and each request made by npm's own client (npm-registry-fetch: the token or
 * password of the registry's `//host/path/:` keys, proxies, CA files, npm's cache). One packument
 * request per package instead of an `npm view` process (most of whose time is its start-up).
 * @see https://docs.npmjs.com/cli/v11/using-npm/config
 */
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import type { TarballDigest } from './npm.js';

/** npm's flat options (`registry`, `@scope:registry`, `//host/:_authToken`, `cache`, …). */
export type NpmOptions = Readonly<Record<string, unknown>>;

interface NpmConfig {
  load(): Promise<void>;
  readonly flat: NpmOptions;
}

interface RegistryFetch {
  (url: string, options: Record<string, unknown>): Promise<{ buffer(): Promise<Buffer> }>;
  json(path: string, options: Record<string, unknown>): Promise<unknown>;
}

/** A version the registry holds: its tarball's digest, and where to download it. */
export interface PublishedVersion extends TarballDigest {
  tarball?: string;
}

const require = createRequire(import.meta.url);

/**
 * npm's configuration as `npm <flags>` started in `cwd` with `env` would read it. The builtin
 * `npmrc` is that of the npm on `env.PATH`, the one the release's own npm calls run.
 */
export async function loadNpmOptions(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  flags: readonly string[],
): Promise<NpmOptions> {
  const Config = require('@npmcli/config') as new (options: Record<string, unknown>) => NpmConfig;
  const { definitions, flatten, shorthands } = require('@npmcli/config/lib/definitions') as Record<
    string,
    unknown
  >;
  const config = new Config({
    definitions,
    flatten,
    shorthands,
    npmPath: npmInstallation(env.PATH) ?? join(cwd, 'node_modules', '.npm-not-found'),
    // A copy: the loader writes npm_config_* into the environment it is given.
    env: { ...env },
    argv: [process.execPath, 'npm', ...flags],
    cwd,
    warn: false,
  });
  try {
    await config.load();
    return config.flat;
  } catch (error) {
    throw new UsageError(undefined, `npm's configuration: ${(error as Error).message}`);
  }
}

/** The folder of the npm that `npm` on `PATH` runs (`…/node_modules/npm`), if it is one. */
export function npmInstallation(path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    const bin = join(dir, 'npm');
    if (dir === '' || !existsSync(bin)) continue;
    const real = realpathSync(bin);
    return real.endsWith(join('bin', 'npm-cli.js')) ? dirname(dirname(real)) : undefined;
  }
  return undefined;
}

function registryFetch(): RegistryFetch {
  return require('npm-registry-fetch') as RegistryFetch;
}

/** The registry npm publishes `scope`'s packages to: `@scope:registry`, else `registry`. */
export function registryOf(options: NpmOptions, scope: string | undefined): string {
  const scoped = scope === undefined ? undefined : options[`${scope}:registry`];
  return String(typeof scoped === 'string' && scoped !== '' ? scoped : options['registry']);
}

/** What the registry holds for `name@version`: its tarball's digest and URL, or `undefined`. */
export async function registryDist(
  options: NpmOptions,
  name: string,
  version: string,
): Promise<PublishedVersion | undefined> {
  const spec = `${name}@${version}`;
  let packument: unknown;
  try {
    // preferOnline: a cached document from before a publish would hide the version.
    packument = await registryFetch().json(`/${name.replace('/', '%2f')}`, {
      ...options,
      spec: name,
      preferOnline: true,
    });
  } catch (error) {
    const { code, message } = error as { code?: unknown; message: string };
    if (code === 'E404') return undefined;
    throw new UsageError(
      undefined,
      `the registry cannot tell whether ${spec} is published: ${typeof code === 'string' ? `${code}: ` : ''}${message}`,
    );
  }
  const versions = (packument as { versions?: Record<string, { dist?: Record<string, unknown> }> })?.versions;
  if (typeof versions !== 'object' || versions === null) {
    throw new UsageError(
      undefined,
      `the registry's answer about ${name} is no package document (no "versions"): ${JSON.stringify(packument).slice(0, 200)}`,
    );
  }
  if (!Object.hasOwn(versions, version)) return undefined;
  const dist = versions[version]?.dist;
  const digest: PublishedVersion = {
    ...(typeof dist?.['integrity'] === 'string' ? { integrity: dist['integrity'] } : {}),
    ...(typeof dist?.['shasum'] === 'string' ? { shasum: dist['shasum'] } : {}),
    ...(typeof dist?.['tarball'] === 'string' ? { tarball: dist['tarball'] } : {}),
  };
  if (digest.integrity === undefined && digest.shasum === undefined) {
    throw new UsageError(
      undefined,
      `the registry's answer about ${spec} has neither dist.integrity nor dist.shasum: ${JSON.stringify(dist ?? null).slice(0, 200)}`,
    );
  }
  return digest;
}

/**
 * The published tarball of `spec`, downloaded as npm downloads it (the registry's auth, npm's
 * cache) and checked against the registry's integrity.
 */
export async function downloadTarball(
  options: NpmOptions,
  spec: string,
  published: PublishedVersion,
): Promise<Buffer> {
  if (published.tarball === undefined) {
    throw new UsageError(
      undefined,
      `the registry's answer about ${spec} has no dist.tarball to compare with`,
    );
  }
  try {
    const response = await registryFetch()(published.tarball, {
      ...options,
      spec,
      ...(published.integrity === undefined ? {} : { integrity: published.integrity }),
    });
    return await response.buffer();
  } catch (error) {
    const { code, message } = error as { code?: unknown; message: string };
    throw new UsageError(
      undefined,
      `cannot download ${spec} from the registry: ${typeof code === 'string' ? `${code}: ` : ''}${message}`,
    );
  }
}
