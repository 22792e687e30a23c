/**
 * The curl line `npm run mock` prints for an operation: its smallest valid call (`smallestCall`) as
 * the generated client sends it, a form's fields serialised by the runtime's own serialisers, so
 * the line and the client agree on what a valid request is.
 */
import { requestBodyKind } from '../model/media-type-object.js';
import { urlEncoded, type PartEncoding } from '../runtime/body.js';
import { SAMPLE_FILE_CONTENT } from './sample-requests.js';

export interface CurlRequest {
  method: string;
  /** The whole URL: the mock's, the path filled in, the query. */
  url: string;
  headers: Record<string, string>;
  /** The body as the client takes it (a Blob for a file), of the media type it goes as. */
  body?: { value: unknown; mediaType: string; encoding?: Record<string, PartEncoding> | undefined };
}

export function curlLine({ method, url, headers, body }: CurlRequest): string {
  const parts = ['curl', '-X', method, shellQuote(url)];
  for (const [name, value] of Object.entries(headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (body === undefined) return parts.join(' ');
  const kind = requestBodyKind(body.mediaType);
  // curl writes multipart's Content-Type itself, with the boundary.
  if (kind !== 'multipart') parts.push('-H', shellQuote(`content-type: ${body.mediaType}`));
  if (kind === 'json') parts.push('--data-raw', shellQuote(JSON.stringify(body.value)));
  else if (kind === 'urlencoded') parts.push('--data-raw', shellQuote(urlEncoded(body.value, body.encoding)));
  else if (kind === 'multipart') parts.push(...formParts(body.value, body.encoding));
  else
    parts.push(
      '--data-raw',
      shellQuote(body.value instanceof Blob ? SAMPLE_FILE_CONTENT : String(body.value)),
    );
  return parts.join(' ');
}

/**
 * A form's fields as the runtime's `formData` makes them: a file part per Blob, the rest as text
 * (objects as JSON), one part per item of a list. `--form-string` takes a value literally (`-F`
 * would read a file for a value that starts with `@` or `<`); a part with a content type of its
 * own needs `-F`, whose `;` separates options, so such a value goes as plain text when it has one.
 */
function formParts(value: unknown, encoding: Record<string, PartEncoding> | undefined): string[] {
  const parts: string[] = [];
  for (const [name, field] of Object.entries(value ?? {})) {
    for (const item of Array.isArray(field) ? field : [field]) {
      if (item == null) continue;
      if (item instanceof Blob) {
        const type = item.type || 'application/octet-stream';
        parts.push('-F', shellQuote(`${name}=${SAMPLE_FILE_CONTENT};filename=sample;type=${type}`));
        continue;
      }
      const text = typeof item == 'object' ? JSON.stringify(item) : String(item);
      const type = encoding?.[name]?.type;
      if (type !== undefined && !/[;"@<]/.test(text))
        parts.push('-F', shellQuote(`${name}=${text};type=${type}`));
      else parts.push('--form-string', shellQuote(`${name}=${text}`));
    }
  }
  return parts;
}

export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
