/**
 * Request body serialisers for the media types openapi-fetch does not serialise from a typed
 * object (it does JSON). The generated `operations.js` imports only the ones its API's operations
 * need, so a client carries no code for the others; an operation whose spec gives an `encoding`
 * object calls them with its entries.
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */

import type { OperationInfo } from './api-description.js';
import type { OperationArgs } from './client.js';
import type { FetchInit } from './send.js';

/** Whether headers as openapi-fetch takes them (Headers, pairs or a record) name a Content-Type. */
const namesContentType = (headers: unknown): boolean =>
  headers instanceof Headers
    ? headers.has('content-type')
    : !!headers &&
      (Array.isArray(headers) ? headers.map(([name]) => name) : Object.keys(headers)).some(
        (name) => name.toLowerCase() == 'content-type',
      );

/**
 * A raw call's options with the body sent as the operation's function sends it: under the spec's
 * media type, by its serialiser (a form's fields, a multipart upload, bytes as given), where
 * openapi-fetch would send JSON; unless the call gives its own `bodySerializer` or Content-Type.
 * The operations table names it (`raw`) for an operation whose body is not JSON only: a client of
 * JSON bodies carries none of it. Called as `op.raw(init)`, `this` the operation: a byte fewer in
 * every client than passing it.
 */
export function sentAsDescribed(this: OperationInfo, init: FetchInit): FetchInit {
  const op = this;
  const params = init.params as OperationArgs | undefined;
  return !op.bodySerializer ||
    init.body === undefined ||
    init.bodySerializer ||
    namesContentType(init.headers) ||
    namesContentType(params?.header)
    ? init
    : {
        ...init,
        bodySerializer: op.bodySerializer,
        params: op.contentType
          ? { ...params, header: { ...params?.header, 'content-type': op.contentType } }
          : params,
      };
}

/** Sent as given: text for `text/plain`, a Blob, ArrayBuffer or string for `application/octet-stream`. */
export const asIs = (body: unknown): unknown => body;

/** How one property of a form goes out, when not OpenAPI's default: from the spec's `encoding`. */
export interface PartEncoding {
  /** multipart: the part's Content-Type for a value that is not a file. */
  type?: string;
  /** urlencoded: `deepObject` for an object. */
  style?: string;
  /** urlencoded: `false` puts an array's items (an object's keys and values) in one field, comma-separated. */
  explode?: boolean;
}

const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/**
 * `multipart/form-data`: one part per property (one per item of an array), null and undefined left
 * out. A Blob or File goes as a file (its own type and name), bytes (an ArrayBuffer or a view such
 * as a Buffer) as a file too, any other object as JSON, the rest as text. A property whose
 * encoding names a content type goes as a part of that type (FormData gives such a part a file
 * name, as browsers do). FormData goes as given. fetch writes the Content-Type with its boundary.
 */
export function formData(body: unknown, encoding?: Record<string, PartEncoding>): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  for (const [name, value] of Object.entries(body ?? {})) {
    const type = encoding?.[name]?.type;
    for (const item of items(value)) {
      if (item == null) continue;
      if (item instanceof Blob || item instanceof ArrayBuffer || ArrayBuffer.isView(item))
        form.append(name, item instanceof Blob ? item : new Blob([item as ArrayBuffer]));
      else {
        const text = typeof item == 'object' ? JSON.stringify(item) : String(item);
        form.append(name, type ? new Blob([text], { type }) : text);
      }
    }
  }
  return form;
}

/**
 * `application/x-www-form-urlencoded`, as OpenAPI's default (`form`, exploded) writes each
 * property: an array as one field per item, an object as one field per key; null and undefined
 * left out. A property's encoding may ask for `explode: false` (`a=1,2`) or `deepObject`
 * (`a[key]=1`). Objects inside arrays and deeper go as JSON. URLSearchParams percent-encodes names
 * and values alike, so no value adds a field.
 */
export function urlEncoded(body: unknown, encoding?: Record<string, PartEncoding>): string {
  const form = new URLSearchParams();
  const text = (value: unknown): string => (typeof value == 'object' ? JSON.stringify(value) : String(value));
  for (const [name, value] of Object.entries(body ?? {})) {
    if (value == null) continue;
    const { style, explode = true } = encoding?.[name] ?? {};
    if (typeof value != 'object') form.append(name, text(value));
    else if (Array.isArray(value)) {
      const present = value.filter((item) => item != null).map(text);
      if (explode) for (const item of present) form.append(name, item);
      else form.append(name, present.join());
    } else {
      const entries = Object.entries(value).filter(([, item]) => item != null);
      if (style == 'deepObject')
        for (const [key, item] of entries) form.append(`${name}[${key}]`, text(item));
      else if (explode) for (const [key, item] of entries) form.append(key, text(item));
      else form.append(name, entries.flatMap(([key, item]) => [key, text(item)]).join());
    }
  }
  return form.toString();
}
