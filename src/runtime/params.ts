/**
 * A call's path, query and header parameters, checked and made safe for openapi-fetch to serialise
 * (its `style` code does the rest: the operations table's `query` options, OpenAPI's defaults
 * otherwise). openapi-fetch percent-encodes values but not object keys nor query names (a path
 * parameter `{ '../../admin': 'x' }` went to `/admin,x`, credentials and all), and hands anything
 * else to String() or encodeURIComponent, which throws a bare URIError on a lone surrogate. `send`
 * runs this once per call, before the first attempt: a refused value sends nothing.
 *
 * Sent: well-formed strings, finite numbers, booleans and bigints, alone, as the items of an array,
 * or as the values of a plain object (`{}`, `Object.create(null)`; its null and undefined values
 * are left out). Refused with a ConfigurationError naming the parameter: everything else. No style
 * defines nested arrays or objects; String() would make a Date, a class instance, NaN or a function
 * into text that names some other resource or none ("[object Object]"); a lone surrogate has no
 * UTF-8; a value that throws when read (a Proxy, a getter) is refused with what it threw as cause.
 *
 * Keys and names are percent-encoded here, values by openapi-fetch, so no value adds a segment, a
 * query parameter or a fragment. A path segment that a parameter leaves empty, `.` or `..` (fetch
 * resolves those: `/agents/..` is `/`), or that holds `.` or `..` between encoded slashes (a server
 * that decodes `%2F` before routing would resolve them), is refused. A header parameter goes as
 * given when a primitive (headers are not percent-decoded), and as `simple` with each part encoded
 * when an array or object (so a comma in a part cannot split it); one HTTP cannot carry as given
 * (control characters, surrounding whitespace that fetch would strip, characters above U+00FF) is
 * refused, as is an invalid header name.
 */
import { defaultPathSerializer, serializeArrayParam, serializeObjectParam } from 'openapi-fetch';
import { ConfigurationError, type RequestTarget } from './errors.js';
import { check, succeeds } from './options.js';
import { isPlainObject, type Redact } from './secrets.js';

/** Refuses a value, which `checkParams` reports naming its parameter. */
const refuse = (): never => {
  throw 0;
};

/** A value as text: a string (well-formed), or a finite number, a boolean or a bigint. */
const text = (value: unknown): string =>
  typeof value == 'string'
    ? /[\uD800-\uDFFF]/u.test(value)
      ? refuse()
      : value
    : typeof value == 'bigint' || typeof value == 'boolean' || Number.isFinite(value)
      ? String(value)
      : refuse();

/** A plain object's entries. */
const entriesOf = (value: unknown): [string, any][] =>
  isPlainObject(value as object) ? Object.entries(value as object) : refuse();

/** Text, an array of texts, or a plain object of texts under encoded keys. */
const sanitize = (value: unknown): unknown =>
  Array.isArray(value)
    ? Array.from(value, text)
    : typeof value == 'object'
      ? Object.fromEntries(
          entriesOf(value)
            .filter(([, item]) => item != null)
            .map(([key, item]) => [encodeURIComponent(key), text(item)]),
        )
      : text(value);

/**
 * `params` with each parameter checked and made safe (see above), for openapi-fetch.
 * @param template the path template, `/v1/agent/{agent_id}`
 * @param names the template's parameters, each required
 */
export function checkParams(
  template: string,
  names: string[],
  params: any,
  target: RequestTarget,
  redact: Redact,
): Record<string, unknown> {
  /** `get()`; what it throws (but our own errors) refuses the option `params<what>`. */
  const read = <T>(what: string, get: () => T): T => {
    try {
      return get();
    } catch (thrown) {
      if (thrown instanceof ConfigurationError) throw thrown;
      return check(
        0,
        `params${what}`,
        'text, a number or a boolean, or a flat array or plain object of them',
        target,
        undefined,
        thrown === 0 ? undefined : redact(thrown),
      ) as never;
    }
  };
  // A copy, so that a getter on it runs once, in here.
  params = read('', () => ({ ...params }));

  const path: Record<string, unknown> = {};
  for (const name of names)
    path[name] = read(`.path.${name}`, () => {
      const value = params.path?.[name];
      // openapi-fetch would leave `{name}` in the URL and send the request anyway.
      if (value == null) throw new ConfigurationError(`missing path parameter "${name}"`, target);
      return sanitize(value);
    });
  // Values cannot add a `/`: the filled path has the template's segments.
  const filled = defaultPathSerializer(template, path).split('/');
  template.split('/').forEach((segment, index) => {
    if (segment.includes('{') && /^$|(^|%2F|%5C)\.\.?(%2F|%5C|$)/i.test(filled[index]!))
      throw new ConfigurationError(
        `path parameter ${segment} may not be empty, "." or "..", even between encoded slashes`,
        target,
      );
  });

  const query = Object.fromEntries(
    read('.query', () => (params.query == null ? [] : entriesOf(params.query)))
      .filter(([, value]) => value != null)
      .map(([name, value]) => read(`.query.${name}`, () => [encodeURIComponent(name), sanitize(value)])),
  );

  const header =
    params.header &&
    Object.fromEntries(
      read('.header', () => entriesOf(params.header)).map(([name, value]) => {
        const what = `.header.${name}`;
        value = read(what, () =>
          value == null
            ? value
            : typeof value == 'object'
              ? (Array.isArray((value = sanitize(value))) ? serializeArrayParam : serializeObjectParam)(
                  name,
                  value,
                  { style: 'simple', explode: false },
                )
              : text(value),
        );
        // fetch would refuse the rest with a TypeError that quotes the value, or strip surrounding
        // whitespace and send something else than given. A null value removes the header: its name
        // counts too.
        const sent = value ?? '';
        check(
          sent.trim() == sent && succeeds(() => new Headers({ [name]: sent })),
          `params${what}`,
          'a valid header',
          target,
        );
        return [name, value];
      }),
    );
  return { ...params, path, query, header };
}
