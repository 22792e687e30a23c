/**
 * The contract between the pipeline and the client runtime.
 *
 * The pipeline reads each spec and writes one `ApiDescription` per API into the generated package
 * (`operations.js`); the runtime reads nothing else about a vendor. Everything vendor-specific
 * (servers, credentials, paths, methods) therefore lives in the specs, never in `src/`.
 *
 * Only what a client acts on is here, since this table ends up in every application bundle:
 * titles, descriptions and documented statuses stay in the spec, which each package ships as
 * `openapi.json`. Security schemes are built by the constructors of `auth.ts`, imported by name,
 * so that a bundler keeps only the kinds of credential an API uses, and operations refer to them
 * directly: the runtime looks nothing up by name.
 */
import type { QuerySerializerOptions } from 'openapi-fetch';
import type { SecurityScheme } from './auth.js';
import type { ResponseReader } from './response.js';
import type { FetchInit } from './send.js';
import type { Validator } from './validation.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

export interface OperationInfo {
  method: HttpMethod;
  /** The path template as the spec writes it, e.g. `/v1/agent/{agent_id}`. */
  path: string;
  /**
   * Alternatives, as in OpenAPI: the request must satisfy one inner list completely, and every
   * scheme in that inner list is sent. `[]` or `[[]]` means no authentication.
   */
  security: SecurityScheme[][];
  /**
   * The first of the operation's own servers (an absolute URL), when its path item or the
   * operation names some; else the API's applies. Only the first: the client sends to it.
   */
  server?: string;
  /** The request body's media type, sent as Content-Type, when not application/json (nor multipart: fetch writes that). */
  contentType?: string;
  /** Serialises the request body when openapi-fetch's own would not (see `body.ts`). */
  bodySerializer?: (body: unknown) => unknown;
  /** With `bodySerializer`: a raw call's options, its body sent as the operation's function sends it (`body.ts`). */
  raw?: (this: OperationInfo, init: FetchInit) => FetchInit;
  /**
   * openapi-fetch's `querySerializer` options for this operation's query, when not OpenAPI's
   * default (`form`, exploded), e.g. `{ object: { style: 'deepObject', explode: true } }`; or one
   * that writes each parameter its own way (`query.ts`), when they differ.
   */
  query?: QuerySerializerOptions | ((query: Record<string, unknown>) => string);
  /**
   * Reads the success body when it is not JSON (see `response.ts`): `nothing` when the spec
   * documents no body for the success, `text`, `bytes` or `events` by its media type. Absent: JSON.
   */
  returns?: ResponseReader;
  /**
   * Loads the operation's contract checks (`checks/<operationId>.js`), by dynamic import so that
   * bundlers split them off: only a call that validates loads them.
   */
  checks?: () => Promise<{ default: Validator }>;
  /**
   * The error responses the spec gives a body, as it keys them (`404`, `4XX`, `default`): a raw
   * call resolves `error` with such a body, and with an ApiStatusError for any other error status.
   */
  errorBodies?: string[];
}

export interface ApiDescription {
  /**
   * The spec's first server URL, variables filled in with their defaults: the client's default.
   * When it is not an absolute http(s) URL (`/` for a spec without servers), `baseUrl` is
   * required.
   */
  server: string;
  /** Every security scheme of the spec, whose credentials the client checks when it is made. */
  schemes: SecurityScheme[];
  /** By operation id. */
  operations: Record<string, OperationInfo>;
}
