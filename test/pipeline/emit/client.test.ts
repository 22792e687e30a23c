/**
 * The client module's declaration (`emitClient`): each operation's method takes what the spec
 * requires as required, on small inline specs (the fixtures' snapshots show whole modules).
 */
import { describe, expect, it } from 'vitest';
import { emitClient } from '../../../src/pipeline/emit/client.js';
import { describeApi } from '../../../src/model/index.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { planNamedExports } from '../../../src/pipeline/postprocess/named-exports.js';
import { oneOperationSpec } from '../../support/spec-builder.js';

/** `getA`: a GET, or a POST when it takes a body (a GET's is left out: fetch cannot send one). */
function spec(operation: JsonObject): JsonObject {
  const method = operation.requestBody === undefined ? 'get' : 'post';
  return oneOperationSpec({ method, path: '/a', operation: { operationId: 'getA', ...operation } });
}

const query = (required: boolean): JsonObject => ({
  name: 'q',
  in: 'query',
  required,
  schema: { type: 'string' },
});
const header = (required: boolean): JsonObject => ({
  name: 'X-Trace',
  in: 'header',
  required,
  schema: { type: 'string' },
});
const body = (required: boolean): JsonObject => ({
  required,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
});

describe('emitClient: the arguments of an operation method', () => {
  it.each<[string, { given: JsonObject; want: string }]>([
    ['nothing to send', { given: {}, want: 'args?: Record<string, never>' }],
    [
      'an optional query parameter',
      { given: { parameters: [query(false)] }, want: 'args?: { query?: GetAQueryParams | undefined }' },
    ],
    [
      'a required query parameter',
      { given: { parameters: [query(true)] }, want: 'args: { query: GetAQueryParams }' },
    ],
    [
      'a required header beside an optional query parameter',
      {
        given: { parameters: [query(false), header(true)] },
        want: 'args: { query?: GetAQueryParams | undefined; header: GetAHeaderParams }',
      },
    ],
    [
      'an optional body',
      { given: { requestBody: body(false) }, want: 'args?: { body?: GetABody | undefined }' },
    ],
    ['a required body', { given: { requestBody: body(true) }, want: 'args: { body: GetABody }' }],
  ])('%s', (_, { given, want }) => {
    const model = describeApi('t', spec(given), (pointer) => ({ file: pointer }));
    const { dts } = emitClient(model, planNamedExports(model, []).operations, '');
    expect(dts).toContain(`  getA(${want}, options?: CallOptions): Promise<GetAResponse>;\n`);
  });
});

describe("emitClient: the spec's servers offered for baseUrl", () => {
  it.each<[string, { given: JsonObject[] | undefined; want: string | undefined }]>([
    [
      'each absolute server, the first the default, any other URL still allowed',
      {
        given: [{ url: 'https://api.test', description: 'Production.' }, { url: 'http://localhost:3000' }],
        want: 'baseUrl?: "https://api.test" | "http://localhost:3000" | (string & {}) | undefined;',
      },
    ],
    ['no absolute server: a plain string', { given: [{ url: '/v1' }], want: undefined }],
  ])('%s', (_, { given, want }) => {
    const document = oneOperationSpec({ document: { servers: given } });
    const model = describeApi('t', document, (pointer) => ({ file: pointer }));
    const { dts } = emitClient(model, planNamedExports(model, []).operations, '');
    const line = dts.split('\n').find((l) => l.includes('baseUrl?:'));
    expect(line?.trim()).toBe(want);
    if (want !== undefined) expect(dts).toContain(' * - `https://api.test` (the default): Production.\n');
  });
});
