/** The public surface of the runtime that every generated package re-exports. */
export type { ApiDescription, HttpMethod, OperationInfo } from './api-description.js';
export { createApiClient, type ApiClient, type OperationArgs, type OperationFunction } from './client.js';
export type { RawClient, RawResult } from './raw-client.js';
export {
  ApiStatusError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  VoiceAgentApiError,
  type RequestTarget,
  type ResponseInfo,
} from './errors.js';
export { type SecurityScheme } from './auth.js';
export {
  DEFAULTS,
  MAX_RETRY_AFTER_MS,
  type CallOptions,
  type ClientOptions,
  type Credentials,
  type FetchFunction,
  type LogDetails,
  type Logger,
  type Settings,
} from './options.js';
// The types of openapi-fetch that the client's own mention (the raw calls' results, `middleware`,
// `headers`), so that a consumer names them through this package: under pnpm openapi-fetch is this
// package's dependency, not the consumer's, and a declaration that reaches it fails with TS2742.
export type {
  Client,
  FetchResponse,
  HeadersOptions,
  Middleware,
  MiddlewareCallbackParams,
} from 'openapi-fetch';
