/**
 * What `scanDiscriminators` must do to any document, checked by discriminators.test (small cases)
 * and discriminators-documents.test (the published corpus's documents).
 */
import { isDeepStrictEqual } from 'node:util';
import type { OpenAPI3 } from 'openapi-typescript';
import { scanDiscriminators as original } from 'openapi-typescript/dist/lib/utils.js';
import { expect } from 'vitest';
import { scanDiscriminators } from '../../../src/pipeline/types/discriminators.js';
import { Edits } from '../../../src/pipeline/types/edits.js';
import { OPENAPI_TS_OPTIONS } from '../../../src/pipeline/types/index.js';

/** openapi-typescript's own scan, on a copy of `document`. */
export const scannedByOpenapiTs = (document: object) =>
  original(structuredClone(document) as OpenAPI3, OPENAPI_TS_OPTIONS);

/** The same discriminators found, refs handled and enums patched as openapi-typescript's scan. */
export function expectScannedAsOpenapiTs(document: object): void {
  const theirs = structuredClone(document) as OpenAPI3;
  const ours = structuredClone(document) as OpenAPI3;
  const want = original(theirs, OPENAPI_TS_OPTIONS);
  const scanned = scanDiscriminators(ours, OPENAPI_TS_OPTIONS);
  // Compared by Node first, as loaded-before.test does: vitest's deep equality took a tenth of a
  // second on each corpus document, and reports a difference the same way when there is one.
  if (!isDeepStrictEqual(scanned, want)) expect(scanned).toEqual(want);
  if (!isDeepStrictEqual(ours, theirs)) expect(ours).toEqual(theirs);
}

/** The patches recorded in `Edits` and undone: the document given back as it was, key order included. */
export function expectPatchesUndone(document: object): void {
  const lent = structuredClone(document) as OpenAPI3;
  const before = JSON.stringify(lent);
  const edits = new Edits();
  scanDiscriminators(lent, OPENAPI_TS_OPTIONS, edits);
  expect(JSON.stringify(lent) === before, 'patched').toBe(false);
  edits.undo();
  expect(JSON.stringify(lent) === before, 'as it was').toBe(true);
}
