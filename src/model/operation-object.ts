import { operationTarget, overlayUpdate } from './overlay-fix.js';
import { isObject, optionalString, type JsonObject } from '../shared/openapi.js';
import { readParameters } from './parameter-object.js';
import { readRequestBody } from './request-body-object.js';
import { readResponses, returnsOf } from './responses-object.js';
import type { RenameReason } from './operation-names.js';
import type { Fail, HttpMethod, OperationModel, ServerInfo } from './types.js';

/** One operation, with what it inherits from its path item and the document already worked out. */
export interface OperationInput {
  operation: JsonObject;
  /** The name of its method of the client (see `operation-names.ts`). */
  name: string;
  /** Why `name` is not the spec's operationId as it is. */
  renamed?: RenameReason;
  /** The spec's operationId, if it has one. */
  specOperationId?: string;
  method: HttpMethod;
  path: string;
  at: string;
  pathParameters: unknown;
  pathParametersAt: string;
  servers: ServerInfo[];
  security: string[][];
  fail: Fail;
}

/**
 * An operation as the client calls it: its parameters, request body and documented statuses.
 * Undefined when it documents no responses (reported).
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
export function readOperation(document: JsonObject, input: OperationInput): OperationModel | undefined {
  const { operation, at, fail } = input;
  const { parameters, query } = readParameters(
    document,
    {
      pathItem: input.pathParameters,
      pathItemAt: input.pathParametersAt,
      operation: operation.parameters,
      operationAt: `${at}/parameters`,
    },
    fail,
  );
  // A template expression without its parameter: the method could never fill it (the runtime
  // refuses a path left with `{id}`), and its types would take no path parameters at all.
  for (const [, name] of input.path.matchAll(/\{([^}]+)\}/g)) {
    if (!parameters.path.some((parameter) => parameter.name === name))
      fail(at, undeclaredPathParameter(name!, input.method, input.path, Array.isArray(operation.parameters)));
  }
  // fetch refuses a GET or HEAD request with a body: the client leaves it out (`describeApi` warns).
  const requestBody = BODILESS_METHODS.includes(input.method)
    ? undefined
    : readRequestBody(document, operation.requestBody, `${at}/requestBody`, fail);
  if (!isObject(operation.responses)) {
    fail(at, `${input.method.toUpperCase()} ${input.path} has no responses`);
    return undefined;
  }
  const { success, errors, errorBodies } = readResponses(
    document,
    operation.responses,
    `${at}/responses`,
    fail,
  );
  const returns = returnsOf(success);

  const model: OperationModel = {
    operationId: input.name,
    ...(input.specOperationId === undefined ? {} : { specOperationId: input.specOperationId }),
    ...(input.renamed === undefined ? {} : { renamed: input.renamed }),
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
    errorBodies,
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
 * A path parameter the operation does not declare: the overlay action that declares it, appended
 * to the operation's `parameters` (an update of a list adds to it), or as its first.
 */
function undeclaredPathParameter(name: string, method: string, path: string, hasList: boolean): string {
  const parameter = [
    `name: ${JSON.stringify(name)}`,
    'in: path',
    'required: true',
    'schema:',
    '  type: string',
  ];
  const target = operationTarget(path, method);
  const action = hasList
    ? overlayUpdate(`${target}.parameters`, parameter)
    : overlayUpdate(target, [
        'parameters:',
        ...parameter.map((line, index) => `${index === 0 ? '  - ' : '    '}${line}`),
      ]);
  return (
    `${method.toUpperCase()} ${path} does not declare its path parameter ${name}: its method could not ` +
    `be called. Declare it, in the API's overlay for a published document or in the spec itself:\n` +
    action
  );
}

/** The methods whose requests fetch refuses to give a body (`TypeError: Request with GET/HEAD method cannot have body`). */
export const BODILESS_METHODS: readonly string[] = ['get', 'head'];
