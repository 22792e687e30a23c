/**
 * Types: openapi-typescript's transform on the bundled document, printed with its
 * `astToString`. The output is the raw `paths`/`components`/`operations` declarations the
 * post-processing steps then refine.
 *
 * `openapiTS()` would first parse, lint and bundle the document again with its own copy of Redocly;
 * the document this stage gets is already linted and bundled, so it calls the transform
 * `openapiTS()` runs after that (`transformSchema`, exported by the package) with the context
 * `openapiTS()` would build from `OPENAPI_TS_OPTIONS`. On GitHub's 13 MB description the skipped
 * steps are about 3 s, more than half of openapi-typescript's time. test/pipeline/types/types.test.ts
 * checks that the output is byte for byte `openapiTS()`'s, before the doc comments of fields are
 * completed with their constraints (`doc-comments.ts`).
 * @see https://openapi-ts.dev/node
 */
import type { GlobalContext, OpenAPI3, OpenAPITSOptions, SchemaObject } from 'openapi-typescript';
// Its modules, not its entry (see openapi-typescript-modules.d.ts).
import { astToString } from 'openapi-typescript/dist/lib/ts.js';
import { resolveRef } from 'openapi-typescript/dist/lib/utils.js';
import transformSchema from 'openapi-typescript/dist/transform/index.js';
import ts from 'typescript';
import { GenerateError, type Locate } from '../../shared/errors.js';
import { isBinarySchema } from '../../model/media-type-object.js';
import type { ReadWriteTypes } from '../../model/read-write.js';
import { isObject, type JsonObject } from '../../shared/openapi.js';
import { conditionalObject } from './conditionals.js';
import { inlineDeepRefs } from './deep-refs.js';
import { DocComments } from './doc-comments.js';
import { widenConflictingExtraProperties } from './extra-properties.js';
import { dropUnsendableBodies, typeRawBodiesAsSent } from './raw-bodies.js';
import { scanDiscriminators } from './discriminators.js';
import { readWriteOptions } from './read-write.js';
import { Edits } from './edits.js';

/** The options every package is generated with; each deviation from the default says why. */
export const OPENAPI_TS_OPTIONS: OpenAPITSOptions = {
  // The bundled document was linted against the project's config already; no console output.
  silent: true,
  // Keys in the source's order: the spec's order is the documentation's.
  alphabetize: false,
  // A response field is present when the spec's `required` says so: a `default` is what the
  // server assumes for a field a request leaves out, not a promise that a response carries it.
  defaultNonNullable: false,
  transform: (schema, options) =>
    binaryAsBlob(schema) ?? closedEmptyObject(schema) ?? conditionalObject(schema, options),
};

/**
 * Bytes (see the model's `isBinarySchema`) are a Blob (a File is one): what the client sends as a
 * file part or a binary body, and what it resolves a binary response with. openapi-typescript
 * types them `string`.
 */
function binaryAsBlob(schema: SchemaObject): ts.TypeNode | undefined {
  const value = schema as unknown as JsonObject;
  if (!isBinarySchema(value)) return undefined;
  const types = Array.isArray(value.type) ? value.type : [value.type];
  const blob = ts.factory.createTypeReferenceNode('Blob');
  return types.includes('null')
    ? ts.factory.createUnionTypeNode([blob, ts.factory.createLiteralTypeNode(ts.factory.createNull())])
    : blob;
}

/**
 * openapi-typescript types every object without properties `Record<string, never>`, whether it is
 * free-form (OpenAPI's default) or explicitly closed. The free-form-objects step widens the first
 * kind; a closed one is given a different spelling here so that step can tell them apart.
 */
function closedEmptyObject(schema: SchemaObject): ts.TypeNode | undefined {
  const value = schema as unknown as JsonObject;
  const types = Array.isArray(value.type) ? value.type : [value.type];
  if (!types.includes('object')) return undefined;
  if (value.additionalProperties !== false && value.unevaluatedProperties !== false) return undefined;
  const hasShape = [
    'properties',
    'patternProperties',
    'allOf',
    'anyOf',
    'oneOf',
    'if',
    'then',
    'else',
    'enum',
    'const',
  ].some(
    (key) => value[key] !== undefined && !(isObject(value[key]) && Object.keys(value[key]).length === 0),
  );
  if (hasShape) return undefined;
  const closed = ts.factory.createTypeLiteralNode([
    ts.factory.createIndexSignature(
      undefined,
      [
        ts.factory.createParameterDeclaration(
          undefined,
          undefined,
          'key',
          undefined,
          ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
        ),
      ],
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
    ),
  ]);
  return types.includes('null')
    ? ts.factory.createUnionTypeNode([closed, ts.factory.createLiteralTypeNode(ts.factory.createNull())])
    : closed;
}

/** openapi-typescript's declarations for `document`, printed (the post-processing prints its own). */
export async function generateTypes(document: JsonObject, locate: Locate, file: string): Promise<string> {
  return astToString(await generateTypeNodes(document, locate, file));
}

/**
 * openapi-typescript's declarations for `document` as nodes, their fields' doc comments completed:
 * what `generateTypes` prints. The transform reads `document` itself, changed in place (by `adjust`,
 * then by the discriminator enums it patches in) and given back as it was (`edits.ts`).
 */
export async function generateTypeNodes(
  document: JsonObject,
  locate: Locate,
  file: string,
  /** Changes the declarations are made with, each recorded in `edits` (`credentialHeadersOptional`). */
  adjust?: (document: JsonObject, edits: Edits) => void,
  /** The model's `readWrite`, `null` when it has none. @default read from the document */
  readWrite?: ReadWriteTypes | null,
): Promise<ts.Statement[]> {
  const edits = new Edits();
  try {
    adjust?.(document, edits);
    inlineDeepRefs(document, edits);
    dropUnsendableBodies(document, edits);
    typeRawBodiesAsSent(document, edits);
    widenConflictingExtraProperties(document, edits);
    const comments = new DocComments();
    const nodes = transformDocument(
      document,
      {
        ...OPENAPI_TS_OPTIONS,
        transformProperty: comments.record,
        ...readWriteOptions(document, readWrite, edits),
      },
      edits,
    );
    comments.apply(nodes, document);
    // Its root: `paths`, `webhooks`, `components`, … declarations.
    return nodes as ts.Statement[];
  } catch (error) {
    const message = (error as Error).message;
    const at = /(#\/[^\s]*)/.exec(message)?.[1];
    throw new GenerateError(at === undefined ? { file } : locate(at), `openapi-typescript: ${message}`, {
      cause: error,
    });
  } finally {
    edits.undo();
  }
}

/**
 * What `openapiTS()` makes of the bundled `document` (which it changes: the discriminator enums it
 * patches in, recorded in `edits` when given) with `options`, as nodes.
 */
export function transformDocument(
  document: JsonObject,
  options: OpenAPITSOptions = OPENAPI_TS_OPTIONS,
  edits?: Edits,
): ts.Node[] {
  const schema = document as unknown as OpenAPI3;
  return transformSchema(schema, transformContext(schema, options, edits));
}

/**
 * The context `openapiTS()` (openapi-typescript 7.13, `src/index.ts`) builds from its options, with
 * its defaults, its discriminators found by a faster walk (`discriminators.ts`). `redoc` is the
 * Redocly config it lints and bundles with; no transform reads it.
 */
function transformContext(schema: OpenAPI3, options: OpenAPITSOptions, edits?: Edits): GlobalContext {
  const silent = options.silent ?? false;
  return {
    additionalProperties: options.additionalProperties ?? false,
    alphabetize: options.alphabetize ?? false,
    arrayLength: options.arrayLength ?? false,
    defaultNonNullable: options.defaultNonNullable ?? true,
    discriminators: scanDiscriminators(schema, options, edits),
    emptyObjectsUnknown: options.emptyObjectsUnknown ?? false,
    enum: options.enum ?? false,
    enumValues: options.enumValues ?? false,
    conditionalEnums: options.conditionalEnums ?? false,
    dedupeEnums: options.dedupeEnums ?? false,
    excludeDeprecated: options.excludeDeprecated ?? false,
    exportType: options.exportType ?? false,
    immutable: options.immutable ?? false,
    rootTypes: options.rootTypes ?? false,
    rootTypesNoSchemaPrefix: options.rootTypesNoSchemaPrefix ?? false,
    rootTypesKeepCasing: options.rootTypesKeepCasing ?? false,
    injectFooter: [],
    pathParamsAsTypes: options.pathParamsAsTypes ?? false,
    postTransform: options.postTransform,
    propertiesRequiredByDefault: options.propertiesRequiredByDefault ?? false,
    redoc: undefined as unknown as GlobalContext['redoc'],
    silent,
    inject: options.inject,
    transform: options.transform,
    transformProperty: options.transformProperty,
    makePathsEnum: options.makePathsEnum ?? false,
    generatePathParams: options.generatePathParams ?? false,
    readWriteMarkers: options.readWriteMarkers ?? false,
    resolve: ($ref) => resolveRef(schema, $ref, { silent }),
  };
}
