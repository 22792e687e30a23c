/**
 * Incremental generation: each package records what it was made from in `.generated.json`
 * (the hashes of its input files, of the generator, and of every output file). A package is
 * fresh when all three still match, which is also what `--check` verifies: an edited, missing or
 * extra output file makes it stale just like a changed spec.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { listFiles } from '../../shared/files.js';
import {
  HASH_EVERY_FILE,
  rememberedHashes,
  type FileHashes,
  type RememberedHashes,
} from '../../shared/file-hashes.js';
import { sha256 } from '../../shared/hash.js';
import { isObject } from '../../shared/openapi.js';
import { listPackageFiles } from '../write/package-folder.js';
import { readConfigFile, type ConfigFile } from './config-file.js';
import type { GenerateContext } from './context.js';

export const MANIFEST_FILE = '.generated.json';

/** The folders of `src/` whose code decides what a package contains. */
const GENERATOR_SOURCES = ['pipeline', 'model', 'shared', 'runtime', 'changes', 'redocly'] as const;

/** Packages whose installed version is part of the generator: a new release may change the output. */
export const GENERATOR_PACKAGES = [
  'openapi-typescript',
  'ts-morph',
  'typescript',
  'openapi-fetch',
  '@redocly/openapi-core',
  '@scalar/openapi-upgrader',
  // The loader's: a spec whose bytes a package's manifest records is not parsed again (loadSpec).
  'yaml',
] as const;

export interface Manifest {
  /** sha256 over the generator's sources and its tool versions. */
  generator: string;
  /** sha256 of the Redocly config as it applies to this API (see `configHash`). */
  config: string;
  /** Project-relative path → sha256 of the spec and every file it references. */
  inputs: Record<string, string>;
  /** Package-relative path → sha256 of every file of the package but this one. */
  files: Record<string, string>;
}

export function createManifest(
  generator: string,
  config: string,
  inputs: Record<string, string>,
  files: Map<string, Buffer>,
): Buffer {
  const manifest: Manifest = {
    generator,
    config,
    inputs,
    files: Object.fromEntries([...files].map(([path, bytes]) => [path, sha256(bytes)])),
  };
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readManifest(packageDir: string): Promise<Manifest | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(packageDir, MANIFEST_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (
    !isObject(value) ||
    typeof value.generator !== 'string' ||
    // Manifests written before the config was hashed per API have none: still a manifest (an
    // orphan is recognised by it), merely stale.
    (value.config !== undefined && typeof value.config !== 'string') ||
    !isObject(value.inputs) ||
    !isObject(value.files)
  ) {
    return undefined;
  }
  return { config: '', ...value } as unknown as Manifest;
}

/**
 * The generator's identity: every file under its `src/` (the pipeline, the runtime copied into
 * packages, the Redocly plugin the config loads), the `openapi-fetch` range the packages depend
 * on and the repository they name (both from the root package.json), and the installed versions of the tools that shape the output. The Redocly config is
 * hashed per API (`configHash`).
 */
export async function generatorHash(ctx: GenerateContext, hashes = HASH_EVERY_FILE): Promise<string> {
  const sources = await Promise.all(
    GENERATOR_SOURCES.map(async (folder) => {
      const dir = join(ctx.generatorDir, 'src', folder);
      return (await listFiles(dir)).map((file) => {
        const hash = hashes.hash(join(dir, file));
        if (hash === undefined) throw new Error(`cannot read ${join(dir, file)}, a source of the generator`);
        return `src/${folder}/${file}\0${hash}`;
      });
    }),
  );
  const parts = sources.flat();
  const rootManifest = await readJson(ctx.rootPackageJson);
  const range = isObject(rootManifest?.dependencies) ? rootManifest.dependencies['openapi-fetch'] : undefined;
  parts.push(`openapi-fetch range\0${String(range)}`);
  // Every package.json names it (`repository`), so a new URL is a new package.json for each.
  parts.push(`repository\0${JSON.stringify(rootManifest?.repository ?? null)}`);
  for (const name of GENERATOR_PACKAGES)
    parts.push(`${name}\0${await installedVersion(ctx.generatorDir, name)}`);
  return sha256(parts.join('\n'));
}

/** What a command remembers of file hashes between runs (`file-hashes.ts`), in its cache folder. */
const FILE_HASHES = 'file-hashes.json';

/**
 * The hashes of files remembered between runs for the project at `ctx.rootDir`; the generator's
 * sources' are kept across projects, which hash them alike (the tests' temporary projects share
 * the generator's cache folder: each run hashed some 200 sources again).
 */
export function projectHashes(ctx: GenerateContext): RememberedHashes {
  return rememberedHashes(join(ctx.cacheDir, FILE_HASHES), ctx.rootDir, join(ctx.generatorDir, 'src'));
}

/** `generatorHash` with the hashes `generate` remembers, for a command that reads no others. */
export async function rememberedGeneratorHash(ctx: GenerateContext): Promise<string> {
  const hashes = projectHashes(ctx);
  try {
    return await generatorHash(ctx, hashes);
  } finally {
    await hashes.save();
  }
}

/**
 * What `generatorHash` reads: the folders of the generator's sources, whole, and the files it reads
 * or looks for (the root package.json, each tool's package.json wherever Node would look).
 */
export function generatorInputs(ctx: GenerateContext): { trees: string[]; files: string[] } {
  return {
    trees: GENERATOR_SOURCES.map((folder) => join(ctx.generatorDir, 'src', folder)),
    files: [
      ctx.rootPackageJson,
      ...GENERATOR_PACKAGES.flatMap((name) => installedManifests(ctx.generatorDir, name)),
    ],
  };
}

/**
 * The Redocly config as it applies to one API: all of it but the `apis` entries of other specs.
 * Adding an API means adding its entry, and that alone must not make every other package stale
 * (it did: four packages regenerated, four manifests in the diff, for one new API). Kept are the
 * entries whose `root` is the API's spec or one of its `specs/history/<api>-*.yaml` files (an
 * entry with no usable `root`, too: what it does is Redocly's to say). A config that is not YAML
 * is hashed whole; the run reports it.
 */
export async function configHash(
  ctx: GenerateContext,
  api: { name: string; specPath: string },
): Promise<string> {
  return (await configHasher(ctx))(api);
}

/**
 * `configHash` for every API of a run: the config read and parsed once. `readConfig` reads
 * `ctx.configPath` (a run passes the copy it shares with `checkRegistration`).
 */
export async function configHasher(
  ctx: GenerateContext,
  readConfig: () => ConfigFile | undefined = () => readConfigFile(ctx.configPath),
): Promise<(api: { name: string; specPath: string }) => string> {
  const file = readConfig();
  if (file === undefined) return () => 'missing';
  const { text, document } = file;
  if (document.errors.length > 0) return () => sha256(text);
  const config: unknown = document.toJS();
  if (!isObject(config) || !isObject(config.apis)) return () => sha256(text);
  const configDir = dirname(ctx.configPath);
  const historyDir = join(ctx.specsDir, 'history');
  const whole = config;
  const entries = Object.entries(config.apis);
  return (api) => {
    const apis = entries.filter(([, entry]) => {
      if (!isObject(entry) || typeof entry.root !== 'string') return true;
      const root = resolve(configDir, entry.root);
      return (
        root === api.specPath || (dirname(root) === historyDir && basename(root).startsWith(`${api.name}-`))
      );
    });
    return sha256(JSON.stringify({ ...whole, apis: Object.fromEntries(apis) }));
  };
}

export type PackageStatus = { fresh: true } | { fresh: false; reasons: string[] };

/** Whether `packageDir` is what generating it now would produce, judged by its manifest alone. */
export async function packageStatus(
  packageDir: string,
  identity: { generator: string; config: string; configFile: string },
  rootDir: string,
  requiredInput: string,
  hashes: FileHashes = HASH_EVERY_FILE,
): Promise<PackageStatus> {
  const manifest = await readManifest(packageDir);
  if (manifest === undefined) return { fresh: false, reasons: [`no readable ${MANIFEST_FILE}`] };
  const reasons: string[] = [];
  if (manifest.generator !== identity.generator) reasons.push('the generator changed');
  if (manifest.config !== identity.config) reasons.push(`${identity.configFile} changed for this API`);
  if (!Object.hasOwn(manifest.inputs, requiredInput))
    reasons.push(`generated from another spec than ${requiredInput}`);
  const inputs = Object.entries(manifest.inputs);
  const files = Object.entries(manifest.files);
  const inputsNow = inputs.map(([input]) => hashes.hash(join(rootDir, input)));
  const filesNow = files.map(([file]) => hashes.hash(join(packageDir, file)));
  const onDisk = new Set(await listPackageFiles(packageDir));
  for (const [index, [input, hash]] of inputs.entries()) {
    const now = inputsNow[index];
    if (now === undefined) reasons.push(`${input} is missing`);
    else if (now !== hash) reasons.push(`${input} changed`);
  }
  for (const [index, [file, hash]] of files.entries()) {
    if (!onDisk.has(file)) reasons.push(`${file} is missing`);
    else if (filesNow[index] !== hash) reasons.push(`${file} was edited`);
  }
  for (const file of onDisk) {
    if (file !== MANIFEST_FILE && !Object.hasOwn(manifest.files, file))
      reasons.push(`${file} is not generated`);
  }
  return reasons.length === 0 ? { fresh: true } : { fresh: false, reasons };
}

async function readJson(path: string): Promise<{ [key: string]: unknown } | undefined> {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The version in `node_modules/<name>/package.json`, looked up as Node would from `fromDir`. */
async function installedVersion(fromDir: string, name: string): Promise<string> {
  for (const path of installedManifests(fromDir, name)) {
    const manifest = await readJson(path);
    if (typeof manifest?.version === 'string') return manifest.version;
  }
  return 'not installed';
}

/** Where Node looks for `<name>/package.json` from `fromDir`, nearest first. */
function installedManifests(fromDir: string, name: string): string[] {
  const paths = [];
  for (let dir = fromDir; ; dir = dirname(dir)) {
    paths.push(join(dir, 'node_modules', name, 'package.json'));
    if (dirname(dir) === dir) return paths;
  }
}
