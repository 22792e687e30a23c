/**
 * The API model of one bundled spec, read once and checked once. `describeApi` reads the OpenAPI
 * Object; each kind of object it holds is read by the module named after it, as openapi-typescript's
 * `transform/` has one file per object. Every problem is reported at once, each at the spec
 * position of the offending node.
 *
 * Every rule the runtime depends on is checked here, even where the linter checks it too: the
 * pipeline must not emit a client from a spec the linter was configured to let through.
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
import { GenerateError, GenerateErrors, type Locate } from '../shared/errors.js';
import { getAtPointer, isObject, optionalString, pointer, type JsonObject } from '../shared/openapi.js';
import { readSchemas } from './components-object.js';
import { readConditionals } from './conditionals.js';
import { readEnums } from './enums.js';
import { collectCredentials } from './credentials.js';
import { namingWarnings } from './operation-names.js';
import { headerParameterCredentials, schemeParameterCredentials } from './header-credentials.js';
import { BODILESS_METHODS } from './operation-object.js';
import { readOperations } from './paths-object.js';
import { readWriteUse } from './read-write.js';
import { readSecurity } from './security-requirement-object.js';
import { readSecuritySchemes } from './security-scheme-object.js';
import { readServers } from './server-object.js';
import type { ApiModel } from './types.js';

export function describeApi(name: string, document: JsonObject, locate: Locate): ApiModel {
  const problems: GenerateError[] = [];
  const fail = (at: string, what: string): void => void problems.push(new GenerateError(locate(at), what));

  const info = isObject(document.info) ? document.info : {};
  const servers = readServers(document.servers, pointer('servers'), fail) ?? [{ url: '/' }];
  const read = readSecuritySchemes(document, fail);
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

  let operations = readOperations(document, { servers, security: defaultSecurity, declared, fail });
  let securitySchemes = read.schemes;
  const warnings = [...read.warnings];
  if (declared.size === 0) {
    const fromHeaders = headerParameterCredentials(operations);
    ({ schemes: securitySchemes, operations } = fromHeaders);
    warnings.push(...fromHeaders.warnings);
  } else operations = schemeParameterCredentials(operations, securitySchemes);
  const bodiless = operations.filter((operation) => {
    const object = BODILESS_METHODS.includes(operation.method) && getAtPointer(document, operation.pointer);
    return isObject(object) && object.requestBody !== undefined;
  });
  if (bodiless.length > 0) {
    warnings.push({
      at: `${bodiless[0]!.pointer}/requestBody`,
      message:
        `${bodiless.length} GET or HEAD operation${bodiless.length === 1 ? ' documents' : 's document'} a request body, ` +
        'which fetch cannot send: the client leaves it out (their types and calls take none)',
    });
  }
  const readWrite = readWriteUse(document);
  const schemas = readSchemas(document, readWrite?.schemas);

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
    warnings: [...warnings, ...namingWarnings(operations)],
    enums: readEnums(document, operations),
    conditionals: readConditionals(document),
    ...(readWrite === undefined
      ? {}
      : { readWrite: { media: readWrite.media, inherited: readWrite.inherited } }),
  };
}
