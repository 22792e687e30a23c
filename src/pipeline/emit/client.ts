/**
 * The client module: `index.js` and `index.d.ts` of a package, its public entry. The JS is a
 * one-line factory over the runtime's `createApiClient(api, options)`; the declaration carries what
 * the spec knows: one option per credential (JSDoc naming the header or scheme it feeds; required
 * only when the factory cannot do without it, see `collectCredentials`),
 * the documented servers as the suggested values of `baseUrl`, the raw calls on the spec's `paths`
 * (the runtime's `RawClient`), and one method per operation, typed by the named exports of
 * `types.d.ts`. The package exports that factory, its options and client types, the runtime's
 * public surface (`runtime/index`) and the spec's types; the operations table and the runtime's
 * other modules stay inside.
 */
import { givenByCall } from '../../model/header-credentials.js';
import type { SecuritySchemeInfo } from '../../model/types.js';
import type { ApiModel, OperationModel, ResponseKind } from '../../model/types.js';
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

  // HTTP basic's option is `{ username, password }`; the runtime attaches one string per credential.
  const basic = Object.values(model.securitySchemes)
    .filter((scheme) => scheme.type === 'http' && scheme.scheme === 'basic')
    .map((scheme) => scheme.credential);
  const js =
    banner +
    `import { ${RUNTIME_FACTORY.name} } from './runtime/${RUNTIME_FACTORY.module}.js';\n` +
    (basic.length === 0 ? '' : `import { basicCredentials } from './runtime/auth.js';\n`) +
    `import { api } from './operations.js';\n\n` +
    `export * from './runtime/index.js';\n\n` +
    jsDocBlock(
      `Creates a client of the ${title}.\n\n` +
        `@param {import('./index.js').${names.options}} options\n` +
        `@returns {import('./index.js').${names.client}}`,
    ) +
    `export function ${names.factory}(options) {\n` +
    `  // index.d.ts is the contract; the runtime's own signature is generic over every API.\n` +
    (basic.length === 0
      ? `  return /** @type {any} */ (${RUNTIME_FACTORY.name})(api, options);\n`
      : `  return /** @type {any} */ (${RUNTIME_FACTORY.name})(api, basicCredentials(options, ${JSON.stringify(basic)}));\n`) +
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
      `  ${propertyKey(credential.name)}${credential.required ? ':' : '?:'} ${credentialType(scheme)}${credential.required ? '' : ' | undefined'};\n`
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

/** How a scheme's credential is sent, in a sentence: for the option's JSDoc and the README. */
export function credentialSent(scheme: SecuritySchemeInfo): string {
  if (scheme.type === 'http') {
    if (scheme.scheme === 'basic')
      return 'Sent for HTTP Basic authentication in the `Authorization` header, as `username:password` in base64';
    const token =
      scheme.origin === 'oauth2'
        ? 'an OAuth 2 access token, which the application gets from the provider'
        : scheme.origin === 'openIdConnect'
          ? 'an OpenID Connect access token, which the application gets from the provider'
          : undefined;
    return `Sent as \`Authorization: Bearer <token>\`${token === undefined ? '' : `: ${token}`}`;
  }
  if (scheme.parameter)
    return `Sent as the \`${scheme.name}\` header, a header parameter of the operations that take it: a call's own value wins`;
  return `Sent as the \`${scheme.name}\` ${scheme.in === 'header' ? 'header' : scheme.in === 'query' ? 'query parameter' : 'cookie'}`;
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
  const head =
    scheme.type === 'apiKey' && scheme.parameter
      ? `${credentialSent(scheme)}.`
      : `${credentialSent(scheme)} (security scheme \`${schemeName}\`).`;
  return scheme.description === undefined ? head : `${head}\n\n${scheme.description}`;
}

/** The type of a credential option: a string, or basic's username and password. */
export function credentialType(scheme: SecuritySchemeInfo): string {
  return scheme.type === 'http' && scheme.scheme === 'basic'
    ? '{ username: string; password: string }'
    : 'string';
}

/** A call's `{ as: 'stream' }`, for the operations whose body is not JSON. */
const AS_STREAM = "(`{ as: 'stream' }`: a ReadableStream of its bytes as they arrive)";

/** What an operation function resolves with, by the operation's `returns`, for its doc comment. */
const RESOLVES: Record<'json' | ResponseKind, (status: number) => string> = {
  json: (status) => `resolves with the ${status} response body`,
  nothing: (status) =>
    `resolves with nothing once the ${status} response arrives (the spec documents no body)`,
  text: (status) => `resolves with the ${status} response body as text ${AS_STREAM}`,
  bytes: (status) =>
    `resolves with the ${status} response body as a Blob, whose \`type\` is its Content-Type ${AS_STREAM}`,
  events: (status) =>
    `resolves with the ${status} response's server-sent events as they arrive (\`{ event, data, id?, retry? }\`), an async iterable (\`for await\`; leaving the loop early cancels the body) ${AS_STREAM}`,
};

function method(operation: OperationModel, types: OperationTypeNames): string {
  const members: { key: string; type: string; required: boolean }[] = [];
  if (types.pathParams !== undefined) members.push({ key: 'path', type: types.pathParams, required: true });
  if (types.queryParams !== undefined) {
    members.push({
      key: 'query',
      type: types.queryParams,
      // As a header: a key the client sends is not the call's to give.
      required: operation.parameters.query.some(givenByCall),
    });
  }
  if (types.headerParams !== undefined) {
    members.push({
      key: 'header',
      type: types.headerParams,
      // A header that carries the client's credential is the client's to send (see header-credentials.ts).
      required: operation.parameters.header.some(givenByCall),
    });
  }
  if (types.body !== undefined) {
    members.push({ key: 'body', type: types.body, required: operation.requestBody?.required === true });
  }
  const argsRequired = members.some((member) => member.required);
  const argsType =
    members.length === 0
      ? 'Record<string, never>'
      : `{ ${members.map((m) => `${m.key}${m.required ? '' : '?'}: ${m.type}${m.required ? '' : ' | undefined'}`).join('; ')} }`;
  const args = `args${argsRequired ? '' : '?'}: ${argsType}`;

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
  const name = propertyKey(operation.operationId);
  // A body that is not JSON may be had as the stream itself: an overload, so each call's type says which.
  const stream =
    operation.returns === undefined || operation.returns === 'nothing'
      ? ''
      : jsDocBlock(doc, '  ') +
        // Options that are required cannot follow optional arguments: `undefined` is written out.
        `  ${name}(args: ${argsType}${argsRequired ? '' : ' | undefined'}, options: CallOptions & { as: 'stream' }): Promise<ReadableStream<Uint8Array>>;\n`;
  return (
    stream +
    jsDocBlock(doc, '  ') +
    `  ${name}(${args}, options?: CallOptions): Promise<${types.response}>;\n`
  );
}
