/**
 * `package.json` of a generated package: ESM only, `exports` with `types` first for the code entry
 * point, the bundled spec as plain JSON, `openapi-fetch` as the one runtime dependency (at the root
 * package's range), and what a registry and its consumers expect: the licence (`license.ts`), the
 * repository with the package's folder in it (`npm publish --provenance` checks it against the
 * repository CI runs in), keywords, engines and public access (a scoped package is private on
 * npm's registry otherwise).
 * @see https://nodejs.org/api/packages.html#package-entry-points
 * @see https://docs.npmjs.com/cli/v11/configuring-npm/package-json#repository
 */
import { GenerateError, type SourcePosition } from '../../shared/errors.js';
import { isObject } from '../../shared/openapi.js';
import { LICENSE_ID } from './license.js';

/** What every package takes from the root package.json: one place to change each. */
export interface RootPackageFields {
  /** `dependencies["openapi-fetch"]`: the range the packages depend on. */
  openapiFetchRange: string;
  /** `repository` (its `url`, or the string itself): the repository the packages are published from. */
  repositoryUrl: string;
}

/** The root package.json's fields the packages need; `where` names it in errors. */
export function rootPackageFields(manifest: unknown, where: SourcePosition): RootPackageFields {
  const range =
    isObject(manifest) && isObject(manifest.dependencies)
      ? manifest.dependencies['openapi-fetch']
      : undefined;
  if (typeof range !== 'string') {
    throw new GenerateError(
      where,
      '`dependencies["openapi-fetch"]` is missing: generated packages depend on it',
    );
  }
  const repository = isObject(manifest) ? manifest.repository : undefined;
  const url = isObject(repository) ? repository.url : repository;
  if (typeof url !== 'string' || url.trim() === '') {
    throw new GenerateError(
      where,
      '`repository` (a git URL) is missing: every package names it, and `npm publish --provenance` checks it',
    );
  }
  return { openapiFetchRange: range, repositoryUrl: url };
}

export interface PackageJsonInput {
  name: string;
  version: string;
  description: string;
  /** The API's name, the first keyword. */
  api: string;
  root: RootPackageFields;
  /** The package's folder in the repository, `/`-separated: `generated/diga`. */
  directory: string;
  /** Every file of the package besides package.json (npm always includes it), sorted. */
  files: string[];
}

export function emitPackageJson(input: PackageJsonInput): string {
  const manifest = {
    name: input.name,
    version: input.version,
    description: input.description,
    keywords: [input.api, 'voice-ai', 'voice-agent', 'openapi', 'openapi-fetch', 'api-client', 'typescript'],
    license: LICENSE_ID,
    repository: { type: 'git', url: input.root.repositoryUrl, directory: input.directory },
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
    dependencies: { 'openapi-fetch': input.root.openapiFetchRange },
    publishConfig: { access: 'public' },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
