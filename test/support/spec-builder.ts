/** The one-operation OpenAPI document that tests build their inline specs from. */
import type { JsonObject } from '../../src/shared/openapi.js';

export interface OneOperationSpec {
  /** @default 'patch' */
  method?: string;
  /** @default '/a/{id}' */
  path?: string;
  /** Merged into the operation, over `operationId: 'updateA'` and a 200 response without a body. */
  operation?: JsonObject;
  /** Merged into the path item, beside the operation (`parameters`, `servers`, …). */
  pathItem?: JsonObject;
  /** Merged into the document, over `openapi`, `info` (`T`, version `1`), `servers` and `paths`. */
  document?: JsonObject;
}

/**
 * A valid OpenAPI 3.1 document with one operation: `PATCH /a/{id}` (`updateA`) on
 * `https://api.test`, answering 200 without a body, unless the options say otherwise. A key given
 * as `undefined` is left out: `{ document: { servers: undefined } }` is a spec without servers.
 */
export function oneOperationSpec({
  method = 'patch',
  path = '/a/{id}',
  operation = {},
  pathItem = {},
  document = {},
}: OneOperationSpec = {}): JsonObject {
  const responses = { '200': { description: 'ok' } };
  // Each name of the path's template is a path parameter, declared on the path item unless the
  // options declare it: OpenAPI requires one per name, and the model refuses a path without.
  const declared = [pathItem.parameters, operation.parameters].flatMap((list) =>
    Array.isArray(list) ? list.map((p) => (p as JsonObject)?.in === 'path' && (p as JsonObject).name) : [],
  );
  const missing = [...path.matchAll(/\{([^}]+)\}/g)]
    .map(([, name]) => name!)
    .filter((name) => !declared.includes(name));
  const pathParameters = missing.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const item = {
    ...pathItem,
    ...(pathParameters.length === 0
      ? {}
      : {
          parameters: [...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []), ...pathParameters],
        }),
    [method]: defined({ operationId: 'updateA', responses, ...operation }),
  };
  // A copy: rows that mutate the document must not reach into each other's objects.
  return structuredClone(
    defined({
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      servers: [{ url: 'https://api.test' }],
      paths: { [path]: defined(item) },
      ...document,
    }),
  );
}

function defined(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
