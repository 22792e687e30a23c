/**
 * What an operation function returns or throws for a response: the success body, parsed strictly
 * (openapi-fetch would hand back `undefined` for an empty body and throw a bare SyntaxError for
 * HTML), or the error class `errorForStatus` picks.
 */
import { errorForStatus, InvalidResponseError, type RequestTarget } from './errors.js';
import type { Redact } from './secrets.js';
import type { FetchResult } from './send.js';

/** `application/json`, `application/problem+json`, `application/vnd.x+json; charset=utf-8`... */
const JSON_MEDIA_TYPE = /^[^;]*[/+]json\s*(;|$)/i;

/** @param result fetched with `parseAs: 'text'`, so `data` is the success body's text */
export function decodeResult(result: FetchResult, target: RequestTarget, redact: Redact): unknown {
  const { status, headers, ok } = result.response;
  const info = <T>(body: T) => ({ status, body: redact(body), headers: new Headers(redact([...headers])) });
  if (!ok) throw errorForStatus(info(result.error), target);
  if (status === 204) return undefined;

  const text = (result.data as string | undefined) ?? '';
  const type = headers.get('content-type');
  const reason = !text.trim()
    ? 'empty body where JSON was expected'
    : type && !JSON_MEDIA_TYPE.test(type)
      ? `${redact(type)} body where JSON was expected`
      : undefined;
  try {
    if (!reason) return JSON.parse(text);
  } catch (cause) {
    throw new InvalidResponseError('body is not valid JSON (truncated?)', info(text), target, cause);
  }
  throw new InvalidResponseError(reason!, info(text), target);
}
