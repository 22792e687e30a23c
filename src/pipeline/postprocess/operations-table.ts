/**
 * Post-processing step: the operations table. The runtime knows a vendor only through the
 * `ApiDescription` in `operations.js` (see `src/runtime/api-description.ts`), derived here from
 * the pipeline's `ApiSummary`: the default server, one security scheme constructor call per
 * scheme, and per operation its method, path, security and, when it has its own, server.
 *
 * Only what the runtime acts on: the table is in every bundle that uses the client, and the rest
 * of the summary (titles, descriptions, statuses) is in the `openapi.json` the package ships.
 * Each scheme is built by the `runtime/auth.js` constructor of its kind, imported by name, so a
 * bundler drops the code of kinds the API does not use.
 */
import type { ApiSummary, SecuritySchemeInfo } from '../api-summary.js';
import { ABSOLUTE_HTTP_URL } from '../model.js';
import { jsDocText } from '../names.js';

export interface OperationsModule {
  js: string;
  dts: string;
}

/** The `runtime/auth.js` constructor call that builds a scheme. */
function schemeConstructor(scheme: SecuritySchemeInfo): { name: string; call: string } {
  const credential = JSON.stringify(scheme.credential);
  if (scheme.type === 'http') {
    const name = scheme.scheme === 'bearer' ? 'httpBearer' : 'httpBasic';
    return { name, call: `${name}(${credential})` };
  }
  const name = { header: 'apiKeyHeader', query: 'apiKeyQuery', cookie: 'apiKeyCookie' }[scheme.in];
  return { name, call: `${name}(${credential}, ${JSON.stringify(scheme.name)})` };
}

export function emitOperationsTable(api: ApiSummary, banner: string): OperationsModule {
  const defaultUrl = api.servers[0]?.url;
  const lines: string[] = ['export const api = {'];
  if (defaultUrl !== undefined && ABSOLUTE_HTTP_URL.test(defaultUrl))
    lines.push(`  baseUrl: ${JSON.stringify(defaultUrl)},`);

  const constructors = new Set<string>();
  lines.push('  securitySchemes: {');
  for (const [name, scheme] of Object.entries(api.securitySchemes)) {
    const { name: constructor, call } = schemeConstructor(scheme);
    constructors.add(constructor);
    lines.push(`    ${JSON.stringify(name)}: ${call},`);
  }
  lines.push('  },', '  operations: {');
  for (const [operationId, operation] of Object.entries(api.operations)) {
    // describeApi accepts only absolute URLs for servers of operations and path items.
    const ownUrl = operation.servers[0]?.url;
    const fields = [
      `method: ${JSON.stringify(operation.method.toUpperCase())}`,
      `path: ${JSON.stringify(operation.path)}`,
      `security: ${JSON.stringify(operation.security)}`,
      ...(ownUrl !== undefined && ownUrl !== defaultUrl ? [`baseUrl: ${JSON.stringify(ownUrl)}`] : []),
    ];
    lines.push(`    ${JSON.stringify(operationId)}: { ${fields.join(', ')} },`);
  }
  lines.push('  },', '};');

  const imports =
    constructors.size > 0
      ? `import { ${[...constructors].sort().join(', ')} } from './runtime/auth.js';\n\n`
      : '';
  return {
    js:
      banner +
      imports +
      `/** @type {import('./runtime/api-description.js').ApiDescription} */\n` +
      `${lines.join('\n')}\n`,
    dts:
      banner +
      `import type { ApiDescription } from './runtime/api-description.js';\n\n` +
      `/** ${jsDocText(`${api.title} ${api.version}`)}, as the runtime reads it: default server, credentials and operations. */\n` +
      `export declare const api: ApiDescription;\n`,
  };
}
