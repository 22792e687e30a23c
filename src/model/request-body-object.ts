import { deref, isObject, optionalString, type JsonObject } from '../shared/openapi.js';
import { pickMediaType } from './media-type-object.js';
import type { BodyModel, Fail } from './types.js';

/**
 * The request body as the client sends it: one media type (JSON when offered), and whether the
 * operation requires it.
 * @see https://spec.openapis.org/oas/v3.1.0#request-body-object
 */
export function readRequestBody(
  document: JsonObject,
  value: unknown,
  at: string,
  fail: Fail,
): BodyModel | undefined {
  if (value === undefined) return undefined;
  const body = deref(document, value, at);
  if (body === undefined || !isObject(body.value.content)) {
    fail(at, 'the request body needs `content`');
    return undefined;
  }
  const mediaType = pickMediaType(body.value.content);
  if (mediaType === undefined) {
    fail(`${at}/content`, 'the request body lists no media type');
    return undefined;
  }
  const requestBody: BodyModel = { mediaType, required: body.value.required === true };
  const description = optionalString(body.value.description);
  if (description !== undefined) requestBody.description = description;
  return requestBody;
}
