/**
 * `package.json` of a generated package: ESM only, `exports` with `types` first for the code entry
 * point, the bundled spec as plain JSON, `openapi-fetch` as the one runtime dependency (at the root
 * package's range), no licence of ours (the APIs belong to their vendors).
 * @see https://nodejs.org/api/packages.html#package-entry-points
 */

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
    // The runtime needs fetch, Request and FormData as globals (README: Install).
    engines: { node: '>=20' },
    sideEffects: false,
    main: './index.js',
    types: './index.d.ts',
    exports: {
      '.': { types: './index.d.ts', default: './index.js' },
      // No declaration beside it: TypeScript types a JSON module from its content
      // (`resolveJsonModule`), and a `.d.ts` with `export default` next to a `.json` is what
      // attw reports as a false default export.
      './openapi.json': './openapi.json',
      './package.json': './package.json',
    },
    files: input.files,
    dependencies: { 'openapi-fetch': input.openapiFetchRange },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
