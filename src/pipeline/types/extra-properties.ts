/**
 * openapi-typescript types a schema with `properties` and an `additionalProperties` schema as
 * `{ ...properties } & { [key: string]: Extra }`: a declared property whose type is not `Extra` then
 * meets both, and no value can. Azure's descriptions say "any other keys" as
 * `additionalProperties: { type: object }` beside string properties (Data Factory's
 * `IntegrationRuntime.type`, Monitor's `odata.type`), and nothing could be passed where those types
 * are wanted. In the document the transform reads (lent: each change recorded in `edits`), such an `additionalProperties` is `{}` (`unknown`)
 * when some declared property is of a JSON type it does not allow; one that allows them all is kept.
 */
import { typesOf } from '../../model/sample-value.js';
import { deref, isObject, type JsonObject } from '../../shared/openapi.js';
import type { Edits } from './edits.js';

/** Whether every value `property` allows is of a JSON type `extra` allows, as far as their `type`s say. */
function within(document: JsonObject, property: unknown, extra: JsonObject): boolean {
  const allowed = typesOf(extra);
  if (allowed.length === 0) return true;
  const schema = deref(document, property, '')?.value;
  const types = schema === undefined ? [] : typesOf(schema);
  return (
    types.length > 0 &&
    types.every((type) => allowed.includes(type) || (type === 'integer' && allowed.includes('number')))
  );
}

/** Widens, in `document`, each `additionalProperties` that a declared property of its schema breaks. */
export function widenConflictingExtraProperties(document: JsonObject, edits: Edits): void {
  const visited = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || visited.has(node)) return;
    visited.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    const object = node as JsonObject;
    const { properties, additionalProperties } = object;
    if (isObject(properties) && isObject(additionalProperties)) {
      const extra = deref(document, additionalProperties, '')?.value;
      if (extra !== undefined && !Object.values(properties).every((p) => within(document, p, extra)))
        edits.set(object, 'additionalProperties', {});
    }
    for (const value of Object.values(object)) visit(value);
  };
  visit(document);
}
