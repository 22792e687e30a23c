/**
 * A value a schema accepts, for a request the spec documents as valid: the value the spec itself
 * documents (`examples`, `const`, an enum value, `default`) when it meets the schema, else one
 * made from the type. The mock and verify commands build their requests from it, and the package
 * README its usage example. A request carries no readOnly property (the server sets it, and
 * `required` holds for it in responses only): a documented value with one does not fit, and a
 * made-up object leaves them out.
 */
import { UsageError } from '../shared/errors.js';
import { allOfParts, deref, isObject, type JsonObject } from '../shared/openapi.js';
import { stringMatching } from './pattern-sample.js';
import { isReadOnly } from './read-write.js';
import type { OperationModel } from './types.js';

/** A sample string per format (a Map: a format named `constructor` is no member of it). */
const SAMPLE_STRINGS = new Map<string, string>([
  ['uuid', '3c90c3cc-0d44-4b50-8888-8dd25736052a'],
  ['date-time', '2024-01-01T00:00:00Z'],
  ['date', '2024-01-01'],
  ['time', '00:00:00Z'],
  ['uri', 'https://example.com/'],
  ['url', 'https://example.com/'],
  ['email', 'someone@example.com'],
  ['hostname', 'example.com'],
  ['ipv4', '192.0.2.1'],
  ['ipv6', '2001:db8::1'],
]);

export const typesOf = (schema: JsonObject): string[] =>
  Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];

/** Whether `value` is of a JSON type `schema` allows (any, when it names none). */
function ofAllowedType(s: JsonObject, value: unknown): boolean {
  const types = typesOf(s);
  if (types.length === 0) return true;
  const type = Array.isArray(value)
    ? 'array'
    : value === null
      ? 'null'
      : typeof value == 'object'
        ? 'object'
        : typeof value == 'number'
          ? Number.isInteger(value)
            ? 'integer'
            : 'number'
          : typeof value;
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether a value the spec documents meets its schema, as far as a sample needs: type, `const`,
 * `enum`, a string's pattern and length, a number's bounds, an object's required properties, and
 * each property and item in turn (`allOf`: every branch; `oneOf`/`anyOf`: some). Published
 * documents carry examples that do not: an object's with a required property left out, a list of
 * strings where the items are objects.
 */
function fits(document: JsonObject, schema: unknown, value: unknown, depth = 0, closed = false): boolean {
  const s = deref(document, schema, '')?.value;
  // Past a few levels a recursive schema is trusted rather than followed forever.
  if (s === undefined || depth > 8) return true;
  if (!ofAllowedType(s, value)) return false;
  if (s.const !== undefined && !same(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((listed) => same(listed, value))) return false;
  if (typeof value == 'string') {
    if (typeof s.minLength == 'number' && value.length < s.minLength) return false;
    if (typeof s.maxLength == 'number' && value.length > s.maxLength) return false;
    if (typeof s.pattern == 'string' && !matches(s.pattern, value)) return false;
  }
  if (typeof value == 'number') {
    if (typeof s.minimum == 'number' && value < s.minimum) return false;
    if (typeof s.maximum == 'number' && value > s.maximum) return false;
  }
  const next = (branch: unknown, item: unknown) => fits(document, branch, item, depth + 1, closed);
  // A branch of a composition names only some of the value's properties.
  const branch = (part: unknown) => fits(document, part, value, depth + 1, false);
  if (Array.isArray(s.allOf) && !s.allOf.every(branch)) return false;
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = s[keyword];
    if (Array.isArray(branches) && branches.length > 0 && !branches.some(branch)) return false;
  }
  if (Array.isArray(value)) return s.items === undefined || value.every((item) => next(s.items, item));
  if (!isObject(value)) return true;
  const required = Array.isArray(s.required) ? s.required : [];
  const properties = isObject(s.properties) ? s.properties : {};
  const sent = (name: string) => !Object.hasOwn(properties, name) || !isReadOnly(document, properties[name]);
  if (required.some((name) => typeof name == 'string' && !Object.hasOwn(value, name) && sent(name)))
    return false;
  // An allOf's schemas together name the properties a literal of its type may have (TypeScript
  // intersects them): e-conomic's `allOf: [{ $ref }]` with an example of fields it lacks.
  const parts = closed && Array.isArray(s.allOf) ? allOfParts(document, s) : [{ schema: s }];
  const named = (name: string) =>
    parts.some(({ schema }) => isObject(schema.properties) && Object.hasOwn(schema.properties, name));
  const open =
    !closed ||
    !parts.some(({ schema }) => isObject(schema.properties)) ||
    parts.some(({ schema }) => takesOthers(schema)) ||
    parts.some(({ schema }) => schema.oneOf !== undefined || schema.anyOf !== undefined);
  // A map's entries (additionalProperties a schema) meet that schema: a literal's entry is checked
  // against its type as a property is (Zuora's definitions).
  const entry = isObject(s.additionalProperties) && s.patternProperties === undefined;
  return Object.entries(value).every(([name, item]) =>
    Object.hasOwn(properties, name)
      ? sent(name) && next(properties[name], item)
      : entry
        ? next(s.additionalProperties, item)
        : open || named(name),
  );
}

/**
 * Whether a value the spec documents meets its schema as a TypeScript literal of the schema's type
 * must (see `fits`), an object then having no property its schema does not name (a fresh object
 * literal's excess property is an error): for the README's usage example, which compiles.
 */
export function documentedValueFits(document: JsonObject, schema: unknown, value: unknown): boolean {
  return fits(document, schema, value, 0, true);
}

/** Whether `text` matches a schema's pattern; a pattern JavaScript cannot read does not refuse it. */
function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true;
  }
}

export interface SampleOptions {
  /**
   * A string `pattern` the sampler cannot follow (a lookahead, a least string too short for
   * `minLength`): `refuse` (the default) throws, as a request made from the value must be valid;
   * `ignore` writes a string of the length alone, for a value only TypeScript checks (the README's
   * usage example: a string is a string to it).
   */
  patterns?: 'refuse' | 'ignore';
  /**
   * The value is a required parameter's, which must go out: a list gets one item at least (an
   * empty one sends nothing, and the parameter would be missing).
   */
  present?: boolean;
  /**
   * The value is written as a TypeScript literal of the schema's type (the README's example): a
   * value the spec documents is taken only when it names no property its schema does not (see
   * `documentedValueFits`), as a fresh literal's excess property does not compile.
   */
  closed?: boolean;
}

/**
 * The sample of a header parameter that names a media type, `Accept` or `Content-Type`, whose
 * schema documents no value: the operation's success media type (else any), or its request body's.
 * Made up from the schema alone it is text no server reads as a media type (Prism's mock stops at
 * the first request that carries one). `undefined` for any other parameter, or a value the schema
 * does not take.
 */
export function mediaTypeHeaderSample(
  document: JsonObject,
  parameter: { in?: unknown; name?: unknown; schema?: unknown },
  operation: Pick<OperationModel, 'success' | 'requestBody'>,
): string | undefined {
  if (parameter.in !== 'header' || typeof parameter.name !== 'string') return undefined;
  const name = parameter.name.toLowerCase();
  const value =
    name === 'accept'
      ? (operation.success.mediaType ?? '*/*')
      : name === 'content-type'
        ? operation.requestBody?.mediaType
        : undefined;
  const s = deref(document, parameter.schema, '')?.value ?? {};
  const documents = ['example', 'examples', 'default', 'enum', 'const'].some((key) => s[key] !== undefined);
  return value === undefined || documents || !fits(document, s, value) ? undefined : value;
}

/** Whether the sampler writes a string of this `format` that meets it (a date-time, a uuid, …). */
export const isSampledFormat = (format: unknown): boolean =>
  typeof format === 'string' && SAMPLE_STRINGS.has(format);

/** A value `schema` accepts, preferring one the spec itself documents. `at` is the schema's pointer. */
export function sampleValue(
  document: JsonObject,
  schema: unknown,
  at: string,
  options: SampleOptions = {},
): unknown {
  const resolved = deref(document, schema, at);
  if (resolved === undefined) return {}; // `true` or a dangling ref: anything goes, and the linter reports the ref
  const { value: s, pointer } = resolved;
  // What the spec documents, when it meets the schema (see `fits`); a default only for a scalar
  // (an object's is often partial, its required properties left to the server).
  const documented = [
    ...(Array.isArray(s.examples) ? s.examples.slice(0, 1) : []),
    s.example,
    s.const,
    ...(Array.isArray(s.enum) ? [s.enum.find((value) => value !== null)] : []),
    typeof s.default == 'object' ? undefined : s.default,
  ].find((value) => value !== undefined && value !== null && fits(document, s, value, 0, options.closed));
  if (documented !== undefined) return documented;
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = s[keyword];
    if (Array.isArray(branches) && branches.length > 0) {
      const at = `${pointer}/${keyword}/0`;
      const branch = deref(document, branches[0], at)?.value;
      // Properties beside the branches (GitHub's check run: name and head_sha required, a oneOf on
      // what each status asks for): the object has its own and its first branch's, the branch's
      // schema first for a property both name, as the branch narrows it.
      if (branch !== undefined && (isObject(s.properties) || Array.isArray(s.required))) {
        const own = Object.fromEntries(Object.entries(s).filter(([key]) => key !== keyword));
        const both = { ...branch, allOf: [...(Array.isArray(branch.allOf) ? branch.allOf : []), own] };
        return tagged(document, s, branches[0], smallestObject(document, both, at, options));
      }
      const value = sampleValue(document, branches[0], at, options);
      return isObject(value) ? tagged(document, s, branches[0], value) : value;
    }
  }
  const types = typesOf(s);
  const own = types.find((t) => t !== 'null') ?? (isObject(s.properties) ? 'object' : undefined);
  // A `$ref` with words beside it, as 3.0 had to write one (`allOf: [{ $ref }, { description }]`):
  // the value is that of the branch that says what it is, when that is no object.
  if (own === undefined && Array.isArray(s.allOf)) {
    const index = s.allOf.findIndex((branch) => {
      const type = valueType(document, branch, new Set());
      return type !== undefined && type !== 'object';
    });
    if (index >= 0) return sampleValue(document, s.allOf[index], `${pointer}/allOf/${index}`, options);
  }
  const type = own ?? (Array.isArray(s.allOf) ? 'object' : types[0]);
  switch (type) {
    case 'string':
      return sampleString(s, pointer, options);
    case 'integer':
    case 'number':
      return sampleNumber(s, type);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const count = typeof s.minItems === 'number' ? s.minItems : options.present ? 1 : 0;
      return Array.from({ length: count }, () => sampleValue(document, s.items, `${pointer}/items`, options));
    }
    default:
      return smallestObject(document, s, pointer, options);
  }
}

/**
 * A form field's sample. A form sends an object as one field per key, so an empty one sends
 * nothing and a required field goes missing (Twilio's `Definition`, a schema of no type, sampled
 * `{}`): where the schema takes any value, a string goes instead.
 */
export function formFieldSample(document: JsonObject, schema: unknown, value: unknown): unknown {
  if (!isObject(value) || Object.keys(value).length > 0) return value;
  const s = deref(document, schema, '')?.value;
  const anyValue =
    s === undefined ||
    (typesOf(s).length === 0 && !['properties', 'allOf', 'oneOf', 'anyOf'].some((key) => key in s));
  return anyValue ? sampleString({}, '', {}) : value;
}

/** The type of a schema's values (not null), its `allOf` branches' when it names none; `$ref`s followed. */
function valueType(document: JsonObject, schema: unknown, seen: Set<unknown>): string | undefined {
  const s = deref(document, schema, '')?.value;
  if (s === undefined || seen.has(s)) return undefined;
  seen.add(s);
  const own = typesOf(s).find((t) => t !== 'null') ?? (isObject(s.properties) ? 'object' : undefined);
  if (own !== undefined || !Array.isArray(s.allOf)) return own;
  for (const branch of s.allOf) {
    const type = valueType(document, branch, seen);
    if (type !== undefined) return type;
  }
  return undefined;
}

/**
 * A branch's object with its discriminator set: the property is often optional in each branch
 * (a `const` with a default), and without it the object may meet several branches of a `oneOf`.
 * The tag is the mapping's name for the branch, else the branch's `const`, else its schema's name.
 */
function tagged(document: JsonObject, s: JsonObject, branch: unknown, value: JsonObject): JsonObject {
  const discriminator = isObject(s.discriminator) ? s.discriminator : {};
  const name = discriminator.propertyName;
  if (typeof name !== 'string' || Object.hasOwn(value, name)) return value;
  const ref = isObject(branch) && typeof branch.$ref === 'string' ? branch.$ref : undefined;
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
  const properties = deref(document, deref(document, branch, '')?.value.properties, '')?.value;
  const property = properties && Object.hasOwn(properties, name) ? properties[name] : undefined;
  const tag =
    Object.keys(mapping).find((key) => ref !== undefined && mapping[key] === ref) ??
    (isObject(property) ? property.const : undefined) ??
    ref?.slice(ref.lastIndexOf('/') + 1);
  return tag === undefined ? value : { ...value, [name]: tag };
}

function sampleString(s: JsonObject, pointer: string, options: SampleOptions): string {
  const known = typeof s.format === 'string' ? SAMPLE_STRINGS.get(s.format) : undefined;
  if (known !== undefined) return known;
  if (typeof s.pattern === 'string') {
    const matching = stringMatching(s.pattern, typeof s.minLength === 'number' ? s.minLength : 0);
    if (matching !== undefined && !(typeof s.maxLength === 'number' && matching.length > s.maxLength))
      return matching;
    if (options.patterns !== 'ignore')
      throw new UsageError(
        pointer,
        `cannot make up a string matching ${s.pattern}; add \`examples\` to the schema (verify also takes requests from a --requests file)`,
      );
  }
  return 'x'.repeat(typeof s.minLength === 'number' && s.minLength > 0 ? s.minLength : 1);
}

function sampleNumber(s: JsonObject, type: 'integer' | 'number'): number {
  const step = type === 'integer' ? 1 : 0.5;
  if (typeof s.minimum === 'number') return s.minimum;
  if (typeof s.exclusiveMinimum === 'number') return s.exclusiveMinimum + step;
  if (typeof s.maximum === 'number' && s.maximum < 0) return s.maximum;
  if (typeof s.exclusiveMaximum === 'number' && s.exclusiveMaximum <= 0) return s.exclusiveMaximum - step;
  return 0;
}

/** Whether a schema takes properties it does not name (`additionalProperties` other than false, or patterns). */
const takesOthers = (s: JsonObject): boolean =>
  (s.additionalProperties !== undefined && s.additionalProperties !== false) ||
  s.patternProperties !== undefined;

/**
 * The object with only its required properties (those of `allOf` branches, at any depth, included), plus what an
 * `if`/`then` asks for when those properties already meet its `if`.
 */
function smallestObject(
  document: JsonObject,
  s: JsonObject,
  pointer: string,
  options: SampleOptions,
): Record<string, unknown> {
  const parts = allOfParts(document, s, pointer);
  // No prototype while it is filled: a property `__proto__` is then its own, `constructor` none inherited.
  const out: Record<string, unknown> = Object.create(null);
  const add = (names: unknown) => {
    for (const name of Array.isArray(names) ? names : []) {
      if (typeof name !== 'string' || name in out) continue;
      const owner = parts.find(
        (part) => isObject(part.schema.properties) && Object.hasOwn(part.schema.properties, name),
      );
      if (owner && isReadOnly(document, (owner.schema.properties as JsonObject)[name])) continue;
      // A required name no part declares, written as a TypeScript literal of a type without it (no
      // part takes other properties): an excess property, which does not compile (VTEX's).
      if (!owner && options.closed && !parts.some(({ schema }) => takesOthers(schema))) continue;
      out[name] = owner
        ? sampleValue(
            document,
            (owner.schema.properties as JsonObject)[name],
            `${owner.pointer}/properties/${name}`,
            options,
          )
        : 'x';
    }
  };
  for (const part of parts) add(part.schema.required);
  for (const part of parts) {
    const { if: condition, then } = part.schema;
    if (isObject(condition) && isObject(then) && meets(out, condition)) add(then.required);
  }
  // A schema that is an `allOf` child of a discriminator's base has its tag, as openapi-typescript
  // types it: the mapping's name for the schema, else its name (Microsoft Graph's `@odata.type`).
  for (const part of parts.slice(1)) {
    const discriminator = isObject(part.schema.discriminator) ? part.schema.discriminator : {};
    const name = discriminator.propertyName;
    if (typeof name !== 'string' || !(name in out) || !pointer.startsWith('#/components/schemas/')) continue;
    const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
    out[name] =
      Object.keys(mapping).find((key) => mapping[key] === pointer) ??
      pointer.slice(pointer.lastIndexOf('/') + 1);
  }
  return { ...out };
}

/**
 * `value` as a request sends it: without the readOnly properties, at any depth the schema's
 * properties, items and `allOf` branches describe (a request example that carries the server's
 * `id`, say).
 */
export function withoutReadOnly(document: JsonObject, schema: unknown, value: unknown, depth = 0): unknown {
  const s = deref(document, schema, '')?.value;
  if (s === undefined || depth > 8) return value;
  if (Array.isArray(value))
    return s.items === undefined
      ? value
      : value.map((item) => withoutReadOnly(document, s.items, item, depth + 1));
  if (!isObject(value)) return value;
  const parts = allOfParts(document, s);
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, item] of Object.entries(value)) {
    const owner = parts.find(
      ({ schema: part }) => isObject(part.properties) && Object.hasOwn(part.properties, name),
    );
    const property = owner === undefined ? undefined : (owner.schema.properties as JsonObject)[name];
    if (property !== undefined && isReadOnly(document, property)) continue;
    out[name] = property === undefined ? item : withoutReadOnly(document, property, item, depth + 1);
  }
  return { ...out };
}

/** Whether `value` meets an `if` written as `required` plus `const`/`enum` properties (what specs use). */
function meets(value: Record<string, unknown>, condition: JsonObject): boolean {
  const required = Array.isArray(condition.required) ? condition.required : [];
  if (!required.every((name) => typeof name === 'string' && Object.hasOwn(value, name))) return false;
  const properties = isObject(condition.properties) ? condition.properties : {};
  return Object.entries(properties).every(([name, schema]) => {
    if (!Object.hasOwn(value, name) || !isObject(schema)) return true;
    if (schema.const !== undefined) return value[name] === schema.const;
    return !Array.isArray(schema.enum) || schema.enum.includes(value[name]);
  });
}
