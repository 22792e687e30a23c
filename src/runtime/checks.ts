/**
 * The building blocks of the generated checks (`checks/<operationId>.js`, written by the
 * pipeline's `emit/checks/`): each schema of the spec becomes a node, data made once when its
 * module loads: its `type` (a mask of `TYPES` bits) alone, or `[mask, keyword, arg, keyword, arg,
 * …]`, each keyword one of the functions here with what the schema gives it (a last keyword that
 * takes none, a format, without). One export per JSON
 * Schema keyword (or family), so that a bundler keeps only those an API's checks use; loaded with
 * the checks, never by a client that does not validate. Function declarations throughout: a
 * bundler that wraps a module loaded on demand (esbuild, into one file) hoists them, where it
 * keeps a variable and an assignment for each constant.
 *
 * A call only asks whether a value holds (`holds`): nothing is built while nothing breaks. Where
 * and why it does not is `explain.ts`'s, which walks the same nodes and is loaded only once
 * something broke.
 */

/** One failed rule. */
export interface Finding {
  /** JSON pointer of the value that breaks it, from the checked value (`''`: the value itself). */
  p: string;
  /** The keyword's path in the schema: from the checked schema, or (`#/…`) from the document root. */
  s: string;
  /** The keyword: `type`, `required`, `format`, ... */
  r: string;
  /** What the keyword asks for: the type bits, the format's name, the bound, the values. */
  a?: unknown;
  /** The JSON type of what came: its `TYPES` bit, -1 when absent (0: not JSON); or, for a media type, its name. */
  g: number | string;
}

/**
 * A schema's check: its type mask alone (0: anything), or the mask then keywords and their
 * arguments; a `$ref` target's or a root's (`def`) with its pointer into `openapi.json` (`s`, as
 * a finding's schema path: one letter, as the client ships it).
 */
export type Check = number | (readonly unknown[] & { s?: string });

/** A keyword: whether `value` keeps it, given what the schema says (`arg`). */
export type Keyword = (value: unknown, arg: any) => boolean;

/**
 * The JSON types, in the order of their bits in a `type` mask (1: string, 2: number, ...). An
 * integer is a number too: `number`'s mask is 6, its bit and `integer`'s.
 */
export const TYPES: readonly string[] = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'];

/**
 * The bit of a value's JSON type (an integer's is `integer`); 0 for what JSON has not. One
 * `typeof` for null, arrays and objects alike: fewer tests for the rest, and fewer bytes.
 */
export function bit(value: unknown): number {
  return typeof value == 'object'
    ? value
      ? Array.isArray(value)
        ? 32
        : 64
      : 16
    : typeof value == 'string'
      ? 1
      : typeof value == 'boolean'
        ? 8
        : Number.isFinite(value)
          ? Number.isInteger(value)
            ? 4
            : 2
          : 0;
}

/**
 * An object of a body, once `bit(value) == 64` said it is one: the keywords on objects test that
 * where they need it rather than call a function for it, a few bytes fewer in every client.
 */
type JsonObject = Record<string, unknown>;

/**
 * A member of a body, as JSON has it. JSON has no functions: one found is inherited from
 * Object.prototype (`constructor`, `toString`, ...), or, in a request body, left out when sent;
 * and `__proto__` that is not the body's own reads its prototype. Cheaper than `Object.hasOwn` on
 * every property of every checked body.
 */
export function member(value: Record<string, unknown>, key: string): unknown {
  const found = value[key];
  return typeof found == 'function' || found === Object.getPrototypeOf(value) ? undefined : found;
}

/** Whether `value` keeps `check`: its type (one of the mask's bits, any for 0), then each keyword. */
export function holds(check: Check, value: unknown): boolean {
  // A mask alone is most properties' check: no index read on a number.
  if (typeof check == 'number') return !check || !!(check & bit(value));
  if (!holds(check[0] as number, value)) return false;
  for (let index = 1; index < check.length; index += 2)
    if (!(check[index] as Keyword)(value, check[index + 1])) return false;
  return true;
}

/**
 * A `$ref` target or a root: its findings' schema paths start at `pointer` (a pointer into
 * `openapi.json`; one under `#/components/schemas/` written without it).
 */
export function def(pointer: string, node: unknown[] & { s?: string }): Check {
  node.s = pointer;
  return node;
}

/** A `$ref` beside other keywords: the target's check, in place. */
export function apply(value: unknown, check: Check): boolean {
  return holds(check, value);
}

/** A `$ref` to a check not made yet (a cycle): read when it runs. */
export function ref(value: unknown, check: () => Check): boolean {
  return holds(check(), value);
}

/** A subschema applied in place (`allOf/0`, `dependentSchemas/x`): `[its path, its check]`. */
export function sub(value: unknown, [, check]: [string, Check]): boolean {
  return holds(check, value);
}

/** OpenAPI 3.0's `nullable`: null passes whatever the rest says. */
export function nullable(value: unknown, check: Check): boolean {
  return value === null || holds(check, value);
}

/** `enum` of strings, numbers, booleans and null. */
export function oneOfValues(value: unknown, values: Set<unknown>): boolean {
  return values.has(value);
}

/** JSON equality: `const`, `enum` with objects, `uniqueItems`. Key order does not matter. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a != 'object' || typeof b != 'object' || Array.isArray(a) != Array.isArray(b))
    return false;
  const keys = Object.keys(a);
  return (
    keys.length == Object.keys(b).length &&
    keys.every(
      (key) =>
        Object.hasOwn(b, key) &&
        equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/** `enum` with objects or arrays among its values. */
export function equalTo(value: unknown, values: unknown[]): boolean {
  return values.some((each) => equal(each, value));
}

/** `const`. */
export function constant(value: unknown, expected: any): boolean {
  return equal(expected, value);
}

/** Bounds on numbers, one export per keyword so that a bundler keeps only those an API uses. */
export function minimum(value: unknown, limit: number): boolean {
  return typeof value != 'number' || value >= limit;
}
export function maximum(value: unknown, limit: number): boolean {
  return typeof value != 'number' || value <= limit;
}
export function exclusiveMinimum(value: unknown, limit: number): boolean {
  return typeof value != 'number' || value > limit;
}
export function exclusiveMaximum(value: unknown, limit: number): boolean {
  return typeof value != 'number' || value < limit;
}
/** Within a rounding error: 0.3 is a multiple of 0.1. */
export function multipleOf(value: unknown, limit: number): boolean {
  return typeof value != 'number' || Math.abs(value / limit - Math.round(value / limit)) < 1e-9;
}

/** Length in code points, as JSON Schema counts it (an emoji is one character, two UTF-16 units). */
function codePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++, count++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) == 0xdc00) index++;
  }
  return count;
}

/** `minLength`, `maxLength`, `minItems`, `maxItems`, `minProperties`, `maxProperties`: `[rule, limit]`. */
export function size(value: unknown, [rule, limit]: [string, number]): boolean {
  const count =
    typeof value == 'string' && /Length/.test(rule)
      ? codePoints(value)
      : Array.isArray(value) && /Items/.test(rule)
        ? value.length
        : bit(value) == 64 && /Prop/.test(rule)
          ? Object.keys(value as JsonObject).length
          : undefined;
  return count === undefined || (rule[1] == 'i' ? count >= limit : count <= limit);
}

/** `pattern`. */
export function pattern(value: unknown, regex: RegExp): boolean {
  return typeof value != 'string' || regex.test(value);
}

/** `uniqueItems: true`. */
export function uniqueItems(value: unknown): boolean {
  if (Array.isArray(value))
    for (let i = 0; i < value.length; i++)
      for (let j = 0; j < i; j++) if (equal(value[i], value[j])) return false;
  return true;
}

/** `items`, every item. */
export function items(value: unknown, check: Check): boolean {
  return !Array.isArray(value) || value.every((item) => holds(check, item));
}

/** `items` after `prefixItems`, or the old `additionalItems`: `[check, from, its path]`. */
export function restItems(value: unknown, [check, from]: [Check, number, string]): boolean {
  return !Array.isArray(value) || value.every((item, index) => index < from || holds(check, item));
}

/** `prefixItems` (or the old array form of `items`): `[checks, rule]`. */
export function prefixItems(value: unknown, [checks]: [Check[], string?]): boolean {
  return (
    !Array.isArray(value) ||
    checks.every((check, index) => index >= value.length || holds(check, value[index]))
  );
}

/** `contains`, with `minContains` (default 1) and `maxContains`: `[check, min, max]`. */
export function contains(
  value: unknown,
  [check, min = 1, max = Infinity]: [Check, number?, number?],
): boolean {
  if (!Array.isArray(value)) return true;
  const count = value.filter((item) => holds(check, item)).length;
  return count >= min && count <= max;
}

/** `properties`: each present property against its check. */
export function properties(value: unknown, checks: Record<string, Check>): boolean {
  if (bit(value) == 64)
    for (const key in checks) {
      const property = member(value as JsonObject, key);
      if (property !== undefined && !holds(checks[key]!, property)) return false;
    }
  return true;
}

/**
 * `required` and `properties` in one pass, when the names required are the first `count` of the
 * properties (in order): `[checks, count]`, written without the names twice. Written as
 * `properties` is, so that gzip finds one in the other.
 */
export function requiredProperties(
  value: unknown,
  [checks, count]: [Record<string, Check>, number],
): boolean {
  if (bit(value) == 64)
    for (const key in checks) {
      const property = member(value as JsonObject, key);
      if (property !== undefined ? !holds(checks[key]!, property) : count > 0) return false;
      // Still required: those counted after this one.
      count--;
    }
  return true;
}

/** `required`; a name left out (0) is not required this way (`readOnly` in a request), its index kept. */
export function required(value: unknown, names: (string | 0)[]): boolean {
  return (
    bit(value) != 64 || names.every((name) => name === 0 || member(value as JsonObject, name) !== undefined)
  );
}

/** `dependentRequired`'s names: `[names, their path]`. */
export function requiredAt(value: unknown, [names]: [string[], string]): boolean {
  return required(value, names);
}

/** The `false` schema: nothing holds. */
export function never(): boolean {
  return false;
}

/**
 * `additionalProperties` or `unevaluatedProperties`: `[rule, known, check]`, each key `known` does
 * not cover against `check`, or, with no check (`false`), refused.
 * known: whether the schema (or, for `unevaluatedProperties`, the subschemas that held for this
 * value) evaluates the key
 */
export function otherProperties(
  value: unknown,
  [, known, check]: [string, (key: string, value: JsonObject) => unknown, Check?],
): boolean {
  const object = value as JsonObject;
  if (bit(value) == 64)
    for (const key in object)
      if (!known(key, object) && (check === undefined || !holds(check, object[key]))) return false;
  return true;
}

/** `patternProperties`: each key matching a pattern against its check. */
export function patternProperties(value: unknown, patterns: [RegExp, Check][]): boolean {
  const object = value as JsonObject;
  if (bit(value) == 64)
    for (const key in object)
      for (const [regex, check] of patterns) if (regex.test(key) && !holds(check, object[key])) return false;
  return true;
}

/** `propertyNames`. */
export function propertyNames(value: unknown, check: Check): boolean {
  return bit(value) != 64 || Object.keys(value as JsonObject).every((key) => holds(check, key));
}

/** `dependentRequired` and `dependentSchemas`: `[property, check]`, what applies when it is present. */
export function dependent(value: unknown, [when, check]: [string, Check]): boolean {
  return bit(value) != 64 || member(value as JsonObject, when) === undefined || holds(check, value);
}

/** `anyOf`. */
export function anyOf(value: unknown, checks: Check[]): boolean {
  return checks.some((check) => holds(check, value));
}

/** `oneOf`. */
export function oneOf(value: unknown, checks: Check[]): boolean {
  return checks.filter((check) => holds(check, value)).length == 1;
}

/** `not`. */
export function not(value: unknown, check: Check): boolean {
  return !holds(check, value);
}

/** `if` with `then` and `else`: `[if, then, else]`, the last two 0 when absent. */
export function when(value: unknown, [test, then, otherwise]: [Check, Check, Check]): boolean {
  return holds(holds(test, value) ? then : otherwise, value);
}

// Formats, each a keyword of its own (`[1, isUuid]`: its argument, none, may be left out when it
// comes last) that passes a value of another type. What ajv-formats accepts, give or take (its
// fast forms, and dates that exist), so that the client and Prism agree. A format not listed here
// is not checked (JSON Schema's default). Function declarations, so that a bundler drops those an
// API does not use.

/**
 * Whether a text that `DATE` or `DATE_TIME` matched (a month 01 to 12, a day 01 to 39) names a
 * day that exists. Days 01 to 28 all do (compared as text, which is fast); the rest are left to
 * Date's calendar: a date-only ISO string is read as UTC by every engine, and one that does not
 * exist is refused (NaN) or rolls over into the next month, so its day differs either way (past
 * 31 it always does: the patterns leave 32 to 39 to this, in fewer bytes).
 */
function dayOf(text: string): boolean {
  return text.slice(8, 10) < '29' || new Date(text.slice(0, 10)).getUTCDate() == +text.slice(8, 10);
}

// No capturing groups: a test allocates nothing, and the day is read by position.
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[1-3]\d)$/;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/i;
const DATE_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[1-3]\d)[t\s](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/i;

/** `date`: RFC 3339 full-date, a day that exists. */
export function isDate(text: unknown): boolean {
  return typeof text != 'string' || (DATE.test(text) && dayOf(text));
}

/** `time`: RFC 3339 partial-time, with its offset (a leap second at any minute, as the fast form). */
export function isTime(text: unknown): boolean {
  return typeof text != 'string' || TIME.test(text);
}

/** `date-time`: RFC 3339 date-time, with its offset: one expression, as it is checked on every call. */
export function isDateTime(text: unknown): boolean {
  return typeof text != 'string' || (DATE_TIME.test(text) && dayOf(text));
}

/** `uuid`: RFC 4122, with or without `urn:uuid:`. */
export function isUuid(text: unknown): boolean {
  return typeof text != 'string' || /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(text);
}

/** `uri`: a scheme, then no whitespace (it never refuses a real URI). */
export function isUri(text: unknown): boolean {
  return typeof text != 'string' || /^[a-z][a-z0-9+\-.]*:[^\s]*$/i.test(text);
}

/** `uri-reference`: a URI or a relative reference, without whitespace. */
export function isUriReference(text: unknown): boolean {
  return (
    typeof text != 'string' ||
    /^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i.test(text)
  );
}

/** `email`. */
export function isEmail(text: unknown): boolean {
  return (
    typeof text != 'string' ||
    /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(
      text,
    )
  );
}

/** `hostname`: RFC 1123. */
export function isHostname(text: unknown): boolean {
  return (
    typeof text != 'string' ||
    /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i.test(
      text,
    )
  );
}

/** `ipv4`: dotted decimal, no leading zeros. */
export function isIpv4(text: unknown): boolean {
  return (
    typeof text != 'string' ||
    (/^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.|$)){4}$/.test(text) && !text.endsWith('.'))
  );
}

/** OpenAPI's `int32`: an integer that fits in 32 bits. */
export function isInt32(value: unknown): boolean {
  return typeof value != 'number' || (value | 0) === value;
}

/** OpenAPI's `int64`: an integer (a double holds no more). */
export function isInt64(value: unknown): boolean {
  return typeof value != 'number' || Number.isInteger(value);
}
