/**
 * Emit: every file of a package, in memory, from the model, the post-processed types, the compiled
 * runtime and the release. Each file has its emitter in this folder; nothing is written here.
 */
import type { ApiModel } from '../../model/types.js';
import { codeBanner, markdownBanner, type BannerInput } from '../../shared/banner.js';
import type { SourcePosition } from '../../shared/errors.js';
import type { JsonObject } from '../../shared/openapi.js';
import type { PostprocessResult } from '../postprocess/index.js';
import type { Release } from '../release/index.js';
import type { CompiledRuntime } from '../runtime/index.js';
import { emitChecks } from './checks/index.js';
import { emitClient } from './client.js';
import { emitLicense } from './license.js';
import { emitOperationsTable } from './operations-table.js';
import { emitPackageJson, type RootPackageFields } from './package-json.js';
import { emitReadme } from './readme/index.js';

export interface PackageContent {
  /** `@voice-agent-sdks/diga` */
  packageName: string;
  /** The spec as banners name it. */
  source: BannerInput;
  /** The bundled spec. */
  document: JsonObject;
  /** `openapiJsonText(document)`, made once: its hash is the banners' (`source`). */
  openapiJson: string;
  model: ApiModel;
  types: PostprocessResult;
  runtime: CompiledRuntime;
  release: Release;
  /** What the root package.json says for every package (`rootPackageFields`). */
  root: RootPackageFields;
  /** The package's folder in the repository, `/`-separated: `generated/diga`. */
  directory: string;
  /**
   * Where a node of the bundled spec is in the spec's file (`source.source`), for the checks'
   * violations; without it, or for a node from another file, they show the pointer into
   * `openapi.json`.
   */
  position?: (pointer: string) => SourcePosition | undefined;
}

/** The declaration files a package ships, its public types: the client's, the spec's, the runtime's. */
function declarationFiles(
  clientDts: string,
  types: PostprocessResult,
  runtime: CompiledRuntime,
): [string, string][] {
  return [
    ['index.d.ts', clientDts],
    ['types.d.ts', types.text],
    ...[...runtime.files].filter(([path]) => path.endsWith('.d.ts')),
  ];
}

/** The package's declaration files alone, which the release compares with the previous package's. */
export function emitDeclarations({
  source,
  model,
  types,
  runtime,
}: Pick<PackageContent, 'source' | 'model' | 'types' | 'runtime'>): Map<string, string> {
  const client = emitClient(model, types.names.operations, codeBanner(source));
  return new Map(declarationFiles(client.dts, types, runtime));
}

/** Every file of the package, in memory, in path order. */
export function emitPackageFiles(content: PackageContent): Map<string, string> {
  const { packageName, source, document, model, types, runtime, release } = content;
  const banner = codeBanner(source);
  const checks = emitChecks(
    { model, document, file: source.source, ...(content.position ? { position: content.position } : {}) },
    banner,
  );
  const operations = emitOperationsTable(model, banner, checks.modules);
  const client = emitClient(model, types.names.operations, banner);
  const files = new Map<string, string>([
    ['index.js', client.js],
    ...declarationFiles(client.dts, types, runtime),
    ['operations.js', operations],
    ...checks.files,
    ['openapi.json', content.openapiJson],
    [
      'README.md',
      emitReadme({
        model,
        packageName,
        specPath: source.source,
        typeNames: types.names.operations,
        enums: types.names.enums,
        runtimeExports: runtime.exports,
        document,
        banner: markdownBanner(source),
      }),
    ],
    ['CHANGELOG.md', markdownBanner(source) + release.changelog],
    ['LICENSE', emitLicense()],
    ...[...runtime.files].filter(([path]) => path.endsWith('.js')),
  ]);
  // npm always packs README.md; everything else a consumer gets is listed (LICENSE too, which npm
  // would pack anyway: the list is then the package's whole content).
  const fileList = [...files.keys()].filter((file) => file !== 'README.md').sort();
  files.set(
    'package.json',
    emitPackageJson({
      name: packageName,
      version: release.version,
      description: `Typed client for the ${model.title}, generated from ${source.source}.`,
      api: model.name,
      root: content.root,
      directory: content.directory,
      files: [...new Set(fileList.map((file) => /^(runtime|checks)\//.exec(file)?.[1] ?? file))],
    }),
  );
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
