/**
 * The npm CLI as a child process, with the user's own configuration: npm reads the `.npmrc` files
 * (the project's, the user's, the global one), the environment (`npm_config_*`, and a token as
 * `//host/:_authToken=${NPM_TOKEN}`) and the flags given here, so registry auth, scoped
 * registries, proxies and provenance stay npm's business. Each call asks for `--json` and reads
 * npm's error object (`{ error: { code, summary } }`) when it fails.
 * @see https://docs.npmjs.com/cli/v11/using-npm/config
 */
import { spawn } from 'node:child_process';
import { UsageError } from '../shared/errors.js';

export interface NpmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm <args>` to its end; never rejects for a non-zero exit. */
export type RunNpm = (args: readonly string[]) => Promise<NpmResult>;

/** Why an npm command failed, in npm's words: `E404`, `Not Found - GET https://…`. */
export interface NpmFailure {
  code?: string;
  summary: string;
}

/** `npm` started in `cwd` with `env`, for every call of one run. */
export function npmRunner(cwd: string, env: Readonly<Record<string, string | undefined>>): RunNpm {
  return (args) =>
    new Promise((resolve, reject) => {
      const child = spawn('npm', [...args], {
        cwd,
        env: { ...env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
      child.once('error', (error) =>
        reject(new UsageError(undefined, `cannot run npm: ${error.message} (is npm on the PATH?)`)),
      );
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
}

/** npm's error from a failed `--json` call: its JSON error object, else its `npm error` lines. */
export function npmFailure(result: NpmResult): NpmFailure {
  const error = parseJson(result.stdout)?.['error'] ?? parseJson(result.stderr)?.['error'];
  if (typeof error === 'object' && error !== null && typeof (error as NpmFailure).summary === 'string') {
    const { code, summary } = error as { code?: unknown; summary: string };
    const oneLine = summary.replace(/\s+/g, ' ').trim();
    return typeof code === 'string' ? { code, summary: oneLine } : { summary: oneLine };
  }
  const lines = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('npm error') && !line.includes('A complete log of this run'))
    .map((line) => line.replace(/^npm error\s*/, ''));
  const code = lines.find((line) => /^code \S+$/.test(line))?.slice('code '.length);
  const summary = lines
    .filter((line) => !/^code \S+$/.test(line))
    .join(' ')
    .trim();
  return {
    ...(code === undefined ? {} : { code }),
    summary: summary || `npm exited with ${result.code}`,
  };
}

/** `E404: Not Found - GET …`, or the summary alone. */
export function describeFailure(failure: NpmFailure): string {
  return failure.code === undefined ? failure.summary : `${failure.code}: ${failure.summary}`;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The flags that point every call at one registry, the scope's included (npm prefers the scope's). */
export function registryFlags(registry: string | undefined, scopes: readonly string[]): string[] {
  if (registry === undefined) return [];
  return ['--registry', registry, ...scopes.map((scope) => `--${scope}:registry=${registry}`)];
}

/** A tarball's fingerprints as the registry and `npm pack` give them. */
export interface TarballDigest {
  integrity?: string;
  shasum?: string;
}

/** Whether two digests are of the same tarball: by integrity where both have one, else by shasum. */
export function sameTarball(a: TarballDigest, b: TarballDigest): boolean {
  if (a.integrity !== undefined && b.integrity !== undefined) return a.integrity === b.integrity;
  return a.shasum !== undefined && a.shasum === b.shasum;
}

export interface PackedPackage extends TarballDigest {
  name: string;
  version: string;
  /** Package-relative paths of the files it holds. */
  files: string[];
}

/** `npm pack --dry-run` of folders (absolute paths), in one call: nothing is written. */
export async function pack(
  npm: RunNpm,
  specs: readonly string[],
  flags: readonly string[],
): Promise<PackedPackage[]> {
  const result = await npm(['pack', ...specs, '--dry-run', '--json', '--ignore-scripts', ...flags]);
  if (result.code !== 0) {
    throw new UsageError(undefined, `npm pack ${specs.join(' ')}: ${describeFailure(npmFailure(result))}`);
  }
  const packed = JSON.parse(result.stdout) as (TarballDigest & {
    name: string;
    version: string;
    files: { path: string }[];
  })[];
  return packed.map(({ name, version, integrity, shasum, files }) => ({
    name,
    version,
    ...(integrity === undefined ? {} : { integrity }),
    ...(shasum === undefined ? {} : { shasum }),
    files: files.map((file) => file.path),
  }));
}

/** `npm publish <folder>`: done, or npm's reason for not publishing it. */
export async function publish(
  npm: RunNpm,
  folder: string,
  flags: readonly string[],
): Promise<{ ok: true } | { ok: false; failure: NpmFailure }> {
  const result = await npm(['publish', folder, '--json', '--ignore-scripts', ...flags]);
  return result.code === 0 ? { ok: true } : { ok: false, failure: npmFailure(result) };
}
