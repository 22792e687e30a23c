/**
 * Stage 5d, `package.json` of a generated package: ESM only, `exports` with `types` first for
 * each entry point, `openapi-fetch` as the one runtime dependency (at the root package's range),
 * no licence of ours (the APIs belong to their vendors).
 * @see https://nodejs.org/api/packages.html#package-entry-points
 */
import type { JsonObject } from '../openapi.js';

export interface PackageJsonInput {
  name: string;
  version: string;
  description: string;
  /** The range of `openapi-fetch` in the root package.json. */
  openapiFetchRange: string;
  /** Every file of the package besides package.json (npm always includes it), sorted. */
  files: string[];
}

export function emitPackageJson(input: PackageJsonInput): string {
  const manifest = {
    name: input.name,
    version: input.version,
    description: input.description,
    license: 'UNLICENSED',
    type: 'module',
    sideEffects: false,
    main: './index.js',
    types: './index.d.ts',
    exports: {
      '.': { types: './index.d.ts', default: './index.js' },
      './openapi.json': { types: './openapi.json.d.ts', default: './openapi.json' },
      './package.json': './package.json',
    },
    files: input.files,
    dependencies: { 'openapi-fetch': input.openapiFetchRange },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The declaration of `openapi.json` for `import spec from '<pkg>/openapi.json' with { type: 'json' }`. */
export function emitOpenApiJsonDeclaration(banner: string): string {
  return (
    banner +
    `/** The bundled OpenAPI document the package was generated from. */\n` +
    `declare const document: {\n` +
    `  openapi: string;\n` +
    `  info: { title: string; version: string; [key: string]: unknown };\n` +
    `  [key: string]: unknown;\n` +
    `};\n` +
    `export default document;\n`
  );
}
