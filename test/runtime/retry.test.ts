/** The retry policy table, Retry-After parsing and the backoff bounds, as pure functions. */
import { describe, expect, test } from 'vitest';
import { ConnectionError, TimeoutError } from '../../src/runtime/errors.js';
import { shouldRetry, parseRetryAfter, retryDelay } from '../../src/runtime/retry.js';
import { useTimeZone } from '../support/time-zone.js';

/** What `shouldRetry` is given, by name. */
interface AttemptOutcome {
  attempt: number;
  maxRetries: number;
  method: string;
  body: unknown;
  status: number | undefined;
  failure?: unknown;
}

const target = { method: 'PATCH', path: '/agents/{agent_id}' };
/** The first of three attempts of a PATCH with a JSON body that got a 503. */
const base: AttemptOutcome = { attempt: 1, maxRetries: 2, method: 'PATCH', body: { name: 'x' }, status: 503 };

const policyRows: [string, { given: Partial<AttemptOutcome>; want: boolean }][] = [
  ['400 bad request', { given: { status: 400 }, want: false }],
  ['401 unauthorised', { given: { status: 401 }, want: false }],
  ['403 forbidden', { given: { status: 403 }, want: false }],
  ['404 not found', { given: { status: 404 }, want: false }],
  ['408 request timeout', { given: { status: 408 }, want: true }],
  ['409 conflict', { given: { status: 409 }, want: true }],
  ['422 unprocessable', { given: { status: 422 }, want: false }],
  ['499 client closed request, no 5xx', { given: { status: 499 }, want: false }],
  ['429 too many requests', { given: { status: 429 }, want: true }],
  ['500 internal error', { given: { status: 500 }, want: true }],
  ['502 bad gateway', { given: { status: 502 }, want: true }],
  ['503 unavailable', { given: { status: 503 }, want: true }],
  ['599 last 5xx', { given: { status: 599 }, want: true }],
  ['600 not a 5xx', { given: { status: 600 }, want: false }],
  ['200: a success is final', { given: { status: 200 }, want: false }],
  ["status 0 (a browser's redirect, not followed)", { given: { status: 0 }, want: false }],
  ['the last retry allowed: after the second attempt', { given: { attempt: 2 }, want: true }],
  ['retries used up: after the third attempt', { given: { attempt: 3 }, want: false }],
  ['no retries allowed', { given: { maxRetries: 0 }, want: false }],
  ['POST: not idempotent', { given: { method: 'POST' }, want: false }],
  ['PUT', { given: { method: 'PUT' }, want: true }],
  ['DELETE', { given: { method: 'DELETE' }, want: true }],
  ['a stream body: gone once sent', { given: { body: new ReadableStream() }, want: false }],
  [
    'a connection error',
    { given: { status: undefined, failure: new ConnectionError('reset', target) }, want: true },
  ],
  ['a timeout', { given: { status: undefined, failure: new TimeoutError('slow', target) }, want: true }],
  [
    'a POST that timed out',
    { given: { method: 'POST', status: undefined, failure: new TimeoutError('slow', target) }, want: false },
  ],
  [
    "the caller's abort",
    { given: { status: undefined, failure: new DOMException('stop', 'AbortError') }, want: false },
  ],
  ["a middleware's error", { given: { status: undefined, failure: new TypeError('bug') }, want: false }],
];

describe('shouldRetry', () => {
  test.each(policyRows)('%s', (_name, { given, want }) => {
    const { attempt, maxRetries, method, body, status, failure } = { ...base, ...given };
    expect(shouldRetry(attempt, maxRetries, method, body, status, failure)).toBe(want);
  });
});

const NOW = Date.parse('2026-01-01T00:00:00Z');

const retryAfterRows: [string, { given: string | null; want: number }][] = [
  ['absent', { given: null, want: Number.NaN }],
  ['seconds', { given: '5', want: 5000 }],
  ['zero seconds', { given: '0', want: 0 }],
  ['seconds with spaces', { given: ' 2 ', want: 2000 }],
  ['fractional seconds', { given: '1.5', want: 1500 }],
  ['HTTP-date in the future', { given: 'Thu, 01 Jan 2026 00:00:30 GMT', want: 30_000 }],
  ['HTTP-date in the past', { given: 'Wed, 31 Dec 2025 23:59:00 GMT', want: 0 }],
  ['negative seconds', { given: '-5', want: Number.NaN }],
  ['garbage', { given: 'soon', want: Number.NaN }],
  ['garbage that Date.parse reads', { given: 'x 9', want: Number.NaN }],
  ['hexadecimal', { given: '0x1e', want: Number.NaN }],
  ['HTTP-date, RFC 850 form', { given: 'Thursday, 01-Jan-26 00:00:30 GMT', want: 30_000 }],
  ['HTTP-date, asctime form', { given: 'Thu Jan  1 00:00:30 2026', want: 30_000 }],
  ['empty', { given: '', want: Number.NaN }],
  ['blank', { given: '  ', want: Number.NaN }],
];

describe('parseRetryAfter (NaN: none to honour)', () => {
  // HTTP-dates are GMT, the asctime form without saying so: read in the machine's zone, it would be
  // 14 hours off here (and right on a UTC machine, as CI's usually is).
  useTimeZone('Pacific/Kiritimati');
  test('runs in a zone far from UTC', () => expect(new Date(NOW).getTimezoneOffset()).toBe(-14 * 60));
  test.each(retryAfterRows)('%s', (_name, { given, want }) => expect(parseRetryAfter(given, NOW)).toBe(want));
});

const backoffRows: [string, { given: { retry: number; random: number }; want: number }][] = [
  ['first retry, lowest draw', { given: { retry: 1, random: 0 }, want: 0 }],
  ['first retry, highest draw is the base', { given: { retry: 1, random: 1 }, want: 500 }],
  ['second retry doubles the bound', { given: { retry: 2, random: 1 }, want: 1000 }],
  ['a middle draw', { given: { retry: 3, random: 0.5 }, want: 1000 }],
  ['fifth retry reaches the cap of 16 times the base', { given: { retry: 5, random: 1 }, want: 8000 }],
  ['later retries stay at the cap', { given: { retry: 9, random: 1 }, want: 8000 }],
];

describe('backoff without Retry-After (full jitter, base 500 ms)', () => {
  test.each(backoffRows)('%s', (_name, { given, want }) =>
    expect(retryDelay(null, given.retry, 500, NOW, () => given.random)).toBe(want),
  );
});

const delayRows: [string, { given: string | null; want: number | undefined }][] = [
  ['no Retry-After: backoff', { given: null, want: 250 }],
  ['Retry-After within the cap is honoured', { given: '60', want: 60_000 }],
  ['Retry-After of 0 is honoured', { given: '0', want: 0 }],
  ['Retry-After beyond the 60 s cap: do not retry', { given: '61', want: undefined }],
  ['an HTTP-date beyond the cap: do not retry', { given: 'Thu, 01 Jan 2026 00:01:01 GMT', want: undefined }],
  ['unparseable Retry-After: backoff', { given: 'later', want: 250 }],
];

describe('retryDelay', () => {
  test.each(delayRows)('%s', (_name, { given, want }) =>
    expect(retryDelay(given, 1, 500, NOW, () => 0.5)).toBe(want),
  );
});
