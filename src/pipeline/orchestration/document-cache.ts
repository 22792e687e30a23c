/**
 * A published document as the front stages made it (bundled with its overlays, linted, upgraded to
 * 3.1), kept between commands by content: `npm run import` checks the document as `generate` will,
 * and `generate` then reads that result instead of bundling, linting and upgrading it again
 * (GitHub's 13 MB description: Redocly's lint alone took 5 s of each command).
 *
 * One entry per API, `<cacheDir>/documents/<api>.json`: a header line (its key, the notes, which
 * inputs the document depends on), then the document, as its package's `openapi.json` holds it but
 * in ASCII (`entry-text.ts`, the header says where its escapes are).
 * The key hashes everything the result depends on: the spec's bytes, each overlay's bytes in order,
 * the API's Redocly config (rules, decorators, ignored problems), the generator (its sources, which
 * hold the Redocly plugin, and its tools' versions) and Node's version. Kept only when it lints
 * without errors and depends on no file besides the spec and its overlays: a failure is never kept,
 * and a plugin or `$ref`'d file outside the generator's sources could change without changing the
 * key.
 *
 * Beside it, `<api>.model`: the API model of that document (`describeApi`), under the same key and
 * API name, in V8's serialization (which keeps what JSON would not: a field present but undefined).
 * `import` describes the API to report it; `generate` then reads it (GitHub's: 0.5 s). With it, the
 * line and column of each place its warnings name: `generate` prints them, and placing one in a
 * spec whose text it has not read decodes and scans the whole of it (GitHub's 13 MB: about a
 * twentieth of the command's time).
 *
 * The header also says which bytes of the spec loaded, in which OpenAPI version, by which generator:
 * `generate` then loads those bytes without parsing them (`loadedBefore`, see `loadSpec`), before
 * the key can be worked out (it needs the Redocly config, loaded with the stages).
 */
import { isAscii } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Config } from '@redocly/openapi-core';
import type { Locate } from '../../shared/errors.js';
import { sha256 } from '../../shared/hash.js';
import { openapiJsonText, type JsonObject } from '../../shared/openapi.js';
import type { ApiModel } from '../../model/types.js';
import { configForSpec, listedOverlayPaths } from '../bundle/index.js';
import type { LoadedSpec } from '../load/index.js';
import { entryPath, type Header, type LoadedRecord } from './document-cache-entry.js';
import { entryText, textOfEntry, type EntryText } from './entry-text.js';

/** Changes when the entries' shape or what they mean does. */
const FORMAT = 4;

/** Where entries live, and the generator whose work they are. */
export interface DocumentCache {
  dir: string;
  /** `generatorHash`: the generator's sources and tools. */
  generator: string;
  /** The Redocly plugins' folder, which `generator` hashes: a plugin elsewhere could change unseen. */
  plugins: string;
}

/** One API's entry and the key its content must have. */
export interface DocumentCacheSlot {
  path: string;
  key: string;
  /** The spec, then each overlay in order: what a stored entry's `dependencies` index. */
  inputs: string[];
  /** What the entry's header records of the spec's load. */
  loaded: LoadedRecord;
}

export interface CachedDocument {
  document: JsonObject;
  /**
   * The entry's text of `document`, `openapiJsonText`'s: the package's `openapi.json` as it is. On
   * GitHub's description, reading the entry and parsing its text (twice, when the types stage had
   * a copy of its own) took 0.5 CPU-s and 25,000 page faults, against 0.95 s and 42,000 for a
   * compact text parsed, cloned and written out again. Absent when the document was not read from
   * an entry.
   */
  text?: string;
  /**
   * `text` in UTF-8, the entry's bytes with its escapes written as the characters: the package's
   * `openapi.json` written without encoding the text again (GitHub's: 0.1 s and 13 MB). Absent with
   * `text`.
   */
  bytes?: Buffer;
  /** Absolute paths: the spec and the overlays the document was made from. */
  dependencies: string[];
  notes: string[];
}

const SPEC_NAME = '\u0000spec\u0000';

/** The entry for this API and this content, or undefined when it cannot be keyed (nothing is cached). */
export async function documentCacheSlot(
  cache: DocumentCache,
  apiName: string,
  spec: LoadedSpec,
  config: Config,
): Promise<DocumentCacheSlot | undefined> {
  const apiConfig = configForSpec(config, spec.path);
  const plugins = resolve(cache.plugins) + sep;
  if (
    apiConfig.plugins.some((plugin) => plugin.path !== undefined && !pluginPath(plugin).startsWith(plugins))
  ) {
    return undefined;
  }
  const overlays = listedOverlayPaths(apiConfig);
  const parts = [
    `format ${FORMAT}`,
    `node ${process.version}`,
    `generator ${cache.generator}`,
    `spec ${spec.sha256}`,
  ];
  for (const overlay of overlays) {
    const bytes = await readFile(overlay).catch(() => undefined);
    if (bytes === undefined) return undefined; // the bundle stage reports it
    parts.push(`overlay ${sha256(bytes)}`);
  }
  const { overlays: _paths, ...resolved } = apiConfig.resolvedConfig;
  parts.push(
    `config ${JSON.stringify(resolved)}`,
    `resolve ${JSON.stringify(apiConfig.resolve)}`,
    `examples ${JSON.stringify(apiConfig.doNotResolveExamples ?? null)}`,
    `ignore ${JSON.stringify(ignoredProblems(apiConfig, spec.path))}`,
  );
  return {
    path: entryPath(cache.dir, apiName),
    key: sha256(parts.join('\n')),
    inputs: [spec.path, ...overlays],
    loaded: { sha256: spec.sha256, version: spec.version, generator: cache.generator },
  };
}

/** The stored document when the entry has this slot's key, else undefined. */
export async function readCachedDocument(
  slot: DocumentCacheSlot,
  spec: LoadedSpec,
): Promise<CachedDocument | undefined> {
  try {
    const entry = await readFile(slot.path);
    const end = entry.indexOf(0x0a);
    const header = JSON.parse(entry.toString('utf8', 0, end)) as Header;
    if (header.key !== slot.key) return undefined;
    const dependencies = header.dependencies.map((index) => slot.inputs[index]);
    if (dependencies.some((path) => path === undefined)) return undefined;
    // In ASCII (`entry-text.ts`): an entry with another byte is made again.
    const ascii = entry.subarray(end + 1);
    if (!isAscii(ascii)) return undefined;
    const asciiText = ascii.toString('latin1');
    const document = JSON.parse(asciiText) as JsonObject;
    const read = textOfEntry(ascii, asciiText, header.escapes);
    if (read === undefined) return undefined;
    return {
      document,
      text: read.text,
      bytes: read.utf8,
      dependencies: dependencies as string[],
      notes: header.notes.map((note) => note.split(SPEC_NAME).join(spec.displayPath)),
    };
  } catch {
    return undefined; // none, or unreadable: made again
  }
}

/** Keeps a clean result; one that depends on other files is not kept, one that cannot be written is skipped. */
export async function storeCachedDocument(
  slot: DocumentCacheSlot,
  spec: LoadedSpec,
  result: CachedDocument,
  /** `entryText(openapiJsonText(result.document))`, when made already. */
  documentText?: EntryText,
): Promise<void> {
  const { ascii, escapes } = documentText ?? entryText(openapiJsonText(result.document));
  const dependencies = result.dependencies.map((path) => slot.inputs.indexOf(resolve(path)));
  if (dependencies.includes(-1)) return;
  const header: Header = {
    key: slot.key,
    loaded: slot.loaded,
    dependencies,
    notes: result.notes.map((note) => note.replace(specNameIn(spec.displayPath), `$1${SPEC_NAME}`)),
    escapes,
  };
  // Written as they are: joined, the two would be copied whole again (GitHub's text is 13 MB).
  await writeEntry(slot.path, [Buffer.from(`${JSON.stringify(header)}\n`), ascii]);
}

/** What `<api>.model` holds. */
interface StoredModel {
  key: string;
  model: ApiModel;
  /** Where the model's warnings are in the spec: pointer, line, column. */
  places?: [string, number, number][];
}

/** A place in the spec (a warning's `at`) → its line and column. */
export type KnownPlaces = Map<string, { line: number; column: number }>;

/**
 * The API model of the slot's document when one is stored for its key and this API, else
 * undefined; the places of its warnings, when stored, added to `places`.
 */
export async function readCachedModel(
  slot: DocumentCacheSlot,
  apiName: string,
  places?: KnownPlaces,
): Promise<ApiModel | undefined> {
  try {
    const stored = deserialize(await readFile(modelPath(slot))) as Partial<StoredModel> | undefined;
    if (stored?.key !== slot.key || stored.model?.name !== apiName) return undefined;
    for (const [pointer, line, column] of stored.places ?? []) places?.set(pointer, { line, column });
    return stored.model;
  } catch {
    return undefined; // none, or unreadable: described again
  }
}

/**
 * Keeps the API model of the slot's document, and where `locate` places its warnings; one that
 * cannot be written is skipped.
 */
export async function storeCachedModel(
  slot: DocumentCacheSlot,
  model: ApiModel,
  locate?: Locate,
): Promise<void> {
  const stored: StoredModel = { key: slot.key, model };
  if (locate) {
    stored.places = [];
    for (const { at } of model.warnings) {
      const { line, column } = locate(at);
      if (line !== undefined && column !== undefined) stored.places.push([at, line, column]);
    }
  }
  await writeEntry(modelPath(slot), serialize(stored));
}

function modelPath(slot: DocumentCacheSlot): string {
  return slot.path.replace(/\.json$/, '.model');
}

/** Writes an entry whole (a rename), or not at all. */
async function writeEntry(path: string, content: Buffer | Buffer[]): Promise<void> {
  // Unique per write: commands may run side by side in one process (the tests do).
  const temporary = `${path}.${process.pid}.${randomUUID()}`;
  try {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch {
    await rm(temporary, { force: true });
  }
}

/** The spec's name where a note places something (`<file>:line:column`, or the file alone before `:`). */
function specNameIn(displayPath: string): RegExp {
  return new RegExp(`(^|[\\s(])${displayPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=:)`, 'g');
}

function pluginPath(plugin: Config['plugins'][number]): string {
  const { absolutePath, path } = plugin as { absolutePath?: string; path?: string };
  return resolve(absolutePath ?? path ?? '');
}

/** The problems `.redocly.lint-ignore.yaml` lists for the spec, in a stable order. */
function ignoredProblems(apiConfig: Config, specPath: string): [string, string[]][] {
  const ignore = (apiConfig.ignore as Record<string, Record<string, Set<string>>> | undefined) ?? {};
  const forSpec = ignore[resolve(specPath)] ?? {};
  return Object.entries(forSpec)
    .map(([rule, pointers]): [string, string[]] => [rule, [...pointers].sort()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
