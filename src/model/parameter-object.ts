/**
 * An operation's parameters, and whether the client can send each as the spec asks: path and
 * header parameters go out as `simple`, query parameters in one serialisation per kind of value.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { deref, isObject, optionalString, type JsonObject } from '../shared/openapi.js';
import { exampleOf } from './example-object.js';
import type { Fail, OperationModel, ParameterModel, QuerySerialization } from './types.js';

/**
 * The operation's parameters merged over its path item's (same `name` and `in` replaces), as
 * OpenAPI defines and openapi-typescript emits them.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-7
 */
export function readParameters(
  document: JsonObject,
  lists: { pathItem: unknown; pathItemAt: string; operation: unknown; operationAt: string },
  fail: Fail,
): { parameters: OperationModel['parameters']; query?: QuerySerialization } {
  const merged = new Map<string, { in: string } & ParameterModel>();
  /** The query parameters as the spec writes them, by name: an operation's replace its path's. */
  const queryDeclarations = new Map<string, { value: JsonObject; pointer: string }>();
  const read = (list: unknown, listAt: string): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      fail(listAt, '`parameters` must be a list');
      return;
    }
    list.forEach((raw, index) => {
      const parameter = deref(document, raw, `${listAt}/${index}`);
      if (parameter === undefined) {
        fail(`${listAt}/${index}`, 'parameter cannot be resolved');
        return;
      }
      const { name, in: location } = parameter.value;
      if (typeof name !== 'string' || typeof location !== 'string') {
        fail(parameter.pointer, 'a parameter needs `name` and `in`');
        return;
      }
      const model: { in: string } & ParameterModel = {
        in: location,
        name,
        required: location === 'path' || parameter.value.required === true,
      };
      // openapi-fetch sends no cookie parameters; an optional one is simply never sent.
      if (location === 'cookie' && model.required) {
        fail(
          `${parameter.pointer}/in`,
          `the required cookie parameter ${name} cannot be sent: openapi-fetch sends no cookie parameters (a cookie credential is an apiKey security scheme with \`in: cookie\`)`,
        );
      }
      if (location !== 'cookie') checkSerialisation(parameter.value, parameter.pointer, location, fail);
      if (location === 'query') queryDeclarations.set(name, parameter);
      const description = optionalString(parameter.value.description);
      if (description !== undefined) model.description = description;
      const example = exampleOf(document, parameter.value);
      if (example !== undefined) model.example = example;
      merged.set(`${location}\n${name}`, model);
    });
  };
  read(lists.pathItem, lists.pathItemAt);
  read(lists.operation, lists.operationAt);

  const byLocation = (location: string): ParameterModel[] =>
    [...merged.values()]
      .filter((parameter) => parameter.in === location)
      .map(({ in: _, ...parameter }) => parameter);
  const parameters = { path: byLocation('path'), query: byLocation('query'), header: byLocation('header') };
  const query = readQuerySerialization(document, [...queryDeclarations.values()], fail);
  return query === undefined ? { parameters } : { parameters, query };
}

/**
 * openapi-fetch's `querySerializer` options for one operation, from the `style` and `explode` of
 * its array- and object-valued query parameters; undefined when those are OpenAPI's defaults
 * (`form`, exploded: what the client does anyway). openapi-fetch applies one way per value kind
 * and call; when two parameters of a kind ask for different ways, each parameter's own is given
 * (`parameters`), which the runtime serialises one by one.
 */
function readQuerySerialization(
  document: JsonObject,
  declarations: { value: JsonObject; pointer: string }[],
  fail: Fail,
): QuerySerialization | undefined {
  // A Map: a style named `constructor` is no member of it.
  const kindsOfStyle = new Map<string, ('array' | 'object')[]>([
    ['form', ['array', 'object']],
    ['spaceDelimited', ['array']],
    ['pipeDelimited', ['array']],
    ['deepObject', ['object']],
  ]);
  const chosen: { array?: QueryStyle; object?: QueryStyle } = {};
  // By parameter name: a Map, as `own[name] ??= {}` on an object found Object.prototype for a
  // parameter named `__proto__` and wrote its setting there, for every object of the process.
  const own = new Map<string, { array?: QueryStyle; object?: QueryStyle }>();
  let conflict = false;
  for (const { value, pointer } of declarations) {
    const name = String(value.name);
    const style = typeof value.style === 'string' ? value.style : 'form';
    const explode = typeof value.explode === 'boolean' ? value.explode : style === 'form';
    const allowed = kindsOfStyle.get(style);
    if (allowed === undefined) {
      fail(`${pointer}/style`, `style ${style} does not apply to the query parameter ${name}`);
      continue;
    }
    if (style === 'deepObject' && !explode) {
      fail(`${pointer}/explode`, `the deepObject parameter ${name} cannot be unexploded`);
      continue;
    }
    for (const kind of valueKinds(document, value.schema)) {
      if (!allowed.includes(kind)) {
        fail(`${pointer}/style`, `style ${style} does not apply to the ${kind} parameter ${name}`);
        continue;
      }
      const setting = { style, explode } as QueryStyle;
      const settings = own.get(name) ?? {};
      settings[kind] = setting;
      own.set(name, settings);
      const previous = chosen[kind];
      if (previous === undefined) chosen[kind] = setting;
      else if (previous.style !== style || previous.explode !== explode) conflict = true;
    }
  }
  if (conflict) {
    // Each parameter's own way, those that ask for OpenAPI's default left to it.
    const parameters: Record<string, QuerySerialization> = Object.create(null);
    for (const [name, kinds] of own) {
      const settings = notDefault(kinds);
      if (settings !== undefined) parameters[name] = settings;
    }
    return { parameters };
  }
  return notDefault(chosen);
}

/** The settings that are not OpenAPI's default (`form`, exploded); undefined when all are. */
function notDefault(kinds: { array?: QueryStyle; object?: QueryStyle }): QuerySerialization | undefined {
  const result: QuerySerialization = {};
  for (const kind of ['array', 'object'] as const) {
    const setting = kinds[kind];
    if (setting !== undefined && (setting.style !== 'form' || !setting.explode))
      (result as Record<string, QueryStyle>)[kind] = setting;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

type QueryStyle = { style: string; explode: boolean };

/** Whether a parameter's schema is an array, an object, both (a type list) or neither. */
function valueKinds(document: JsonObject, schema: unknown): ('array' | 'object')[] {
  const value = deref(document, schema, '')?.value;
  if (value === undefined) return [];
  const types = Array.isArray(value.type) ? value.type : [value.type];
  const kinds: ('array' | 'object')[] = [];
  if (types.includes('array') || (value.type === undefined && value.items !== undefined)) kinds.push('array');
  if (types.includes('object') || (value.type === undefined && value.properties !== undefined))
    kinds.push('object');
  return kinds;
}

/**
 * Path and header parameters go out the OpenAPI default way (`simple`), query parameters as
 * `readQuerySerialization` works out; what the client cannot send as asked is a spec problem here
 * rather than a wrong request later.
 */
function checkSerialisation(parameter: JsonObject, at: string, location: string, fail: Fail): void {
  const name = String(parameter.name);
  const unsupported = 'the client serialises path and header parameters as `simple`, unexploded';
  if (location !== 'query' && parameter.style !== undefined && parameter.style !== 'simple')
    fail(
      `${at}/style`,
      `style ${String(parameter.style)} of parameter ${name} is not supported: ${unsupported}`,
    );
  if (location !== 'query' && parameter.explode === true)
    fail(`${at}/explode`, `explode: true on parameter ${name} is not supported: ${unsupported}`);
  if (parameter.allowReserved === true)
    fail(
      `${at}/allowReserved`,
      `allowReserved on parameter ${name} is not supported: the client percent-encodes every value`,
    );
  if (parameter.content !== undefined) {
    const mediaTypes = isObject(parameter.content) ? Object.keys(parameter.content) : [];
    const described = mediaTypes.length === 0 ? '`content`' : `\`${mediaTypes.join('`, `')}\` content`;
    fail(
      `${at}/content`,
      `parameter ${name} is described by ${described}, which the client cannot serialise (it sends parameters in OpenAPI's styles; an imported document's \`text/plain\` or \`*/*\` content of a string is read as its schema): give it a \`schema\``,
    );
  }
}
