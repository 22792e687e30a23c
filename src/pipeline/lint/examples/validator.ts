/**
 * Examples checked against their schemas without generating code: Redocly's example rules compile
 * an Ajv validator per schema, most of the time the lint of a large published document spends
 * (GitHub's). This interpreter gives the errors Ajv gives, with Redocly's options (its fork of Ajv:
 * every error, OpenAPI 3.0's `nullable`, `readOnly` and `writeOnly` by request or response, and an
 * object's properties its schema does not name refused as "unevaluated"), for the schemas whose
 * keywords it knows (`interpretable`); any other schema, and any example of one, goes to Redocly's
 * own validator, so that the same examples are flagged either way.
 */
import type { Location } from '@redocly/openapi-core';
import { isPlainObject } from '../../../redocly/schemas.js';

/** An error as Ajv reports it: the place in the example, the keyword, its parameters, its words. */
export interface ExampleError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

export type Dialect = 'draft4' | '2020';

/** How Redocly's rules resolve a `$ref` (their walk's `ctx.resolve`). */
export type Resolve = (
  ref: { $ref: string },
  from?: string,
) => { node: unknown; location?: Location | undefined };

/** A format as Ajv holds it: a pattern, a function, or either with the type it applies to. */
type Format =
  | RegExp
  | ((data: unknown) => boolean)
  | true
  | { type?: string; validate: RegExp | ((data: unknown) => boolean); async?: boolean };

type Schema = Record<string, unknown>;

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);

/** Keywords that change nothing for a value: annotations, and what Ajv does not know. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'example',
  'examples',
  'deprecated',
  'externalDocs',
  'xml',
  '$comment',
]);

/** Each keyword this interpreter knows, with the type of value Ajv accepts for it. */
const KEYWORDS: Record<string, (value: unknown, dialect: Dialect) => boolean> = {
  type: (v) =>
    typeof v === 'string'
      ? JSON_TYPES.has(v)
      : Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === 'string' && JSON_TYPES.has(t)),
  nullable: (v) => typeof v === 'boolean',
  enum: (v) => Array.isArray(v) && v.length > 0 && v.length < 200,
  const: () => true,
  format: (v) => typeof v === 'string',
  readOnly: (v) => typeof v === 'boolean',
  writeOnly: (v) => typeof v === 'boolean',
  multipleOf: (v) => typeof v === 'number',
  maximum: (v) => typeof v === 'number',
  minimum: (v) => typeof v === 'number',
  exclusiveMaximum: (v, dialect) => typeof v === (dialect === 'draft4' ? 'boolean' : 'number'),
  exclusiveMinimum: (v, dialect) => typeof v === (dialect === 'draft4' ? 'boolean' : 'number'),
  maxLength: (v) => typeof v === 'number',
  minLength: (v) => typeof v === 'number',
  pattern: (v) => typeof v === 'string' && compiles(v),
  maxItems: (v) => typeof v === 'number',
  minItems: (v) => typeof v === 'number',
  uniqueItems: (v) => typeof v === 'boolean',
  items: (v) => isPlainObject(v),
  maxProperties: (v) => typeof v === 'number',
  minProperties: (v) => typeof v === 'number',
  required: (v) => Array.isArray(v) && v.length < 200 && v.every((name) => typeof name === 'string'),
  additionalProperties: (v) => isPlainObject(v) || typeof v === 'boolean',
  anyOf: (v) => Array.isArray(v) && v.length > 0 && v.every(isPlainObject),
  oneOf: (v) => Array.isArray(v) && v.length > 0 && v.every(isPlainObject),
  allOf: (v) => Array.isArray(v) && v.length > 0 && v.every(isPlainObject),
  properties: (v) =>
    isPlainObject(v) && Object.values(v).every(isPlainObject) && !Object.hasOwn(v, '__proto__'),
};

const patterns = new Map<string, RegExp | undefined>();

function pattern(source: string): RegExp | undefined {
  if (!patterns.has(source)) {
    try {
      patterns.set(source, new RegExp(source, 'u'));
    } catch {
      patterns.set(source, undefined);
    }
  }
  return patterns.get(source);
}

const compiles = (source: string) => pattern(source) !== undefined;

/** Keywords of each type's group (Ajv applies them when the value has that type): for `type`'s check. */
const NUMBER_KEYWORDS = [
  'multipleOf',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'format',
];
const STRING_KEYWORDS = ['maxLength', 'minLength', 'pattern', 'format'];
const ARRAY_KEYWORDS = ['maxItems', 'minItems', 'uniqueItems', 'items'];
const OBJECT_KEYWORDS = ['maxProperties', 'minProperties', 'required', 'additionalProperties', 'properties'];
const GROUP_KEYWORDS: Record<string, string[]> = {
  number: NUMBER_KEYWORDS,
  string: STRING_KEYWORDS,
  array: ARRAY_KEYWORDS,
  object: OBJECT_KEYWORDS,
};

/** A schema as Ajv would run it, worked out once: its types, and whether `type` is checked first. */
interface Plan {
  /** A `$ref` (with annotations at most beside it): the target, as resolved, and its file. */
  ref?: { target: Schema; file: string | undefined };
  types: string[];
  typeFirst: boolean;
  /** The single type whose group reports a value of another type, when `type` is not checked first. */
  typeInGroup: string | undefined;
  properties: string[] | undefined;
  /** Why Ajv refuses to compile this schema, when it does (with a message of its own). */
  refused?: string;
}

/** `SchemaInterpreter.verdict`'s answer: interpretable, Ajv's compile error for every example, or neither. */
export type Verdict = boolean | string;

/** Thrown (not an Error: no stack to build) when a schema is beyond this interpreter. */
const UNSUPPORTED = Symbol('unsupported');

/**
 * The properties Ajv counts as evaluated at a point of a schema (its `it.props`): none, all, a set
 * known from the schema alone, or a variable of the generated code (`Cell`), whose value is set as
 * the code runs. Redocly's fork refuses an object's unevaluated properties, so which of these Ajv
 * holds decides which properties it reports.
 */
type Props = undefined | true | Evaluated | Cell;
type Evaluated = Record<string, true>;
class Cell {
  value: undefined | true | Evaluated = undefined;
}

/** One call of a generated function (the schema validated, or a `$ref`'s target). */
interface Call {
  /** The `isAllOfVariant` it was called with: a `$ref` straight under `allOf`. */
  fromAllOf: boolean;
  /** Its variables, by schema and place: `var`s keep their value from one iteration to the next. */
  cells: Map<Schema, Map<string, Cell>>;
}

/** Where a schema is applied: Ajv's compile-time context (`it`) and the value's place. */
interface Frame {
  path: string;
  call: Call;
  /** At the value its function was called with (Ajv's empty `errorPath`). */
  atCallValue: boolean;
  /** Under `anyOf` or `oneOf` within this function (Ajv's `compositeRule`). */
  composite: boolean;
  /** A branch of `allOf` (Ajv's `isAllOfVariant`). */
  allOfBranch: boolean;
}

/**
 * Interprets schemas of one document in one dialect. `interpretable` says whether a schema, and
 * everything it references, is one this class gives Ajv's errors for; `validate` then gives them.
 */
export class SchemaInterpreter {
  private readonly plans = new WeakMap<Schema, Plan>();
  private readonly verdicts = new WeakMap<Schema, Verdict>();
  /** The schema each schema is written in (not `$ref`ed from). */
  private readonly inlineParents = new WeakMap<Schema, Schema>();
  /** What each `$ref` target's function leaves evaluated, as its compiled code knows it. */
  private readonly functionProps = new WeakMap<Schema, { dynamic: boolean; props: Props }>();
  private errors: ExampleError[] = [];
  private apiContext: 'request' | 'response' | undefined;
  private allowAdditionalProperties = false;

  constructor(
    private readonly dialect: Dialect,
    private readonly formats: Record<string, Format | undefined>,
    private readonly resolve: Resolve,
  ) {}

  /**
   * Whether `schema` (in file `file`) and every schema it reaches are within this interpreter's
   * keywords (true), or are except for schemas Ajv refuses to compile, all for the same reason
   * (that reason: Redocly reports it for each example), or are not (false: Ajv's to check).
   */
  verdict(schema: unknown, file: string | undefined): Verdict {
    if (!isPlainObject(schema)) return false;
    const known = this.verdicts.get(schema);
    if (known !== undefined) return known;
    const reached = new Set<Schema>();
    const onPath = new Set<Schema>();
    const refused = new Set<string>();
    // Depth first, every schema once: a `$ref` back to a schema still being read is a cycle,
    // whose compilation order Ajv's results depend on; a schema written inline twice is one
    // place for this class and two for Ajv. Both go to Ajv.
    const visit = (node: Schema, at: string | undefined): void => {
      if (onPath.has(node)) throw UNSUPPORTED;
      if (reached.has(node)) return;
      const verdict = this.verdicts.get(node);
      if (verdict === true) return;
      if (verdict === false) throw UNSUPPORTED;
      if (typeof verdict === 'string') {
        refused.add(verdict);
        return;
      }
      reached.add(node);
      onPath.add(node);
      const plan = this.plan(node, at);
      if (plan.refused !== undefined) refused.add(plan.refused);
      if (plan.ref) visit(plan.ref.target, plan.ref.file);
      for (const child of subschemas(node)) {
        const parent = this.inlineParents.get(child);
        if (parent !== undefined && parent !== node) throw UNSUPPORTED;
        this.inlineParents.set(child, node);
        visit(child, at);
      }
      onPath.delete(node);
    };
    try {
      visit(schema, file);
    } catch (error) {
      if (error !== UNSUPPORTED) throw error;
      for (const node of onPath) this.verdicts.set(node, false);
      return false;
    }
    // Ajv stops at the first schema it cannot compile: which one is first matters only when
    // their reasons differ.
    if (refused.size > 1) {
      this.verdicts.set(schema, false);
      return false;
    }
    if (refused.size === 1) {
      const reason = [...refused][0]!;
      this.verdicts.set(schema, reason);
      return reason;
    }
    for (const node of reached) this.verdicts.set(node, true);
    return true;
  }

  /** Ajv's errors for `data` against an `interpretable` schema, their paths below `instancePath`. */
  validate(
    data: unknown,
    schema: Schema,
    instancePath: string,
    apiContext: 'request' | 'response' | undefined,
    allowAdditionalProperties: boolean,
  ): ExampleError[] {
    this.errors = [];
    this.apiContext = apiContext;
    this.allowAdditionalProperties = allowAdditionalProperties;
    this.callFunction(schema, data, instancePath, false, true);
    return this.errors;
  }

  private plan(schema: Schema, file: string | undefined): Plan {
    let plan = this.plans.get(schema);
    if (plan) return plan;
    const keys = Object.keys(schema);
    if (typeof schema['$ref'] === 'string') {
      if (keys.some((key) => key !== '$ref' && !ANNOTATIONS.has(key) && !key.startsWith('x-')))
        throw UNSUPPORTED;
      const resolved = this.resolve({ $ref: schema['$ref'] }, file);
      if (!resolved.location || !isPlainObject(resolved.node) || schema['$ref'].includes('%'))
        throw UNSUPPORTED;
      plan = {
        ref: { target: resolved.node, file: resolved.location.source.absoluteRef },
        types: [],
        typeFirst: false,
        typeInGroup: undefined,
        properties: undefined,
      };
      this.plans.set(schema, plan);
      return plan;
    }
    for (const key of keys) {
      if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
      const check = KEYWORDS[key];
      if (!check || !check(schema[key], this.dialect)) throw UNSUPPORTED;
    }
    if (this.dialect === 'draft4') {
      if (schema['exclusiveMaximum'] !== undefined && schema['maximum'] === undefined) throw UNSUPPORTED;
      if (schema['exclusiveMinimum'] !== undefined && schema['minimum'] === undefined) throw UNSUPPORTED;
    }
    // Ajv's getSchemaTypes: `nullable` needs a type, and adds null to it.
    const raw = schema['type'];
    const types = raw === undefined ? [] : Array.isArray(raw) ? [...(raw as string[])] : [raw as string];
    let refused: string | undefined;
    if (types.includes('null')) {
      if (schema['nullable'] === false) refused = 'type: null contradicts nullable: false';
    } else {
      if (types.length === 0 && schema['nullable'] !== undefined)
        refused = '"nullable" cannot be used without "type"';
      if (schema['nullable'] === true) types.push('null');
    }
    const typeFirst = types.length > 0 && !(types.length === 1 && groupApplies(schema, types[0]!));
    const properties = isPlainObject(schema['properties']) ? Object.keys(schema['properties']) : undefined;
    plan = {
      types,
      typeFirst,
      typeInGroup: !typeFirst && types.length === 1 ? types[0] : undefined,
      properties,
      ...(refused === undefined ? {} : { refused }),
    };
    this.plans.set(schema, plan);
    return plan;
  }

  /**
   * A generated function called (the schema validated, or a `$ref`'s target): the errors it adds,
   * and what it leaves evaluated for its caller (Ajv's `validate.evaluated`).
   */
  private callFunction(
    schema: Schema,
    data: unknown,
    path: string,
    fromAllOf: boolean,
    live: boolean,
  ): { valid: boolean; dynamic: boolean; props: Props } {
    const call: Call = { fromAllOf, cells: new Map() };
    const frame: Frame = { path, call, atCallValue: true, composite: false, allOfBranch: false };
    const before = this.errors.length;
    const props = this.node(schema, data, frame, live);
    const valid = this.errors.length === before;
    if (props instanceof Cell) return { valid, dynamic: true, props: props.value };
    return { valid, dynamic: false, props };
  }

  /** What a function leaves evaluated as its code knows it, without running it. */
  private compiledProps(schema: Schema): { dynamic: boolean; props: Props } {
    let known = this.functionProps.get(schema);
    if (!known) {
      const { dynamic, props } = this.callFunction(schema, undefined, '', false, false);
      known = { dynamic, props: dynamic ? undefined : props };
      this.functionProps.set(schema, known);
    }
    return known;
  }

  /**
   * Applies one schema to `data` as Ajv's code for it runs (`live`), or only works out what that
   * code holds as evaluated when it does not run (a oneOf branch after two have passed, a function
   * compiled): the errors go to `this.errors`; answers the schema's evaluated properties.
   */
  private node(schema: Schema, data: unknown, frame: Frame, live: boolean): Props {
    const plan = this.plans.get(schema)!;
    const { path } = frame;
    if (plan.ref) return this.ref(schema, plan.ref.target, data, frame, live);
    const fail = (keyword: string, params: Record<string, unknown>, message: string) =>
      this.errors.push({ instancePath: path, keyword, params, message });
    if (live && plan.typeFirst && !plan.types.some((type) => hasType(data, type))) {
      fail('type', { type: schema['type'] }, `must be ${String(schema['type'])}`);
    }
    // Ajv's keywords for any value, in its order.
    if (live) {
      if (schema['readOnly'] === true && this.apiContext === 'request')
        fail('readOnly', {}, 'must NOT be present in request context');
      if (schema['writeOnly'] === true && this.apiContext === 'response')
        fail('writeOnly', {}, 'must NOT be present in response context');
      if (schema['const'] !== undefined && !equalValues(data, schema['const']))
        fail('const', { allowedValue: schema['const'] }, 'must be equal to constant');
      const allowed = schema['enum'] as unknown[] | undefined;
      if (allowed !== undefined && !allowed.some((value) => equalValues(data, value)))
        fail('enum', { allowedValues: allowed }, 'must be equal to one of the allowed values');
    }
    let props: Props = undefined;
    if (Array.isArray(schema['anyOf'])) props = this.anyOf(schema, data, frame, live, props);
    if (Array.isArray(schema['oneOf'])) props = this.oneOf(schema, data, frame, live, props);
    if (Array.isArray(schema['allOf'])) props = this.allOf(schema, data, frame, live, props);
    if (!live) return this.objectProps(schema, false, props);
    // Then by the value's type: number, string, array, object.
    if (typeof data === 'number' && Number.isFinite(data)) this.number(schema, data, fail);
    else if (plan.typeInGroup === 'number') typeError(schema, fail);
    if (typeof data === 'string') this.string(schema, data, fail);
    else if (plan.typeInGroup === 'string') typeError(schema, fail);
    if (Array.isArray(data)) this.array(schema, data, frame, fail);
    else if (plan.typeInGroup === 'array') typeError(schema, fail);
    if (isPlainObject(data)) return this.object(schema, plan, data, frame, fail, props);
    if (plan.typeInGroup === 'object') typeError(schema, fail);
    return this.objectProps(schema, false, props);
  }

  /** A `$ref`: its target's function called, its errors added, what it evaluated merged (Ajv's callRef). */
  private ref(schema: Schema, target: Schema, data: unknown, frame: Frame, live: boolean): Props {
    const compiled = this.compiledProps(target);
    const called = live ? this.callFunction(target, data, frame.path, frame.allOfBranch, true) : undefined;
    const success = called?.valid ?? false;
    if (!compiled.dynamic) {
      // Known when compiled: merged whether or not the call succeeds.
      return compiled.props;
    }
    // Read from the function after a successful call, into a variable of this one.
    const cell = this.cell(frame.call, schema, 'ref');
    if (success) cell.value = called!.props as Cell['value'];
    return cell;
  }

  private anyOf(schema: Schema, data: unknown, frame: Frame, live: boolean, props: Props): Props {
    const branches = schema['anyOf'] as Schema[];
    const before = this.errors.length;
    let valid = false;
    branches.forEach((branch, i) => {
      const start = this.errors.length;
      const branchProps = this.node(branch, data, this.branch(frame, true), live);
      const passed = live && this.errors.length === start;
      valid ||= passed;
      if (props !== true && branchProps !== undefined)
        props = merge(branchProps, props, true, passed, () => this.cell(frame.call, schema, `anyOf/${i}`));
    });
    if (live) {
      if (valid) this.errors.length = before;
      else
        this.errors.push({
          instancePath: frame.path,
          keyword: 'anyOf',
          params: {},
          message: 'must match a schema in anyOf',
        });
    }
    return props;
  }

  private oneOf(schema: Schema, data: unknown, frame: Frame, live: boolean, props: Props): Props {
    const branches = schema['oneOf'] as Schema[];
    const before = this.errors.length;
    let valid = false;
    let passing: unknown = null;
    // Ajv nests each branch in the `else` of "this one passed too": two passing end the runs.
    let running = live;
    branches.forEach((branch, i) => {
      const start = this.errors.length;
      const branchProps = this.node(branch, data, this.branch(frame, true), running);
      const passed = running && this.errors.length === start;
      let merging = false;
      if (running) {
        if (i > 0 && passed && valid) {
          valid = false;
          passing = [passing, i];
          running = false;
        } else if (passed) {
          valid = true;
          passing = i;
          merging = true;
        }
      }
      if (props !== true && branchProps !== undefined)
        props = merge(branchProps, props, true, merging, () => this.cell(frame.call, schema, `oneOf/${i}`));
    });
    if (live) {
      if (valid) this.errors.length = before;
      else
        this.errors.push({
          instancePath: frame.path,
          keyword: 'oneOf',
          params: { passingSchemas: passing },
          message: 'must match exactly one schema in oneOf',
        });
    }
    return props;
  }

  private allOf(schema: Schema, data: unknown, frame: Frame, live: boolean, props: Props): Props {
    for (const branch of schema['allOf'] as Schema[]) {
      const branchProps = this.node(branch, data, { ...frame, allOfBranch: true }, live);
      if (props !== true && branchProps !== undefined)
        props = merge(branchProps, props, false, live, undefined);
    }
    return props;
  }

  private branch(frame: Frame, composite: boolean): Frame {
    return { ...frame, composite: frame.composite || composite, allOfBranch: false };
  }

  private cell(call: Call, schema: Schema, place: string): Cell {
    let cells = call.cells.get(schema);
    if (!cells) call.cells.set(schema, (cells = new Map()));
    let cell = cells.get(place);
    if (!cell) cells.set(place, (cell = new Cell()));
    return cell;
  }

  /** `additionalProperties` and `properties`' effect on what is evaluated (their code runs when `live`). */
  private objectProps(schema: Schema, live: boolean, props: Props): Props {
    if (schema['additionalProperties'] !== undefined) return true;
    const named = isPlainObject(schema['properties']) ? Object.keys(schema['properties']) : [];
    if (named.length === 0 || props === true) return props;
    const own: Evaluated = {};
    for (const name of named) own[name] = true;
    return merge(own, props, false, live, undefined);
  }

  private number(schema: Schema, data: number, fail: Fail): void {
    const limit = (keyword: string, ok: string, failed: boolean) => {
      const value = schema[keyword] as number;
      if (failed) fail(keyword, { comparison: ok, limit: value }, `must be ${ok} ${value}`);
    };
    const multipleOf = () => {
      const divisor = schema['multipleOf'];
      if (typeof divisor !== 'number') return;
      const ratio = data / divisor;
      if (divisor === 0 || ratio !== parseInt(String(ratio)))
        fail('multipleOf', { multipleOf: divisor }, `must be multiple of ${divisor}`);
    };
    if (this.dialect === 'draft4') {
      multipleOf();
      const max = schema['maximum'];
      if (typeof max === 'number') {
        const exclusive = Boolean(schema['exclusiveMaximum']);
        limit('maximum', exclusive ? '<' : '<=', exclusive ? data >= max : data > max);
      }
      const min = schema['minimum'];
      if (typeof min === 'number') {
        const exclusive = Boolean(schema['exclusiveMinimum']);
        limit('minimum', exclusive ? '>' : '>=', exclusive ? data <= min : data < min);
      }
    } else {
      const at = (keyword: string) => schema[keyword] as number;
      if (schema['maximum'] !== undefined) limit('maximum', '<=', data > at('maximum'));
      if (schema['minimum'] !== undefined) limit('minimum', '>=', data < at('minimum'));
      if (schema['exclusiveMaximum'] !== undefined)
        limit('exclusiveMaximum', '<', data >= at('exclusiveMaximum'));
      if (schema['exclusiveMinimum'] !== undefined)
        limit('exclusiveMinimum', '>', data <= at('exclusiveMinimum'));
      multipleOf();
    }
    this.format(schema, data, 'number', fail);
  }

  private string(schema: Schema, data: string, fail: Fail): void {
    const length = (keyword: string, more: boolean) => {
      const limit = schema[keyword];
      if (typeof limit !== 'number') return;
      const count = codePoints(data);
      if (more ? count > limit : count < limit)
        fail(keyword, { limit }, `must NOT have ${more ? 'more' : 'fewer'} than ${limit} characters`);
    };
    length('maxLength', true);
    length('minLength', false);
    const source = schema['pattern'];
    if (typeof source === 'string' && !pattern(source)!.test(data))
      fail('pattern', { pattern: source }, `must match pattern "${source}"`);
    this.format(schema, data, 'string', fail);
  }

  /** Ajv's `format` for values of `type`: only formats of that type, unknown ones ignored. */
  private format(schema: Schema, data: number | string, type: string, fail: Fail): void {
    const name = schema['format'];
    if (typeof name !== 'string') return;
    const format = Object.hasOwn(this.formats, name) ? this.formats[name] : undefined;
    if (format === undefined || format === true) return;
    const [formatType, check] =
      format instanceof RegExp || typeof format === 'function'
        ? ['string', format]
        : [format.type ?? 'string', format.validate];
    if (formatType !== type) return;
    const valid = typeof check === 'function' ? check(data) : check.test(String(data));
    if (!valid) fail('format', { format: name }, `must match format "${name}"`);
  }

  private array(schema: Schema, data: unknown[], frame: Frame, fail: Fail): void {
    const count = (keyword: string, more: boolean) => {
      const limit = schema[keyword];
      if (typeof limit !== 'number') return;
      if (more ? data.length > limit : data.length < limit)
        fail(keyword, { limit }, `must NOT have ${more ? 'more' : 'fewer'} than ${limit} items`);
    };
    count('maxItems', true);
    count('minItems', false);
    if (schema['uniqueItems'] === true) {
      const duplicate = duplicateItems(schema, data);
      if (duplicate)
        fail(
          'uniqueItems',
          duplicate,
          `must NOT have duplicate items (items ## ${duplicate.j} and ${duplicate.i} are identical)`,
        );
    }
    const items = schema['items'];
    if (isPlainObject(items) && Object.keys(items).length > 0) {
      for (let i = 0; i < data.length; i++) this.node(items, data[i], this.child(frame, String(i)), true);
    }
  }

  private object(schema: Schema, plan: Plan, data: Schema, frame: Frame, fail: Fail, props: Props): Props {
    const count = (keyword: string, more: boolean) => {
      const limit = schema[keyword];
      if (typeof limit !== 'number') return;
      const size = Object.keys(data).length;
      if (more ? size > limit : size < limit)
        fail(keyword, { limit }, `must NOT have ${more ? 'more' : 'fewer'} than ${limit} properties`);
    };
    count('maxProperties', true);
    count('minProperties', false);
    const properties = schema['properties'] as Record<string, Schema> | undefined;
    for (const name of (schema['required'] as string[] | undefined) ?? []) {
      // Redocly's fork: a readOnly property is not required in a request, a writeOnly one in a response.
      const property = properties?.[name];
      if (isPlainObject(property)) {
        if (property['readOnly'] === true && this.apiContext === 'request') continue;
        if (property['writeOnly'] === true && this.apiContext === 'response') continue;
      }
      if (data[name] === undefined)
        fail('required', { missingProperty: name }, `must have required property '${name}'`);
    }
    const named = plan.properties;
    const additional = schema['additionalProperties'];
    if (additional !== undefined) {
      for (const key in data) {
        if (named?.includes(key)) continue;
        if (additional === false)
          fail('additionalProperties', { additionalProperty: key }, 'must NOT have additional properties');
        else if (isPlainObject(additional) && Object.keys(additional).length > 0)
          this.node(additional, data[key], this.child(frame, key), true);
      }
    }
    for (const name of named ?? []) {
      const property = properties![name]!;
      const value = data[name];
      if (value !== undefined && Object.keys(property).length > 0)
        this.node(property, value, this.child(frame, name), true);
    }
    props = this.objectProps(schema, true, props);
    // Redocly's fork: an object's properties that nothing evaluated are refused, where the schema
    // names properties, unless it is a branch of `allOf` (Ajv's unevaluatedProperties, forced).
    if (named === undefined || frame.allOfBranch || this.allowAdditionalProperties) return props;
    const unevaluated = (key: string) =>
      fail('unevaluatedProperties', { unevaluatedProperty: key }, 'must NOT have unevaluated properties');
    if (props instanceof Cell) {
      const evaluated = props.value;
      if (evaluated !== true)
        for (const key in data)
          if (!evaluated || !(evaluated as Record<string, unknown>)[key]) unevaluated(key);
    } else if (props !== true) {
      const checked = frame.atCallValue && !frame.composite ? !frame.call.fromAllOf : !frame.composite;
      if (checked)
        for (const key in data) if (props === undefined || !Object.hasOwn(props, key)) unevaluated(key);
    }
    return props;
  }

  private child(frame: Frame, key: string): Frame {
    return { ...frame, path: `${frame.path}/${pointerSegment(key)}`, atCallValue: false, allOfBranch: false };
  }
}

/**
 * Ajv's `mergeEvaluated.props`: `from` merged into `to`, into a variable of the generated code when
 * `toName` (a new one, `newCell`, unless either is one already); `enabled` says whether the code
 * that does it runs.
 */
function merge(
  from: Props,
  to: Props,
  toName: boolean,
  enabled: boolean,
  newCell: (() => Cell) | undefined,
): Props {
  let result: Props;
  if (to === undefined) result = from;
  else if (to instanceof Cell) {
    if (from instanceof Cell) mergeNames(from, to, enabled);
    else mergeToName(from, to, enabled);
    result = to;
  } else if (from instanceof Cell) {
    mergeToName(to, from, enabled);
    result = from;
  } else result = from === true ? true : { ...from, ...(to as Evaluated) };
  if (toName && !(result instanceof Cell)) {
    const cell = newCell!();
    if (enabled) cell.value = result === true ? true : { ...result };
    return cell;
  }
  return result;
}

function mergeNames(from: Cell, to: Cell, enabled: boolean): void {
  if (!enabled || to.value === true || from.value === undefined) return;
  if (from.value === true) to.value = true;
  else Object.assign((to.value ||= {}) as Evaluated, from.value);
}

function mergeToName(from: undefined | true | Evaluated, to: Cell, enabled: boolean): void {
  if (!enabled || to.value === true) return;
  if (from === true) to.value = true;
  else {
    const value = (to.value ||= {}) as Evaluated;
    for (const key of Object.keys(from ?? {})) value[key] = true;
  }
}

type Fail = (keyword: string, params: Record<string, unknown>, message: string) => void;

function typeError(schema: Schema, fail: Fail): void {
  fail('type', { type: schema['type'] }, `must be ${String(schema['type'])}`);
}

function groupApplies(schema: Schema, type: string): boolean {
  return GROUP_KEYWORDS[type]?.some((key) => schema[key] !== undefined) ?? false;
}

function hasType(data: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return typeof data === 'object' && data !== null && !Array.isArray(data);
    case 'integer':
      return typeof data === 'number' && Number.isFinite(data) && data % 1 === 0;
    case 'number':
      return typeof data === 'number' && Number.isFinite(data);
    default:
      return typeof data === type;
  }
}

/** The schemas a schema applies to parts of its value. */
function subschemas(schema: Schema): Schema[] {
  const found: unknown[] = [];
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) found.push(...branches);
  }
  if (schema['items'] !== undefined) found.push(schema['items']);
  if (schema['additionalProperties'] !== undefined) found.push(schema['additionalProperties']);
  if (isPlainObject(schema['properties'])) found.push(...Object.values(schema['properties']));
  return found.filter(isPlainObject);
}

/** Ajv's `uniqueItems`: the pair it names, found from the end as Ajv looks. */
function duplicateItems(schema: Schema, data: unknown[]): { i: number; j: number } | undefined {
  const items = schema['items'];
  const itemTypes = isPlainObject(items) ? typesOf(items) : [];
  if (itemTypes.length > 0 && !itemTypes.some((type) => type === 'object' || type === 'array')) {
    const indices = new Map<unknown, number>();
    for (let i = data.length; i--;) {
      let item = data[i];
      if (!itemTypes.some((type) => hasType(item, type))) continue;
      if (itemTypes.length > 1 && typeof item === 'string') item = `${item}_`;
      // Ajv keys an object by the item: numbers and their strings collide, as there.
      const key = String(item);
      const j = indices.get(key);
      if (j !== undefined) return { i, j };
      indices.set(key, i);
    }
    return undefined;
  }
  for (let i = data.length; i--;) {
    for (let j = i; j--;) if (equalValues(data[i], data[j])) return { i, j };
  }
  return undefined;
}

function typesOf(schema: Schema): string[] {
  const raw = schema['type'];
  const types = raw === undefined ? [] : Array.isArray(raw) ? [...(raw as string[])] : [String(raw)];
  if (!types.includes('null') && schema['nullable'] === true) types.push('null');
  return types;
}

/** fast-deep-equal, as Ajv compares values, for JSON values. */
export function equalValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (a.constructor !== b.constructor) return false;
    if (Array.isArray(a)) {
      const other = b as unknown[];
      if (a.length !== other.length) return false;
      for (let i = a.length; i-- !== 0;) if (!equalValues(a[i], other[i])) return false;
      return true;
    }
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) if (!Object.hasOwn(b, key)) return false;
    for (const key of keys) if (!equalValues((a as Schema)[key], (b as Schema)[key])) return false;
    return true;
  }
  return a !== a && b !== b;
}

/** Ajv's ucs2length: a string's length in code points. */
function codePoints(text: string): number {
  let length = 0;
  for (let pos = 0; pos < text.length;) {
    length++;
    const value = text.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < text.length && (text.charCodeAt(pos) & 0xfc00) === 0xdc00)
      pos++;
  }
  return length;
}

function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
