/**
 * What an operation function returns or throws for a response, and the one place where a response
 * becomes an error (the operation functions' and the raw calls' alike).
 */
import {
  ApiStatusError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  type RequestTarget,
  type VoiceAgentApiError,
} from './errors.js';
import type { Redact } from './secrets.js';
import type { FetchResult } from './send.js';

/** The one status → class table. 5xx statuses fall to ServerError, anything else to ApiStatusError. */
const STATUS_ERRORS: Record<number, typeof VoiceAgentApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: BadRequestError,
  429: RateLimitError,
};

/**
 * The class of the error for a response; a 2xx gets one only when its body is not the JSON it
 * should be. A redirect (not followed) is an ApiStatusError, also a browser's, whose status is 0.
 */
export function errorClassFor(status: number): typeof VoiceAgentApiError {
  if (status > 199 && status < 300) return InvalidResponseError;
  return STATUS_ERRORS[status] ?? (status > 499 && status < 600 ? ServerError : ApiStatusError);
}

/**
 * The error for a response: a non-2xx, or a 2xx whose body did not parse. Server text is redacted
 * before it reaches the error. No cause: a JSON parse error quotes the body's first characters,
 * which may end inside a credential, where no redactor would see it; the body is on the error.
 * @param body the parsed error body, or a 2xx body's text ('' when a raw call's parsing consumed it)
 */
export function responseError(
  response: Response,
  body: unknown,
  target: RequestTarget,
  redact: Redact,
): VoiceAgentApiError {
  const { status, ok } = response;
  const ErrorClass = errorClassFor(status);
  body = redact(body);
  const text = typeof body == 'string' ? body : (JSON.stringify(body) ?? '');
  // The whole body stays on `body`; a message is for a log line.
  return new ErrorClass(
    `${status}${ok ? ', not JSON' : ''} ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`.trim(),
    target,
    undefined,
    { status, body, headers: redact(response.headers) },
  );
}

/**
 * The success body, parsed strictly (openapi-fetch would hand back `undefined` for an empty body
 * and throw a bare SyntaxError for HTML), or the error `responseError` makes. Success bodies that
 * are not JSON are the operations' readers' (response.ts).
 * @param result fetched with `parseAs: 'text'` (a success's body then is its text)
 */
export function decodeResult(
  { data, error, response }: FetchResult,
  target: RequestTarget,
  redact: Redact,
): unknown {
  // No Content: nothing to parse.
  if (response.status == 204) return;
  if (!response.ok) throw responseError(response, error, target, redact);
  try {
    return JSON.parse(data as string);
  } catch {
    // Reported with the body's text.
    throw responseError(response, data ?? '', target, redact);
  }
}
