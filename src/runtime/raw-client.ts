/**
 * The types of the raw call style (`client.PATCH(path, { params, body })`): openapi-fetch's
 * `Client<Paths>`, with two differences a consumer can rely on.
 *
 * - The options are checked as written. openapi-fetch infers them into a type parameter
 *   (`Init extends …`), so an object literal is never checked for fields the spec does not have
 *   (openapi-typescript #1769, #2329): `body: { name: 'x' }` compiled where the field is
 *   `display_name`. Here the options' type follows from the path alone, and only `parseAs` is
 *   inferred (it picks `data`'s type), so a misspelt field fails to compile at any depth.
 * - `error` is never falsy, so `if (error) throw error` leaves `data` as the success type: a status
 *   the spec gives a body resolves with that body, any other with the `ApiStatusError` the
 *   operation function would throw (see `client.ts`). openapi-fetch types such a status's `error`
 *   as `undefined` or `never`.
 */
import type { FetchOptions, FetchResponse, Middleware, ParseAs } from 'openapi-fetch';
import type { ApiStatusError } from './errors.js';

type Method = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
type MediaType = `${string}/${string}`;

/** The paths of `Paths` that have `M`. */
type PathsWith<Paths, M extends Method> = {
  [Path in keyof Paths]: Paths[Path] extends { [_ in M]: unknown } ? Path : never;
}[keyof Paths];

/** The operation at `Path` and `M`. */
type OperationAt<Paths, Path, M extends Method> = Path extends keyof Paths
  ? M extends keyof Paths[Path]
    ? Paths[Path][M]
    : never
  : never;

/** A raw call's options: openapi-fetch's for the operation, and any other key it passes on. */
type Init<Operation, As extends ParseAs> = FetchOptions<Operation> & { parseAs?: As; [key: string]: unknown };

/** The options argument, optional when the operation needs none of them. */
type InitArgs<Operation, As extends ParseAs> =
  {} extends FetchOptions<Operation> ? [init?: Init<Operation, As>] : [init: Init<Operation, As>];

type Responses<Operation> = Operation extends { responses: infer R } ? R : {};

/** The statuses a raw call counts as errors, as the operation's `responses` key them. */
type ErrorKeys<R> = {
  [K in keyof R]: `${K & (string | number)}` extends `${4 | 5}${string}` | 'default' ? K : never;
}[keyof R];

/** The body a response documents (any of its media types), or `never`. */
type BodyOf<Response> = Response extends { content: infer Content }
  ? [keyof Content] extends [never]
    ? never
    : Content[keyof Content]
  : never;

/** What a raw call resolves as `error`: each documented error body, else an ApiStatusError. */
export type RawError<Operation> =
  | {
      [K in ErrorKeys<Responses<Operation>>]: [BodyOf<Responses<Operation>[K]>] extends [never]
        ? ApiStatusError
        : BodyOf<Responses<Operation>[K]>;
    }[ErrorKeys<Responses<Operation>>]
  | ('default' extends keyof Responses<Operation> ? never : ApiStatusError);

/** What a raw call resolves with: `data` for a 2xx (typed by `parseAs`), else `error`. */
export type RawResult<Operation, As extends ParseAs = 'json', Media extends MediaType = MediaType> =
  | {
      data: Extract<FetchResponse<Operation & {}, { parseAs: As }, Media>, { data: unknown }>['data'];
      error?: never;
      response: Response;
    }
  | { data?: never; error: RawError<Operation>; response: Response };

type RawMethod<Paths, M extends Method, Media extends MediaType> = <
  Path extends PathsWith<Paths, M>,
  As extends ParseAs = 'json',
>(
  url: Path,
  ...init: InitArgs<OperationAt<Paths, Path, M>, As>
) => Promise<RawResult<OperationAt<Paths, Path, M>, As, Media>>;

type RawRequest<Paths, Media extends MediaType> = <
  M extends Method,
  Path extends PathsWith<Paths, M>,
  As extends ParseAs = 'json',
>(
  method: M,
  url: Path,
  ...init: InitArgs<OperationAt<Paths, Path, M>, As>
) => Promise<RawResult<OperationAt<Paths, Path, M>, As, Media>>;

/** openapi-fetch's client over `Paths`, with the raw calls typed as the module comment says. */
export interface RawClient<Paths extends {}, Media extends MediaType = MediaType> {
  request: RawRequest<Paths, Media>;
  /** Call a GET endpoint */
  GET: RawMethod<Paths, 'get', Media>;
  /** Call a PUT endpoint */
  PUT: RawMethod<Paths, 'put', Media>;
  /** Call a POST endpoint */
  POST: RawMethod<Paths, 'post', Media>;
  /** Call a DELETE endpoint */
  DELETE: RawMethod<Paths, 'delete', Media>;
  /** Call an OPTIONS endpoint */
  OPTIONS: RawMethod<Paths, 'options', Media>;
  /** Call a HEAD endpoint */
  HEAD: RawMethod<Paths, 'head', Media>;
  /** Call a PATCH endpoint */
  PATCH: RawMethod<Paths, 'patch', Media>;
  /** Call a TRACE endpoint */
  TRACE: RawMethod<Paths, 'trace', Media>;
  /** Register middleware */
  use(...middleware: Middleware[]): void;
  /** Unregister middleware */
  eject(...middleware: Middleware[]): void;
}
