/**
 * JSON Schema → JavaScript: each schema a package checks becomes a node of data that
 * `runtime/checks.js` walks, its type mask then each keyword's function and argument
 * (`[64, required, [...], properties, {...}]`), made once when its module loads. Written for the JSON Schema the specs use (2020-12 as
 * OpenAPI 3.1 has it; OpenAPI 3.0's `nullable` and boolean `exclusiveMinimum` too, for
 * descriptions such as GitHub's): types with null, `enum`, `const`, bounds, lengths, `pattern`,
 * `format`, `required`, `properties`, `patternProperties`, `additionalProperties`,
 * `unevaluatedProperties`, `allOf`/`anyOf`/`oneOf`/`not`, `if`/`then`/`else`, `$ref` (recursion
 * included), `items`/`prefixItems`/`contains`. Annotations and keywords it does not know check
 * nothing, as a validator that does not know them would.
 *
 * Data rather than straight-line code because of size: diga's checks written out as statements
 * were 4.5 kB gzipped, three times the budget of a validated client (issue 17); and rather than
 * closures that also record where a value breaks them, because only `runtime/explain.js`, loaded
 * once something broke, needs to know that.
 *
 * A `$ref` target and each root (a body's, a parameter's, a response's schema) is a constant of
 * its own, `sN`, a node made by `def(pointer, […])` so that a violation names where its keyword is
 * in `openapi.json`; a reference to one is written `$REF(sN)` until the emitter knows whether it is
 * defined before its user (`sN`) or not yet, in a cycle (`[0, ref, () => sN]`).
 * @see https://json-schema.org/draft/2020-12/json-schema-validation
 */
import { jsonExpression, literalKey } from '../../../shared/names.js';
import { getAtPointer, isObject, pointerSegment, type JsonObject } from '../../../shared/openapi.js';

/** Which way a body goes: `readOnly` properties are not required in a request, `writeOnly` ones in a response. */
export type Direction = 'request' | 'response';

export interface CompilerInput {
  document: JsonObject;
  /** A schema the checks cannot be made from (a `pattern` that is no regular expression). */
  fail(pointer: string, what: string): void;
}

/** One compiled constant: a `$ref` target's or a root's check. */
export interface CompiledCheck {
  name: string;
  /** The node's code, with `$REF(sN)` for the checks it uses. */
  code: string;
  /** The checks it uses, by name. */
  uses: Set<string>;
  /** The constants it reads (enum sets, patterns), by name. */
  constants: Set<string>;
  /** The `runtime/checks.js` exports it calls. */
  helpers: Set<string>;
}

/** `$REF(s3)`: a use of the check `s3` (or of the enum constant `E2`, where the emitter may inline it). */
export const REFERENCE = /\$REF\(([sE]\d+)\)/g;

/** The formats `runtime/checks.js` checks, by name (a Map: a format named `constructor` is no member of it). */
const FORMATS = new Map<string, string>([
  ['uuid', 'isUuid'],
  ['date-time', 'isDateTime'],
  ['date', 'isDate'],
  ['time', 'isTime'],
  ['uri', 'isUri'],
  ['uri-reference', 'isUriReference'],
  ['email', 'isEmail'],
  ['hostname', 'isHostname'],
  ['ipv4', 'isIpv4'],
  ['int32', 'isInt32'],
  ['int64', 'isInt64'],
]);

/**
 * A `def`'s pointer as written: a schema under `components/schemas` by what follows (`Agent`),
 * the rest whole (`#/paths/…`); `runtime/explain.js` reads it back (`SCHEMAS`).
 */
const defPointer = (pointer: string): string =>
  pointer.startsWith(SCHEMAS) && pointer[SCHEMAS.length] !== '#' ? pointer.slice(SCHEMAS.length) : pointer;
const SCHEMAS = '#/components/schemas/';

/** The keywords that take no argument: `runtime/checks.js` runs them with none. */
const NO_ARGUMENT = new Set([...FORMATS.values(), 'uniqueItems']);

/** The bits of `type` masks, as `runtime/checks.js` has them (`TYPES`): a number may be an integer. */
const TYPE_BITS: Record<string, number> = {
  string: 1,
  number: 6,
  integer: 4,
  boolean: 8,
  null: 16,
  array: 32,
  object: 64,
};

/** What a schema evaluates in place, for `unevaluatedProperties`. */
interface Evaluated {
  names: Set<string>;
  patterns: string[];
  /** `additionalProperties` (or an `unevaluatedProperties` below) evaluates every property. */
  all: boolean;
  /** What subschemas evaluate only when they (each of `when`) hold for the value. */
  conditional: { when: unknown[]; evaluated: Evaluated }[];
}

interface Scope {
  uses: Set<string>;
  constants: Set<string>;
  helpers: Set<string>;
  direction: Direction;
}

export class SchemaCompiler {
  private readonly checks = new Map<string, CompiledCheck>();
  private readonly names = new Map<string, string>();
  /** Constant code → its name (`E1`, `R2`), shared by every check of the run. */
  private readonly constants = new Map<string, string>();
  private readonly openapi30: boolean;
  /** Whether `readOnly`/`writeOnly` appear at all: else one check serves both directions. */
  private readonly directional: boolean;

  constructor(private readonly input: CompilerInput) {
    this.openapi30 = /^3\.0\./.test(String(input.document.openapi));
    this.directional = mentions(input.document, new Set(['readOnly', 'writeOnly']));
  }

  /** Every check compiled so far, by name. */
  get compiled(): ReadonlyMap<string, CompiledCheck> {
    return this.checks;
  }

  /** A constant's code, which a module declares or writes where it is used: `new Set([...])`. */
  constantCode(name: string): string {
    for (const [code, constant] of this.constants) if (constant === name) return code;
    throw new Error(`no constant ${name}`);
  }

  /**
   * The check of the schema at `pointer` (a `$ref` target, or a body's, parameter's or response's
   * schema), compiled once per direction that differs.
   */
  checkFor(pointer: string, direction: Direction): string {
    const schema = getAtPointer(this.input.document, pointer);
    // A schema that is only a reference is its target's check.
    if (isObject(schema) && typeof schema.$ref === 'string' && Object.keys(schema).length === 1)
      return this.checkFor(schema.$ref, direction);
    const key = this.directional ? `${direction} ${pointer}` : pointer;
    const known = this.names.get(key);
    if (known !== undefined) return known;
    const name = `s${this.names.size}`;
    this.names.set(key, name);
    const scope: Scope = { uses: new Set(), constants: new Set(), helpers: new Set(['def']), direction };
    if (schema === undefined) this.input.fail(pointer, 'the $ref names nothing in the document');
    // A fresh array, for `def` to mark: a node of its own, or one that applies another.
    const check = this.expression(schema, pointer, scope) ?? '0';
    const node = check.startsWith('[')
      ? check
      : check.startsWith('$REF')
        ? `[0, ${this.helper('apply', scope)}, ${check}]`
        : `[${check}]`;
    this.checks.set(name, {
      name,
      code: `def(${JSON.stringify(defPointer(pointer.replace(/%25/g, '%')))}, ${node})`,
      uses: scope.uses,
      constants: scope.constants,
      helpers: scope.helpers,
    });
    return name;
  }

  private helper(name: string, scope: Scope): string {
    scope.helpers.add(name);
    return name;
  }

  private constant(code: string, prefix: string, scope: Scope): string {
    let name = this.constants.get(code);
    if (name === undefined) {
      name = `${prefix}${this.constants.size}`;
      this.constants.set(code, name);
    }
    scope.constants.add(name);
    // An enum's values are data where they are used: one used once is written there.
    return prefix === 'E' ? `$REF(${name})` : name;
  }

  private reference(pointer: string, scope: Scope): string {
    const name = this.checkFor(pointer, scope.direction);
    scope.uses.add(name);
    return `$REF(${name})`;
  }

  /**
   * The node of `schema` (at `at` in the document): an array, a type mask alone, or `$REF(sN)`
   * when it is only a reference; undefined when it accepts everything.
   */
  private expression(schema: unknown, at: string, scope: Scope): string | undefined {
    const call = (helper: string, arg: string) => `${this.helper(helper, scope)}, ${arg}`;
    if (schema === false) return `[0, ${call('never', '0')}]`;
    if (!isObject(schema)) return undefined;
    const key = (keyword: string) => `${at}/${keyword}`;
    const checks: string[] = [];

    if (typeof schema.$ref === 'string') {
      const reference = this.reference(schema.$ref, scope);
      // OpenAPI 3.0: a reference's siblings are ignored.
      if (this.openapi30) return reference;
      // Its helper is named only if the reference is not the whole node (below).
      checks.push(`apply, ${reference}`);
    }
    if (Array.isArray(schema.enum)) {
      const values = schema.enum;
      checks.push(
        values.every((value) => value === null || typeof value !== 'object')
          ? call('oneOfValues', this.constant(`new Set(${listed(values)})`, 'E', scope))
          : call('equalTo', this.constant(jsonExpression(values), 'E', scope)),
      );
    }
    if (schema.const !== undefined) checks.push(call('constant', jsonExpression(schema.const)));

    // Numbers. OpenAPI 3.0: `exclusiveMinimum: true` makes `minimum` exclusive.
    for (const [keyword, exclusive] of [
      ['minimum', 'exclusiveMinimum'],
      ['maximum', 'exclusiveMaximum'],
    ] as const) {
      const limit = schema[keyword];
      if (typeof limit !== 'number') continue;
      const rule = this.openapi30 && schema[exclusive] === true ? exclusive : keyword;
      checks.push(call(rule, String(limit)));
    }
    for (const keyword of ['exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']) {
      const limit = schema[keyword];
      if (typeof limit === 'number' && (keyword !== 'multipleOf' || limit > 0))
        checks.push(call(keyword, String(limit)));
    }
    for (const keyword of [
      'minLength',
      'maxLength',
      'minItems',
      'maxItems',
      'minProperties',
      'maxProperties',
    ]) {
      const limit = schema[keyword];
      if (typeof limit === 'number' && !(limit === 0 && keyword.startsWith('min')))
        checks.push(call('size', `[${JSON.stringify(keyword)}, ${limit}]`));
    }
    if (typeof schema.pattern === 'string') {
      const regex = this.regex(schema.pattern, key('pattern'), scope);
      if (regex !== undefined) checks.push(call('pattern', regex));
    }
    const format = typeof schema.format === 'string' ? FORMATS.get(schema.format) : undefined;
    if (format !== undefined) checks.push(call(format, '0'));

    checks.push(...this.arrayChecks(schema, at, scope), ...this.objectChecks(schema, at, scope));
    checks.push(...this.applicators(schema, at, scope));

    const mask = this.typeMask(schema);
    const applied = 'apply, ';
    let check: string | undefined;
    if (mask === 0 && checks.length === 1 && checks[0]!.startsWith(applied))
      check = checks[0]!.slice(applied.length);
    else if (checks.length > 0) {
      if (checks[0]!.startsWith(applied)) this.helper('apply', scope);
      // A last keyword that takes no argument goes without one (`[1, isUuid]`).
      const last = /^(\w+), 0$/.exec(checks.at(-1)!)?.[1];
      if (last !== undefined && NO_ARGUMENT.has(last)) checks[checks.length - 1] = last;
      check = `[${[mask, ...checks].join(', ')}]`;
    } else check = mask === 0 ? undefined : String(mask);
    // OpenAPI 3.0: `nullable: true` lets null through whatever the rest says.
    if (check !== undefined && this.openapi30 && schema.nullable === true)
      check = `[0, ${call('nullable', check)}]`;
    return check;
  }

  /** The schema's `type` as a mask of `TYPE_BITS` (null included for OpenAPI 3.0's `nullable`); 0 for none. */
  private typeMask(schema: JsonObject): number {
    const type = schema.type;
    const list = typeof type === 'string' ? [type] : Array.isArray(type) ? type : [];
    let mask = 0;
    for (const name of list) mask |= TYPE_BITS[String(name)] ?? 0;
    if (mask !== 0 && this.openapi30 && schema.nullable === true) mask |= TYPE_BITS.null!;
    return mask;
  }

  /** A regular expression constant for a `pattern`; Unicode-aware where the pattern allows it. */
  private regex(source: string, at: string, scope: Scope): string | undefined {
    for (const flags of ['u', '']) {
      try {
        new RegExp(source, flags);
        return this.constant(
          `new RegExp(${JSON.stringify(source)}${flags ? `, "${flags}"` : ''})`,
          'R',
          scope,
        );
      } catch {
        // Try without the u flag, which some patterns written for other engines need.
      }
    }
    this.input.fail(
      at,
      `the pattern ${JSON.stringify(source)} is not a regular expression JavaScript can run`,
    );
    return undefined;
  }

  private arrayChecks(schema: JsonObject, at: string, scope: Scope): string[] {
    const call = (helper: string, arg: string) => `${this.helper(helper, scope)}, ${arg}`;
    const out: string[] = [];
    if (schema.uniqueItems === true) out.push(call('uniqueItems', '0'));
    // 2020-12's prefixItems, or the older array form of items.
    const tuple = Array.isArray(schema.prefixItems)
      ? 'prefixItems'
      : Array.isArray(schema.items)
        ? 'items'
        : undefined;
    const prefix = tuple === undefined ? [] : (schema[tuple] as unknown[]);
    if (tuple !== undefined && prefix.length > 0) {
      const each = prefix.map(
        (item, index) => this.expression(item, `${at}/${tuple}/${index}`, scope) ?? '0',
      );
      out.push(call('prefixItems', `[[${each.join(', ')}]${tuple === 'items' ? ', "items"' : ''}]`));
    }
    const rest = tuple === 'items' ? 'additionalItems' : 'items';
    const restCheck = this.expression(schema[rest], `${at}/${rest}`, scope);
    if (restCheck !== undefined)
      out.push(
        rest === 'items' && prefix.length === 0
          ? call('items', restCheck)
          : call('restItems', `[${restCheck}, ${prefix.length}, ${JSON.stringify(`/${rest}`)}]`),
      );
    if (schema.contains !== undefined) {
      const check = this.expression(schema.contains, `${at}/contains`, scope) ?? '0';
      const min = typeof schema.minContains === 'number' ? schema.minContains : 1;
      const max = typeof schema.maxContains === 'number' ? `, ${schema.maxContains}` : '';
      out.push(call('contains', `[${check}, ${min}${max}]`));
    }
    return out;
  }

  private objectChecks(schema: JsonObject, at: string, scope: Scope): string[] {
    const call = (helper: string, arg: string) => `${this.helper(helper, scope)}, ${arg}`;
    const out: string[] = [];
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    const names = required.map((name) =>
      typeof name !== 'string' || this.notRequiredHere(properties[name], scope.direction)
        ? '0'
        : JSON.stringify(name),
    );
    const entries = Object.entries(properties).map(
      ([name, property]) =>
        [name, this.expression(property, `${at}/properties/${pointerSegment(name)}`, scope)] as const,
    );
    // The names required first, in order, as the runtime lists the properties (no array index
    // among them, which an object lists first): written once.
    const leading =
      required.length > 0 &&
      entries.every(([name]) => !/^(0|[1-9]\d*)$/.test(name)) &&
      required.every((name, index) => names[index] !== '0' && entries[index]?.[0] === name);
    if (!leading && required.length > 0) out.push(call('required', `[${names.join(', ')}]`));
    const checked = entries.flatMap(([name, check], index) =>
      check === undefined && !(leading && index < required.length)
        ? []
        : [`${literalKey(name)}: ${check ?? '0'}`],
    );
    if (leading) out.push(call('requiredProperties', `[{ ${checked.join(', ')} }, ${required.length}]`));
    else if (checked.length > 0) out.push(call('properties', `{ ${checked.join(', ')} }`));
    const patterns = isObject(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
    const regexes = patterns.map(([source]) =>
      this.regex(source, `${at}/patternProperties/${pointerSegment(source)}`, scope),
    );
    const patterned = patterns.flatMap(([source, property], index) => {
      const check = this.expression(property, `${at}/patternProperties/${pointerSegment(source)}`, scope);
      return check === undefined || regexes[index] === undefined ? [] : [`[${regexes[index]}, ${check}]`];
    });
    if (patterned.length > 0) out.push(call('patternProperties', `[${patterned.join(', ')}]`));
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== true) {
      const names = Object.keys(properties);
      const known = this.knownKeys(
        new Set(names),
        regexes.filter((regex) => regex !== undefined),
        scope,
      );
      const check =
        schema.additionalProperties === false
          ? undefined
          : this.expression(schema.additionalProperties, `${at}/additionalProperties`, scope);
      if (schema.additionalProperties === false || check !== undefined)
        out.push(
          call(
            'otherProperties',
            `["additionalProperties", ${known}${check === undefined ? '' : `, ${check}`}]`,
          ),
        );
    }
    if (schema.propertyNames !== undefined) {
      const check = this.expression(schema.propertyNames, `${at}/propertyNames`, scope);
      if (check !== undefined) out.push(call('propertyNames', check));
    }
    if (isObject(schema.dependentRequired)) {
      for (const [name, needs] of Object.entries(schema.dependentRequired)) {
        if (!Array.isArray(needs) || needs.length === 0) continue;
        const path = JSON.stringify(`/dependentRequired/${pointerSegment(name)}`);
        out.push(
          call(
            'dependent',
            `[${JSON.stringify(name)}, [0, ${call('requiredAt', `[${JSON.stringify(needs)}, ${path}]`)}]]`,
          ),
        );
      }
    }
    if (isObject(schema.dependentSchemas)) {
      for (const [name, dependent] of Object.entries(schema.dependentSchemas)) {
        const path = `/dependentSchemas/${pointerSegment(name)}`;
        const check = this.expression(dependent, `${at}${path}`, scope);
        if (check !== undefined)
          out.push(
            call(
              'dependent',
              `[${JSON.stringify(name)}, [0, ${call('sub', `[${JSON.stringify(path)}, ${check}]`)}]]`,
            ),
          );
      }
    }
    if (schema.unevaluatedProperties !== undefined && schema.unevaluatedProperties !== true) {
      const check = this.unevaluated(schema, at, scope);
      if (check !== undefined) out.push(check);
    }
    return out;
  }

  /** `(k) => P1.has(k) || R2.test(k)`: whether a key is one of `names` or matches a pattern. */
  private knownKeys(names: Set<string>, regexes: string[], scope: Scope, extra: string[] = []): string {
    const tests = [
      ...(names.size > 0
        ? [`${this.constant(`new Set(${JSON.stringify([...names])})`, 'P', scope)}.has(k)`]
        : []),
      ...regexes.map((regex) => `${regex}.test(k)`),
      ...extra,
    ];
    return `(k${extra.length > 0 ? ', v' : ''}) => ${tests.length > 0 ? tests.join(' || ') : '0'}`;
  }

  /**
   * A required property that is not required this way (`readOnly` ones are sent by the server only):
   * the keyword on the property or on any schema its `$ref`s lead to (`{ $ref, readOnly: true }` in
   * 3.1), as the types read it (the model's `read-write.ts`).
   */
  private notRequiredHere(property: unknown, direction: Direction): boolean {
    const keyword = direction === 'request' ? 'readOnly' : 'writeOnly';
    const seen = new Set<string>();
    let schema = property;
    while (isObject(schema)) {
      if (schema[keyword] === true) return true;
      if (typeof schema.$ref !== 'string' || seen.has(schema.$ref)) return false;
      seen.add(schema.$ref);
      schema = getAtPointer(this.input.document, schema.$ref);
    }
    return false;
  }

  private applicators(schema: JsonObject, at: string, scope: Scope): string[] {
    const call = (helper: string, arg: string) => `${this.helper(helper, scope)}, ${arg}`;
    const out: string[] = [];
    if (Array.isArray(schema.allOf)) {
      schema.allOf.forEach((member, index) => {
        const check = this.expression(member, `${at}/allOf/${index}`, scope);
        if (check !== undefined) out.push(call('sub', `[${JSON.stringify(`/allOf/${index}`)}, ${check}]`));
      });
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const members = schema[keyword];
      if (!Array.isArray(members) || members.length === 0) continue;
      const each = members.map(
        (member, index) => this.expression(member, `${at}/${keyword}/${index}`, scope) ?? '0',
      );
      out.push(call(keyword, `[${each.join(', ')}]`));
    }
    if (schema.not !== undefined)
      out.push(call('not', this.expression(schema.not, `${at}/not`, scope) ?? '0'));
    if (schema.then !== undefined || schema.else !== undefined) {
      const branch = (keyword: 'then' | 'else') =>
        this.expression(schema[keyword], `${at}/${keyword}`, scope) ?? '0';
      const [then, otherwise] = [branch('then'), branch('else')];
      if (then !== '0' || otherwise !== '0')
        out.push(
          call('when', `[${this.expression(schema.if, `${at}/if`, scope) ?? '0'}, ${then}, ${otherwise}]`),
        );
    }
    return out;
  }

  /**
   * `unevaluatedProperties`: every key that no `properties`, `patternProperties` or
   * `additionalProperties` evaluated, here or in the subschemas applied in place (`allOf`, `$ref`,
   * and the branches of `anyOf`, `oneOf`, `if` that hold for this value).
   */
  private unevaluated(schema: JsonObject, at: string, scope: Scope): string | undefined {
    // What the schema's own keywords and in-place subschemas evaluate; an unevaluatedProperties
    // below evaluates everything, this one nothing.
    const evaluated = this.evaluatedBy({ ...schema, unevaluatedProperties: undefined }, new Set());
    if (evaluated.all) return undefined;
    const regexes = (patterns: string[]) =>
      patterns
        .map((source) => this.regex(source, `${at}/unevaluatedProperties`, scope))
        .filter((regex) => regex !== undefined);
    // A conditional part counts when every subschema it rests on holds for the value.
    const branches: string[] = [];
    const extra = evaluated.conditional.flatMap(({ when, evaluated: part }) => {
      const holds = when.map((condition) => {
        branches.push(this.expression(condition, `${at}/unevaluatedProperties`, scope) ?? '0');
        return `${this.helper('holds', scope)}(b${branches.length - 1}, v)`;
      });
      const keys = part.all
        ? 'true'
        : this.knownKeys(part.names, regexes(part.patterns), scope).replace(/^\(k\) => /, '');
      return keys === '0' ? [] : [`(${[...holds, keys].join(' && ')})`];
    });
    const known = this.knownKeys(evaluated.names, regexes(evaluated.patterns), scope, extra);
    const check =
      schema.unevaluatedProperties === false
        ? undefined
        : this.expression(schema.unevaluatedProperties, `${at}/unevaluatedProperties`, scope);
    if (schema.unevaluatedProperties !== false && check === undefined) return undefined;
    const arg = `["unevaluatedProperties", ${known}${check === undefined ? '' : `, ${check}`}]`;
    // The branches' checks are made once, with the constant, not per key.
    return `${this.helper('otherProperties', scope)}, ${
      branches.length === 0
        ? arg
        : `((${branches.map((_, index) => `b${index}`).join(', ')}) => ${arg})(${branches.join(', ')})`
    }`;
  }

  /** What a schema evaluates in place, for `unevaluatedProperties` (conditional parts apart). */
  private evaluatedBy(schema: unknown, seen: Set<string>): Evaluated {
    const result: Evaluated = { names: new Set(), patterns: [], all: false, conditional: [] };
    if (!isObject(schema)) return result;
    const merge = (other: Evaluated, when?: unknown[]) => {
      if (when !== undefined) {
        if (other.all || other.names.size > 0 || other.patterns.length > 0)
          result.conditional.push({ when, evaluated: { ...other, conditional: [] } });
        for (const part of other.conditional)
          result.conditional.push({ when: [...when, ...part.when], evaluated: part.evaluated });
        return;
      }
      for (const name of other.names) result.names.add(name);
      result.patterns.push(...other.patterns);
      result.all ||= other.all;
      result.conditional.push(...other.conditional);
    };
    if (isObject(schema.properties))
      for (const name of Object.keys(schema.properties)) result.names.add(name);
    if (isObject(schema.patternProperties)) result.patterns.push(...Object.keys(schema.patternProperties));
    // additionalProperties, or an unevaluatedProperties below, evaluates every property it sees.
    if (schema.additionalProperties !== undefined || schema.unevaluatedProperties !== undefined)
      result.all = true;
    if (typeof schema.$ref === 'string' && !seen.has(schema.$ref))
      merge(
        this.evaluatedBy(getAtPointer(this.input.document, schema.$ref), new Set([...seen, schema.$ref])),
      );
    if (Array.isArray(schema.allOf)) for (const member of schema.allOf) merge(this.evaluatedBy(member, seen));
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const members = schema[keyword];
      if (Array.isArray(members))
        for (const member of members) merge(this.evaluatedBy(member, seen), [member]);
    }
    if (schema.if !== undefined) {
      merge(this.evaluatedBy(schema.if, seen), [schema.if]);
      if (schema.then !== undefined) merge(this.evaluatedBy(schema.then, seen), [schema.if, schema.then]);
      if (schema.else !== undefined)
        merge(this.evaluatedBy(schema.else, seen), [{ not: schema.if }, schema.else]);
    }
    if (isObject(schema.dependentSchemas))
      for (const [name, dependent] of Object.entries(schema.dependentSchemas))
        merge(this.evaluatedBy(dependent, seen), [{ required: [name] }, dependent]);
    return result;
  }
}

/**
 * An enum's values as code: words (strings without spaces) as one text split at run time, which
 * gzip and the minifier keep smaller than a quoted list; anything else as JSON.
 */
function listed(values: unknown[]): string {
  return values.length > 2 && values.every((value) => typeof value === 'string' && /^[^\s]+$/.test(value))
    ? `${JSON.stringify(values.join(' '))}.split(" ")`
    : JSON.stringify(values);
}

/** Whether any object in the document has one of `keys` set to true (walked once, stopping at the first). */
function mentions(value: unknown, keys: Set<string>): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (Array.isArray(next)) stack.push(...next);
    else if (isObject(next))
      for (const [key, item] of Object.entries(next)) {
        if (keys.has(key) && item === true) return true;
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
  }
  return false;
}
