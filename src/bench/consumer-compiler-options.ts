/**
 * The compiler options of a strict consumer of the generated packages: the consumer-tsc benchmark's
 * and the packaging test's. The packages' own `.d.ts` files are checked too (`skipLibCheck: false`).
 */
export const CONSUMER_COMPILER_OPTIONS = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  skipLibCheck: false,
  // TypeScript's own lib files need no re-checking (half the compile time); the package's do.
  skipDefaultLibCheck: true,
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  // A consumer may import the package's openapi.json, which TypeScript types from its content.
  resolveJsonModule: true,
  target: 'ES2022',
  // No @types/node: the package must not need Node's types (fetch, Headers and Response are DOM's).
  lib: ['ES2022', 'DOM'],
  types: [],
};
