/**
 * Conditional requirements: a schema's `if`/`then`/`else`. The shape the generated types express
 * is the one specs use to say "B is required when A is x" (voicebip: `webhook_url` when
 * `ai_provider` is `byom`): an `if` that tests one declared property against a `const` or `enum`,
 * and a `then` (and `else`) that only requires declared properties. The types stage types that
 * shape as a union (`postprocess` leaves it alone); every other `if` is validated by the mock and
 * the server but not by the compiler, and the package README says which is which.
 * @see https://json-schema.org/draft/2020-12/json-schema-core#section-10.2.2
 */
import { isObject, pointer, pointerSegment, type JsonObject } from '../shared/openapi.js';

export type JsonValue = string | number | boolean | null;

export interface ConditionalShape {
  /** The property the `if` tests. */
  property: string;
  /** The values for which the `if` holds. */
  values: JsonValue[];
  /** The values the property allows otherwise (its `enum` or `const` without `values`). */
  otherValues: JsonValue[];
  /** Whether the `if` requires the property: without that, an absent property satisfies it. */
  requiresProperty: boolean;
  /** The properties required when the `if` holds, and when it does not. */
  then: string[];
  else: string[];
}

/** One `if` of the spec, where it is and whether the generated types express it. */
export interface ConditionalModel {
  /** JSON pointer of the schema holding the `if`. */
  pointer: string;
  /** For people: "`updateAgent` request body", "`Agent`", with the field under it if nested. */
  place: string;
  /** The shape, when the types express it. */
  shape?: ConditionalShape;
}

/** `schema`'s `if`/`then`/`else` as a shape the types express, or undefined (none, or another kind). */
export function conditionalShape(schema: JsonObject): ConditionalShape | undefined {
  const { if: condition, then, else: otherwise } = schema;
  if (!isObject(condition) || (then === undefined && otherwise === undefined)) return undefined;
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  // The types express a union of object shapes: not one built of compositions, nor a nullable one.
  if (!properties || ['allOf', 'anyOf', 'oneOf', 'not'].some((key) => key in schema)) return undefined;
  if ([schema.type].flat().some((type) => type !== undefined && type !== 'object')) return undefined;

  if (!onlyKeys(condition, ['properties', 'required']) || !isObject(condition.properties)) return undefined;
  const tested = Object.entries(condition.properties);
  if (tested.length !== 1) return undefined;
  const [property, test] = tested[0]!;
  const values = valuesOf(test, true);
  const allowed = valuesOf(properties[property], false);
  if (values === undefined || allowed === undefined) return undefined;
  const required = condition.required ?? [];
  if (!Array.isArray(required) || required.some((name) => name !== property)) return undefined;

  const thenRequired = requiredOnly(then, properties);
  const elseRequired = requiredOnly(otherwise, properties);
  if (thenRequired === undefined || elseRequired === undefined) return undefined;
  return {
    property,
    values,
    otherValues: allowed.filter((value) => !values.includes(value)),
    requiresProperty: required.length > 0,
    then: thenRequired,
    else: elseRequired,
  };
}

/** Every `if` in the schemas of `document` (components and operations), in document order. */
export function readConditionals(document: JsonObject): ConditionalModel[] {
  const found: ConditionalModel[] = [];
  let place = '';
  let start = '';
  const visit = (schema: unknown, at: string): void => {
    if (!isObject(schema)) return;
    if (schema.if !== undefined) {
      const shape = conditionalShape(schema);
      const nested = at === start ? '' : ` (at \`${at.slice(start.length)}\`)`;
      found.push({ pointer: at, place: `${place}${nested}`, ...(shape ? { shape } : {}) });
    }
    for (const key of ['properties', 'patternProperties', '$defs'])
      if (isObject(schema[key]))
        for (const [name, child] of Object.entries(schema[key]))
          visit(child, `${at}/${key}/${pointerSegment(name)}`);
    for (const key of ['items', 'additionalProperties', 'not', 'if', 'then', 'else'])
      visit(schema[key], `${at}/${key}`);
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems'])
      if (Array.isArray(schema[key]))
        schema[key].forEach((child, index) => visit(child, `${at}/${key}/${index}`));
  };
  const components = isObject(document.components) ? document.components : {};
  const root = (label: string, schema: unknown, at: string): void => {
    [place, start] = [label, at];
    visit(schema, at);
  };
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {}))
    root(`\`${name}\``, schema, pointer('components', 'schemas', name));
  for (const [path, item] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation)) continue;
      const id =
        typeof operation.operationId === 'string' ? operation.operationId : `${method.toUpperCase()} ${path}`;
      const media = (owner: unknown, at: string, label: string) => {
        const content = isObject(owner) && isObject(owner.content) ? owner.content : {};
        for (const [type, value] of Object.entries(content))
          if (isObject(value)) root(label, value.schema, `${at}/content/${pointerSegment(type)}/schema`);
      };
      const at = pointer('paths', path, method);
      media(operation.requestBody, `${at}/requestBody`, `\`${id}\` request body`);
      const responses = isObject(operation.responses) ? operation.responses : {};
      for (const [status, response] of Object.entries(responses))
        media(response, `${at}/responses/${status}`, `\`${id}\` ${status} response`);
    }
  }
  return found;
}

/** "`webhook_url` is required when `ai_provider` is `byom`." */
export function describeConditional(shape: ConditionalShape): string {
  const list = (names: string[]) => names.map((name) => `\`${name}\``).join(', ');
  const values = shape.values.map((value) => `\`${JSON.stringify(value).replace(/^"|"$/g, '')}\``);
  const condition = `\`${shape.property}\` is ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}`;
  const parts = [];
  if (shape.then.length > 0)
    parts.push(`${list(shape.then)} ${shape.then.length === 1 ? 'is' : 'are'} required when ${condition}`);
  if (shape.else.length > 0)
    parts.push(`${list(shape.else)} ${shape.else.length === 1 ? 'is' : 'are'} required unless ${condition}`);
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function onlyKeys(value: JsonObject, keys: string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

/** The literal values a schema allows: its `const` or `enum` (`strict`: and nothing else). */
function valuesOf(schema: unknown, strict: boolean): JsonValue[] | undefined {
  if (!isObject(schema) || (strict && !onlyKeys(schema, ['const', 'enum']))) return undefined;
  const values = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  if (values === undefined || values.length === 0) return undefined;
  return values.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value))
    ? (values as JsonValue[])
    : undefined;
}

/**
 * The properties a `then` or `else` requires, when that is all it does (its `properties` may only
 * repeat declared names with `true` or `{}`); `[]` when it is absent.
 */
function requiredOnly(branch: unknown, declared: JsonObject): string[] | undefined {
  if (branch === undefined) return [];
  if (!isObject(branch) || !onlyKeys(branch, ['required', 'properties'])) return undefined;
  const required = branch.required ?? [];
  // Declared: the schema's own properties, not a name every object has (`toString`).
  const isDeclared = (name: string): boolean => Object.hasOwn(declared, name);
  if (!Array.isArray(required) || !required.every((name) => typeof name === 'string' && isDeclared(name)))
    return undefined;
  const properties = branch.properties ?? {};
  if (!isObject(properties)) return undefined;
  const unconstrained = Object.entries(properties).every(
    ([name, value]) =>
      isDeclared(name) && (value === true || (isObject(value) && Object.keys(value).length === 0)),
  );
  return unconstrained ? (required as string[]) : undefined;
}
