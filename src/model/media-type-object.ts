/**
 * Which media type of a request body or response the client uses.
 * @see https://spec.openapis.org/oas/v3.1.0#media-type-object
 */
import type { JsonObject } from '../shared/openapi.js';

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
