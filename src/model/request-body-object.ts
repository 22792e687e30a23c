import { deref, isObject, optionalString, type JsonObject } from '../shared/openapi.js';
import { exampleOf } from './example-object.js';
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
  const media = body.value.content[mediaType];
  const schema = isObject(media) ? deref(document, media.schema, '')?.value : undefined;
  const requestBody: BodyModel = {
    mediaType,
    required: body.value.required === true,
    requiredProperties: Array.isArray(schema?.required)
      ? schema.required.filter((name): name is string => typeof name === 'string')
      : [],
  };
  const description = optionalString(body.value.description);
  if (description !== undefined) requestBody.description = description;
  const example = isObject(media) ? exampleOf(document, media) : undefined;
  if (example !== undefined) requestBody.example = example;
  return requestBody;
}
