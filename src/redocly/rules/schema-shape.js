// @ts-check
/**
 * `schema-shape`: every schema has the shape the code generator reads. openapi-typescript throws on
 * a subschema that is not a schema (`items: string`) and on an object schema whose `enum` lists
 * strings (it reads an object's `enum` as the object's alternatives: Vapi's `BackoffPlan.type`), and
 * turns a `type` that names no JSON type into `Record<string, never>` without a word. Redocly's
 * `struct` reports the first kind among many harmless problems (a vendor's unknown keyword); the
 * published preset keeps `struct` a warning and this rule an error.
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#section-6.1.1
 */
import { isPlainObject } from '../schemas.js';

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const SCHEMA_KEYWORDS = [
  'items',
  'not',
  'additionalProperties',
  'unevaluatedProperties',
  'if',
  'then',
  'else',
];
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

/** @param {unknown} value a schema: an object, or in OpenAPI 3.1 (JSON Schema) a boolean */
const isSchema = (value) => isPlainObject(value) || typeof value === 'boolean';

/** @param {unknown} value */
const describe = (value) =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`;

/**
 * A JSONPath that selects what a JSON pointer names: the `target` of an overlay action that fixes it.
 * @param {string} pointer
 */
export function jsonPathOf(pointer) {
  const segments = pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
  return `$${segments
    .map((segment) =>
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`,
    )
    .join('')}`;
}

/** @type {import('@redocly/openapi-core').Oas3Rule} */
export function SchemaShape() {
  return {
    Schema(node, ctx) {
      const schema = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (node));
      // Only when reported: GitHub's description has tens of thousands of schemas, nearly all fine.
      const fix = () => `fix it in an overlay (target \`${jsonPathOf(ctx.location.pointer)}\`)`;
      const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
      const unknown = types.filter((type) => typeof type !== 'string' || !JSON_TYPES.has(type));
      if (unknown.length > 0 || (Array.isArray(schema.type) && schema.type.length === 0)) {
        ctx.report({
          message:
            `\`type\` must name JSON types (${[...JSON_TYPES].join(', ')}), not ${describe(unknown[0] ?? schema.type)}: ` +
            `the generated type would accept nothing; ${fix()}.`,
          location: ctx.location.child('type'),
        });
      }
      if (
        types.includes('object') &&
        Array.isArray(schema.enum) &&
        schema.enum.some((value) => !isPlainObject(value))
      ) {
        const value = schema.enum.find((each) => !isPlainObject(each));
        ctx.report({
          message:
            `an object schema's \`enum\` lists ${describe(value)}: code generators read an object's \`enum\` as ` +
            `its alternatives and cannot use it; if the values are right, the \`type\` is not (\`${typeof value}\`?): ${fix()}.`,
          location: ctx.location.child('enum'),
        });
      }
      for (const keyword of SCHEMA_KEYWORDS) {
        if (schema[keyword] !== undefined && !isSchema(schema[keyword])) {
          ctx.report({
            message: `\`${keyword}\` must be a schema, not ${describe(schema[keyword])}; ${fix()}.`,
            location: ctx.location.child(keyword),
          });
        }
      }
      for (const keyword of SCHEMA_LIST_KEYWORDS) {
        const list = schema[keyword];
        if (list === undefined) continue;
        if (!Array.isArray(list)) {
          ctx.report({
            message: `\`${keyword}\` must be a list of schemas, not ${describe(list)}; ${fix()}.`,
            location: ctx.location.child(keyword),
          });
          continue;
        }
        list.forEach((item, index) => {
          if (!isSchema(item)) {
            ctx.report({
              message: `\`${keyword}\` must list schemas, not ${describe(item)}; ${fix()}.`,
              location: ctx.location.child([keyword, index]),
            });
          }
        });
      }
      for (const keyword of SCHEMA_MAP_KEYWORDS) {
        const map = schema[keyword];
        if (map === undefined) continue;
        if (!isPlainObject(map)) {
          ctx.report({
            message: `\`${keyword}\` must map names to schemas, not ${describe(map)}; ${fix()}.`,
            location: ctx.location.child(keyword),
          });
          continue;
        }
        for (const [name, value] of Object.entries(map)) {
          if (!isSchema(value)) {
            ctx.report({
              message: `\`${keyword}.${name}\` must be a schema, not ${describe(value)}; ${fix()}.`,
              location: ctx.location.child([keyword, name]),
            });
          }
        }
      }
    },
  };
}
