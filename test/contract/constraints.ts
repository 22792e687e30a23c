/**
 * The documented constraints of an operation's input, derived from its spec, and for each one a
 * request that breaks it and nothing else. Contract tests send these to a mock (which must answer
 * 422) and report which constraints have a negative test: a constraint of a kind this module cannot
 * break (a keyword nobody taught it yet) is listed as uncovered, never silently dropped.
 *
 * It also derives the requests the spec documents as valid: the examples, the smallest body, every
 * enum value, null where a field is nullable, boundary values and free-form keys.
 */
import { deref, type Json, type OpenApi, type Operation, type Schema } from '../support/spec.js';

export type ConstraintKind =
  | 'type'
  | 'integer'
  | 'nullability'
  | 'enum'
  | 'const'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'minLength'
  | 'maxLength'
  | 'minItems'
  | 'maxItems'
  | 'format'
  | 'pattern'
  | 'required'
  | 'closed'
  | 'conditional'
  | 'unsupported';

/** Where a value sits: `body` or `path`, then property names; `[]` stands for an array item. */
export type Location = { in: 'body' | 'path'; segments: string[] };

export interface Constraint {
  /** Stable and readable: `request.reminder_frequency_ms:minimum`, `path.agent_id:format`. */
  id: string;
  kind: ConstraintKind;
  location: Location;
  /** The schema at the location (resolved). */
  schema: Schema;
  /** For `required`: the missing field; for `conditional`: the if/then pair. */
  detail?: string;
}

export interface RequestInput {
  path: Record<string, string>;
  body: Json | undefined;
}

export interface RequestCase {
  name: string;
  request: RequestInput;
  /** The constraint the request breaks (negative cases only). */
  breaks?: Constraint;
  /** Where the mock's validation error must point (Prism's `location`, array items as `0`). */
  expectLocation?: string[];
}

const SAMPLE_UUID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const NOT_DOCUMENTED_KEY = 'not_a_documented_field';

const FORMAT_SAMPLES: Record<string, { valid: string; invalid: string }> = {
  uuid: { valid: SAMPLE_UUID, invalid: 'not-a-uuid' },
  'date-time': { valid: '2024-01-01T00:00:00Z', invalid: 'not-a-date-time' },
  uri: { valid: 'https://hooks.example.com/voice', invalid: 'not a uri' },
  email: { valid: 'someone@example.com', invalid: 'not-an-email' },
};

// Keywords that constrain a value. A schema using any other validation keyword yields an
// `unsupported` constraint, so the coverage report shows it instead of ignoring it.
const HANDLED = new Set([
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'format',
  'pattern',
  'required',
  'properties',
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'if',
  'then',
]);
const ANNOTATIONS = new Set([
  'description',
  'title',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'summary',
]);

export function typesOf(schema: Schema): string[] {
  const type = schema['type'];
  if (Array.isArray(type)) return type as string[];
  if (typeof type === 'string') return [type];
  if (schema['properties']) return ['object'];
  return [];
}

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  !!value && typeof value === 'object' && !Array.isArray(value);

export function locationId(location: Location): string {
  const head = location.in === 'body' ? 'request' : 'path';
  return [head, ...location.segments].join('.').replace(/\.\[\]/g, '[]');
}

/** Prism reports array items by index; our single-item arrays put everything at index 0. */
export function prismLocation(location: Location): string[] {
  return [location.in, ...location.segments.map((s) => (s === '[]' ? '0' : s))];
}

// ---------------------------------------------------------------------------------------------
// Deriving the constraints

export function deriveConstraints(doc: OpenApi, operation: Operation): Constraint[] {
  const out: Constraint[] = [];
  for (const param of pathParameters(doc, operation)) {
    collect(doc, deref(doc, param['schema']), { in: 'path', segments: [String(param['name'])] }, out);
  }
  const body = bodySchema(doc, operation);
  if (body) collect(doc, body, { in: 'body', segments: [] }, out);
  return out;
}

function collect(doc: OpenApi, schema: Schema, location: Location, out: Constraint[]): void {
  const add = (kind: ConstraintKind, detail?: string) =>
    out.push({
      id: `${locationId(location)}:${kind}${detail ? `(${detail})` : ''}`,
      kind,
      location,
      schema,
      ...(detail ? { detail } : {}),
    });
  const types = typesOf(schema);
  const isField = location.segments.length > 0 || location.in === 'path';
  // Every path segment is a string, so a string path parameter has no type to break.
  const typeCanBreak = location.in === 'body' || !types.includes('string');
  if (types.length > 0 && isField && typeCanBreak) add('type');
  if (types.includes('integer') && !types.includes('number')) add('integer');
  if (types.length > 0 && !types.includes('null') && location.in === 'body' && isField) add('nullability');
  if (Array.isArray(schema['enum'])) add('enum');
  if (schema['const'] !== undefined) add('const');
  for (const keyword of [
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
    'pattern',
  ] as const) {
    if (schema[keyword] !== undefined) add(keyword);
  }
  if (typeof schema['format'] === 'string') add('format');
  for (const keyword of Object.keys(schema)) {
    if (!HANDLED.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith('x-')) {
      add('unsupported', keyword);
    }
  }
  for (const name of (schema['required'] ?? []) as string[]) {
    out.push({
      id: `${locationId({ ...location, segments: [...location.segments, name] })}:required`,
      kind: 'required',
      location,
      schema,
      detail: name,
    });
  }
  if (schema['additionalProperties'] === false || schema['unevaluatedProperties'] === false) add('closed');
  if (isObject(schema['if']) && isObject(schema['then'])) {
    const when = conditionOf(schema);
    add(
      'conditional',
      `${when.map(([k, v]) => `${k}=${String(v)}`).join(',')}->${thenRequired(schema).join(',')}`,
    );
  }
  for (const [name, raw] of Object.entries((schema['properties'] ?? {}) as Record<string, Json>)) {
    collect(doc, deref(doc, raw), { ...location, segments: [...location.segments, name] }, out);
  }
  if (types.includes('array') && schema['items'] !== undefined) {
    const items = deref(doc, schema['items']);
    if (Object.keys(items).length > 0) {
      collect(doc, items, { ...location, segments: [...location.segments, '[]'] }, out);
    }
  }
}

/** The `if` of an if/then as field=value pairs (our specs use `const`; a one-value enum also works). */
function conditionOf(schema: Schema): [string, Json][] {
  const when = schema['if'] as Schema;
  const props = (when['properties'] ?? {}) as Record<string, Schema>;
  return Object.entries(props).map(([name, s]) => {
    const value = s['const'] ?? (Array.isArray(s['enum']) ? (s['enum'] as Json[])[0] : undefined);
    if (value === undefined) throw new Error(`cannot satisfy the if of ${name}: no const or enum`);
    return [name, value as Json];
  });
}

/** The smallest object that meets the schema's `if` (and not yet its `then`). */
function conditionMet(doc: OpenApi, schema: Schema): { [key: string]: Json } {
  const object = minimalObject(doc, schema);
  for (const [field, value] of conditionOf(schema)) object[field] = value;
  return object;
}

function thenRequired(schema: Schema): string[] {
  return ((schema['then'] as Schema)['required'] ?? []) as string[];
}

function pathParameters(doc: OpenApi, operation: Operation): Schema[] {
  return ((operation['parameters'] ?? []) as Json[])
    .map((p) => deref(doc, p))
    .filter((p) => p['in'] === 'path');
}

function bodySchema(doc: OpenApi, operation: Operation): Schema | undefined {
  const body = deref(doc, operation['requestBody']);
  const content = body['content'] as Record<string, { schema?: Json }> | undefined;
  const schema = content?.['application/json']?.schema;
  return schema === undefined ? undefined : deref(doc, schema);
}

// ---------------------------------------------------------------------------------------------
// Valid values

/** A value the schema accepts, preferring what the spec itself documents. */
export function sampleValue(doc: OpenApi, schema: Schema): Json {
  if (Array.isArray(schema['examples']) && schema['examples'].length > 0) return schema['examples'][0]!;
  if (schema['const'] !== undefined) return schema['const'];
  if (Array.isArray(schema['enum'])) {
    const value = (schema['enum'] as Json[]).find((v) => v !== null);
    if (value !== undefined) return value;
  }
  if (schema['default'] !== undefined && schema['default'] !== null) return schema['default'];
  const type = typesOf(schema).find((t) => t !== 'null');
  switch (type) {
    case 'string': {
      const format = FORMAT_SAMPLES[String(schema['format'])];
      if (format) return format.valid;
      if (schema['pattern'] !== undefined) {
        throw new Error(`cannot make up a value for pattern ${String(schema['pattern'])}: add \`examples\``);
      }
      return 'x'.repeat(Math.max(1, Number(schema['minLength'] ?? 1)));
    }
    case 'integer':
    case 'number':
      return (
        Number(schema['minimum'] ?? schema['exclusiveMinimum'] ?? 0) +
        (schema['exclusiveMinimum'] !== undefined ? 1 : 0)
      );
    case 'boolean':
      return true;
    case 'array': {
      const count = Number(schema['minItems'] ?? 0);
      return Array.from({ length: count }, () => sampleValue(doc, deref(doc, schema['items'])));
    }
    case 'object':
      return minimalObject(doc, schema);
    default:
      return 'any value';
  }
}

/** An object with only its required properties. */
export function minimalObject(doc: OpenApi, schema: Schema): { [key: string]: Json } {
  const properties = (schema['properties'] ?? {}) as Record<string, Json>;
  const out: { [key: string]: Json } = {};
  for (const name of (schema['required'] ?? []) as string[]) {
    out[name] = sampleValue(doc, deref(doc, properties[name]));
  }
  return out;
}

/** The schema found by walking `segments` from `root` (properties and `[]` for items). */
function schemaAt(doc: OpenApi, root: Schema, segments: string[]): Schema {
  let schema = root;
  for (const segment of segments) {
    schema =
      segment === '[]'
        ? deref(doc, schema['items'])
        : deref(doc, ((schema['properties'] ?? {}) as Record<string, Json>)[segment]);
  }
  return schema;
}

/**
 * The smallest valid body in which `segments` exists, with `value` placed there: parents are
 * created with their required fields, arrays with one item.
 */
function bodyWith(doc: OpenApi, root: Schema, segments: string[], value: Json): Json {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '[]') return [bodyWith(doc, deref(doc, root['items']), rest, value)];
  const container = minimalObject(doc, root);
  const child = deref(doc, ((root['properties'] ?? {}) as Record<string, Json>)[head]);
  container[head] = bodyWith(doc, child, rest, value);
  return container;
}

/** The path and body of a request that carries `value` at `location`, everything else minimal. */
function requestWith(
  doc: OpenApi,
  operation: Operation,
  location: Location,
  value: Json | undefined,
): RequestInput {
  const path = validPath(doc, operation);
  const body = bodySchema(doc, operation);
  if (location.in === 'path') {
    return {
      path: { ...path, [location.segments[0]!]: String(value) },
      body: body ? minimalObject(doc, body) : undefined,
    };
  }
  if (!body) throw new Error('the operation has no request body');
  return { path, body: bodyWith(doc, body, location.segments, value as Json) };
}

/**
 * Adds what an if/then asks for wherever the body meets the `if`, so a valid case that sets, say,
 * `ai_provider: byom` also sends the `webhook_url` that makes it valid.
 */
function satisfyConditions(doc: OpenApi, schema: Schema, value: Json): Json {
  if (Array.isArray(value))
    return value.map((item) => satisfyConditions(doc, deref(doc, schema['items']), item));
  if (!isObject(value)) return value;
  const out: { [key: string]: Json } = {};
  const properties = (schema['properties'] ?? {}) as Record<string, Json>;
  for (const [key, child] of Object.entries(value)) {
    out[key] = key in properties ? satisfyConditions(doc, deref(doc, properties[key]), child) : child;
  }
  if (isObject(schema['if']) && conditionOf(schema).every(([field, expected]) => out[field] === expected)) {
    for (const field of thenRequired(schema)) {
      if (!(field in out)) out[field] = sampleValue(doc, schemaAt(doc, schema, [field]));
    }
  }
  return out;
}

export function validPath(doc: OpenApi, operation: Operation): Record<string, string> {
  return Object.fromEntries(
    pathParameters(doc, operation).map((p) => [
      String(p['name']),
      String(sampleValue(doc, deref(doc, p['schema']))),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Breaking one constraint

const WRONG_TYPE_CANDIDATES: [string, Json][] = [
  ['integer', 12345],
  ['string', 'not-of-this-type'],
  ['boolean', true],
  ['array', ['x']],
  ['object', { key: 'value' }],
];

function wrongType(types: string[]): Json | undefined {
  const accepts = (t: string) => types.includes(t) || (t === 'integer' && types.includes('number'));
  return WRONG_TYPE_CANDIDATES.find(([t]) => !accepts(t))?.[1];
}

function offBy(schema: Schema, integer: boolean): number {
  return integer || typesOf(schema).includes('integer') ? 1 : 0.5;
}

/** The value that breaks a field-level constraint, or undefined when this module cannot break it. */
function breakingValue(constraint: Constraint): Json | undefined {
  const s = constraint.schema;
  const num = (k: string) => Number(s[k]);
  switch (constraint.kind) {
    case 'type':
      return wrongType(typesOf(s));
    case 'integer':
      return 1.5;
    case 'nullability':
      return null;
    case 'enum':
      return 'not-a-listed-value';
    case 'const':
      return `not-${String(s['const'])}`;
    case 'minimum':
      return num('minimum') - offBy(s, false);
    case 'maximum':
      return num('maximum') + offBy(s, false);
    case 'exclusiveMinimum':
      return num('exclusiveMinimum');
    case 'exclusiveMaximum':
      return num('exclusiveMaximum');
    case 'minLength':
      return 'x'.repeat(num('minLength') - 1);
    case 'maxLength':
      return 'x'.repeat(num('maxLength') + 1);
    case 'format':
      return FORMAT_SAMPLES[String(s['format'])]?.invalid;
    case 'pattern': {
      const pattern = new RegExp(String(s['pattern']), 'u');
      return ['99:99', '', 'x', '-', '0'].find((candidate) => !pattern.test(candidate));
    }
    default:
      return undefined;
  }
}

/** A request that breaks `constraint` and only it, or undefined when it cannot be built. */
export function breakingCase(
  doc: OpenApi,
  operation: Operation,
  constraint: Constraint,
): RequestCase | undefined {
  const { location, schema } = constraint;
  const name = `breaks ${constraint.id}`;
  const fieldCase = (value: Json | undefined): RequestCase | undefined =>
    value === undefined
      ? undefined
      : {
          name,
          breaks: constraint,
          request: requestWith(doc, operation, location, value),
          expectLocation: prismLocation(location),
        };
  const objectCase = (object: Json): RequestCase => ({
    name,
    breaks: constraint,
    request: requestWith(doc, operation, location, object),
    expectLocation: prismLocation(location),
  });
  switch (constraint.kind) {
    case 'minItems':
      return fieldCase(
        Array.from({ length: Number(schema['minItems']) - 1 }, () =>
          sampleValue(doc, deref(doc, schema['items'])),
        ),
      );
    case 'maxItems':
      return fieldCase(
        Array.from({ length: Number(schema['maxItems']) + 1 }, () =>
          sampleValue(doc, deref(doc, schema['items'])),
        ),
      );
    case 'required': {
      const object = minimalObject(doc, schema);
      delete object[constraint.detail!];
      return objectCase(object);
    }
    case 'closed':
      return objectCase({ ...minimalObject(doc, schema), [NOT_DOCUMENTED_KEY]: 'x' });
    case 'conditional': {
      const object = conditionMet(doc, schema);
      for (const field of thenRequired(schema)) delete object[field];
      return objectCase(object);
    }
    case 'unsupported':
      return undefined;
    default:
      return fieldCase(breakingValue(constraint));
  }
}

// ---------------------------------------------------------------------------------------------
// Requests the spec documents as valid

export function validCases(doc: OpenApi, operation: Operation): RequestCase[] {
  const cases: RequestCase[] = [];
  const path = validPath(doc, operation);
  const body = bodySchema(doc, operation);
  const media = (deref(doc, operation['requestBody'])['content'] as Record<string, Schema> | undefined)?.[
    'application/json'
  ];
  for (const [name, example] of Object.entries(
    (media?.['examples'] ?? {}) as Record<string, { value: Json }>,
  )) {
    cases.push({ name: `example "${name}"`, request: { path, body: example.value } });
  }
  if (!body) return [{ name: 'no body', request: { path, body: undefined } }, ...cases];
  cases.push({ name: 'smallest body', request: { path, body: minimalObject(doc, body) } });
  const at = (segments: string[], value: Json, what: string) => {
    const location: Location = { in: 'body', segments };
    const request = requestWith(doc, operation, location, value);
    cases.push({
      name: `${locationId(location)} ${what}`,
      request: { ...request, body: satisfyConditions(doc, body, request.body!) },
    });
  };
  visitFields(doc, body, [], (segments, schema) => {
    // satisfyConditions (in `at`) adds what the `then` asks for.
    if (isObject(schema['if'])) at(segments, conditionMet(doc, schema), 'meeting its condition');
    if (segments.length === 0) return;
    for (const value of (schema['enum'] ?? []) as Json[]) at(segments, value, `= ${JSON.stringify(value)}`);
    if (typesOf(schema).includes('null') && !Array.isArray(schema['enum'])) at(segments, null, '= null');
    if (typeof schema['minimum'] === 'number') at(segments, schema['minimum'], `at its minimum`);
    if (typeof schema['maximum'] === 'number') at(segments, schema['maximum'], `at its maximum`);
    if (schema['additionalProperties'] === true) {
      at(segments, { ...minimalObject(doc, schema), [NOT_DOCUMENTED_KEY]: 'kept' }, 'with a free-form key');
    }
  });
  return cases;
}

function visitFields(
  doc: OpenApi,
  schema: Schema,
  segments: string[],
  visit: (segments: string[], schema: Schema) => void,
): void {
  visit(segments, schema);
  for (const [name, raw] of Object.entries((schema['properties'] ?? {}) as Record<string, Json>)) {
    visitFields(doc, deref(doc, raw), [...segments, name], visit);
  }
  if (typesOf(schema).includes('array') && isObject(schema['items'])) {
    visitFields(doc, deref(doc, schema['items']), [...segments, '[]'], visit);
  }
}
