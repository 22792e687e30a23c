/**
 * One API through every stage, in memory: load → lint → bundle → analyse → types → post-process
 * → emit. Returns the package's files as bytes; nothing is written here, so a run can build every
 * API first and write only if all of them succeed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BaseResolver, type Config } from '@redocly/openapi-core';
import { bundleSpec, loadRedoclyConfig } from '../bundle/index.js';
import type { GenerateContext } from './context.js';
import { emitClient, reservedTypeNames } from '../emit/client.js';
import { emitPackageJson } from '../emit/package-json.js';
import { emitReadme } from '../emit/readme.js';
import { GenerateError, GenerateErrors } from '../../shared/errors.js';
import { lintFailureOf } from '../lint/index.js';
import { sha256 } from '../../shared/hash.js';
import { loadSpec } from '../load/index.js';
import { describeApi } from '../../model/index.js';
import type { ApiModel } from '../../model/types.js';
import { isObject, type JsonObject } from '../../shared/openapi.js';
import {
  bundledSource,
  codeBanner,
  markdownBanner,
  stripMarkdownBanner,
  type BannerInput,
} from '../../shared/banner.js';
import { postprocessTypes, type PostprocessResult } from '../postprocess/index.js';
import { emitOperationsTable } from '../emit/operations-table.js';
import {
  firstRelease,
  nextRelease,
  type PreviousRelease,
  type Release,
  type Revision,
} from '../release/index.js';
import { compileRuntime, type CompiledRuntime } from '../runtime/index.js';
import { generateTypes } from '../types/index.js';

export interface ApiEntry {
  /** `diga` */
  name: string;
  /** Absolute path of `specs/diga.yaml`. */
  specPath: string;
  /** Absolute path of `generated/diga`. */
  outDir: string;
}

/** What every API of one run shares, each loaded on first use and at most once. */
export interface RunResources {
  ctx: GenerateContext;
  /** Project-relative, `/`-separated path for messages and banners. */
  display(absolutePath: string): string;
  redoclyConfig(): Promise<Config>;
  runtime(): Promise<CompiledRuntime>;
  openapiFetchRange(): Promise<string>;
}

export interface BuiltPackage {
  api: ApiEntry;
  /** Package-relative path → content, every file except the manifest. */
  files: Map<string, Buffer>;
  /** Project-relative path → sha256 of every input file (the spec and what it references). */
  inputs: Record<string, string>;
  /** The version before (none for a new package) and after, and what changed: for the progress line. */
  release: { from?: string; version: string; changes: Release['changes'] };
}

export function createRunResources(ctx: GenerateContext, display: (path: string) => string): RunResources {
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let loading: Promise<T> | undefined;
    return () => (loading ??= load());
  };
  const generatorDisplay = (path: string): string => {
    // Runtime banners name the generator's files, wherever the project being generated lives.
    const relative = path.startsWith(ctx.generatorDir) ? path.slice(ctx.generatorDir.length + 1) : path;
    return relative.split('\\').join('/');
  };
  return {
    ctx,
    display,
    redoclyConfig: once(() => loadRedoclyConfig(ctx.configPath, display(ctx.configPath))),
    runtime: once(() => compileRuntime(ctx.runtimeDir, generatorDisplay)),
    openapiFetchRange: once(async () => {
      const where = { file: generatorDisplay(ctx.rootPackageJson) };
      let manifest: unknown;
      try {
        manifest = JSON.parse(await readFile(ctx.rootPackageJson, 'utf8'));
      } catch (error) {
        throw new GenerateError(where, `cannot read: ${(error as Error).message}`);
      }
      const range =
        isObject(manifest) && isObject(manifest.dependencies)
          ? manifest.dependencies['openapi-fetch']
          : undefined;
      if (typeof range !== 'string') {
        throw new GenerateError(
          where,
          '`dependencies["openapi-fetch"]` is missing: generated packages depend on it',
        );
      }
      return range;
    }),
  };
}

export async function buildPackage(api: ApiEntry, run: RunResources): Promise<BuiltPackage> {
  const { ctx, display } = run;
  const spec = await loadSpec(api.specPath, display(api.specPath));

  // One resolver for the lint and bundle stages, so that each file of the spec is parsed once (a
  // Redocly preprocessor, which redocly.yaml has none of, would then see its own output in the
  // bundle stage). A config that does not load is the lint stage's to report, in its own words.
  const resolver = new BaseResolver((await run.redoclyConfig().catch(() => undefined))?.resolve);
  const lintFailure = await lintFailureOf(api.specPath, ctx.configPath, resolver, display);
  if (lintFailure) throw lintFailure;

  const bundled = await bundleSpec(api.specPath, await run.redoclyConfig(), display, resolver);
  const document = bundled.document;
  const model = describeApi(api.name, document, spec.locate);
  const rawTypes = await generateTypes(document, spec.locate, spec.displayPath);
  const runtime = await run.runtime();

  const source = bundledSource(spec.displayPath, openapiJsonText(document));
  const types = postprocessPackageTypes(api.name, model, rawTypes, runtime, codeBanner(source));
  const previous = await readPreviousPackage(api.outDir, display);
  const classify = { reservedTypeNames: reservedTypeNames(api.name, runtime) };
  const release = previous
    ? nextRelease(api.name, previous, document, classify)
    : firstRelease(api.name, await bundleHistory(api, run), document, classify);
  const files = emitPackageFiles({
    packageName: `${ctx.packageScope}/${api.name}`,
    source,
    document,
    model,
    types,
    runtime,
    release,
    openapiFetchRange: await run.openapiFetchRange(),
  });

  const inputs: Record<string, string> = { [spec.displayPath]: spec.sha256 };
  for (const dependency of bundled.dependencies) {
    const path = display(dependency);
    inputs[path] ??= sha256(await readFile(dependency));
  }
  return {
    api,
    files: new Map([...files].map(([path, text]) => [path, Buffer.from(text)])),
    inputs: Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    release: {
      ...(previous ? { from: previous.version } : {}),
      version: release.version,
      changes: release.changes,
    },
  };
}

/** Stage 4, post-process: the raw types with their named exports; every name the package exports is reserved. */
export function postprocessPackageTypes(
  name: string,
  model: ApiModel,
  rawTypes: string,
  runtime: CompiledRuntime,
  banner: string,
): PostprocessResult {
  return postprocessTypes({ types: rawTypes, model, reserved: reservedTypeNames(name, runtime), banner });
}

export interface PackageContent {
  /** `@voice-agent-sdks/diga` */
  packageName: string;
  /** The spec as banners name it. */
  source: BannerInput;
  /** The bundled spec. */
  document: JsonObject;
  model: ApiModel;
  types: PostprocessResult;
  runtime: CompiledRuntime;
  release: Release;
  openapiFetchRange: string;
}

/** The package's `openapi.json`: the bundled spec, which its banners' hash is of. */
export function openapiJsonText(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Stage 5, emit: every file of the package, in memory, in path order. */
export function emitPackageFiles(content: PackageContent): Map<string, string> {
  const { packageName, source, document, model, types, runtime, release } = content;
  const banner = codeBanner(source);
  const operations = emitOperationsTable(model, banner);
  const client = emitClient(model, types.names.operations, banner);
  const files = new Map<string, string>([
    ['index.js', client.js],
    ['index.d.ts', client.dts],
    ['operations.js', operations.js],
    ['operations.d.ts', operations.dts],
    ['types.d.ts', types.text],
    ['openapi.json', openapiJsonText(document)],
    [
      'README.md',
      emitReadme({
        model,
        document,
        packageName,
        specPath: source.source,
        typeNames: types.names.operations,
        runtimeExports: runtime.exports,
        banner: markdownBanner(source),
      }),
    ],
    ['CHANGELOG.md', markdownBanner(source) + release.changelog],
    ...runtime.files,
  ]);
  // npm always packs README.md; everything else a consumer gets is listed.
  const fileList = [...files.keys()].filter((file) => file !== 'README.md').sort();
  files.set(
    'package.json',
    emitPackageJson({
      name: packageName,
      version: release.version,
      description: `Typed client for the ${model.title}, generated from ${source.source}.`,
      openapiFetchRange: content.openapiFetchRange,
      files: [...new Set(fileList.map((file) => (file.startsWith('runtime/') ? 'runtime' : file)))],
    }),
  );
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Earlier revisions of an API, `specs/history/<api>-<version>.yaml`, bundled, oldest first: a
 * package generated for the first time replays them to rebuild its versions and changelog.
 * A file is this API's when its name starts with `<api>-` and no longer API name claims it
 * (`acme-beta-1.0.0.yaml` is acme-beta's); its version must then parse, or it would be skipped.
 */
async function bundleHistory(api: ApiEntry, run: RunResources): Promise<Revision[]> {
  const dir = join(run.ctx.specsDir, 'history');
  const listYaml = async (folder: string) =>
    (await readdir(folder, { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
      .map((entry) => entry.name);
  const others = (await listYaml(run.ctx.specsDir))
    .map((file) => file.slice(0, -'.yaml'.length))
    .filter((name) => name !== api.name && name.startsWith(`${api.name}-`));
  const files = (await listYaml(dir)).filter(
    (file) => file.startsWith(`${api.name}-`) && !others.some((name) => file.startsWith(`${name}-`)),
  );
  const errors: GenerateError[] = [];
  const revisions: { path: string; version: number[] }[] = [];
  for (const file of files) {
    const version = /^(\d+)\.(\d+)\.(\d+)$/.exec(file.slice(api.name.length + 1, -'.yaml'.length));
    const path = join(dir, file);
    if (version === null) {
      errors.push(
        new GenerateError(
          { file: run.display(path) },
          `not a history file name: expected ${api.name}-<major>.<minor>.<patch>.yaml, e.g. ${api.name}-1.0.0.yaml`,
        ),
      );
    } else {
      revisions.push({ path, version: version.slice(1).map(Number) });
    }
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0]! : new GenerateErrors(errors);
  revisions.sort(
    (a, b) => a.version[0]! - b.version[0]! || a.version[1]! - b.version[1]! || a.version[2]! - b.version[2]!,
  );
  const config = await run.redoclyConfig();
  const bundled: Revision[] = [];
  for (const { path } of revisions) {
    // The loader first, as for the spec itself: YAML errors as file:line:column, not exceptions.
    await loadSpec(path, run.display(path));
    bundled.push({ document: (await bundleSpec(path, config, run.display)).document });
  }
  return bundled;
}

/** The package on disk, if any: its version, the spec it was made from and its changelog. */
async function readPreviousPackage(
  outDir: string,
  display: (path: string) => string,
): Promise<PreviousRelease | undefined> {
  const path = join(outDir, 'package.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new GenerateError(
      { file: display(path) },
      `not valid JSON (${(error as Error).message}); delete it to start over at 1.0.0`,
    );
  }
  if (!isObject(manifest) || typeof manifest.version !== 'string') {
    throw new GenerateError({ file: display(path) }, 'has no `version`; delete it to start over at 1.0.0');
  }
  // The package's spec and changelog are its history: without them the next version and the
  // changelog would start over silently, so their loss is an error, with the way out.
  const required = async (
    file: string,
    role: string,
    parse: (text: string) => string | JsonObject,
  ): Promise<unknown> => {
    const path = join(outDir, file);
    try {
      return parse(await readFile(path, 'utf8'));
    } catch (error) {
      const reason = (error as Error).message.replace(/, open '.*'$/, '');
      const fix = `restore it with \`git checkout -- ${display(path)}\`, or delete ${display(outDir)} to start over at 1.0.0`;
      throw new GenerateError({ file: display(path) }, `cannot read it (${reason}), and ${role}: ${fix}`);
    }
  };
  const document = await required('openapi.json', 'the next version is computed from it', (text) => {
    const value: unknown = JSON.parse(text);
    if (!isObject(value)) throw new Error('not an OpenAPI document');
    return value as JsonObject;
  });
  const changelog = (await required(
    'CHANGELOG.md',
    'the next entry goes on top of it',
    stripMarkdownBanner,
  )) as string;
  return { version: manifest.version, document: document as JsonObject, ...(changelog ? { changelog } : {}) };
}
