import { deref, isObject, type JsonObject } from '../shared/openapi.js';

/**
 * The example the spec gives for a parameter or a media type: its own `example`, else the value of
 * the first of its `examples`, else its schema's `example` or the first of its schema's `examples`.
 * @see https://spec.openapis.org/oas/v3.1.0#example-object
 */
export function exampleOf(document: JsonObject, holder: JsonObject): unknown {
  const schema = deref(document, holder.schema, '')?.value;
  return (
    holder.example ??
    firstExample(document, holder.examples) ??
    schema?.example ??
    (Array.isArray(schema?.examples) ? schema.examples[0] : undefined)
  );
}

function firstExample(document: JsonObject, examples: unknown): unknown {
  if (!isObject(examples)) return undefined;
  for (const example of Object.values(examples)) {
    const value = deref(document, example, '')?.value;
    if (value !== undefined && 'value' in value) return value.value;
  }
  return undefined;
}
