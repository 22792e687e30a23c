/**
 * Where `document-cache.ts` keeps an API's entry, and its header line, which `generate` reads
 * before it imports the stages (whose Redocly config the entry's key needs): whether a published
 * spec's bytes loaded before (`loadedVersion`).
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenApiVersion } from '../load/index.js';

/** An entry's first line. */
export interface Header {
  key: string;
  /** Indexes into the slot's `inputs`. */
  dependencies: number[];
  /** With the spec's name as `SPEC_NAME`: `import` and `generate` name the same file differently. */
  notes: string[];
  /** The spec's bytes that loaded (their sha256), in which version, by which generator. */
  loaded: LoadedRecord;
  /** Where the document's text, in ASCII, has the escapes of the characters beyond it (`entry-text.ts`). */
  escapes: number[];
}

export interface LoadedRecord {
  sha256: string;
  version: OpenApiVersion;
  generator: string;
}

export function entryPath(dir: string, apiName: string): string {
  return join(dir, 'documents', `${apiName}.json`);
}

/**
 * The version in which the API's spec, these bytes (`sha256`), loaded when its entry was kept by
 * this `generator`; undefined when none says so. Reads the entry's header only.
 */
export async function loadedVersion(
  cacheDir: string,
  apiName: string,
  generator: string,
  sha256: string,
): Promise<OpenApiVersion | undefined> {
  try {
    const header = JSON.parse(await firstLine(entryPath(cacheDir, apiName))) as Partial<Header>;
    const loaded = header.loaded;
    return loaded?.sha256 === sha256 && loaded.generator === generator ? loaded.version : undefined;
  } catch {
    return undefined; // none, or unreadable
  }
}

/** A file's first line (without reading the 13 MB behind it); rejects when it has none. */
async function firstLine(path: string): Promise<string> {
  const file = await open(path);
  try {
    const chunks: Buffer[] = [];
    for (let position = 0; ;) {
      const { bytesRead, buffer } = await file.read({ buffer: Buffer.alloc(1 << 16), position });
      if (bytesRead === 0) throw new Error(`${path}: no line`);
      const chunk = buffer.subarray(0, bytesRead);
      const end = chunk.indexOf(0x0a);
      chunks.push(end === -1 ? chunk : chunk.subarray(0, end));
      if (end !== -1) return Buffer.concat(chunks).toString('utf8');
      position += bytesRead;
    }
  } finally {
    await file.close();
  }
}
