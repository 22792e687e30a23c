/**
 * The client module: `index.js` and `index.d.ts` of a package, its public entry. The JS is a
 * one-line factory over the runtime's `createApiClient(api, options)`; the declaration carries what
 * the spec knows: one required option per credential (JSDoc naming the header or scheme it feeds),
 * the documented servers as the suggested values of `baseUrl`, the raw calls on the spec's `paths`
 * (the runtime's `RawClient`), and one method per operation, typed by the named exports of
 * `types.d.ts`. The package exports that factory, its options and client types, the runtime's
 * public surface (`runtime/index`) and the spec's types; the operations table and the runtime's
 * other modules stay inside.
 */
import type { SecuritySchemeInfo } from '../../model/types.js';
import type { ApiModel, OperationModel } from '../../model/types.js';
import { jsDocBlock, pascalCase, propertyKey } from '../../shared/names.js';
import { ABSOLUTE_HTTP_URL } from '../../runtime/context.js';
import type { OperationTypeNames } from '../postprocess/named-exports.js';
import { RUNTIME_FACTORY, type CompiledRuntime } from '../runtime/index.js';

export interface ClientNames {
  /** `createDigaClient` */
  factory: string;
  /** `DigaClientOptions` */
  options: string;
  /** `DigaClient` */
  client: string;
}

export function clientNames(apiName: string): ClientNames {
  const base = pascalCase(apiName) ?? 'Api';
  return { factory: `create${base}Client`, options: `${base}ClientOptions`, client: `${base}Client` };
}

/**
 * What the client module exports besides `types.d.ts`: the runtime's exports and the client's
 * names. The spec's types never take these names (post-processing gives them a suffix), and the
 * change classifier needs them to name the types as post-processing does.
 */
export function reservedTypeNames(apiName: string, runtime: CompiledRuntime): string[] {
  const names = clientNames(apiName);
  return [...runtime.exports.map((entry) => entry.name), names.factory, names.options, names.client];
}

export interface ClientModule {
  js: string;
  dts: string;
}

export function emitClient(
  model: ApiModel,
  typeNames: Map<string, OperationTypeNames>,
  banner: string,
): ClientModule {
  const names = clientNames(model.name);
  const title = model.title;

  const js =
    banner +
    `import { ${RUNTIME_FACTORY.name} } from './runtime/${RUNTIME_FACTORY.module}.js';\n` +
    `import { api } from './operations.js';\n\n` +
    `export * from './runtime/index.js';\n\n` +
    jsDocBlock(
      `Creates a client of the ${title}.\n\n` +
        `@param {import('./index.js').${names.options}} options\n` +
        `@returns {import('./index.js').${names.client}}`,
    ) +
    `export function ${names.factory}(options) {\n` +
    `  // index.d.ts is the contract; the runtime's own signature is generic over every API.\n` +
    `  return /** @type {any} */ (${RUNTIME_FACTORY.name})(api, options);\n` +
    `}\n`;

  const imported = new Set<string>(['paths']);
  const methods = model.operations.map((operation) => {
    const types = typeNames.get(operation.operationId);
    if (types === undefined)
      throw new Error(`no type names for ${operation.operationId}: the post-process step is wrong`);
    for (const name of [
      types.pathParams,
      types.queryParams,
      types.headerParams,
      types.body,
      types.response,
    ]) {
      if (name !== undefined) imported.add(name);
    }
    for (const name of types.errors.values()) imported.add(name);
    return method(operation, types);
  });

  const credentials = model.credentials.map((credential) => {
    const scheme = model.securitySchemes[credential.scheme];
    if (scheme === undefined) throw new Error(`unknown scheme ${credential.scheme}`);
    return (
      jsDocBlock(credentialDoc(credential.scheme, scheme), '  ') +
      `  ${propertyKey(credential.name)}${credential.required ? ': string' : '?: string | undefined'};\n`
    );
  });

  const options = [baseUrlOption(model), ...credentials];
  const dts =
    banner +
    `import type { CallOptions, ClientOptions, RawClient } from './runtime/index.js';\n` +
    `import type { ${[...imported].sort().join(', ')} } from './types.js';\n\n` +
    `export * from './runtime/index.js';\n` +
    `export type * from './types.js';\n\n` +
    jsDocBlock(
      `Options of {@link ${names.factory}}: the runtime's {@link ClientOptions} and the ${title}'s credentials.`,
    ) +
    (options.length === 0
      ? `export type ${names.options} = ClientOptions;\n\n`
      : `export type ${names.options} = ClientOptions & {\n${options.join('')}};\n\n`) +
    jsDocBlock(
      `A client of the ${title}: openapi-fetch's typed \`GET\`, \`PATCH\`, … on \`paths\` (each request checked as written), and one method per operation.`,
    ) +
    `export interface ${names.client} extends RawClient<paths> {\n${methods.join('\n')}}\n\n` +
    jsDocBlock(`Creates a client of the ${title}.`) +
    `export declare function ${names.factory}(options: ${names.options}): ${names.client};\n`;

  return { js, dts };
}

/**
 * `baseUrl`, with the spec's servers offered by the editor and any other URL still accepted
 * (`string & {}` keeps the literals from collapsing into `string`); nothing when it has no absolute one.
 */
function baseUrlOption(model: ApiModel): string {
  const servers = model.servers.filter((server) => ABSOLUTE_HTTP_URL.test(server.url));
  if (servers.length === 0) return '';
  const listed = servers.map(
    (server, index) =>
      `- \`${server.url}\`${index === 0 ? ' (the default)' : ''}${server.description === undefined ? '' : `: ${server.description}`}`,
  );
  const doc = `The server every request goes to: one of the spec's servers, or any absolute http(s) URL.\n\n${listed.join('\n')}`;
  const type = [...servers.map((server) => JSON.stringify(server.url)), '(string & {})', 'undefined'].join(
    ' | ',
  );
  return `${jsDocBlock(doc, '  ')}  baseUrl?: ${type};\n`;
}

function credentialDoc(schemeName: string, scheme: SecuritySchemeInfo): string {
  const sent =
    scheme.type === 'http'
      ? scheme.scheme === 'bearer'
        ? 'Sent as `Authorization: Bearer <token>`'
        : 'Sent for HTTP Basic authentication in the `Authorization` header'
      : scheme.in === 'header'
        ? `Sent as the \`${scheme.name}\` header`
        : scheme.in === 'query'
          ? `Sent as the \`${scheme.name}\` query parameter`
          : `Sent as the \`${scheme.name}\` cookie`;
  const head = `${sent} (security scheme \`${schemeName}\`).`;
  return scheme.description === undefined ? head : `${head}\n\n${scheme.description}`;
}

/** What an operation function resolves with, by the operation's `returns`, for its doc comment. */
const RESOLVES: Record<'json' | 'nothing' | 'text', (status: number) => string> = {
  json: (status) => `resolves with the ${status} response body`,
  nothing: (status) =>
    `resolves with nothing once the ${status} response arrives (the spec documents no body)`,
  text: (status) => `resolves with the ${status} response body as text`,
};

function method(operation: OperationModel, types: OperationTypeNames): string {
  const members: { key: string; type: string; required: boolean }[] = [];
  if (types.pathParams !== undefined) members.push({ key: 'path', type: types.pathParams, required: true });
  if (types.queryParams !== undefined) {
    members.push({
      key: 'query',
      type: types.queryParams,
      required: operation.parameters.query.some((p) => p.required),
    });
  }
  if (types.headerParams !== undefined) {
    members.push({
      key: 'header',
      type: types.headerParams,
      required: operation.parameters.header.some((p) => p.required),
    });
  }
  if (types.body !== undefined) {
    members.push({ key: 'body', type: types.body, required: operation.requestBody?.required === true });
  }
  const argsRequired = members.some((member) => member.required);
  const args =
    members.length === 0
      ? 'args?: Record<string, never>'
      : `args${argsRequired ? '' : '?'}: { ${members.map((m) => `${m.key}${m.required ? '' : '?'}: ${m.type}${m.required ? '' : ' | undefined'}`).join('; ')} }`;

  const errors = operation.errors.map(
    (error) => `${error.status} ({@link ${types.errors.get(error.status)}})`,
  );
  const doc = [
    operation.summary,
    operation.description,
    `\`${operation.method.toUpperCase()} ${operation.path}\`: ${RESOLVES[operation.returns ?? 'json'](operation.successStatus)}.` +
      (errors.length > 0 ? ` Documented error statuses: ${errors.join(', ')}.` : ''),
    operation.deprecated ? '@deprecated' : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('\n\n');
  return (
    jsDocBlock(doc, '  ') +
    `  ${propertyKey(operation.operationId)}(${args}, options?: CallOptions): Promise<${types.response}>;\n`
  );
}
