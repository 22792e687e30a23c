/**
 * Stage 3a, analyse: what the rest of the pipeline needs to know about one bundled spec, read once
 * and checked once. The operations table (`ApiSummary`), the named type exports, the client
 * module and the README are all emitted from this model, so they cannot disagree about an
 * operation's name, parameters, statuses or credentials.
 *
 * Every rule the runtime depends on is checked here with the spec position of the offending node,
 * even where the linter checks it too: the pipeline must not emit a client from a spec the
 * linter was configured to let through.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { ABSOLUTE_HTTP_URL } from '../runtime/options.js';
import { GenerateError, GenerateErrors, type Locate } from '../shared/errors.js';
import { camelCase, isBindingName } from '../shared/names.js';
import {
  deref,
  isObject,
  optionalString,
  pointer,
  pointerSegment,
  type JsonObject,
} from '../shared/openapi.js';
import type {
  ApiModel,
  BodyModel,
  CredentialModel,
  HttpMethod,
  OperationModel,
  ParameterModel,
  QuerySerialization,
  ResponseModel,
  SchemaModel,
  SecuritySchemeInfo,
  ServerInfo,
} from './types.js';

export const HTTP_METHODS: readonly HttpMethod[] = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

/** Members of openapi-fetch's `Client`, which every generated client extends: no operation may shadow one. */
export const CLIENT_MEMBERS = new Set([
  'request',
  'GET',
  'PUT',
  'POST',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PATCH',
  'TRACE',
  'use',
  'eject',
]);

/**
 * Method names JavaScript itself calls on an object, with what would call them: an operation of
 * that name would be sent by code that never meant to (a client returned from an async function
 * is resolved through its `then`). camelCase, so the lint rule lets them through.
 */
export const IMPLICITLY_CALLED: ReadonlyMap<string, string> = new Map([
  ['then', 'returning the client from an async function, or awaiting it, would call the operation'],
  ['toJSON', 'JSON.stringify(client) would call the operation'],
  ...Object.getOwnPropertyNames(Object.prototype).map(
    (name) =>
      [
        name,
        `it would shadow Object.prototype.${name}, which string conversion and libraries rely on`,
      ] as const,
  ),
]);

export const JSON_MEDIA_TYPE: RegExp = /^application\/(?:[\w.+-]+\+)?json(?:;.*)?$/i;

export function describeApi(name: string, document: JsonObject, locate: Locate): ApiModel {
  const problems: GenerateError[] = [];
  const fail = (at: string, what: string): void => void problems.push(new GenerateError(locate(at), what));

  const info = isObject(document.info) ? document.info : {};
  const servers = readServers(document.servers, pointer('servers'), fail) ?? [{ url: '/' }];
  const securitySchemes = readSecuritySchemes(document, fail);
  // Requirements are checked against every declared scheme, so a scheme rejected above is not
  // reported a second time at each place that names it.
  const declared = new Set(
    Object.keys(
      isObject(document.components) && isObject(document.components.securitySchemes)
        ? document.components.securitySchemes
        : {},
    ),
  );
  const defaultSecurity = readSecurity(document.security, pointer('security'), declared, fail) ?? [];

  const operations = readOperations(document, { servers, security: defaultSecurity, declared, fail });
  const schemas = readSchemas(document);

  if (problems.length > 0) throw problems.length === 1 ? problems[0]! : new GenerateErrors(problems);

  const description = optionalString(info.description);
  return {
    name,
    title: String(info.title ?? name),
    version: String(info.version ?? ''),
    ...(description === undefined ? {} : { description }),
    servers,
    securitySchemes,
    operations,
    schemas,
    credentials: collectCredentials(securitySchemes, operations),
  };
}

type Fail = (at: string, what: string) => void;

/** Every operation of `paths`, in spec order, with what it inherits from its path item and the document. */
function readOperations(
  document: JsonObject,
  defaults: { servers: ServerInfo[]; security: string[][]; declared: Set<string>; fail: Fail },
): OperationModel[] {
  const { servers, declared, fail } = defaults;
  const defaultSecurity = defaults.security;
  const operations: OperationModel[] = [];
  const byId = new Map<string, string>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemPointer = pointer('paths', path);
    const item = deref(document, rawItem, itemPointer);
    if (item === undefined) {
      fail(itemPointer, `path item ${path} cannot be resolved`);
      continue;
    }
    const itemServers = readServers(item.value.servers, pointer('paths', path, 'servers'), fail, true);
    for (const method of HTTP_METHODS) {
      const raw = item.value[method];
      if (raw === undefined) continue;
      const at = pointer('paths', path, method);
      if (!isObject(raw)) {
        fail(at, `${method.toUpperCase()} ${path} is not an operation object`);
        continue;
      }
      const operationId = raw.operationId;
      if (typeof operationId !== 'string' || operationId === '') {
        fail(at, `${method.toUpperCase()} ${path} has no operationId: the client method is named after it`);
        continue;
      }
      const earlier = byId.get(operationId);
      if (earlier !== undefined) {
        fail(
          pointer('paths', path, method, 'operationId'),
          `operationId ${operationId} is also used by ${earlier}`,
        );
        continue;
      }
      byId.set(operationId, `${method.toUpperCase()} ${path}`);
      if (CLIENT_MEMBERS.has(operationId)) {
        fail(
          pointer('paths', path, method, 'operationId'),
          `operationId ${operationId} would shadow openapi-fetch's Client.${operationId}; rename the operation`,
        );
        continue;
      }
      const implicitly = IMPLICITLY_CALLED.get(operationId);
      if (implicitly !== undefined) {
        fail(
          pointer('paths', path, method, 'operationId'),
          `operationId ${operationId} is a method JavaScript calls by itself: ${implicitly}; rename the operation`,
        );
        continue;
      }
      const operation = readOperation(document, {
        operation: raw,
        operationId,
        method,
        path,
        at,
        pathParameters: item.value.parameters,
        pathParametersAt: pointer('paths', path, 'parameters'),
        servers:
          readServers(raw.servers, pointer('paths', path, method, 'servers'), fail, true) ??
          itemServers ??
          servers,
        security:
          raw.security === undefined
            ? defaultSecurity
            : (readSecurity(raw.security, pointer('paths', path, method, 'security'), declared, fail) ?? []),
        fail,
      });
      if (operation !== undefined) operations.push(operation);
    }
  }

  return operations;
}

function readSchemas(document: JsonObject): SchemaModel[] {
  const schemas: SchemaModel[] = [];
  const componentSchemas = isObject(document.components) ? document.components.schemas : undefined;
  if (isObject(componentSchemas)) {
    for (const [schemaName, schema] of Object.entries(componentSchemas)) {
      const at = pointer('components', 'schemas', schemaName);
      const resolved = deref(document, schema, at);
      const value = resolved?.value ?? {};
      schemas.push({
        name: schemaName,
        pointer: at,
        title: optionalString(value.title),
        description: optionalString(value.description),
        deprecated: value.deprecated === true,
      });
    }
  }

  return schemas;
}

/**
 * `servers` with variables replaced by their defaults: the runtime takes a URL, not a template.
 * The document's servers may be relative (the client then needs a `baseUrl`); the first server
 * of a path item or an operation is where the client sends that operation, so it must be absolute.
 * @see https://spec.openapis.org/oas/v3.1.0#server-object
 */
function readServers(value: unknown, at: string, fail: Fail, absolute = false): ServerInfo[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    fail(at, '`servers` must be a list');
    return undefined;
  }
  if (value.length === 0) return undefined;
  const servers: ServerInfo[] = [];
  value.forEach((server, index) => {
    if (!isObject(server) || typeof server.url !== 'string') {
      fail(`${at}/${index}`, 'a server needs a `url` string');
      return;
    }
    const variables = isObject(server.variables) ? server.variables : {};
    const url = server.url.replace(/\{([^}]*)\}/g, (whole, variable: string) => {
      const defaultValue = isObject(variables[variable]) ? variables[variable].default : undefined;
      if (typeof defaultValue === 'string') return defaultValue;
      fail(`${at}/${index}/url`, `server variable {${variable}} has no default value`);
      return whole;
    });
    // A URL still holding {braces} has had its missing variable default reported above.
    if (absolute && index === 0 && !url.includes('{') && !ABSOLUTE_HTTP_URL.test(url))
      fail(
        `${at}/${index}/url`,
        `the first server of a path item or an operation must be an absolute http(s) URL, got ${JSON.stringify(url)}: the client sends this operation's requests there`,
      );
    const description = optionalString(server.description);
    servers.push(description === undefined ? { url } : { url, description });
  });
  return servers;
}

/**
 * Security schemes as the runtime attaches them, each with the name of the factory option that
 * holds its credential.
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
function readSecuritySchemes(document: JsonObject, fail: Fail): Record<string, SecuritySchemeInfo> {
  const schemes: Record<string, SecuritySchemeInfo> = {};
  const raw = isObject(document.components) ? document.components.securitySchemes : undefined;
  if (!isObject(raw)) return schemes;
  const credentialOwner = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    const at = pointer('components', 'securitySchemes', name);
    const scheme = deref(document, value, at)?.value;
    if (scheme === undefined) {
      fail(at, `security scheme ${name} cannot be resolved`);
      continue;
    }
    const description = optionalString(scheme.description);
    let info: SecuritySchemeInfo | undefined;
    if (scheme.type === 'http') {
      const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
      if (httpScheme !== 'bearer' && httpScheme !== 'basic') {
        fail(
          `${at}/scheme`,
          `http scheme ${JSON.stringify(scheme.scheme)} is not supported (bearer or basic)`,
        );
        continue;
      }
      info = { type: 'http', scheme: httpScheme, credential: '' };
    } else if (scheme.type === 'apiKey') {
      if (scheme.in !== 'header' && scheme.in !== 'query' && scheme.in !== 'cookie') {
        fail(`${at}/in`, 'an apiKey scheme must say `in: header`, `query` or `cookie`');
        continue;
      }
      if (typeof scheme.name !== 'string' || scheme.name === '') {
        fail(at, 'an apiKey scheme needs the `name` of its header, query parameter or cookie');
        continue;
      }
      info = { type: 'apiKey', in: scheme.in, name: scheme.name, credential: '' };
    } else {
      fail(
        `${at}/type`,
        `security scheme type ${JSON.stringify(scheme.type)} is not supported: the runtime attaches http bearer/basic and apiKey credentials`,
      );
      continue;
    }
    const override = scheme['x-credential-name'];
    if (override !== undefined && (typeof override !== 'string' || !isBindingName(override))) {
      fail(
        `${at}/x-credential-name`,
        `x-credential-name must be a JavaScript identifier, got ${JSON.stringify(override)}`,
      );
      continue;
    }
    const credential = credentialName(scheme);
    if (credential === undefined || !isBindingName(credential)) {
      fail(at, `cannot derive a credential name for ${name}; set x-credential-name`);
      continue;
    }
    info.credential = credential;
    const owner = credentialOwner.get(info.credential);
    if (owner !== undefined) {
      fail(
        at,
        `security schemes ${owner} and ${name} both take the credential \`${info.credential}\`; give one an x-credential-name`,
      );
      continue;
    }
    credentialOwner.set(info.credential, name);
    if (description !== undefined) info.description = description;
    schemes[name] = info;
  }
  return schemes;
}

/**
 * The factory option that takes a security scheme's credential, as the package names it: the
 * scheme's `x-credential-name`, else the name derived from the scheme. Undefined when there is
 * none (`describeApi` then rejects the scheme). The change classifier compares it too.
 */
export function credentialName(scheme: JsonObject): string | undefined {
  const override = scheme['x-credential-name'];
  if (override !== undefined) return typeof override === 'string' ? override : undefined;
  return derivedCredentialName(scheme);
}

/**
 * `token` for HTTP bearer, `basic` for HTTP basic, an API key's name camel-cased without its `x-`
 * (`x-workspace-id` gives `workspaceId`, `X-WorkSpace-Id` gives `workSpaceId`).
 */
function derivedCredentialName(scheme: JsonObject): string | undefined {
  if (scheme.type === 'http') {
    const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
    return httpScheme === 'bearer' ? 'token' : httpScheme === 'basic' ? 'basic' : undefined;
  }
  if (scheme.type === 'apiKey' && typeof scheme.name === 'string')
    return camelCase(scheme.name.replace(/^x-/i, ''));
  return undefined;
}

/** @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object */
function readSecurity(value: unknown, at: string, declared: Set<string>, fail: Fail): string[][] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    fail(at, '`security` must be a list of security requirements');
    return undefined;
  }
  const alternatives: string[][] = [];
  value.forEach((requirement, index) => {
    if (!isObject(requirement)) {
      fail(`${at}/${index}`, 'a security requirement must be a mapping of scheme names to scopes');
      return;
    }
    const names = Object.keys(requirement);
    for (const name of names) {
      if (!declared.has(name)) {
        fail(
          `${at}/${index}/${pointerSegment(name)}`,
          `security requirement names ${name}, which is not in components.securitySchemes` +
            (declared.size > 0 ? ` (defined: ${[...declared].join(', ')})` : ''),
        );
      }
    }
    alternatives.push(names);
  });
  return alternatives;
}

interface OperationInput {
  operation: JsonObject;
  operationId: string;
  method: HttpMethod;
  path: string;
  at: string;
  pathParameters: unknown;
  pathParametersAt: string;
  servers: ServerInfo[];
  security: string[][];
  fail: Fail;
}

function readOperation(document: JsonObject, input: OperationInput): OperationModel | undefined {
  const { operation, at, fail } = input;
  const { parameters, query } = readParameters(document, input);

  let requestBody: BodyModel | undefined;
  if (operation.requestBody !== undefined) {
    const bodyAt = `${at}/requestBody`;
    const body = deref(document, operation.requestBody, bodyAt);
    if (body === undefined || !isObject(body.value.content)) {
      fail(bodyAt, 'the request body needs `content`');
    } else {
      const mediaType = pickMediaType(body.value.content);
      if (mediaType === undefined) fail(`${bodyAt}/content`, 'the request body lists no media type');
      else {
        requestBody = { mediaType, required: body.value.required === true };
        const description = optionalString(body.value.description);
        if (description !== undefined) requestBody.description = description;
      }
    }
  }

  const responsesAt = `${at}/responses`;
  const responses = isObject(operation.responses) ? operation.responses : undefined;
  if (responses === undefined) {
    fail(at, `${input.operationId} has no responses`);
    return undefined;
  }
  const successes: ResponseModel[] = [];
  const errors: ResponseModel[] = [];
  for (const [code, raw] of Object.entries(responses)) {
    if (!/^[1-5]\d\d$/.test(code)) continue; // `default` and ranges such as `4XX` name no one status
    const responseAt = `${responsesAt}/${code}`;
    const response = deref(document, raw, responseAt);
    if (response === undefined) {
      fail(responseAt, `response ${code} cannot be resolved`);
      continue;
    }
    const model: ResponseModel = { status: Number(code) };
    const mediaType = isObject(response.value.content) ? pickMediaType(response.value.content) : undefined;
    if (mediaType !== undefined) model.mediaType = mediaType;
    const description = optionalString(response.value.description);
    if (description !== undefined) model.description = description;
    (model.status >= 200 && model.status < 300 ? successes : errors).push(model);
  }
  successes.sort((a, b) => a.status - b.status);
  errors.sort((a, b) => a.status - b.status);
  // OpenAPI requires no 2xx (GitHub's download endpoints document only their 302): the runtime
  // then decodes a 200 whose body the spec does not describe.
  const success: ResponseModel = successes[0] ?? { status: 200, undocumented: true };
  // The success's type is `void` without a body and the media type's schema otherwise (see
  // named-exports.ts); what the runtime resolves must match it. An undocumented success is JSON.
  const returns =
    success.undocumented || (success.mediaType !== undefined && JSON_MEDIA_TYPE.test(success.mediaType))
      ? undefined
      : success.mediaType === undefined
        ? 'nothing'
        : 'text';

  const model: OperationModel = {
    operationId: input.operationId,
    method: input.method,
    path: input.path,
    security: input.security,
    servers: input.servers,
    ...(requestBody === undefined || requestBody.mediaType.toLowerCase() === 'application/json'
      ? {}
      : { contentType: requestBody.mediaType }),
    ...(query === undefined ? {} : { query }),
    successStatus: success.status,
    ...(returns === undefined ? {} : { returns }),
    errorStatuses: errors.map((error) => error.status),
    pointer: at,
    deprecated: operation.deprecated === true,
    parameters,
    success,
    errors,
  };
  const summary = optionalString(operation.summary);
  if (summary !== undefined) model.summary = summary;
  const description = optionalString(operation.description);
  if (description !== undefined) model.description = description;
  if (requestBody !== undefined) model.requestBody = requestBody;
  return model;
}

/**
 * The operation's parameters merged over its path item's (same `name` and `in` replaces), as
 * OpenAPI defines and openapi-typescript emits them.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-7
 */
function readParameters(
  document: JsonObject,
  input: OperationInput,
): { parameters: OperationModel['parameters']; query?: QuerySerialization } {
  const merged = new Map<string, { in: string } & ParameterModel>();
  /** The query parameters as the spec writes them, by name: an operation's replace its path's. */
  const queryDeclarations = new Map<string, { value: JsonObject; pointer: string }>();
  const read = (list: unknown, listAt: string): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      input.fail(listAt, '`parameters` must be a list');
      return;
    }
    list.forEach((raw, index) => {
      const parameter = deref(document, raw, `${listAt}/${index}`);
      if (parameter === undefined) {
        input.fail(`${listAt}/${index}`, 'parameter cannot be resolved');
        return;
      }
      const { name, in: location } = parameter.value;
      if (typeof name !== 'string' || typeof location !== 'string') {
        input.fail(parameter.pointer, 'a parameter needs `name` and `in`');
        return;
      }
      const model: { in: string } & ParameterModel = {
        in: location,
        name,
        required: location === 'path' || parameter.value.required === true,
      };
      // openapi-fetch sends no cookie parameters; an optional one is simply never sent.
      if (location === 'cookie' && model.required) {
        input.fail(
          `${parameter.pointer}/in`,
          `the required cookie parameter ${name} cannot be sent: openapi-fetch sends no cookie parameters (a cookie credential is an apiKey security scheme with \`in: cookie\`)`,
        );
      }
      if (location !== 'cookie') checkSerialisation(parameter.value, parameter.pointer, location, input.fail);
      if (location === 'query') queryDeclarations.set(name, parameter);
      const description = optionalString(parameter.value.description);
      if (description !== undefined) model.description = description;
      merged.set(`${location}\n${name}`, model);
    });
  };
  read(input.pathParameters, input.pathParametersAt);
  read(input.operation.parameters, `${input.at}/parameters`);

  const byLocation = (location: string): ParameterModel[] =>
    [...merged.values()]
      .filter((parameter) => parameter.in === location)
      .map(({ in: _, ...parameter }) => parameter);
  const parameters = { path: byLocation('path'), query: byLocation('query'), header: byLocation('header') };
  const query = readQuerySerialization(document, [...queryDeclarations.values()], input.fail);
  return query === undefined ? { parameters } : { parameters, query };
}

/**
 * openapi-fetch's `querySerializer` options for one operation, from the `style` and `explode` of
 * its array- and object-valued query parameters; undefined when those are OpenAPI's defaults
 * (`form`, exploded: what the client does anyway). openapi-fetch applies one way per value kind
 * and call, so two parameters of a kind that ask for different ways are a spec problem.
 */
function readQuerySerialization(
  document: JsonObject,
  declarations: { value: JsonObject; pointer: string }[],
  fail: Fail,
): QuerySerialization | undefined {
  const kindsOfStyle: Record<string, ('array' | 'object')[]> = {
    form: ['array', 'object'],
    spaceDelimited: ['array'],
    pipeDelimited: ['array'],
    deepObject: ['object'],
  };
  const chosen: { array?: [QueryStyle, string]; object?: [QueryStyle, string] } = {};
  for (const { value, pointer } of declarations) {
    const name = String(value.name);
    const style = typeof value.style === 'string' ? value.style : 'form';
    const explode = typeof value.explode === 'boolean' ? value.explode : style === 'form';
    const allowed = kindsOfStyle[style];
    if (allowed === undefined) {
      fail(`${pointer}/style`, `style ${style} does not apply to the query parameter ${name}`);
      continue;
    }
    if (style === 'deepObject' && !explode) {
      fail(`${pointer}/explode`, `the deepObject parameter ${name} cannot be unexploded`);
      continue;
    }
    for (const kind of valueKinds(document, value.schema)) {
      if (!allowed.includes(kind)) {
        fail(`${pointer}/style`, `style ${style} does not apply to the ${kind} parameter ${name}`);
        continue;
      }
      const previous = chosen[kind];
      if (previous === undefined) chosen[kind] = [{ style, explode } as QueryStyle, name];
      else if (previous[0].style !== style || previous[0].explode !== explode) {
        fail(
          pointer,
          `query parameters ${previous[1]} and ${name} ask for different serialisations of an ${kind}: the client can apply one per operation`,
        );
      }
    }
  }
  const result: QuerySerialization = {};
  for (const kind of ['array', 'object'] as const) {
    const setting = chosen[kind]?.[0];
    if (setting !== undefined && (setting.style !== 'form' || !setting.explode))
      (result as Record<string, QueryStyle>)[kind] = setting;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

type QueryStyle = { style: string; explode: boolean };

/** Whether a parameter's schema is an array, an object, both (a type list) or neither. */
function valueKinds(document: JsonObject, schema: unknown): ('array' | 'object')[] {
  const value = deref(document, schema, '')?.value;
  if (value === undefined) return [];
  const types = Array.isArray(value.type) ? value.type : [value.type];
  const kinds: ('array' | 'object')[] = [];
  if (types.includes('array') || (value.type === undefined && value.items !== undefined)) kinds.push('array');
  if (types.includes('object') || (value.type === undefined && value.properties !== undefined))
    kinds.push('object');
  return kinds;
}

/**
 * Path and header parameters go out the OpenAPI default way (`simple`), query parameters as
 * `readQuerySerialization` works out; what the client cannot send as asked is a spec problem here
 * rather than a wrong request later.
 */
function checkSerialisation(parameter: JsonObject, at: string, location: string, fail: Fail): void {
  const name = String(parameter.name);
  const unsupported = 'the client serialises path and header parameters as `simple`, unexploded';
  if (location !== 'query' && parameter.style !== undefined && parameter.style !== 'simple')
    fail(
      `${at}/style`,
      `style ${String(parameter.style)} of parameter ${name} is not supported: ${unsupported}`,
    );
  if (location !== 'query' && parameter.explode === true)
    fail(`${at}/explode`, `explode: true on parameter ${name} is not supported: ${unsupported}`);
  if (parameter.allowReserved === true)
    fail(
      `${at}/allowReserved`,
      `allowReserved on parameter ${name} is not supported: the client percent-encodes every value`,
    );
  if (parameter.content !== undefined)
    fail(
      `${at}/content`,
      `parameter ${name} is described by \`content\`, which the client cannot serialise: give it a \`schema\``,
    );
}

/** JSON if the spec offers it (what the runtime sends and decodes), else the first listed. */
function pickMediaType(content: JsonObject): string | undefined {
  const types = Object.keys(content);
  return (
    types.find((type) => type.toLowerCase() === 'application/json') ??
    types.find((type) => JSON_MEDIA_TYPE.test(type)) ??
    types[0]
  );
}

function collectCredentials(
  schemes: Record<string, SecuritySchemeInfo>,
  operations: OperationModel[],
): CredentialModel[] {
  // Required: every operation that cannot be called anonymously needs it in each of its alternatives.
  const authenticated = operations.filter(
    (operation) =>
      operation.security.length > 0 && operation.security.every((alternative) => alternative.length > 0),
  );
  return Object.entries(schemes).map(([scheme, info]) => ({
    name: info.credential,
    scheme,
    required:
      authenticated.length > 0 &&
      authenticated.every((operation) =>
        operation.security.every((alternative) => alternative.includes(scheme)),
      ),
  }));
}
