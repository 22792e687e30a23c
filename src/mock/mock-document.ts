/**
 * The document Prism serves as a mock: the API's own, but for what Prism 5.14 cannot read.
 * - Its form parsers keep the last of repeated fields, so a list in a multipart or urlencoded body
 *   (`-F files=@a -F files=@b`, OpenAPI's way and the client's) reaches its validator as one value
 *   and is refused with a 422 (stoplightio/prism#2654): such a property takes one item too.
 * - It serialises only JSON, XML and text, and sends a string as it is: a response of another
 *   media type with no schema (ElevenLabs' `audio/mpeg: {}`) was a 500; it gets a string of bytes.
 * - Its header parser splits a list-valued header parameter whether the request carries it or not,
 *   so a request without an optional one stopped the whole mock (a TypeError reading `split` of
 *   undefined): such a parameter's schema is also a string (`anyOf`), which Prism does not split.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestBodyKind, responseKind } from '../model/media-type-object.js';
import { allOfParts, deref, isObject, listedParameters, type JsonObject } from '../shared/openapi.js';
import type { LoadedApi } from './api.js';
import { startPrism, type PrismOptions, type PrismServer } from './prism.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** A copy of `document` with what Prism cannot read changed, or undefined if it has none of it. */
export function mockDocument(document: JsonObject): JsonObject | undefined {
  const copy = structuredClone(document);
  let changed = false;
  /** The media type objects of a request body or response (`$ref`s followed), by media type. */
  const contentOf = (value: unknown): [string, JsonObject][] => {
    const content = deref(copy, value, '')?.value.content;
    return Object.entries(isObject(content) ? content : {}).filter((entry): entry is [string, JsonObject] =>
      isObject(entry[1]),
    );
  };
  for (const item of Object.values(isObject(copy.paths) ? copy.paths : {})) {
    const operations = METHODS.map((method) => (isObject(item) ? item[method] : undefined)).filter(isObject);
    for (const holder of [item, ...operations]) {
      for (const { value: parameter } of listedParameters(copy, '', holder)) {
        if (parameter.in !== 'header' || parameter.required === true) continue;
        const schema = deref(copy, parameter.schema, '')?.value;
        if (schema === undefined || ![schema.type].flat().includes('array')) continue;
        parameter.schema = { anyOf: [{ type: 'string' }, parameter.schema] };
        changed = true;
      }
    }
    for (const method of METHODS) {
      const operation = isObject(item) ? item[method] : undefined;
      if (!isObject(operation)) continue;
      for (const [type, media] of contentOf(operation.requestBody)) {
        const kind = requestBodyKind(type);
        const relaxed =
          kind === 'multipart' || kind === 'urlencoded' ? relaxedForm(copy, media.schema) : undefined;
        if (relaxed === undefined) continue;
        media.schema = relaxed;
        changed = true;
      }
      for (const response of Object.values(isObject(operation.responses) ? operation.responses : {})) {
        for (const [type, media] of contentOf(response)) {
          // JSON, XML and text Prism serialises; a schema or an example gives it a body to send.
          const given =
            media.schema !== undefined || media.example !== undefined || media.examples !== undefined;
          if (responseKind(type) !== 'bytes' || given) continue;
          media.schema = { type: 'string', format: 'binary' };
          changed = true;
        }
      }
    }
  }
  return changed ? copy : undefined;
}

/**
 * The form's schema as one object (its `allOf` branches merged: properties and required ones),
 * each list property also taking one of its items; undefined when it has no list.
 */
function relaxedForm(document: JsonObject, schema: unknown): JsonObject | undefined {
  const top = deref(document, schema, '')?.value;
  if (top === undefined) return undefined;
  const parts = allOfParts(document, top).map((part) => part.schema);
  // No prototype: a property `__proto__` is its own, and `constructor` is not found inherited.
  const properties: JsonObject = Object.create(null);
  const required = new Set<unknown>();
  let lists = 0;
  for (const part of parts) {
    for (const name of Array.isArray(part.required) ? part.required : []) required.add(name);
    for (const [name, property] of Object.entries(isObject(part.properties) ? part.properties : {})) {
      if (name in properties) continue;
      const resolved = deref(document, property, '')?.value;
      const types = resolved === undefined ? [] : [resolved.type].flat();
      if (resolved !== undefined && types.includes('array') && resolved.items !== undefined) {
        properties[name] = { anyOf: [property, resolved.items] };
        lists += 1;
      } else properties[name] = property;
    }
  }
  if (lists === 0) return undefined;
  const { allOf: _allOf, properties: _properties, required: _required, ...rest } = top;
  return {
    ...rest,
    type: 'object',
    properties: { ...properties },
    ...(required.size > 0 ? { required: [...required] } : {}),
  };
}

/**
 * Prism serving `api` as a mock: its document as is, or the copy `mockDocument` makes, written to
 * a directory of its own that goes when Prism stops. Only a bundled document is copied: a spec in
 * `specs/` may refer to files beside it.
 */
export async function startMock(
  api: LoadedApi,
  options: Omit<PrismOptions, 'specPath' | 'upstream'>,
): Promise<PrismServer> {
  const relaxed = api.source.bundled ? mockDocument(api.document) : undefined;
  if (relaxed === undefined) return startPrism({ ...options, specPath: api.source.path });
  const dir = await mkdtemp(join(tmpdir(), 'mock-'));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  try {
    const specPath = join(dir, 'openapi.json');
    await writeFile(specPath, JSON.stringify(relaxed));
    const server = await startPrism({ ...options, specPath });
    void server.exited.then(removeDir);
    return server;
  } catch (error) {
    await removeDir();
    throw error;
  }
}
