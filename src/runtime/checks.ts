/**
 * The building blocks of the generated checks (`checks/<operationId>.js`, written by the
 * pipeline's `emit/checks/`): each schema of the spec becomes a composition of these, made once
 * when its module loads. One export per JSON Schema keyword (or family), so that a bundler keeps
 * only those an API's checks use; loaded with the checks, never by a client that does not
 * validate.
 *
 * A check records what a value breaks into a list of findings and costs nothing more when it
 * breaks nothing: where a finding sits (its JSON pointer in the value, and its keyword's path in
 * the schema) is built only once there is a finding, by each level on the way up. A finding keeps
 * the JSON type of what came, never the value: a body may hold personal data or a secret.
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

/** A check: records what `value` breaks into `findings`. */
export type Check = (value: unknown, findings: Finding[]) => void;

/** The JSON types, in the order of their bits in a `type` mask (1: string, 2: number, ...). */
export const TYPES: readonly string[] = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'];

/** The bit of a value's JSON type (an integer's is `integer`); 0 for what JSON has not. */
const bit = (value: unknown): number =>
  value === null
    ? 16
    : Array.isArray(value)
      ? 32
      : typeof value == 'object'
        ? 64
        : typeof value == 'string'
          ? 1
          : typeof value == 'boolean'
            ? 8
            : typeof value == 'number' && isFinite(value)
              ? Number.isInteger(value)
                ? 4
                : 2
              : 0;

const isObject = (value: unknown): value is Record<string, unknown> => bit(value) == 64;

/** A property name or index as a JSON pointer segment (RFC 6901). */
export const segment = (key: string | number): string =>
  `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Records a failed rule of the value itself (or, with `pointer`, of what lies there). */
function fail(
  findings: Finding[],
  rule: string,
  param: unknown,
  value: unknown,
  pointer = '',
  path = `/${rule}`,
): void {
  // The type's bit, named only once the finding is reported (`report.ts`): -1 for absent.
  findings.push({ p: pointer, s: path, r: rule, a: param, g: value === undefined ? -1 : bit(value) });
}

/**
 * Runs `check` on `value`, whose findings lie below: at `key` in the value (none: the value
 * itself), at `path` in the schema (a function of the key's segment, called only once there is a
 * finding). A finding whose path starts at the document's root (`#`, a `def`'s) is complete.
 */
function under(
  findings: Finding[],
  check: Check,
  value: unknown,
  key: string | number | undefined,
  path: string | ((segment: string) => string),
): void {
  let from = findings.length;
  check(value, findings);
  if (findings.length > from) {
    const pointer = key === undefined ? '' : segment(key);
    const schema = typeof path == 'string' ? path : path(pointer);
    for (; from < findings.length; from++) {
      const finding = findings[from]!;
      finding.p = pointer + finding.p;
      if (finding.s[0] != '#') finding.s = schema + finding.s;
    }
  }
}

/** Whether a value passes a check. */
const holds = (check: Check, value: unknown): boolean => {
  const findings: Finding[] = [];
  check(value, findings);
  return !findings.length;
};

/** A `$ref` target or a root: its findings' schema paths start at `pointer` (a pointer into `openapi.json`). */
export const def =
  (pointer: string, check: Check): Check =>
  (value, findings) =>
    under(findings, check, value, undefined, pointer);

/** A subschema applied in place (`allOf/0`, `then`, ...): its findings' schema paths start with `path`. */
export const sub =
  (path: string, check: Check): Check =>
  (value, findings) =>
    under(findings, check, value, undefined, path);

/**
 * A schema: its `type` (a mask of `TYPES` bits, 0 for none), then, when the type holds, its other
 * keywords. A value of the wrong type is reported for that alone: the rest would only repeat it.
 */
export const node =
  (mask: number, ...checks: Check[]): Check =>
  (value, findings) => {
    const type = bit(value);
    if (mask && !(mask & type || (type == 4 && mask & 2))) fail(findings, 'type', mask, value);
    else for (let index = 0; index < checks.length; index++) checks[index]!(value, findings);
  };

/** OpenAPI 3.0's `nullable`: null passes whatever the rest says. */
export const nullable =
  (check: Check): Check =>
  (value, findings) =>
    value === null || check(value, findings);

/** `enum` of strings, numbers, booleans and null. */
export const oneOfValues =
  (values: Set<unknown>): Check =>
  (value, findings) =>
    values.has(value) || fail(findings, 'enum', values, value);

/** JSON equality: `const`, `enum` with objects, `uniqueItems`. Key order does not matter. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a != 'object' || typeof b != 'object' || Array.isArray(a) != Array.isArray(b))
    return false;
  const keys = Object.keys(a);
  return (
    keys.length == Object.keys(b).length &&
    keys.every(
      (key) => key in b && equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/** `enum` with objects or arrays among its values, and `const` (a list of one). */
export const equalTo =
  (values: unknown[], rule: string = 'enum'): Check =>
  (value, findings) =>
    values.some((each) => equal(each, value)) ||
    fail(findings, rule, rule == 'enum' ? values : values[0], value);

/** A bound on numbers, one export per keyword so that a bundler keeps only those an API uses. */
const numeric =
  (rule: string, holds: (value: number, limit: number) => boolean) =>
  (limit: number): Check =>
  (value, findings) =>
    typeof value != 'number' || holds(value, limit) || fail(findings, rule, limit, value);

export const minimum: (limit: number) => Check = /* @__PURE__ */ numeric(
  'minimum',
  (value, limit) => value >= limit,
);
export const maximum: (limit: number) => Check = /* @__PURE__ */ numeric(
  'maximum',
  (value, limit) => value <= limit,
);
export const exclusiveMinimum: (limit: number) => Check = /* @__PURE__ */ numeric(
  'exclusiveMinimum',
  (value, limit) => value > limit,
);
export const exclusiveMaximum: (limit: number) => Check = /* @__PURE__ */ numeric(
  'exclusiveMaximum',
  (value, limit) => value < limit,
);
/** Within a rounding error: 0.3 is a multiple of 0.1. */
export const multipleOf: (limit: number) => Check = /* @__PURE__ */ numeric(
  'multipleOf',
  (value, limit) => Math.abs(value / limit - Math.round(value / limit)) < 1e-9,
);

/** Length in code points, as JSON Schema counts it (an emoji is one character, two UTF-16 units). */
function codePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++, count++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) == 0xdc00) index++;
  }
  return count;
}

/** `minLength`, `maxLength`, `minItems`, `maxItems`, `minProperties`, `maxProperties`. */
export const size =
  (rule: string, limit: number): Check =>
  (value, findings) => {
    const count =
      typeof value == 'string' && /Length/.test(rule)
        ? codePoints(value)
        : Array.isArray(value) && /Items/.test(rule)
          ? value.length
          : isObject(value) && /Prop/.test(rule)
            ? Object.keys(value).length
            : undefined;
    if (count !== undefined && (rule[1] == 'i' ? count < limit : count > limit))
      fail(findings, rule, limit, value);
  };

/** `pattern`. */
export const pattern =
  (regex: RegExp): Check =>
  (value, findings) =>
    typeof value != 'string' || regex.test(value) || fail(findings, 'pattern', regex.source, value);

/** `format`: a test that passes what the format does not apply to (`uuid` a number). */
export const format =
  (name: string, test: (value: unknown) => boolean): Check =>
  (value, findings) =>
    test(value) || fail(findings, 'format', name, value);

/** `uniqueItems: true`. */
export const uniqueItems: Check = (value, findings) => {
  if (Array.isArray(value))
    for (let i = 0; i < value.length; i++)
      for (let j = 0; j < i; j++)
        if (equal(value[i], value[j])) return fail(findings, 'uniqueItems', undefined, value);
};

/** `items` from index `from` on (after `prefixItems`); `path` is `/additionalItems` for the old tuple form. */
export const items =
  (check: Check, from: number = 0, path: string = '/items'): Check =>
  (value, findings) => {
    if (Array.isArray(value))
      for (let index = from; index < value.length; index++) under(findings, check, value[index], index, path);
  };

/** `prefixItems` (or the old array form of `items`, named by `rule`). */
export const prefixItems =
  (checks: Check[], rule: string = 'prefixItems'): Check =>
  (value, findings) => {
    if (Array.isArray(value))
      checks.forEach(
        (check, index) =>
          index < value.length && under(findings, check, value[index], index, `/${rule}/${index}`),
      );
  };

/** `contains`, with `minContains` (default 1) and `maxContains`. */
export const contains =
  (check: Check, min: number = 1, max: number = Infinity): Check =>
  (value, findings) => {
    if (!Array.isArray(value)) return;
    const count = value.filter((item) => holds(check, item)).length;
    if (count < min) fail(findings, min == 1 ? 'contains' : 'minContains', min, value);
    if (count > max) fail(findings, 'maxContains', max, value);
  };

const inProperties = (segment: string) => `/properties${segment}`;

/** `properties`: each present property against its schema. */
export const properties = (schemas: Record<string, Check>): Check => {
  // Arrays, walked by index: this runs on every property of every checked body.
  const keys = Object.keys(schemas);
  const checks = Object.values(schemas);
  return (value, findings) => {
    if (isObject(value))
      for (let index = 0; index < keys.length; index++) {
        const property = value[keys[index]!];
        if (property !== undefined) under(findings, checks[index]!, property, keys[index], inProperties);
      }
  };
};

/** `required`; a name left out (0) is not required this way (`readOnly` in a request), its index kept. */
export const required =
  (names: (string | 0)[], path: string = '/required'): Check =>
  (value, findings) => {
    if (isObject(value))
      for (let index = 0; index < names.length; index++) {
        const name = names[index]!;
        if (name !== 0 && value[name] === undefined)
          fail(findings, 'required', name, undefined, segment(name), `${path}/${index}`);
      }
  };

/** The `false` schema: nothing holds. */
export const never: Check = (value, findings) => fail(findings, 'false', undefined, value, '', '');

/**
 * `additionalProperties` or `unevaluatedProperties` (`rule`): each key `known` does not cover
 * against `check`, or, with no check (`false`), reported.
 * @param known whether the schema (or, for `unevaluatedProperties`, the subschemas that held for
 * this value) evaluates the key
 */
export const otherProperties =
  (
    rule: string,
    known: (key: string, value: Record<string, unknown>) => unknown,
    check: Check = (value, findings) => fail(findings, rule, undefined, value, '', ''),
  ): Check =>
  (value, findings) => {
    if (isObject(value))
      for (const key in value) if (!known(key, value)) under(findings, check, value[key], key, `/${rule}`);
  };

/** `patternProperties`: each key matching a pattern against its schema. */
export const patternProperties =
  (patterns: [RegExp, Check][]): Check =>
  (value, findings) => {
    if (isObject(value))
      for (const key in value)
        for (const [regex, check] of patterns)
          if (regex.test(key))
            under(findings, check, value[key], key, () => `/patternProperties${segment(regex.source)}`);
  };

/** `propertyNames`. */
export const propertyNames =
  (check: Check): Check =>
  (value, findings) => {
    if (isObject(value)) for (const key in value) under(findings, check, key, key, '/propertyNames');
  };

/** `dependentRequired` and `dependentSchemas`: what applies when a property is present. */
export const dependent =
  (when: string, check: Check): Check =>
  (value, findings) =>
    isObject(value) && value[when] !== undefined && check(value, findings);

/** `anyOf` (`one` false) and `oneOf` (`one` true). */
export const someOf =
  (checks: Check[], one?: boolean): Check =>
  (value, findings) => {
    const count = one
      ? checks.filter((check) => holds(check, value)).length
      : +checks.some((check) => holds(check, value));
    if (one ? count != 1 : !count)
      fail(findings, one ? 'oneOf' : 'anyOf', one ? count : checks.length, value);
  };

/** `not`. */
export const not =
  (check: Check): Check =>
  (value, findings) =>
    holds(check, value) && fail(findings, 'not', undefined, value);

/** `if` with `then` and `else` (either 0 when absent). */
export const when =
  (test: Check, then: Check | 0, otherwise: Check | 0): Check =>
  (value, findings) => {
    const check = holds(test, value) ? then : otherwise;
    if (check) check(value, findings);
  };

/** Whether a value passes a check: for `unevaluatedProperties`, which counts the subschemas that hold. */
export { holds };

// Formats, each a function that passes a value of another type. What ajv-formats accepts, give or
// take (its fast forms, and dates that exist), so that the client and Prism agree. A format not
// listed here is not checked (JSON Schema's default). Function declarations, so that a bundler
// drops those an API does not use.

/**
 * Whether a text that `DATE` or `DATE_TIME` matched names a day that exists. Days 01 to 28 of
 * months 01 to 12 all do (compared as text, which is fast); the rest are left to Date's calendar:
 * a date-only ISO string is read as UTC by every engine, and one that does not exist is refused
 * (NaN) or rolls over into the next month, so its day differs either way.
 */
const dayOf = (text: string): boolean => {
  const day = text.slice(8, 10);
  const month = text.slice(5, 7);
  return (
    (day > '00' && day < '29' && month > '00' && month < '13') ||
    new Date(text.slice(0, 10)).getUTCDate() == +day
  );
};

// No capturing groups: a test allocates nothing, and the day is read by position.
const DATE = /^\d{4}-\d\d-\d\d$/;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/i;
const DATE_TIME =
  /^\d{4}-\d\d-\d\d[t\s](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/i;

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
