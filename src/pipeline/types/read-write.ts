/**
 * readOnly and writeOnly properties (see the model's `read-write.ts`): openapi-typescript marks them
 * (`readWriteMarkers`: `$Read<T>`, `$Write<T>`, and its `Readable`/`Writable` declared beside
 * `paths`), and every media type whose schema reaches one is typed as its direction sees it,
 * `Writable<…>` for a request body and `Readable<…>` for a response. So `paths` and `operations`,
 * and the named body and response types, the operation methods and the raw calls typed from them,
 * never ask a request for a readOnly property nor promise a writeOnly one in a response; only
 * `components["schemas"]` keeps the markers, which its named exports read as the model says. A
 * document without either keyword gets no option: its declarations are openapi-typescript's
 * defaults, byte for byte.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-20
 */
import type { OpenAPITSOptions } from 'openapi-typescript';
import ts from 'typescript';
import { readWriteUse, type ReadWriteTypes } from '../../model/read-write.js';
import { getAtPointer, isObject, type JsonObject } from '../../shared/openapi.js';
import type { Edits } from './edits.js';

/**
 * The transform's options for `document` (lent to the stage, which this changes, each change in
 * `edits`: a property that is a `$ref` to a readOnly or writeOnly schema gets the keyword beside the
 * `$ref`, where openapi-typescript looks for it). `use`: the model's `readWrite`, else `null` for none.
 */
export function readWriteOptions(
  document: JsonObject,
  use: ReadWriteTypes | null = readWriteUse(document) ?? null,
  edits: Edits,
): Partial<OpenAPITSOptions> {
  if (use === null) return {};
  for (const [at, keyword] of use.inherited) {
    const schema = getAtPointer(document, at);
    if (isObject(schema)) edits.set(schema, keyword, true);
  }
  return {
    readWriteMarkers: true,
    // Called with each schema's type and path; a media type's path is its object's.
    postTransform: (type, { path }) => {
      const view = path === undefined ? undefined : use.media.get(path);
      if (view === undefined) return undefined;
      return ts.factory.createTypeReferenceNode(view === 'read' ? 'Readable' : 'Writable', [type]);
    },
  };
}
