import { deref, isObject, optionalString, type JsonObject } from '../shared/openapi.js';
import { pickMediaType, responseKind } from './media-type-object.js';
import type { Fail, OperationModel, ResponseModel } from './types.js';

/**
 * An operation's documented statuses: the success the operation function decodes (the lowest
 * 2xx) and the error responses, each with the media type the client decodes.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object
 */
export function readResponses(
  document: JsonObject,
  responses: JsonObject,
  at: string,
  fail: Fail,
): { success: ResponseModel; errors: ResponseModel[]; errorBodies: string[] } {
  const successes: ResponseModel[] = [];
  const errors: ResponseModel[] = [];
  for (const [code, raw] of Object.entries(responses)) {
    if (!/^[1-5]\d\d$/.test(code)) continue; // `default` and ranges such as `4XX` name no one status
    const responseAt = `${at}/${code}`;
    const response = deref(document, raw, responseAt);
    if (response === undefined) {
      fail(responseAt, `response ${code} cannot be resolved`);
      continue;
    }
    const model: ResponseModel = { status: Number(code) };
    const mediaType = isObject(response.value.content) ? pickMediaType(response.value.content) : undefined;
    if (mediaType !== undefined) model.mediaType = mediaType;
    const description = optionalString(response.value.description);
    if (description !== undefined) model.description = description;
    (model.status >= 200 && model.status < 300 ? successes : errors).push(model);
  }
  successes.sort((a, b) => a.status - b.status);
  errors.sort((a, b) => a.status - b.status);
  // Ranges and `default` too: a raw call resolves any status they cover with their body.
  const errorBodies = Object.keys(responses).filter((code) => {
    if (!/^(?:[45](?:\d\d|XX)|default)$/i.test(code)) return false;
    const response = deref(document, responses[code], `${at}/${code}`)?.value;
    return isObject(response?.content) && Object.keys(response.content).length > 0;
  });
  // OpenAPI requires no 2xx (GitHub's download endpoints document only their 302): the runtime
  // then decodes a 200 whose body the spec does not describe.
  return { success: successes[0] ?? { status: 200, undocumented: true }, errors, errorBodies };
}

/**
 * What the operation function resolves with when not the parsed JSON body: nothing without a
 * body, else as its media type says (`responseKind`). The success's type is `void` without a body
 * and the media type's schema otherwise (see the pipeline's postprocess/named-exports.ts); what the
 * runtime resolves must match it. An undocumented success is JSON.
 */
export function returnsOf(success: ResponseModel): OperationModel['returns'] {
  if (success.undocumented) return undefined;
  return success.mediaType === undefined ? 'nothing' : responseKind(success.mediaType);
}
