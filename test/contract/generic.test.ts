/**
 * The generic contract check every API gets, whatever its kind (transcribed from a page or published
 * by its vendor), and whatever it documents besides: for each operation, its smallest valid call
 * (required parameters and body, made from the spec as the mock command makes its curl lines) goes
 * through the generated client to the API's Prism mock, which must accept it, and what comes back
 * must decode as the client says it does: parsed JSON, nothing, text, a Blob, or events.
 *
 * Operations whose call cannot be made from the spec alone (a `pattern` nothing can follow) are
 * listed, with why, rather than skipped in silence.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadApi, type ApiOperation, type LoadedApi } from '../../src/mock/api.js';
import { UsageError } from '../../src/shared/errors.js';
import { pathParameterValues, smallestCall, type ClientCall } from '../../src/mock/sample-requests.js';
import { deref, isObject, pointerSegment } from '../../src/shared/openapi.js';
import { API_NAMES } from '../support/spec.js';
import { loadPackage, testCredentials } from './clients.js';
import { mockUrl } from './mocks.js';

type Method = (args?: ClientCall) => Promise<unknown>;

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The pointer of the success response's schema, its `$ref`s followed, when it has one. */
function successSchema(api: LoadedApi, operation: ApiOperation): string | undefined {
  const { status, mediaType } = operation.model.success;
  const responses = isObject(operation.raw.responses) ? operation.raw.responses : {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  if (key === undefined || mediaType === undefined) return undefined;
  const response = deref(api.document, responses[key], `${operation.model.pointer}/responses/${key}`);
  const media = response && isObject(response.value.content) ? response.value.content[mediaType] : undefined;
  return isObject(media) && media.schema !== undefined
    ? `${response!.pointer}/content/${pointerSegment(mediaType)}/schema`
    : undefined;
}

/** What the client resolved with, as its kind says it must be; JSON must meet the response's schema. */
async function decoded(
  operation: ApiOperation,
  value: unknown,
  validate: (pointer: string, value: unknown) => string[],
  schema: string | undefined,
): Promise<string> {
  switch (operation.model.returns) {
    case 'nothing':
      return value === undefined ? 'nothing' : `not nothing: ${typeof value}`;
    case 'text':
      return typeof value == 'string' ? 'text' : `not text: ${typeof value}`;
    case 'bytes':
      return value instanceof Blob ? 'bytes' : `not a Blob: ${typeof value}`;
    case 'events': {
      if (!(value && typeof value == 'object' && Symbol.asyncIterator in value))
        return 'not an async iterable';
      for await (const event of value as AsyncIterable<{ event: unknown; data: unknown }>) {
        if (typeof event.event != 'string' || typeof event.data != 'string')
          return 'an event that is not one';
      }
      return 'events';
    }
    default: {
      const problems = schema === undefined ? [] : validate(schema, value);
      return problems.length === 0 ? 'JSON' : `JSON that breaks ${schema}: ${problems.join('; ')}`;
    }
  }
}

describe.each(API_NAMES)('%s', async (api) => {
  const pkg = await loadPackage(api);
  const path = fileURLToPath(new URL(`../../generated/${api}/openapi.json`, import.meta.url));
  const loaded = await loadApi({ api, path, displayPath: `generated/${api}/openapi.json`, bundled: true });
  const client = pkg.create({ ...testCredentials(pkg.api), baseUrl: mockUrl(api), maxRetries: 0 });
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema({ ...loaded.document, $id: 'spec.json' });
  const validate = (pointer: string, value: unknown): string[] => {
    const check = ajv.getSchema(`spec.json${pointer}`);
    if (!check) throw new Error(`no schema at ${pointer}`);
    return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };

  it.each(loaded.operations.map((operation) => [operation.model.operationId, operation] as const))(
    '%s: its smallest valid call is accepted by the mock and decodes through the client',
    async (operationId, operation) => {
      let call: ClientCall;
      try {
        call = smallestCall(loaded, operation, pathParameterValues(loaded, operation, {}).values);
      } catch (error) {
        // The spec gives no value a sample can be made of: said, with where, not passed over.
        if (error instanceof UsageError)
          throw new Error(`${operationId}: no valid call can be made: ${error.message}`);
        throw error;
      }
      const want = operation.model.returns === undefined ? 'JSON' : operation.model.returns;
      const value = await (client[operationId] as Method)(call);
      expect(await decoded(operation, value, validate, successSchema(loaded, operation))).toBe(want);
    },
  );
});
