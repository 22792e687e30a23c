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
import type { FetchOptions, Middleware, ParseAs } from 'openapi-fetch';
import type { ApiStatusError } from './errors.js';

type Method = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

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
type RawError<Operation> =
  | {
      [K in ErrorKeys<Responses<Operation>>]: [BodyOf<Responses<Operation>[K]>] extends [never]
        ? ApiStatusError
        : BodyOf<Responses<Operation>[K]>;
    }[ErrorKeys<Responses<Operation>>]
  | ('default' extends keyof Responses<Operation> ? never : ApiStatusError);

/** The statuses a raw call counts as successes. */
type SuccessKeys<R> = {
  [K in keyof R]: `${K & (string | number)}` extends `2${string}` ? K : never;
}[keyof R];

/** The success bodies, `undefined` for a success without one, as openapi-fetch types `data`. */
type SuccessBody<Operation> = {
  [K in SuccessKeys<Responses<Operation>>]: Responses<Operation>[K] extends { content: infer Content }
    ? [keyof Content] extends [never]
      ? undefined
      : Content[keyof Content]
    : undefined;
}[SuccessKeys<Responses<Operation>>];

/** What `data` is for each `parseAs` (openapi-fetch's `BodyType`). */
interface BodyAs<T> {
  json: T;
  text: Awaited<ReturnType<Response['text']>>;
  blob: Awaited<ReturnType<Response['blob']>>;
  arrayBuffer: Awaited<ReturnType<Response['arrayBuffer']>>;
  stream: Response['body'];
}

/**
 * What a raw call resolves with: `data` for a 2xx (typed by `parseAs`), else `error`. Read from
 * the operation's responses directly: openapi-fetch's `FetchResponse` would also map every error
 * body through its `Readable`, which on GitHub's description costs a consumer's compile a tenth.
 */
export type RawResult<Operation, As extends ParseAs = 'json'> =
  | { data: BodyAs<SuccessBody<Operation>>[As]; error?: never; response: Response }
  | { data?: never; error: RawError<Operation>; response: Response };

/**
 * `Operation` is a parameter with a default, never inferred (`NoInfer`), rather than
 * `OperationAt<Paths, Path, M>` written into the options' type: while a call's type arguments are
 * inferred, its options are typed by the signature before `Path` is known, and TypeScript then
 * reads that type's properties through `Path`'s constraint, every path of `M` at once (on GitHub's
 * 1,223 operations, three-quarters of a consumer's check of 40 raw calls). An unconstrained
 * `Operation` gives it openapi-fetch's options for any operation instead, still with `parseAs` (so
 * `As` is inferred as before); once `Path` is inferred, `Operation` is the operation at it, and the
 * options are checked against exactly its type.
 */
type RawMethod<Paths, M extends Method> = <
  Path extends PathsWith<Paths, M>,
  As extends ParseAs = 'json',
  Operation = OperationAt<Paths, Path, M>,
>(
  url: Path,
  ...init: InitArgs<NoInfer<Operation>, As>
) => Promise<RawResult<Operation, As>>;

type RawRequest<Paths> = <
  M extends Method,
  Path extends PathsWith<Paths, M>,
  As extends ParseAs = 'json',
  Operation = OperationAt<Paths, Path, M>,
>(
  method: M,
  url: Path,
  ...init: InitArgs<NoInfer<Operation>, As>
) => Promise<RawResult<Operation, As>>;

/** openapi-fetch's client over `Paths`, with the raw calls typed as the module comment says. */
export interface RawClient<Paths extends {}> {
  request: RawRequest<Paths>;
  /** Call a GET endpoint */
  GET: RawMethod<Paths, 'get'>;
  /** Call a PUT endpoint */
  PUT: RawMethod<Paths, 'put'>;
  /** Call a POST endpoint */
  POST: RawMethod<Paths, 'post'>;
  /** Call a DELETE endpoint */
  DELETE: RawMethod<Paths, 'delete'>;
  /** Call an OPTIONS endpoint */
  OPTIONS: RawMethod<Paths, 'options'>;
  /** Call a HEAD endpoint */
  HEAD: RawMethod<Paths, 'head'>;
  /** Call a PATCH endpoint */
  PATCH: RawMethod<Paths, 'patch'>;
  /** Call a TRACE endpoint */
  TRACE: RawMethod<Paths, 'trace'>;
  /** Register middleware */
  use(...middleware: Middleware[]): void;
  /** Unregister middleware */
  eject(...middleware: Middleware[]): void;
}
