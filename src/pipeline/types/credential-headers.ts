/**
 * A header or query parameter that carries the client's credential (a document without security
 * schemes, or a parameter that is also the operation's apiKey scheme: the model's
 * `header-credentials.ts`) is optional in the types, whatever the spec says: the client sends it.
 * The named types of the operation's function make it so (`paramsType`); this makes it so for the
 * raw calls too, typed by `paths`, which would otherwise refuse
 * `client.POST('/tts', { params: { header: { Accept } } })` for the `Authorization` it lacks.
 */
import { sentByClient } from '../../model/header-credentials.js';
import type { OperationModel } from '../../model/types.js';
import { listedParameters, type JsonObject } from '../../shared/openapi.js';
import type { Edits } from './edits.js';

/**
 * Each such parameter of `document` (the types stage's, changed in place) made not required, each
 * change recorded in `edits` to be undone.
 */
export function credentialHeadersOptional(
  document: JsonObject,
  operations: OperationModel[],
  edits: Edits,
): void {
  for (const operation of operations) {
    const sent = new Set(
      (['header', 'query'] as const).flatMap((where) =>
        operation.parameters[where].filter(sentByClient).map((parameter) => placeOf(where, parameter.name)),
      ),
    );
    if (sent.size === 0) continue;
    // The operation's own parameters and its path item's, `$ref`s followed (a shared parameter is
    // the credential wherever it is used).
    for (const at of [operation.pointer, operation.pointer.slice(0, operation.pointer.lastIndexOf('/'))]) {
      for (const { value: parameter } of listedParameters(document, at)) {
        if (typeof parameter.name === 'string' && sent.has(placeOf(String(parameter.in), parameter.name)))
          edits.set(parameter, 'required', false);
      }
    }
  }
}

/** A parameter by place and name, a header's name in lower case (headers are case-insensitive). */
const placeOf = (where: string, name: string): string =>
  `${where}:${where === 'header' ? name.toLowerCase() : name}`;
