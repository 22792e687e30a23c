/**
 * Parameters described by text `content`: a parameter whose one media type is `text/plain` or
 * `*\/*` and whose schema is a string's (Telnyx writes its path ids so) goes out as the same text
 * as one with that `schema` in OpenAPI's default style, so it is read as one: the model, the types,
 * the checks and the mocks then take it as any other. Other `content` (JSON, whose text would be
 * the value's JSON, quotes and all) is left for the model to refuse, at its line.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-for-use-with-content
 */
import { HTTP_METHODS } from '../../model/paths-object.js';
import { deref, isObject, pointerSegment, type JsonObject } from '../../shared/openapi.js';

const TEXT_MEDIA_TYPE = /^(text\/plain|\*\/\*)\s*(;|$)/i;

/**
 * Rewrites each such parameter of `document` (in place) to `schema`, with the media type's example
 * if it has none; returns their pointers, in document order.
 */
export function readTextParameters(document: JsonObject): string[] {
  const rewritten: string[] = [];
  const visit = (list: unknown, at: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((parameter, index) => {
      if (isObject(parameter) && asSchemaParameter(document, parameter)) rewritten.push(`${at}/${index}`);
    });
  };
  const components = isObject(document.components) ? document.components.parameters : undefined;
  if (isObject(components))
    for (const [name, parameter] of Object.entries(components))
      if (isObject(parameter) && asSchemaParameter(document, parameter))
        rewritten.push(`#/components/parameters/${pointerSegment(name)}`);
  if (isObject(document.paths))
    for (const [path, item] of Object.entries(document.paths)) {
      if (!isObject(item)) continue;
      const itemAt = `#/paths/${pointerSegment(path)}`;
      visit(item.parameters, `${itemAt}/parameters`);
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (isObject(operation)) visit(operation.parameters, `${itemAt}/${method}/parameters`);
      }
    }
  return rewritten;
}

/** Whether `parameter` (not a `$ref`) was text content of a string, now rewritten to its schema. */
function asSchemaParameter(document: JsonObject, parameter: JsonObject): boolean {
  if (parameter.schema !== undefined || !isObject(parameter.content)) return false;
  const entries = Object.entries(parameter.content);
  if (entries.length !== 1) return false;
  const [mediaType, media] = entries[0]!;
  if (!TEXT_MEDIA_TYPE.test(mediaType) || !isObject(media)) return false;
  if (deref(document, media.schema, '')?.value.type !== 'string') return false;
  parameter.schema = media.schema;
  if (parameter.example === undefined && parameter.examples === undefined) {
    if (media.example !== undefined) parameter.example = media.example;
    else if (media.examples !== undefined) parameter.examples = media.examples;
  }
  delete parameter.content;
  return true;
}
