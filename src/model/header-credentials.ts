/**
 * Credentials a document passes as header parameters. Some vendors declare no security schemes and
 * list the key as a header parameter of each operation instead (ElevenLabs' `xi-api-key`). Taken as
 * they are, every call would need the key among its arguments; so in a document without security
 * schemes, a header parameter whose name says it carries a key (`x-api-key`, `xi-api-key`,
 * `x-auth-token`, `Authorization`) becomes an API key scheme of its own: one factory option, sent
 * by every operation that declares the parameter. The parameter stays in each operation's types,
 * optional, and a call that passes it sends its own value instead.
 */
import { deref, isObject, type JsonObject } from '../shared/openapi.js';
import { nameCredentials } from './credentials.js';
import { HTTP_METHODS } from './paths-object.js';
import type { ModelWarning } from './operation-names.js';
import type { OperationModel, ParameterModel, SecuritySchemeInfo } from './types.js';

/** A header whose name says it carries a key or token; CSRF tokens belong to browser sessions, not to API clients. */
const CREDENTIAL_HEADER = /(^|[-_])(api[-_]?key|(auth|access)[-_]?token|token|secret|authorization)$/i;
const NOT_A_CREDENTIAL = /(^|[-_])(csrf|xsrf)[-_]/i;

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name) && !NOT_A_CREDENTIAL.test(name);
}

/**
 * The schemes made from credential header parameters, by header name as the document first spells
 * it, and the operations with their security and those parameters marked. Call only for a document
 * that declares no security schemes.
 */
export function headerParameterCredentials(operations: OperationModel[]): {
  schemes: Record<string, SecuritySchemeInfo>;
  operations: OperationModel[];
  warnings: ModelWarning[];
} {
  // Header names are case-insensitive: `X-Api-Key` and `x-api-key` are one credential.
  const spelling = new Map<string, { name: string; description?: string; users: number }>();
  for (const operation of operations) {
    for (const parameter of operation.parameters.header) {
      if (!isCredentialHeader(parameter.name)) continue;
      const key = parameter.name.toLowerCase();
      const found = spelling.get(key) ?? {
        name: parameter.name,
        ...(parameter.description === undefined ? {} : { description: parameter.description }),
        users: 0,
      };
      found.users += 1;
      spelling.set(key, found);
    }
  }

  const names = nameCredentials(
    [...spelling.values()].map(({ name }) => [name, { type: 'apiKey', in: 'header', name }]),
  );
  // A header that makes no usable option name stays a parameter like any other.
  for (const [key, { name }] of spelling) if (names.get(name)!.name === undefined) spelling.delete(key);
  const found = [...spelling.values()];
  const schemes: Record<string, SecuritySchemeInfo> = {};
  for (const { name, description } of found) {
    const credential = names.get(name)!.name!;
    schemes[name] = {
      type: 'apiKey',
      in: 'header',
      name,
      parameter: true,
      credential,
      ...(description === undefined ? {} : { description }),
    };
  }
  const carries = (header: string): boolean => spelling.has(header.toLowerCase());
  const schemeOf = (header: string): string => spelling.get(header.toLowerCase())!.name;
  const withCredentials = operations.map((operation) => {
    const carried = operation.parameters.header.filter((parameter) => carries(parameter.name));
    if (carried.length === 0) return operation;
    // Every key the operation takes, or (when some are optional) the required ones alone: the
    // client sends the first alternative whose credentials it was given.
    const all = carried.map((parameter) => schemeOf(parameter.name));
    const required = carried
      .filter((parameter) => parameter.required)
      .map((parameter) => schemeOf(parameter.name));
    return {
      ...operation,
      security: required.length === all.length ? [all] : [all, required],
      parameters: {
        ...operation.parameters,
        header: operation.parameters.header.map((parameter) =>
          carries(parameter.name) ? { ...parameter, credential: schemeOf(parameter.name) } : parameter,
        ),
      },
    };
  });
  const warnings = found.map(({ name, users }) => ({
    at: '#/paths',
    message:
      `the document declares no security schemes: the header parameter ${name} (of ${users} operation${users === 1 ? '' : 's'}) ` +
      `is taken as a credential, the client option \`${schemes[name]!.credential}\`; a call's own value wins`,
  }));
  return { schemes, operations: withCredentials, warnings };
}

/**
 * The client option of each credential header of a document without security schemes, by header
 * name in lower case, as `headerParameterCredentials` names them: for the change classifier, which
 * reads documents that need not be valid. Empty for a document that declares security schemes.
 */
export function credentialHeaderOptions(document: JsonObject): Map<string, string> {
  const components = isObject(document.components) ? document.components : {};
  if (isObject(components.securitySchemes) && Object.keys(components.securitySchemes).length > 0)
    return new Map();
  const spelling = new Map<string, string>();
  for (const rawItem of Object.values(isObject(document.paths) ? document.paths : {})) {
    const item = deref(document, rawItem, '')?.value ?? {};
    const operations = HTTP_METHODS.map((method) => item[method]).filter(isObject);
    for (const list of [item.parameters, ...operations.map((operation) => operation.parameters)]) {
      for (const raw of Array.isArray(list) ? list : []) {
        const parameter = deref(document, raw, '')?.value;
        if (parameter?.in !== 'header' || typeof parameter.name !== 'string') continue;
        if (isCredentialHeader(parameter.name) && !spelling.has(parameter.name.toLowerCase()))
          spelling.set(parameter.name.toLowerCase(), parameter.name);
      }
    }
  }
  const names = nameCredentials(
    [...spelling.values()].map((name) => [name, { type: 'apiKey', in: 'header', name }]),
  );
  const options = new Map<string, string>();
  for (const [key, name] of spelling) {
    const option = names.get(name)!.name;
    if (option !== undefined) options.set(key, option);
  }
  return options;
}

/**
 * The operations with each parameter that is also an apiKey scheme its security uses (the same
 * place and name; a header's in any case) marked as carrying that scheme's credential: a document
 * that declares the key both ways (currencytick's `apikey` query parameter beside its `apikey`
 * scheme) would otherwise have every call pass the key and the client send it a second time. The
 * client sends it, as the scheme says; the parameter is optional in the calls.
 */
export function schemeParameterCredentials(
  operations: OperationModel[],
  schemes: Record<string, SecuritySchemeInfo>,
): OperationModel[] {
  return operations.map((operation) => {
    const used = new Set(operation.security.flat());
    const keys = Object.entries(schemes).filter(
      ([name, scheme]) => used.has(name) && scheme.type === 'apiKey' && scheme.in !== 'cookie',
    );
    if (keys.length === 0) return operation;
    const schemeOf = (where: 'header' | 'query', name: string): string | undefined =>
      keys.find(
        ([, scheme]) =>
          scheme.type === 'apiKey' &&
          scheme.in === where &&
          (where === 'header' ? scheme.name.toLowerCase() === name.toLowerCase() : scheme.name === name),
      )?.[0];
    const mark = (where: 'header' | 'query') =>
      operation.parameters[where].map((parameter) => {
        const credential = schemeOf(where, parameter.name);
        return credential === undefined ? parameter : { ...parameter, credential };
      });
    return {
      ...operation,
      parameters: { ...operation.parameters, header: mark('header'), query: mark('query') },
    };
  });
}

/** A parameter a call must give: required, and no credential the client sends in its place. */
export const givenByCall = (parameter: ParameterModel): boolean =>
  parameter.required && parameter.credential === undefined;

/** A required parameter the client sends its credential as: optional in the calls and their types. */
export const sentByClient = (parameter: ParameterModel): boolean =>
  parameter.required && parameter.credential !== undefined;
