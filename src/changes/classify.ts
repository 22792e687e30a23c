/**
 * `classifyChanges`: every difference between two bundled OpenAPI 3.1 documents that matters to
 * someone using the generated client, each classified as breaking, additive or docs.
 */
import { compareComponents } from './components-diff.js';
import { createContext } from './context.js';
import { compareDocumentLevel } from './document-diff.js';
import { SpecShapeError, type DocumentSide } from './errors.js';
import { compareOperations } from './operations-diff.js';
import { sortChanges } from './order.js';
import { compareRemainder } from './remainder-diff.js';
import { compareTypeNames } from './type-names-diff.js';
import type { ClassifyOptions, OpenApiDocument, SpecChange } from './types.js';

/**
 * @param before the document the package was generated from (`generated/<api>/openapi.json`)
 * @param after the newly bundled document
 * @param options what else decides the package's contents (see `ClassifyOptions`)
 * @returns changes sorted by kind (breaking, additive, docs), then location, then message, each once
 * @throws SpecShapeError when a document is not OpenAPI 3.1 or a part of it is malformed
 */
export function classifyChanges(
  before: OpenApiDocument,
  after: OpenApiDocument,
  options: ClassifyOptions = {},
): SpecChange[] {
  assertOpenApi31(before, 'before');
  assertOpenApi31(after, 'after');
  const ctx = createContext(before, after, options);
  compareDocumentLevel(ctx);
  compareOperations(ctx);
  compareComponents(ctx);
  compareTypeNames(ctx);
  compareRemainder(ctx);
  return sortChanges(ctx.changes);
}

/** Nullability and exclusive bounds are read the 3.1 way; a 3.0 document would be misread. */
function assertOpenApi31(document: OpenApiDocument, side: DocumentSide): void {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new SpecShapeError(side, 'the document', 'must be a parsed OpenAPI object');
  }
  if (typeof document.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi)) {
    throw new SpecShapeError(
      side,
      'openapi',
      `must be an OpenAPI 3.1.x version, got ${JSON.stringify(document.openapi)}`,
    );
  }
}
