/**
 * Every Schema Object of an OpenAPI 3.x document, wherever it sits (components, parameters, media
 * types, headers, nested subschemas), without mistaking data for schemas: examples, defaults and
 * enum values may hold objects that look like one.
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { isObject, pointerSegment, type JsonObject } from '../../shared/openapi.js';

const SUBSCHEMA = [
  'items',
  'not',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'contentSchema',
];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Fields of OpenAPI objects that hold data. */
const DATA = new Set(['example', 'examples', 'default', 'enum', 'const', 'value']);
/** Fields of OpenAPI objects whose keys are names someone chose (a parameter may be called `example`). */
const NAMED_MAPS = new Set([
  'paths',
  'webhooks',
  'callbacks',
  'responses',
  'parameters',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'pathItems',
  'content',
  'encoding',
]);

/** Calls `visit` once for each schema object, outer schemas before the ones inside them. */
export function forEachSchema(
  document: JsonObject,
  visit: (schema: JsonObject, pointer: string) => void,
): void {
  const seen = new Set<object>();
  const schema = (node: unknown, at: string): void => {
    if (!isObject(node) || seen.has(node)) return;
    seen.add(node);
    visit(node, at);
    for (const keyword of SUBSCHEMA) schema(node[keyword], `${at}/${keyword}`);
    for (const keyword of SUBSCHEMA_LISTS) {
      const list = node[keyword];
      if (Array.isArray(list)) list.forEach((item, index) => schema(item, `${at}/${keyword}/${index}`));
    }
    for (const keyword of SUBSCHEMA_MAPS) {
      const map = node[keyword];
      if (!isObject(map)) continue;
      for (const [name, item] of Object.entries(map))
        schema(item, `${at}/${keyword}/${pointerSegment(name)}`);
    }
  };
  const object = (node: unknown, at: string, named = false): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => object(item, `${at}/${index}`));
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const here = `${at}/${pointerSegment(key)}`;
      if (named) object(value, here);
      else if (key.startsWith('x-') || DATA.has(key)) continue;
      else if (key === 'schema') schema(value, here);
      else if (key === 'schemas' && at === '#/components' && isObject(value)) {
        for (const [name, item] of Object.entries(value)) schema(item, `${here}/${pointerSegment(name)}`);
      } else object(value, here, NAMED_MAPS.has(key) && isObject(value));
    }
  };
  object(document, '#');
}
