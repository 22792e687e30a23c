/**
 * Stage 3, types: openapi-typescript's Node API on the bundled document (not a subprocess, so
 * there is no second parse of the spec and no shell in between). Its output is the raw
 * `paths`/`components`/`operations` declarations the post-processing steps then refine.
 * @see https://openapi-ts.dev/node
 */
import openapiTS, {
  astToString,
  type OpenAPI3,
  type OpenAPITSOptions,
  type SchemaObject,
} from 'openapi-typescript';
import ts from 'typescript';
import { GenerateError } from './errors.js';
import type { Locate } from './model.js';
import { isObject, type JsonObject } from './openapi.js';

/** The options every package is generated with; each deviation from the default says why. */
export const OPENAPI_TS_OPTIONS: OpenAPITSOptions = {
  // The bundled document was linted against the project's config already; no console output.
  silent: true,
  // Keys in the source's order: the spec's order is the documentation's.
  alphabetize: false,
  transform: closedEmptyObject,
};

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

export async function generateTypes(document: JsonObject, locate: Locate, file: string): Promise<string> {
  let nodes: ts.Node[];
  try {
    // openapi-typescript bundles again and may rewrite what it is given; the caller keeps using its copy.
    nodes = await openapiTS(structuredClone(document) as unknown as OpenAPI3, OPENAPI_TS_OPTIONS);
  } catch (error) {
    const message = (error as Error).message;
    const at = /(#\/[^\s]*)/.exec(message)?.[1];
    throw new GenerateError(at === undefined ? { file } : locate(at), `openapi-typescript: ${message}`, {
      cause: error,
    });
  }
  return astToString(nodes);
}
