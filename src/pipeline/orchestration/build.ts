/**
 * One API through every stage, in memory, in the order data flows: load (done by the run, before
 * the stages are imported) → lint → bundle → model → types → post-process → release → emit (the
 * runtime, compiled once per run, joins at post-process). Returns the package's files as bytes; nothing is written here, so a run can build
 * every API first and write only if all of them succeed. A new stage is a folder of
 * `src/pipeline/` and a line here.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '@redocly/openapi-core';
import type ts from 'typescript';
import { missingDeclarations } from '../../changes/index.js';
import type { ApiModel } from '../../model/types.js';
import { bundledSource, codeBanner } from '../../shared/banner.js';
import { formatPosition, GenerateError } from '../../shared/errors.js';
import { sha256 } from '../../shared/hash.js';
import { once } from '../../shared/once.js';
import { loadRedoclyConfig } from '../bundle/index.js';
import { clientNames, reservedTypeNames } from '../emit/client.js';
import { emitDeclarations, emitPackageFiles } from '../emit/index.js';
import { openapiJsonText } from '../../shared/openapi.js';
import { rootPackageFields, type RootPackageFields } from '../emit/package-json.js';
import type { LoadedSpec } from '../load/index.js';
import { postprocessTypes, type PostprocessResult } from '../postprocess/index.js';
import { bundleHistory } from '../release/history.js';
import {
  firstRelease,
  nextRelease,
  releaseShippedFiles,
  type PreviousRelease,
  type Release,
} from '../release/index.js';
import { readPreviousPackage } from '../release/previous-package.js';
import { exportRoles } from '../release/roles.js';
import { cachedRuntime } from '../runtime/cache.js';
import { compileRuntime, type CompiledRuntime } from '../runtime/index.js';
import { credentialHeadersOptional } from '../types/credential-headers.js';
import { generateTypeNodes } from '../types/index.js';
import type { GenerateContext } from './context.js';
import { documentCache, prepareDocument } from './document.js';
import type { ApiLocation } from './layout.js';
import { MANIFEST_FILE, readManifest } from './manifest.js';
import { listPackageFiles } from '../write/package-folder.js';
import { withReleaseFiles } from './release-findings.js';

export interface ApiEntry extends ApiLocation {
  /** Absolute path of `generated/diga`. */
  outDir: string;
}

/** What every API of one run shares, each loaded on first use and at most once. */
export interface RunResources {
  ctx: GenerateContext;
  /** The generator's hash (see `generatorHash`): a package whose manifest records another was made by another generator. */
  generator: string;
  /** Project-relative, `/`-separated path for messages and banners. */
  display(absolutePath: string): string;
  redoclyConfig(): Promise<Config>;
  runtime(): Promise<CompiledRuntime>;
  /** What every package takes from the root package.json. */
  rootPackage(): Promise<RootPackageFields>;
}

export interface BuiltPackage {
  api: ApiEntry;
  /** Lines about how the spec was read (lint warnings of a published document, counted per rule). */
  notes: string[];
  /** Package-relative path → content, every file except the manifest. */
  files: Map<string, Buffer>;
  /** Project-relative path → sha256 of every input file (the spec and what it references). */
  inputs: Record<string, string>;
  /** What the API model noted about the package (names it gave), each `file:line:column: warning …`. */
  warnings: string[];
  /** The version before (none for a new package) and after, and what changed: for the progress line. */
  release: { from?: string; version: string; changes: Release['changes']; shippedFiles?: string[] };
}

export function createRunResources(
  ctx: GenerateContext,
  display: (path: string) => string,
  generator: string,
): RunResources {
  const generatorDisplay = (path: string): string => {
    // Runtime banners name the generator's files, wherever the project being generated lives.
    const relative = path.startsWith(ctx.generatorDir) ? path.slice(ctx.generatorDir.length + 1) : path;
    return relative.split('\\').join('/');
  };
  return {
    ctx,
    generator,
    display,
    redoclyConfig: once(() => loadRedoclyConfig(ctx.configPath, display(ctx.configPath))),
    runtime: once(() =>
      cachedRuntime(ctx.runtimeDir, { cacheDir: ctx.cacheDir, generator }, () =>
        compileRuntime(ctx.runtimeDir, generatorDisplay),
      ),
    ),
    rootPackage: once(async () => {
      const where = { file: generatorDisplay(ctx.rootPackageJson) };
      let manifest: unknown;
      try {
        manifest = JSON.parse(await readFile(ctx.rootPackageJson, 'utf8'));
      } catch (error) {
        throw new GenerateError(where, `cannot read: ${(error as Error).message}`);
      }
      return rootPackageFields(manifest, where);
    }),
  };
}

/** `loaded`: the API's spec, loaded (the run loads every spec before the stages are imported). */
export async function buildPackage(
  api: ApiEntry,
  run: RunResources,
  loaded: LoadedSpec,
): Promise<BuiltPackage> {
  const { ctx, display } = run;
  const prepared = await prepareDocument(
    api,
    {
      config: run.redoclyConfig,
      configPath: ctx.configPath,
      display,
      cache: documentCache(ctx, run.generator),
    },
    loaded,
  );
  const { spec, document, dependencies, notes } = prepared;
  const model = await prepared.model();
  // The document's text, when it was read from one, is what `openapiJsonText` would write again.
  const { text } = prepared;
  const openapiJson = text ?? openapiJsonText(document);
  // Encoded once, to hash and to write (a large document's text, GitHub's 10 MB, takes a tenth of a
  // second to encode), or as read with the text.
  const openapiJsonBytes = (text !== undefined && prepared.bytes) || Buffer.from(openapiJson);
  const source = bundledSource(spec.displayPath, openapiJsonBytes);
  const typeNodes = await generateTypeNodes(
    document,
    spec.locate,
    spec.displayPath,
    (lent, edits) => credentialHeadersOptional(lent, model.operations, edits),
    model.readWrite ?? null,
  );
  const runtime = await run.runtime();
  const types = postprocessPackageTypes(api.name, model, typeNodes, runtime, codeBanner(source));
  const previous = await releasedPackage(api.outDir, display);
  const classify = { reservedTypeNames: reservedTypeNames(api.name, runtime) };
  const packageFile = (file: string) => display(join(api.outDir, file));
  const releaseFiles = {
    before: previous
      ? packageFile('openapi.json')
      : `${display(ctx.specsDir)}/history/${api.name}-<version>.yaml`,
    after: spec.displayPath,
    packageJson: packageFile('package.json'),
    changelog: packageFile('CHANGELOG.md'),
  };
  const history = previous ? [] : await bundleHistory(api, ctx.specsDir, run.redoclyConfig, display);
  const release = withReleaseFiles(releaseFiles, () =>
    previous
      ? nextRelease(api.name, previous.release, document, classify, {
          declarations: emitDeclarations({ source, model, types, runtime }),
          generatorChanged: previous.generator !== run.generator,
          roles: exportRoles(clientNames(api.name), types.names.operations, runtime.exports),
          dependenciesFrom: ctx.generatorDir,
        })
      : firstRelease(api.name, history, document, classify),
  );
  const content = {
    packageName: `${ctx.packageScope}/${api.name}`,
    source,
    document,
    openapiJson,
    model,
    types,
    runtime,
    root: await run.rootPackage(),
    directory: display(api.outDir),
    position: spec.position,
  };
  const shipped = withReleaseFiles(releaseFiles, () =>
    releaseShippedFiles(api.name, previous?.release, release, document, (release) =>
      emitPackageFiles({ ...content, release }),
    ),
  );

  const inputs: Record<string, string> = { [spec.displayPath]: spec.sha256 };
  for (const dependency of dependencies) {
    const path = display(dependency);
    inputs[path] ??= sha256(await readFile(dependency));
  }
  // A hand-edited package cannot be compared type by type: say so rather than release less.
  const altered = previous?.altered?.map((file) => display(join(api.outDir, file)));
  return {
    api,
    notes: altered
      ? [
          ...notes,
          `warning: ${altered.join(', ')} not as the manifest recorded them (edited, added or removed by hand): ` +
            "the version follows the spec's changes only, not the public types'",
        ]
      : notes,
    files: new Map(
      [...shipped.files].map(([path, text]) => [
        path,
        text === openapiJson ? openapiJsonBytes : Buffer.from(text),
      ]),
    ),
    inputs: Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    warnings: model.warnings.map(
      ({ at, message }) => `${formatPosition(spec.locate(at))}: warning ${message}`,
    ),
    release: {
      ...(previous ? { from: previous.release.version } : {}),
      version: shipped.release.version,
      changes: shipped.release.changes,
      ...(shipped.release.shippedFiles ? { shippedFiles: shipped.release.shippedFiles } : {}),
    },
  };
}

/**
 * The package on disk as it was released, and the generator that made it (undefined without a
 * readable manifest: a package that may be anyone's is compared as if the generator changed). Its
 * declaration files count only as the manifest recorded them, and complete: one edited, removed
 * or added by hand is not what consumers got, and comparing with it would release a change
 * nobody made.
 */
async function releasedPackage(
  outDir: string,
  display: (path: string) => string,
): Promise<{ release: PreviousRelease; generator?: string; altered?: string[] } | undefined> {
  const release = await readPreviousPackage(outDir, display);
  if (release === undefined) return undefined;
  const manifest = await readManifest(outDir);
  const recorded = Object.keys(manifest?.files ?? {}).filter((file) => file.endsWith('.d.ts'));
  const declarations = release.declarations ?? new Map<string, string>();
  const altered = [
    ...recorded.filter((file) => sha256(declarations.get(file) ?? '\0') !== manifest!.files[file]),
    ...[...declarations.keys()].filter((file) => !recorded.includes(file)),
    ...missingDeclarations(declarations),
  ];
  const intact = altered.length === 0;
  // What it shipped is what the manifest recorded (a package without one: as it is on disk), but
  // package.json as it is: its version may have been set by hand, which the manifest cannot know.
  const files = {
    ...(manifest?.files ?? (await hashPackageFiles(outDir))),
    'package.json': sha256(await readFile(join(outDir, 'package.json'))),
  };
  return {
    release: { ...release, files, ...(intact ? {} : { declarations: undefined }) },
    ...(intact || manifest === undefined ? {} : { altered: [...new Set(altered)].sort() }),
    ...(manifest === undefined ? {} : { generator: manifest.generator }),
  };
}

/** Package-relative path → sha256 of every file in the folder but the manifest (and the docs). */
async function hashPackageFiles(outDir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of await listPackageFiles(outDir)) {
    if (file !== MANIFEST_FILE) files[file] = sha256(readFileSync(join(outDir, file)));
  }
  return files;
}

/** Post-process: the raw types with their named exports; every name the package exports is reserved. */
export function postprocessPackageTypes(
  name: string,
  model: ApiModel,
  typeNodes: readonly ts.Statement[],
  runtime: CompiledRuntime,
  banner: string,
): PostprocessResult {
  return postprocessTypes({ types: typeNodes, model, reserved: reservedTypeNames(name, runtime), banner });
}
