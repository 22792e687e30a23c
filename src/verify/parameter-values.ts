/**
 * A parameter's value as verify has it, text (from a `--requests` file, the environment or the
 * spec's sample), read as a server reads it off the wire: by the parameter's schema, `style` and
 * `explode`, so `"42"` is the integer 42 to an integer parameter and `"a,b"` the array `["a", "b"]`
 * to a path parameter that is an array. The wire does not say which type a text is, so a value may
 * read several ways (`"42"` under `integer | string`): each reading is returned, the typed ones
 * first, and the checks decide (`contract-checks.ts`).
 */
import { parameterStyle } from '../mock/sample-requests.js';
import { deref, isObject, type JsonObject } from '../shared/openapi.js';

/** JSON's number grammar: what a server reading `"42"` or `"-1.5e3"` as a number accepts. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The ways `text` reads as the value of `parameter` (its `in`, `schema`, `style`, `explode`), the
 * likeliest first; `undefined` when verify cannot read it: an object in the query (`deepObject`, or
 * `form` exploded), whose properties arrive as query parameters of their own. A list is a query
 * parameter given more than once: the items of an exploded array, else a value no schema of one
 * text holds (it reads as the list).
 */
export function parameterReadings(
  document: JsonObject,
  parameter: JsonObject,
  given: string | string[],
): unknown[] | undefined {
  const location = String(parameter.in);
  const { style, explode, delimiter } = parameterStyle(parameter);
  const schema = deref(document, parameter.schema, '')?.value;
  const types = typesOf(document, schema);
  const onlyObject = types?.has('object') === true && types.size === 1;
  if (onlyObject && location === 'query' && (style === 'deepObject' || explode)) return undefined;
  // An exploded array in the query repeats its name: each name=value pair is one item.
  const repeated = location === 'query' && explode && types?.has('array') === true;
  if (Array.isArray(given) && !repeated) return [given];
  // A schema that names no type checks the text as it came: a keyword of another type (`items`)
  // would pass whatever an array reading held.
  if (types === undefined) return [given];
  const text = String(given);
  const readings: unknown[] = [];
  if (types.has('array')) {
    const parts = Array.isArray(given)
      ? given
      : text === ''
        ? []
        : delimiter === undefined
          ? [text]
          : text.split(delimiter);
    const items = parts.map((part) => (location === 'header' ? part.trim() : part));
    const itemTypes = typesOf(document, deref(document, schema?.items, '')?.value);
    readings.push(
      items.map((item) => scalarReadings(item, itemTypes)[0]),
      items,
    );
  }
  if (onlyObject) {
    const properties = schema && isObject(schema.properties) ? schema.properties : {};
    const typed = objectReading(text, explode, (name, value) => {
      const propertyTypes = typesOf(document, deref(document, properties[name], '')?.value);
      return scalarReadings(value, propertyTypes)[0];
    });
    readings.push(
      typed,
      objectReading(text, explode, (_name, value) => value),
    );
  }
  if (!Array.isArray(given) && [...types].some((type) => type !== 'array' && type !== 'object'))
    readings.push(...scalarReadings(text, types));
  // Identical readings (an array of strings read both ways) are checked once.
  return readings.filter(
    (reading, index) =>
      readings.findIndex((other) => JSON.stringify(other) === JSON.stringify(reading)) === index,
  );
}

/** `text` as each scalar type allows, typed first, the text itself last (alone when no type is named). */
function scalarReadings(text: string, types: Set<string> | undefined): unknown[] {
  const allows = (type: string) => types?.has(type) === true;
  const readings: unknown[] = [];
  if ((allows('integer') || allows('number')) && NUMBER.test(text)) readings.push(Number(text));
  if (allows('boolean') && (text === 'true' || text === 'false')) readings.push(text === 'true');
  // Empty, as a query's `?x=` comes; `null`, as verify writes a null sample.
  if (allows('null') && (text === '' || text === 'null')) readings.push(null);
  readings.push(text);
  return readings;
}

/** `a,1,b,2` (not exploded) or `a=1,b=2` (exploded) as `{ a: …, b: … }`, each value read by `read`. */
function objectReading(
  text: string,
  explode: boolean,
  read: (name: string, value: string) => unknown,
): Record<string, unknown> {
  const parts = text === '' ? [] : text.split(',');
  const pairs = explode
    ? parts.map((part) => [part.split('=', 1)[0]!, part.slice(part.indexOf('=') + 1)] as const)
    : parts.flatMap((part, index) => (index % 2 === 0 ? [[part, parts[index + 1] ?? ''] as const] : []));
  return Object.fromEntries(pairs.map(([name, value]) => [name, read(name, value)]));
}

/**
 * The JSON types `schema` allows, from `type`, or its `allOf`/`anyOf`/`oneOf` branches, `items`,
 * `properties`, `enum`, `const`; `undefined` when it does not say (any type).
 */
function typesOf(document: JsonObject, schema: JsonObject | undefined, depth = 0): Set<string> | undefined {
  if (schema === undefined || depth > 8) return undefined;
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  const branchTypes = (keyword: string) =>
    (Array.isArray(schema[keyword]) ? (schema[keyword] as unknown[]) : []).map((branch) =>
      typesOf(document, deref(document, branch, '')?.value, depth + 1),
    );
  // Every `allOf` branch holds, so one that names no type leaves the others' types; an `anyOf` or
  // `oneOf` branch that names none allows any.
  const all = branchTypes('allOf').filter((types) => types !== undefined);
  const some = [...branchTypes('anyOf'), ...branchTypes('oneOf')];
  const known =
    all.length > 0 ? all : some.length > 0 && some.every((types) => types !== undefined) ? some : [];
  if (known.length > 0) return new Set(known.flatMap((types) => [...types!]));
  if (schema.items !== undefined) return new Set(['array']);
  if (schema.properties !== undefined) return new Set(['object']);
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  return values && new Set(values.map(jsonType));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
