/**
 * The retry policy, whole: which attempts are tried again (`shouldRetry`), how long to wait first
 * (`retryDelay`), and the caps. `send` asks; nothing else decides.
 *
 * Retrying is safe because the operations of these APIs are PATCH/PUT updates that set fields to
 * given values: applying one twice leaves the agent as applying it once, so a retry after a lost
 * response, a timeout or a 5xx cannot double a change, even when the first attempt did arrive.
 */
import { ConnectionError } from './errors.js';

/** The longest Retry-After honoured; a longer one surfaces the error instead of stalling the call. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** The backoff's bound doubles per retry up to this many times `retryDelayMs`. */
export const MAX_BACKOFF_FACTOR = 16;

/**
 * Whether attempt number `attempt` (1 for the first) is followed by another.
 * @param status the response's status; undefined when there was none
 * @param failure what the attempt threw instead of a response (see `send.ts`)
 */
export function shouldRetry(
  attempt: number,
  maxRetries: number,
  method: string,
  body: unknown,
  status: number | undefined,
  failure: unknown,
): boolean {
  if (attempt > maxRetries) return false;
  // POST is the one method whose requests are not idempotent: a retry could apply it twice.
  if (method == 'POST') return false;
  // A stream body is gone once sent.
  if (body instanceof ReadableStream) return false;
  // No response: a connection error or timeout is, the caller's abort or a middleware's error is not.
  if (!status) return failure instanceof ConnectionError;
  // Request Timeout: the server gave up waiting for our request and did not process it.
  if (status == 408) return true;
  // Conflict: a concurrent write held the resource; ours was not applied and may pass once it is done.
  if (status == 409) return true;
  // Too Many Requests: rejected before processing; Retry-After says when to come back.
  if (status == 429) return true;
  // 5xx: overload, deploys, a gateway losing its upstream: transient more often than not.
  return status > 499 && status < 600;
}

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP-date (a past date is 0);
 * NaN when absent or unreadable.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-retry-after
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number {
  const text = value?.trim() ?? '';
  // Seconds, in digits (`+` alone would read "0x1e"); fractions are not in the RFC, but their
  // intent is plain.
  if (/^\d+(\.\d+)?$/.test(text)) return +text * 1000;
  // Each HTTP-date form starts with the day's name (Date.parse alone reads "-5" as a year); the
  // asctime form names no zone: GMT, which Date.parse would not assume.
  if (/^[a-z]{3}/i.test(text)) return Math.max(0, Date.parse(/GMT$/.test(text) ? text : `${text} GMT`) - now);
  return NaN;
}

/**
 * How long to wait before retry number `retry` (1 for the first): what the server's Retry-After
 * asks, else a uniform random delay up to a bound that doubles per retry ("full jitter": clients
 * that failed together do not come back in lockstep). Undefined when the server asked for more
 * than MAX_RETRY_AFTER_MS.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function retryDelay(
  retryAfter: string | null | undefined,
  retry: number,
  retryDelayMs: number,
  now: number = Date.now(),
  random: () => number = Math.random,
): number | undefined {
  const asked = parseRetryAfter(retryAfter, now);
  if (asked > MAX_RETRY_AFTER_MS) return undefined;
  // NaN, nothing asked, fails this comparison too.
  if (asked >= 0) return asked;
  return random() * retryDelayMs * Math.min(2 ** (retry - 1), MAX_BACKOFF_FACTOR);
}
