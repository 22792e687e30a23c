/**
 * The component schemas, each of which the package exports as a named type documented with the
 * schema's own title and description.
 * @see https://spec.openapis.org/oas/v3.1.0#components-object
 */
import { deref, isObject, optionalString, pointer, type JsonObject } from '../shared/openapi.js';
import type { ReadWriteView } from './read-write.js';
import type { SchemaModel } from './types.js';

/** `views`: the component schemas that hold readOnly or writeOnly properties (see `read-write.ts`). */
export function readSchemas(document: JsonObject, views?: ReadonlyMap<string, ReadWriteView>): SchemaModel[] {
  const schemas: SchemaModel[] = [];
  const componentSchemas = isObject(document.components) ? document.components.schemas : undefined;
  if (isObject(componentSchemas)) {
    for (const [schemaName, schema] of Object.entries(componentSchemas)) {
      const at = pointer('components', 'schemas', schemaName);
      const resolved = deref(document, schema, at);
      const value = resolved?.value ?? {};
      const view = views?.get(schemaName);
      schemas.push({
        name: schemaName,
        pointer: at,
        title: optionalString(value.title),
        description: optionalString(value.description),
        deprecated: value.deprecated === true,
        ...(view === undefined ? {} : { view }),
      });
    }
  }

  return schemas;
}
