import { isObject, optionalString, type JsonObject } from '../shared/openapi.js';
import { readParameters } from './parameter-object.js';
import { readRequestBody } from './request-body-object.js';
import { readResponses, returnsOf } from './responses-object.js';
import type { Fail, HttpMethod, OperationModel, ServerInfo } from './types.js';

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

/** Why `operationId` cannot name a method of the client, if it cannot. */
export function reservedOperationId(operationId: string): string | undefined {
  if (CLIENT_MEMBERS.has(operationId))
    return `operationId ${operationId} would shadow openapi-fetch's Client.${operationId}; rename the operation`;
  const implicitly = IMPLICITLY_CALLED.get(operationId);
  if (implicitly !== undefined)
    return `operationId ${operationId} is a method JavaScript calls by itself: ${implicitly}; rename the operation`;
  return undefined;
}

/** One operation, with what it inherits from its path item and the document already worked out. */
export interface OperationInput {
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
  const requestBody = readRequestBody(document, operation.requestBody, `${at}/requestBody`, fail);
  if (!isObject(operation.responses)) {
    fail(at, `${input.operationId} has no responses`);
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
