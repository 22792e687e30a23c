/**
 * When to try a request again, and how long to wait first.
 *
 * Why retrying is safe: the operations of these APIs are PATCH/PUT updates that set fields to the
 * given values. Applying the same update twice leaves the agent as applying it once (idempotent),
 * so a retry after a lost response, a timeout or a 5xx cannot double a change, even when the
 * first attempt did reach the server. POST is not idempotent, so `send` never retries it.
 */
import { MAX_RETRY_AFTER_MS } from './options.js';

/** Statuses worth another attempt besides 5xx (see `isRetryableStatus`), and why. */
const RETRYABLE_STATUSES: Record<number, true> = {
  // Request Timeout: the server gave up waiting for our request and did not process it.
  408: true,
  // Conflict: a concurrent write held the resource; ours was not applied and may pass once it is done.
  409: true,
  // Too Many Requests: rejected before processing; Retry-After says when to come back.
  429: true,
};

export function isRetryableStatus(status: number): boolean {
  // 5xx: overload, deploys, a gateway losing its upstream: transient more often than not.
  return RETRYABLE_STATUSES[status] ?? (status > 499 && status < 600);
}

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP-date (a past date is 0);
 * NaN when absent or unreadable.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-retry-after
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number {
  const text = value?.trim() ?? '';
  // Seconds, in digits (`+` alone would read "0x1e"): fractions are not in the RFC, but some
  // servers send them and the intent is plain. Else a date: each HTTP-date form starts with the
  // day's name, and Date.parse alone reads "-5" as the year -5 and "x 9" as some date. The asctime
  // form names no zone: GMT, which Date.parse would not assume.
  return /^\d+(\.\d+)?$/.test(text)
    ? +text * 1000
    : /^[a-z]{3}/i.test(text)
      ? Math.max(0, Date.parse(/GMT$/.test(text) ? text : `${text} GMT`) - now)
      : NaN;
}

/**
 * How long to wait before retry number `retry` (1 for the first): what the server's Retry-After
 * asks if it sent one, else exponential backoff with full jitter, a uniform delay up to a bound
 * that doubles per retry (capped at 16 times `retryDelayMs`), which spreads clients that failed
 * together instead of bringing them back in lockstep. Undefined when the server asked for more
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
  // NaN, nothing asked, fails both comparisons.
  return asked > MAX_RETRY_AFTER_MS
    ? undefined
    : asked >= 0
      ? asked
      : random() * retryDelayMs * 2 ** Math.min(retry - 1, 4);
}
