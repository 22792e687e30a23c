/**
 * A call's path, query and header parameters, checked and made safe for query.ts to serialise as
 * openapi-fetch does (the operations table's `query` options, OpenAPI's defaults otherwise).
 * openapi-fetch's serializers percent-encode values but not object keys nor query names (a path
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
 * Keys and names are percent-encoded here, values by query.ts, so no value adds a segment, a
 * query parameter or a fragment. A path segment that a parameter leaves empty, `.` or `..` (fetch
 * resolves those: `/agents/..` is `/`), or that holds `.` or `..` between encoded slashes (a server
 * that decodes `%2F` before routing would resolve them), is refused. A header parameter goes as
 * given when a primitive (headers are not percent-decoded), and as `simple` with each part encoded
 * when an array or object (so a comma in a part cannot split it); one HTTP cannot carry as given
 * (control characters, surrounding whitespace that fetch would strip, characters above U+00FF) is
 * refused, as is an invalid header name.
 */
import { ConfigurationError, type RequestTarget } from './errors.js';
import { check } from './context.js';
import { serializeParam, serializePath } from './query.js';
import { isPlainObject, type Redact } from './secrets.js';

/** Refuses a value, which `checkParams` reports naming its parameter. */
const refuse = (): never => {
  throw 0;
};

/** A value as text: a string (well-formed), or a finite number, a boolean or a bigint. */
const text = (value: unknown): string =>
  (
    typeof value == 'string'
      ? !/[\uD800-\uDFFF]/u.test(value)
      : typeof value == 'bigint' || typeof value == 'boolean' || Number.isFinite(value)
  )
    ? String(value)
    : refuse();

/** Text, an array of texts, or a plain object of texts under encoded keys. */
const sanitize = (value: unknown): unknown =>
  Array.isArray(value)
    ? Array.from(value, text)
    : typeof value == 'object'
      ? isPlainObject(value!)
        ? Object.fromEntries(
            Object.entries(value!)
              .filter(([, item]) => item != null)
              .map(([key, item]) => [encodeURIComponent(key), text(item)]),
          )
        : refuse()
      : text(value);

/**
 * The segments of a path template that hold parameters, which `checkParams` checks once filled:
 * `/v1/agent/{agent_id}` → `['{agent_id}']`.
 */
export const paramSegments = (template: string): string[] =>
  template.split('/').filter((segment) => segment.includes('{'));

/**
 * `params` with each parameter checked and made safe (see above), for query.ts. Plain loops:
 * it runs on every call.
 * @param segments the path template's `paramSegments`
 */
export function checkParams(
  segments: string[],
  params: any,
  target: RequestTarget,
  redact: Redact,
): Record<string, unknown> {
  /** What is being read, which a refusal names: `params.query.limit`. */
  let option = 'params';
  let expected = 'text, a number or a boolean, or a flat array or plain object of them';
  try {
    // A copy, so that a getter on it runs once, in here.
    params = { ...params };
    for (const location of ['path', 'query', 'header']) {
      const given = params[location];
      if (given == null) continue;
      option = `params.${location}`;
      if (!isPlainObject(given)) refuse();
      // No prototype: a parameter named `__proto__` is a parameter like any other.
      const made = Object.create(null) as Record<string, unknown>;
      for (let name of Object.keys(given)) {
        option = `params.${location}.${name}`;
        let value = given[name];
        if (value != null) value = sanitize(value);
        if (location == 'query') name = encodeURIComponent(name);
        else if (location == 'header') {
          if (value && typeof value == 'object')
            value = serializeParam(name, value, { style: 'simple', explode: false });
          // RFC 9110's token and field value. fetch would refuse the rest with a TypeError that
          // quotes the value, or strip surrounding whitespace and send something else than given.
          if (!/^[\w!#$%&'*+.^`|~-]+$/.test(name) || /[^\t\x20-\x7e\x80-\xff]|^\s|\s$/.test(value ?? '')) {
            expected = 'a valid header';
            refuse();
          }
        }
        made[name] = value;
      }
      params[location] = made;
    }
  } catch (thrown) {
    // What `refuse` or reading a value (a Proxy, a getter) threw.
    check(0, option, expected, target, undefined, thrown === 0 ? undefined : redact(thrown));
  }
  // A missing value leaves `{name}` in place (no prototype: `{constructor}` finds no inherited
  // value), and values cannot add a `/`.
  for (const segment of segments) {
    if (/^$|\{|(^|%2F|%5C)\.\.?(%2F|%5C|$)/i.test(serializePath(segment, params.path ?? Object.create(null))))
      throw new ConfigurationError(
        `path parameter ${segment} is missing, empty, "." or "..", or holds them between encoded slashes`,
        target,
      );
  }
  return params;
}
