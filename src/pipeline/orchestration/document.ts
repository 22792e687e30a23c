/**
 * An API's bundled document in OpenAPI 3.1, as `generate`, `diff` and `import` read it. The front
 * of the pipeline differs by kind (see `layout.ts`):
 *
 * - transcribed: load (3.1 YAML) → lint (every problem fails: our rules) → bundle;
 * - published: load (3.0 or 3.1, JSON or YAML) → bundle (its overlays applied) → lint what the
 *   overlays made of it (the `published` preset: errors fail, warnings are counted per rule) →
 *   upgrade to 3.1.
 */
import { join } from 'node:path';
import type { Config } from '@redocly/openapi-core';
import { describeApi } from '../../model/index.js';
import type { ApiModel } from '../../model/types.js';
import { openapiJsonText, type JsonObject } from '../../shared/openapi.js';
import { bundleSpec } from '../bundle/index.js';
import { PipelineResolver } from '../bundle/resolver.js';
import {
  lintFailureOf,
  lintPublishedFindings,
  reportPublishedLint,
  type LintFindings,
} from '../lint/index.js';
import { loadSpec, PUBLISHED_VERSIONS, type LoadedSpec } from '../load/index.js';
import { upgradeDocument } from '../upgrade/index.js';
import {
  documentCacheSlot,
  readCachedDocument,
  readCachedModel,
  storeCachedDocument,
  storeCachedModel,
  type DocumentCache,
  type DocumentCacheSlot,
  type KnownPlaces,
} from './document-cache.js';
import type { GenerateContext } from './context.js';
import { entryText } from './entry-text.js';
import { lintBeside, sendBundle, sendSpec, startLintThread } from './lint-thread.js';
import type { ApiLocation } from './layout.js';

export interface PreparedDocument {
  spec: LoadedSpec;
  /** Bundled, in OpenAPI 3.1. */
  document: JsonObject;
  /** Absolute paths of every file it was made from: the spec, what it references, its overlays. */
  dependencies: string[];
  /** Lines for whoever runs the command: lint warnings counted per rule, how the upgrade read it. */
  notes: string[];
  /** `openapiJsonText(document)`, when the document was read from it (from the cache: `CachedDocument`). */
  text?: string;
  /** `text` in UTF-8, as the cache read it. */
  bytes?: Buffer;
  /**
   * The API model of `document` (`describeApi`): a published document's kept beside it in the
   * cache, read back when `import` or an earlier run described it. Rejects as `describeApi` throws.
   */
  model(): Promise<ApiModel>;
}

export interface DocumentSources {
  /** The Redocly config, loaded and validated; rejects with a positioned error when it is not. */
  config(): Promise<Config>;
  configPath: string;
  display(absolutePath: string): string;
  /** Keeps a published document's front stages between commands (`document-cache.ts`). @default none */
  cache?: DocumentCache;
  /** Lint a published document in a worker thread, beside its upgrade. @default for a large document (`lint-thread.ts`) */
  lintBeside?: boolean;
}

export async function prepareDocument(
  api: ApiLocation,
  sources: DocumentSources,
  /**
   * The spec, loaded already (`generate` loads every spec before it imports the stages; `import`
   * tells a file that is no OpenAPI document apart).
   */
  loaded?: LoadedSpec,
): Promise<PreparedDocument> {
  return api.kind === 'published'
    ? preparePublished(api, sources, loaded)
    : prepareTranscribed(api, sources, loaded);
}

/** Where `generate` and `import` keep published documents' front stages, for the generator `generator`. */
export function documentCache(ctx: GenerateContext, generator: string): DocumentCache {
  return { dir: ctx.cacheDir, generator, plugins: join(ctx.generatorDir, 'src', 'redocly') };
}

export function loadPublished(
  api: ApiLocation,
  display: (absolutePath: string) => string,
): Promise<LoadedSpec> {
  return loadSpec(api.specPath, display(api.specPath), PUBLISHED_VERSIONS);
}

async function prepareTranscribed(
  api: ApiLocation,
  sources: DocumentSources,
  loaded?: LoadedSpec,
): Promise<PreparedDocument> {
  const { display } = sources;
  const spec = loaded ?? (await loadSpec(api.specPath, display(api.specPath)));
  // One resolver for the lint and bundle stages, so that each file of the spec is parsed once (a
  // Redocly preprocessor, which redocly.yaml has none of, would then see its own output in the
  // bundle stage). A config that does not load is the lint stage's to report, in its own words;
  // one that does is not loaded a second time.
  const config = await sources.config().catch(() => undefined);
  const resolver = new PipelineResolver(config?.resolve);
  const lintFailure = await lintFailureOf(api.specPath, sources.configPath, resolver, display, config);
  if (lintFailure) throw lintFailure;
  const bundled = await bundleSpec(api.specPath, await sources.config(), display, { resolver });
  const document = bundled.document;
  const model = async () => describeApi(api.name, document, spec.locate);
  return { spec, document, dependencies: bundled.dependencies, notes: [], model };
}

async function preparePublished(
  api: ApiLocation,
  sources: DocumentSources,
  loaded?: LoadedSpec,
): Promise<PreparedDocument> {
  const { display } = sources;
  const spec = loaded ?? (await loadPublished(api, display));
  const config = await sources.config();
  const slot = sources.cache && (await documentCacheSlot(sources.cache, api.name, spec, config));
  const cached = slot && (await readCachedDocument(slot, spec));
  if (cached) {
    // The places the kept model's warnings name come with it: the spec's text is not read for them.
    const places: KnownPlaces = new Map();
    const placed: LoadedSpec = {
      ...spec,
      locate: (pointer) => {
        const place = places.get(pointer);
        return place === undefined ? spec.locate(pointer) : { file: spec.displayPath, ...place };
      },
    };
    return {
      spec: placed,
      ...cached,
      model: () => describePublished(api.name, cached.document, spec, slot, true, undefined, places),
    };
  }
  // A large document is linted in a thread of its own while this one upgrades and describes it.
  const thread = (sources.lintBeside ?? lintBeside(spec)) ? startLintThread(api.specPath, config) : undefined;
  try {
    const resolver = new PipelineResolver(config.resolve);
    const read = spec.takeDocument?.();
    if (read) resolver.adopt(api.specPath, read);
    // Parsed there while this thread bundles it (GitHub's: the lint started half a second sooner).
    if (thread && read) sendSpec(thread, spec);
    const bundled = await bundleSpec(api.specPath, config, display, {
      resolver,
      locate: spec.locate,
      lintFollows: true,
    });
    let findings: LintFindings | Promise<LintFindings>;
    if (thread) {
      sendBundle(thread, bundled, read !== undefined);
      findings = thread.result;
    } else {
      findings = await lintPublishedFindings({
        bundle: bundled.bundle,
        config,
        specPath: api.specPath,
        resolver,
        display,
      });
    }
    // Upgraded while the other thread lints, and described meanwhile too (`model()` is asked for
    // next: `import` reports it, `generate` builds from it); the lint decides first whether either
    // counts. In one thread, a document the lint refused is neither.
    const upgraded =
      thread || (findings as LintFindings).errors.length === 0
        ? attempt(() => upgradeDocument(bundled.document, spec.locate))
        : undefined;
    const described =
      thread && upgraded && 'value' in upgraded
        ? describeNow(api.name, upgraded.value.document, spec)
        : undefined;
    // The document's text for the cache, made and encoded meanwhile too, and written once the lint
    // passes (GitHub's: a tenth of a second or more that came after the lint's result).
    const documentText =
      thread && slot && upgraded && 'value' in upgraded
        ? entryText(openapiJsonText(upgraded.value.document))
        : undefined;
    // The places the kept model records of its warnings (`storeCachedModel`) found meanwhile too:
    // in a JSON spec, a scan of its text whose line starts and containers the lint's findings are
    // then placed from (GitHub's: a tenth of a second less after the lint's result). Not in a YAML
    // spec, whose places take a parse with positions that a refused document would not need.
    if (thread && slot && described && 'value' in described && spec.takeDocument) {
      for (const { at } of described.value.warnings) spec.locate(at);
    }
    const lint = reportPublishedLint([await findings], {
      specPath: api.specPath,
      locate: spec.locate,
      display,
    });
    if (lint.failure) throw lint.failure;
    if (!upgraded) throw new Error('a document the lint passed was not upgraded');
    if ('error' in upgraded) throw upgraded.error;
    const prepared = {
      document: upgraded.value.document,
      dependencies: bundled.dependencies,
      notes: [...lint.warnings, ...upgraded.value.notes],
    };
    if (slot) await storeCachedDocument(slot, spec, prepared, documentText);
    // Just prepared: a model kept beside the entry is an older document's, not worth reading.
    const model = () => describePublished(api.name, prepared.document, spec, slot, false, described);
    return { spec, ...prepared, model };
  } finally {
    await thread?.stop();
  }
}

/** What `run` returned, or what it threw: kept until the lint says whether it counts. */
type Attempt<T> = { value: T } | { error: unknown };

function attempt<T>(run: () => T): Attempt<T> {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}

/** `describeApi`'s model of the document, or what it threw. */
type Described = Attempt<ApiModel>;

const describeNow = (name: string, document: JsonObject, spec: LoadedSpec): Described =>
  attempt(() => describeApi(name, document, spec.locate));

/**
 * A published document's API model: the one kept for its cache entry (looked for when the document
 * itself came from the cache: `mayBeKept`), else described (and kept), unless `described` already.
 */
async function describePublished(
  name: string,
  document: JsonObject,
  spec: LoadedSpec,
  slot: DocumentCacheSlot | undefined,
  mayBeKept = true,
  described?: Described,
  /** Where the places a kept model's warnings name are added. */
  places?: KnownPlaces,
): Promise<ApiModel> {
  const cached = mayBeKept && slot && (await readCachedModel(slot, name, places));
  if (cached) return cached;
  const outcome = described ?? describeNow(name, document, spec);
  if ('error' in outcome) throw outcome.error;
  if (slot) await storeCachedModel(slot, outcome.value, spec.locate);
  return outcome.value;
}
