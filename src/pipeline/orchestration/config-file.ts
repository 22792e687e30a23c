/**
 * `redocly.yaml` as a run reads it: once, for both the per-API config hashes (`configHasher`) and
 * the registration check (`checkRegistration`, which needs positions). Parsing it twice was a
 * tenth of a no-op run's own time.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';

export interface ConfigFile {
  text: string;
  /** Its YAML document, positions kept; one with `errors` is the lint stage's to report. */
  document: Document.Parsed;
  lineCounter: LineCounter;
}

/** The config at `path`; undefined when it cannot be read. */
export function readConfigFile(path: string): ConfigFile | undefined {
  let text;
  try {
    // Synchronous, as the rest of a no-op run's reading (see `generate.ts`).
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const lineCounter = new LineCounter();
  return { text, document: parseDocument(text, { lineCounter }), lineCounter };
}
