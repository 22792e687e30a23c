/**
 * Every error the client throws. One base class so callers can catch "anything from this SDK",
 * one subclass per kind so they can branch without reading status codes. Public: every declaration
 * here is exported by the packages. Which class a response gets is decided in one place,
 * `responseError` (decode.ts).
 *
 * Errors hold only what the server sent and where the request went (the path template, never the
 * filled-in URL, which may carry an API key); the caller redacts server text, and makes each cause a
 * redacted copy (see secrets.ts), before they get here.
 */

/** Where a failed request was going; the operation id is absent for raw calls to unknown paths. */
export interface RequestTarget {
  readonly method: string;
  /** The path template, e.g. `/v1/agent/{agent_id}`. */
  readonly path: string;
  readonly operationId?: string;
}

/** What a status-carrying error keeps of a response. */
export interface ResponseInfo<TBody = unknown> {
  readonly status: number;
  /** The parsed JSON if it parses, else the text. */
  readonly body: TBody;
  readonly headers: Headers;
}

/** The base of every error the client throws: catch it to handle anything from this SDK. */
export class VoiceAgentApiError extends Error {
  override readonly name: string = 'VoiceAgentApiError';
  declare readonly method?: string;
  declare readonly path?: string;
  declare readonly operationId?: string;

  /**
   * @param target where the request went; prefixes the message
   * @param response kept as `status`, `body` and `headers` by the classes that declare them
   */
  constructor(message: string, target?: RequestTarget, cause?: unknown, response?: ResponseInfo) {
    super(
      `${target ? `${target.method} ${target.path}${target.operationId ? ` (${target.operationId})` : ''}: ` : ''}${message}`,
      { cause },
    );
    Object.assign(this, target, response);
  }

  /** Plain data for logs. `cause` stays out (as in util.inspect): a custom fetch may put anything in it. */
  toJSON(): Record<string, unknown> {
    const { headers } = this as { headers?: Headers };
    return { ...(this as object), message: this.message, headers: headers && Object.fromEntries(headers) };
  }
}

// util.inspect would print `cause`, which may quote a URL with an API key in it: show the toJSON
// view. Found by its registry name (no `node:util` import) and set on the prototype
// (isolatedDeclarations cannot type a computed method name).
Object.defineProperty(VoiceAgentApiError.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(this: VoiceAgentApiError): string {
    return `${this.stack} ${JSON.stringify(this)}`;
  },
});

/**
 * The client or a call was set up wrongly (options, credentials, arguments): nothing was sent.
 * Also a custom `fetch` that resolved something other than a Response.
 */
export class ConfigurationError extends VoiceAgentApiError {
  override readonly name: string = 'ConfigurationError';
}

/** No usable response: DNS, refused or reset connection, or a body cut off mid-way. Retried. */
export class ConnectionError extends VoiceAgentApiError {
  override readonly name: string = 'ConnectionError';
}

/** One attempt took longer than `timeoutMs`. Retried; a subclass so network handlers catch it too. */
export class TimeoutError extends ConnectionError {
  override readonly name: string = 'TimeoutError';
}

/** A 2xx whose body is not the JSON it should be: HTML, truncated, empty. Not retried. */
export class InvalidResponseError extends VoiceAgentApiError {
  override readonly name: string = 'InvalidResponseError';
  declare readonly status: number;
  /** The body's text (redacted); empty when openapi-fetch had already consumed it. */
  declare readonly body: string;
  declare readonly headers: Headers;
}

/** A non-2xx response; the base of the per-status classes and the class of unlisted statuses. */
export class ApiStatusError<TBody = unknown> extends VoiceAgentApiError {
  override readonly name: string = 'ApiStatusError';
  declare readonly status: number;
  /**
   * The parsed JSON if it parses, else the text: `unknown` unless a type is given
   * (`error as NotFoundError<Problem>`). `instanceof` narrows to `NotFoundError<any>`, and that
   * `any` would otherwise reach the body unchecked.
   */
  declare readonly body: unknown extends TBody ? unknown : TBody;
  declare readonly headers: Headers;
}

/** 400 Bad Request or 422 Unprocessable Entity: the server rejected the request's content. */
export class BadRequestError<TBody = unknown> extends ApiStatusError<TBody> {
  override readonly name: string = 'BadRequestError';
}
/** 401: the credential is missing, wrong or expired. */
export class AuthenticationError<TBody = unknown> extends ApiStatusError<TBody> {
  override readonly name: string = 'AuthenticationError';
}
/** 403: the credential is valid but may not do this. */
export class PermissionDeniedError<TBody = unknown> extends ApiStatusError<TBody> {
  override readonly name: string = 'PermissionDeniedError';
}
/** 404: no such resource (or not visible to this credential). */
export class NotFoundError<TBody = unknown> extends ApiStatusError<TBody> {
  override readonly name: string = 'NotFoundError';
}
/** 409 that persisted through the retries. */
export class ConflictError<TBody = unknown> extends ApiStatusError<TBody> {
  override readonly name: string = 'ConflictError';
}
/** 429 that persisted through the retries, or whose Retry-After was longer than the client waits. */
export class RateLimitError<TBody = unknown> extends ApiStatusError<TBody> {
  override readonly name: string = 'RateLimitError';
}
/** 5xx that persisted through the retries. */
export class ServerError<TBody = unknown> extends ApiStatusError<TBody> {
  override readonly name: string = 'ServerError';
}

/**
 * A request or response that breaks the spec, as the client's checks found it (`validate`). It
 * names the type of what came, never the value: a body may hold personal data or a secret.
 */
export interface ContractViolation {
  readonly operationId: string;
  readonly method: string;
  /** The path template. */
  readonly path: string;
  readonly side: 'request' | 'response';
  /** The response's status (responses only). */
  readonly status?: number;
  /** Which part breaks it: `body`, `path`, `query`, `header` (`/content-type`), or `status`. */
  readonly in: string;
  /** JSON pointer of the value in that part: `/voice/id`; `''` for the whole body. */
  readonly pointer: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `enum`, `format`, ...), `content-type` or `status`. */
  readonly rule: string;
  /** What the rule asks for: `format uuid`, `>= 1000`, `one of "free", "path"`. */
  readonly expected: string;
  /** The JSON type of what came (`string`, `integer`, `null`, `absent`, ...), or the media type or status. */
  readonly got: string;
  /** Where the rule is written: `specs/diga.yaml:312:7`, or a pointer into the package's `openapi.json`. */
  readonly schema: string;
  /** All of the above in one line. */
  readonly message: string;
}

/**
 * A response (or, with `validate.request`, a request) that breaks the spec, under
 * `validate: { response: 'throw' }`. Nothing was sent for a request; a response's error status, if
 * any, is on `status`. `data` holds what was parsed (redacted), kept out of the error's printed
 * forms, which hold no value the checks looked at.
 */
export class ContractViolationError extends VoiceAgentApiError {
  override readonly name: string = 'ContractViolationError';
  declare readonly status?: number;
  declare readonly headers?: Headers;
  declare readonly violations: readonly ContractViolation[];
  /** The parsed body (a request's body for a request), credentials redacted. Not enumerable. */
  declare readonly data: unknown;
}

/**
 * `instanceof` across packages. Each package ships its own runtime, so an application using two
 * of them has two NotFoundError classes; one `err instanceof NotFoundError` must still catch "not
 * found" from either. Every runtime's errors carry one brand (a registered symbol, the same in
 * all of them), and an error of another runtime counts as an instance of this runtime's class of
 * the same `name` (a string of each class, which minifiers keep) and of that class's bases. The
 * `.v1` is the contract: a runtime whose classes mean something else takes another brand.
 */
const BRAND = Symbol.for('voice-agent-sdks.error.v1');
// Assigned, not defined: a symbol is never enumerated, and the assignment is fewer bytes.
(VoiceAgentApiError.prototype as any)[BRAND] = true;
Object.defineProperty(VoiceAgentApiError, Symbol.hasInstance, {
  value(this: Function, value: unknown): boolean {
    // What `instanceof` does without this method.
    const isBase = (candidate: unknown) => this.prototype.isPrototypeOf(candidate);
    return (
      isBase(value) ||
      (!!(value as Record<symbol, unknown> | null)?.[BRAND] &&
        // An error of this runtime's class of the same name (made to read it: a string of each
        // class, which minifiers keep) is one of `this`. Rare: errors of two packages.
        [
          VoiceAgentApiError,
          ConfigurationError,
          ConnectionError,
          TimeoutError,
          InvalidResponseError,
          ApiStatusError,
          BadRequestError,
          AuthenticationError,
          PermissionDeniedError,
          NotFoundError,
          ConflictError,
          RateLimitError,
          ServerError,
          ContractViolationError,
        ].some((own) => {
          const made = new own('');
          return made.name == (value as Error).name && isBase(made);
        }))
    );
  },
});
