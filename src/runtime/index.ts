/**
 * The runtime's public surface, chosen by hand: what every generated package re-exports besides
 * its own factory, options and client types. Only what a consumer writes, reads or catches is
 * here; the rest of this folder is the packages' implementation, which their `exports` keep out of
 * reach and which ships without declarations. A name added here is a promise (a removal a major
 * version): see the README's "What a package exports".
 */
export {
  ApiStatusError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ContractViolationError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  VoiceAgentApiError,
  type ContractViolation,
  type RequestTarget,
  type ResponseInfo,
} from './errors.js';
export type {
  CallOptions,
  ClientOptions,
  FetchFunction,
  LogDetails,
  Logger,
  ValidateOptions,
  ValidationMode,
} from './options.js';
// The raw calls' client, which each package's client extends, and their result, which a
// consumer's declarations name (`RawResult<…>`) when they return one.
export type { RawClient, RawResult } from './raw-client.js';
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
