/**
 * Request body serialisers for the media types openapi-fetch does not serialise from a typed
 * object (it does JSON, and forms once the Content-Type names them). The generated `operations.js`
 * imports only the ones its API's operations need, so a client carries no code for the others.
 */

/** Sent as given: text for `text/plain`, a Blob, ArrayBuffer or string for `application/octet-stream`. */
export const asIs = (body: unknown): unknown => body;

/**
 * `multipart/form-data`: one part per property (one per item of an array); Blobs go as files,
 * other objects as JSON, the rest as text. FormData as given. fetch writes the Content-Type with
 * its boundary.
 */
export function formData(body: unknown): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  for (const [name, value] of Object.entries(body ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item == null) continue;
      form.append(
        name,
        item instanceof Blob ? item : typeof item == 'object' ? JSON.stringify(item) : String(item),
      );
    }
  }
  return form;
}
