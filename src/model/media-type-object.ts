/**
 * Which media type of a request body or response the client uses.
 * @see https://spec.openapis.org/oas/v3.1.0#media-type-object
 */
import type { JsonObject } from '../shared/openapi.js';
import type { ResponseKind } from './types.js';

/** `application/json` and every `+json` type, parameters allowed: what the runtime parses as JSON. */
export const JSON_MEDIA_TYPE: RegExp = /^application\/(?:[\w.+-]+\+)?json(?:;.*)?$/i;

/** JSON if the spec offers it (what the runtime sends and decodes), else the first listed. */
export function pickMediaType(content: JsonObject): string | undefined {
  const types = Object.keys(content);
  return (
    types.find((type) => type.toLowerCase() === 'application/json') ??
    types.find((type) => JSON_MEDIA_TYPE.test(type)) ??
    types[0]
  );
}

/** Text that is not JSON: `text/*` but server-sent events, XML, and a few application types of text. */
const TEXT_MEDIA_TYPE =
  /^(?:text\/(?!event-stream\b)[\w.+*-]+|application\/(?:[\w.+-]+\+)?(?:xml|yaml|x-yaml|javascript|x-ndjson|graphql))(?:;.*)?$/i;

/** How the client reads a body of `mediaType` (see `ResponseKind`); undefined for JSON. */
export function responseKind(mediaType: string): ResponseKind | undefined {
  if (JSON_MEDIA_TYPE.test(mediaType)) return undefined;
  if (/^text\/event-stream\b/i.test(mediaType)) return 'events';
  return TEXT_MEDIA_TYPE.test(mediaType) ? 'text' : 'bytes';
}

/**
 * How the client serialises a request body of `mediaType`: JSON (openapi-fetch), a multipart or
 * urlencoded form (the runtime's serialisers), or as given (text, bytes).
 */
export function requestBodyKind(mediaType: string): 'json' | 'multipart' | 'urlencoded' | 'raw' {
  if (JSON_MEDIA_TYPE.test(mediaType)) return 'json';
  if (/^multipart\/form-data\b/i.test(mediaType)) return 'multipart';
  return /^application\/x-www-form-urlencoded\b/i.test(mediaType) ? 'urlencoded' : 'raw';
}

/**
 * Whether a schema is bytes, which the client takes and gives as a Blob: a string `format: binary`
 * (OpenAPI 3.0's way, which 3.1 documents keep using), or with a `contentMediaType` that is not
 * text and no `contentEncoding` (3.1's way; base64 is a string).
 * @see https://spec.openapis.org/oas/v3.1.0#working-with-binary-data
 */
export function isBinarySchema(schema: JsonObject): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes('string')) return false;
  const media = schema.contentMediaType;
  return (
    schema.format === 'binary' ||
    (typeof media === 'string' && schema.contentEncoding === undefined && responseKind(media) === 'bytes')
  );
}
