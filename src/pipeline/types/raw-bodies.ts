/**
 * A request body the client sends as given (not JSON, not a form: `runtime/body.js`'s `asIs`) is
 * what fetch takes, whatever its schema says: S3 describes its XML bodies and Google's Chrome Policy
 * its `application/octet-stream` upload as objects, which openapi-typescript typed as objects, and
 * an object sent as given goes out as "[object Object]". In the document the transform reads (lent:
 * each change recorded in `edits`, undone after), such a
 * body's schema, when it is no string, is text for a text media type (XML, YAML, `text/*`) and
 * bytes (a Blob) for any other; the document the mock serves keeps the vendor's schema.
 */
import { isBinarySchema, requestBodyKind, responseKind } from '../../model/media-type-object.js';
import { BODILESS_METHODS } from '../../model/operation-object.js';
import { HTTP_METHODS } from '../../model/paths-object.js';
import { deref, isObject, type JsonObject } from '../../shared/openapi.js';
import type { Edits } from './edits.js';

/** Each operation object of `document`'s paths under one of `methods` (`x-` keys among the paths skipped). */
function* operationsOf(document: JsonObject, methods: readonly string[]): Generator<JsonObject> {
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    const item = deref(document, rawItem, '')?.value;
    for (const method of methods) {
      const operation = item?.[method];
      if (isObject(operation)) yield operation;
    }
  }
}

/** Retypes, in `document`, each request body sent as given whose schema is not a string. */
export function typeRawBodiesAsSent(document: JsonObject, edits: Edits): void {
  for (const operation of operationsOf(document, HTTP_METHODS)) {
    const content = deref(document, operation.requestBody, '')?.value.content;
    if (!isObject(content)) continue;
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isObject(media) || requestBodyKind(mediaType) !== 'raw' || media.schema === undefined) continue;
      const schema = deref(document, media.schema, '')?.value;
      if (schema === undefined || isBinarySchema(schema)) continue;
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      // A schema that names no type (`{}`) is `unknown`, which takes what is sent already.
      if (types.includes('string') || (schema.type === undefined && !isObject(schema.properties))) continue;
      edits.set(
        media,
        'schema',
        responseKind(mediaType) === 'text' ? { type: 'string' } : { type: 'string', format: 'binary' },
      );
    }
  }
}

/**
 * Takes, in `document`, the request body off each GET or HEAD operation: fetch refuses to send one,
 * so neither a method nor a raw call may take it (the model leaves it out too, and warns).
 */
export function dropUnsendableBodies(document: JsonObject, edits: Edits): void {
  for (const operation of operationsOf(document, BODILESS_METHODS))
    if (operation.requestBody !== undefined) edits.set(operation, 'requestBody', undefined);
}
