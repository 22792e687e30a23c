/**
 * The generic contract check every API gets, whatever its kind (transcribed from a page or published
 * by its vendor): an operation's smallest valid call (required parameters and body, made from the
 * spec as the mock command makes its curl lines) goes through the generated client to a Prism mock
 * of the API, which must accept it, and what comes back must decode as the client says it does:
 * JSON that meets the response's schema, nothing, text, a Blob, or events.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadApi, type ApiOperation, type LoadedApi } from '../../src/mock/api.js';
import { pathParameterValues, smallestCall, type ClientCall } from '../../src/mock/sample-requests.js';
import { UsageError } from '../../src/shared/errors.js';
import { deref, isObject, pointerSegment } from '../../src/shared/openapi.js';
import { loadPackage, testCredentials } from './clients.js';
import { mockSpecPath } from './mocks.js';

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
  returns: ApiOperation['model']['returns'],
  value: unknown,
  problems: () => string[],
): Promise<string> {
  switch (returns) {
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
      const found = problems();
      return found.length === 0 ? 'JSON' : `JSON that breaks its schema: ${found.join('; ')}`;
    }
  }
}

/**
 * The check for one API: call it with an operation and the generated client pointed at the mock;
 * it resolves with what came back (`JSON`, `nothing`, `text`, `bytes`, `events`, or what is wrong)
 * and what the operation's kind says it must be.
 */
export function genericCheck(
  api: LoadedApi,
): (operation: ApiOperation, client: Record<string, unknown>) => Promise<{ got: string; want: string }> {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema({ ...api.document, $id: 'spec.json' });
  return async (operation, client) => {
    const { operationId, returns } = operation.model;
    let call: ClientCall;
    try {
      call = smallestCall(api, operation, pathParameterValues(api, operation, {}).values);
    } catch (error) {
      // The spec gives no value a sample can be made of: said, with where, not passed over.
      if (error instanceof UsageError)
        throw new Error(`${operationId}: no valid call can be made: ${error.message}`);
      throw error;
    }
    const value = await (client[operationId] as Method)(call);
    const got = await decoded(returns, value, () => {
      const pointer = successSchema(api, operation);
      if (pointer === undefined) return [];
      const validate = ajv.getSchema(`spec.json${pointer}`);
      if (!validate) throw new Error(`no schema at ${pointer}`);
      return validate(value)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    });
    return { got, want: returns ?? 'JSON' };
  };
}

/**
 * An API's generic checks as a test runs them: its operations as the mock reads its bundled spec,
 * and the check of each through its generated client (test credentials, no retries) pointed at
 * `baseUrl`. The API is this repository's, or the project's at `root` (a corpus document's).
 */
export async function genericChecksOf(
  api: string,
  baseUrl: string,
  root?: string,
): Promise<{
  operations: ApiOperation[];
  check(operation: ApiOperation): Promise<{ got: string; want: string }>;
}> {
  const loaded = await loadApi({
    api,
    path: mockSpecPath(api, root),
    displayPath: `generated/${api}/openapi.json`,
    bundled: true,
  });
  const pkg = await loadPackage(api, root);
  const client = pkg.create({ ...testCredentials(pkg.api), baseUrl, maxRetries: 0 });
  const check = genericCheck(loaded);
  return { operations: loaded.operations, check: (operation) => check(operation, client) };
}
