/**
 * The operations table. The runtime knows a vendor only through the `ApiDescription` in
 * `operations.js` (see `src/runtime/api-description.ts`), derived here from the pipeline's
 * `ApiModel`: the first server URL, one security scheme constructor call per scheme (operations
 * refer to the scheme itself),
 * and per operation (by operation id) its method, path, security and, when it has its own, its
 * first server (the client sends to the first; the others are the spec's, in `openapi.json`),
 * how its request body goes out when not as application/json, how its query is serialised when not
 * OpenAPI's default way, the reader of its success body when that is not JSON, and which error
 * responses have a body (what a raw call's `error` is).
 *
 * Only what the runtime acts on: the table is in every bundle that uses the client, and the rest
 * of the model (titles, descriptions, statuses) is in the `openapi.json` the package ships.
 * Each scheme is built by the `runtime/auth.js` constructor of its kind, and each body serialiser
 * (`runtime/body.js`) and reader (`runtime/response.js`) imported by name, so a bundler drops the
 * code of kinds the API does not use.
 */
import type { ApiModel, OperationModel, SecuritySchemeInfo } from '../../model/types.js';
import { requestBodyKind } from '../../model/media-type-object.js';
import { jsDocText, jsonExpression } from '../../shared/names.js';

/** The `runtime/auth.js` constructor call that builds a scheme. */
function schemeConstructor(scheme: SecuritySchemeInfo): { name: string; call: string } {
  const credential = JSON.stringify(scheme.credential);
  if (scheme.type === 'http') {
    const name = scheme.scheme === 'bearer' ? 'httpBearer' : 'httpBasic';
    return { name, call: `${name}(${credential})` };
  }
  const name = scheme.parameter
    ? 'headerParameter'
    : { header: 'apiKeyHeader', query: 'apiKeyQuery', cookie: 'apiKeyCookie' }[scheme.in];
  return { name, call: `${name}(${credential}, ${JSON.stringify(scheme.name)})` };
}

/**
 * How an operation's request body goes out when not as application/json. JSON types are
 * serialised by openapi-fetch itself once the Content-Type says what they are; forms by the
 * runtime's serialisers (multipart as FormData, whose Content-Type with its boundary fetch writes;
 * urlencoded fields as OpenAPI's default writes them), with the spec's `encoding` where it changes
 * something; anything else (text, bytes) is sent as given. The serialisers come from
 * `runtime/body.js`, imported by name.
 */
function requestBodyFields(operation: OperationModel, serializers: Set<string>): string[] {
  const { contentType } = operation;
  if (contentType === undefined) return [];
  const header = `contentType: ${JSON.stringify(contentType)}`;
  const kind = requestBodyKind(contentType);
  if (kind === 'json') return [header];
  const serializer = { multipart: 'formData', urlencoded: 'urlEncoded', raw: 'asIs' }[kind];
  serializers.add(serializer);
  const encoding = operation.requestBody?.encoding;
  const call =
    encoding === undefined
      ? serializer
      : `(/** @type {unknown} */ body) => ${serializer}(body, ${jsonExpression(encoding)})`;
  // A raw call to the operation's path sends its body the same way (`sentAsDescribed`), which a
  // client of JSON bodies then does not bundle.
  serializers.add('sentAsDescribed');
  const fields = [`bodySerializer: ${call}`, 'raw: sentAsDescribed'];
  // fetch writes multipart's Content-Type itself, with the boundary it chose.
  return serializer === 'formData' ? fields : [header, ...fields];
}

/**
 * How an operation's query is serialised when not OpenAPI's default way: openapi-fetch's options,
 * or, when its parameters of one kind differ, `runtime/query.js`'s serialiser of each its own way
 * (by name as sent: percent-encoded).
 */
function queryFields(operation: OperationModel, queries: Set<string>): string[] {
  const { query } = operation;
  if (query === undefined) return [];
  if (query.parameters === undefined) return [`query: ${JSON.stringify(query)}`];
  queries.add('perParameter');
  const ways = Object.fromEntries(
    Object.entries(query.parameters).map(([name, way]) => [encodeURIComponent(name), way]),
  );
  return [`query: perParameter(${jsonExpression(ways)})`];
}

/**
 * `operations.js`: the table the factory hands to the runtime. Not exported by the package, so no declarations.
 * @param checks each operation's checks module (`./checks/updateAgent.js`), loaded by dynamic
 * import so that a bundler splits it off
 */
export function emitOperationsTable(model: ApiModel, banner: string, checks?: Map<string, string>): string {
  // describeApi gives every API and operation a first server.
  const apiServer = JSON.stringify(model.servers[0]!.url);
  const constructors = new Set<string>();
  const serializers = new Set<string>();
  const queries = new Set<string>();
  const readers = new Set(model.operations.flatMap((operation) => operation.returns ?? []));
  // Each scheme once; operations refer to it by its index, whatever the spec calls it.
  const schemeLines: string[] = [];
  const index = new Map<string, number>();
  for (const [name, scheme] of Object.entries(model.securitySchemes)) {
    const { name: constructor, call } = schemeConstructor(scheme);
    constructors.add(constructor);
    index.set(name, schemeLines.length);
    schemeLines.push(`  ${call}, // ${JSON.stringify(name)}`);
  }
  const security = (alternatives: string[][]): string =>
    `[${alternatives.map((names) => `[${names.map((name) => `schemes[${index.get(name)!}]`).join(', ')}]`).join(', ')}]`;
  const lines: string[] = [
    // Typed when empty: a checkJs project (the repository's own typecheck) would infer any[] (TS7034).
    schemeLines.length === 0
      ? '/** @type {never[]} */\nconst schemes = [];'
      : `const schemes = [\n${schemeLines.join('\n')}\n];`,
    '',
    `/** ${jsDocText(`${model.title} ${model.version}`)}, as the runtime reads it (runtime/api-description.js). */`,
    'export const api = {',
    `  server: ${apiServer},`,
    '  schemes,',
    '  operations: {',
  ];
  for (const operation of model.operations) {
    // An inherited server is not repeated. describeApi accepts only absolute URLs first in the
    // servers of operations and path items.
    const server = JSON.stringify(operation.servers[0]!.url);
    const fields = [
      `method: ${JSON.stringify(operation.method.toUpperCase())}`,
      `path: ${JSON.stringify(operation.path)}`,
      `security: ${security(operation.security)}`,
      ...(server === apiServer ? [] : [`server: ${server}`]),
      ...requestBodyFields(operation, serializers),
      ...queryFields(operation, queries),
      ...(operation.returns === undefined ? [] : [`returns: ${operation.returns}`]),
      ...(operation.errorBodies.length === 0
        ? []
        : [`errorBodies: ${JSON.stringify(operation.errorBodies)}`]),
      ...(checks?.has(operation.operationId)
        ? [`checks: () => import(${JSON.stringify(checks.get(operation.operationId))})`]
        : []),
    ];
    lines.push(`    ${JSON.stringify(operation.operationId)}: { ${fields.join(', ')} },`);
  }
  lines.push('  },', '};');

  const importLines = (
    [
      [constructors, 'auth'],
      [serializers, 'body'],
      [queries, 'query'],
      [readers, 'response'],
    ] as const
  )
    .filter(([names]) => names.size > 0)
    .map(([names, module]) => `import { ${[...names].sort().join(', ')} } from './runtime/${module}.js';`);
  const imports = importLines.length > 0 ? `${importLines.join('\n')}\n\n` : '';
  return banner + imports + `${lines.join('\n')}\n`;
}
