import { deref, isObject, optionalString, type JsonObject } from '../shared/openapi.js';
import { exampleOf } from './example-object.js';
import { pickMediaType, requestBodyKind } from './media-type-object.js';
import { isReadOnly } from './read-write.js';
import type { PartEncoding } from '../runtime/body.js';
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
    // What a request must send: a readOnly property is required in responses only.
    requiredProperties: Array.isArray(schema?.required)
      ? schema.required.filter(
          (name): name is string =>
            typeof name === 'string' &&
            !(isObject(schema.properties) && isReadOnly(document, schema.properties[name])),
        )
      : [],
  };
  const encoding = isObject(media) ? readEncoding(mediaType, media.encoding) : undefined;
  if (encoding !== undefined) requestBody.encoding = encoding;
  const description = optionalString(body.value.description);
  if (description !== undefined) requestBody.description = description;
  const example = isObject(media) ? exampleOf(document, media) : undefined;
  if (example !== undefined) requestBody.example = example;
  return requestBody;
}

/**
 * What a form's `encoding` object changes about how its properties go out, as the runtime's
 * serialisers take it (`runtime/body.ts`): for multipart, a part's content type (the first listed),
 * text/plain being what a text part is anyway; for urlencoded, `style: deepObject` and `explode:
 * false`. Undefined when it changes nothing. Other media types have no encoding.
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */
function readEncoding(mediaType: string, value: unknown): Record<string, PartEncoding> | undefined {
  if (!isObject(value)) return undefined;
  const multipart = requestBodyKind(mediaType) === 'multipart';
  const urlEncoded = requestBodyKind(mediaType) === 'urlencoded';
  // No prototype: a part named `__proto__` keeps its encoding instead of becoming the object's prototype.
  const encoding: Record<string, PartEncoding> = Object.create(null);
  for (const [name, entry] of Object.entries(value)) {
    if (!isObject(entry)) continue;
    const part: PartEncoding = {};
    const type = typeof entry.contentType === 'string' ? entry.contentType.split(',')[0]!.trim() : '';
    if (multipart && type !== '' && !/^text\/plain\b/i.test(type)) part.type = type;
    if (urlEncoded && entry.style === 'deepObject') part.style = 'deepObject';
    if (urlEncoded && entry.explode === false) part.explode = false;
    if (Object.keys(part).length > 0) encoding[name] = part;
  }
  return Object.keys(encoding).length > 0 ? encoding : undefined;
}
