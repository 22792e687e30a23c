/**
 * The consumer side of contract testing: each generated client against a Prism mock of its bundled
 * spec. Every documented valid request is accepted and its response validates; every documented
 * input constraint, broken on its own, is rejected with 422 and surfaces as the client's
 * BadRequestError pointing at that constraint; missing or malformed credentials give 401 and an
 * AuthenticationError; documented error responses and dynamic responses decode.
 *
 * At the end it writes which constraints have a negative test (test-output/contract-coverage.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { API_NAMES, operationsOf } from '../support/spec.js';
import {
  bundledSpec,
  fetchEditingHeaders,
  loadPackage,
  responseValidator,
  testCredentials,
  type OperationCall,
} from './clients.js';
import { breakingCase, deriveConstraints, validCases, type RequestCase } from './constraints.js';
import { mockUrl } from './mocks.js';

/** api → constraint id → whether a request breaking it was rejected as it should be. */
const coverage = new Map<string, Map<string, 'rejected' | 'no test' | 'not rejected'>>();

// Prism's dynamic responses are random; this many per API exercises the optional fields and enums.
const DYNAMIC_RESPONSES = 25;

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

// One row per operation of every API; an API with one operation is named alone, as before.
const rows = API_NAMES.flatMap((api) => {
  const operations = operationsOf(bundledSpec(api));
  return operations.map((op) => {
    const operationId = String(op.operation['operationId']);
    return [operations.length === 1 ? api : `${api} ${operationId}`, { api, op, operationId }] as const;
  });
});

describe.each(rows)('%s client against its mock', async (name, { api, op, operationId }) => {
  const doc = bundledSpec(api);
  const pkg = await loadPackage(api);
  const errors = (await import(`../../generated/${api}/index.js`)) as Record<
    string,
    new (...a: never[]) => Error
  >;
  const { operation } = op;
  const client = (options: Record<string, unknown> = {}) =>
    pkg.create({ ...testCredentials(pkg.api), baseUrl: mockUrl(api), maxRetries: 0, ...options });
  const call = (c: RequestCase, options: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    (client(options)[operationId] as OperationCall)(
      { path: c.request.path, ...(c.request.body === undefined ? {} : { body: c.request.body }) },
      headers ? { headers } : undefined,
    );
  const validateResponse = responseValidator(doc, op);
  const constraints = deriveConstraints(doc, operation);
  const breaking = constraints.map((constraint) => ({
    constraint,
    testCase: breakingCase(doc, operation, constraint),
  }));
  const valid = validCases(doc, operation);
  const smallest = valid.find((v) => v.name === 'smallest body' || v.name === 'no body')!;
  const results = new Map(
    constraints.map((c) => [c.id, 'no test' as const] as [string, 'rejected' | 'no test' | 'not rejected']),
  );
  coverage.set(name, results);

  it('has a request that breaks every documented constraint', () => {
    expect(breaking.filter((b) => !b.testCase).map((b) => b.constraint.id)).toEqual([]);
  });

  it.each(valid.map((c) => [c.name, c] as const))('accepts %s, and the response validates', async (_n, c) => {
    expect(validateResponse(await call(c))).toEqual([]);
  });

  it.each(breaking.filter((b) => b.testCase).map((b) => [b.constraint.id, b.testCase!] as const))(
    'rejects a request that breaks %s with BadRequestError',
    async (id, c) => {
      results.set(id, 'not rejected');
      const error = await rejection(call(c));
      expect(error).toBeInstanceOf(errors['BadRequestError']!);
      expect(error['status']).toBe(422);
      const validation = (error['body'] as { validation?: { location: string[] }[] }).validation ?? [];
      expect(validation.map((v) => v.location)).toContainEqual(c.expectLocation);
      results.set(id, 'rejected');
    },
  );

  const schemes = Object.values(pkg.api.securitySchemes);
  const headerOf = (s: (typeof schemes)[number]) => (s.type === 'http' ? 'authorization' : s.name);

  it.each(schemes.map((s) => [s.credential, s] as const))(
    'gets 401 and AuthenticationError when the %s credential does not arrive',
    async (_c, scheme) => {
      const fetch = fetchEditingHeaders((h) => h.delete(headerOf(scheme)));
      const error = await rejection(call(smallest, { fetch }));
      expect(error).toBeInstanceOf(errors['AuthenticationError']!);
      expect(error['status']).toBe(401);
    },
  );

  it.each(schemes.filter((s) => s.type === 'http').map((s) => [s.credential, s] as const))(
    'gets 401 and AuthenticationError when the %s arrives in the wrong form',
    async (_c, scheme) => {
      const fetch = fetchEditingHeaders((h) => h.set(headerOf(scheme), 'Basic dGVzdDp0ZXN0'));
      expect(await rejection(call(smallest, { fetch }))).toBeInstanceOf(errors['AuthenticationError']!);
    },
  );

  it.each(schemes.map((s) => [s.credential, s] as const))(
    'refuses to construct without the %s credential',
    (credential) => {
      expect(() => client({ [credential]: '' })).toThrow(errors['ConfigurationError']!);
    },
  );

  const documentedErrors = pkg.api.operations.find((each) => each.operationId === operationId)!.errorStatuses;
  it.each(documentedErrors.map((status) => [status] as const))(
    'surfaces the documented %i response as its typed error',
    async (status) => {
      const error = await rejection(call(smallest, {}, { Prefer: `code=${status}` }));
      expect(error['status']).toBe(status);
      expect(error).toBeInstanceOf(errors['ApiStatusError']!);
      if (status === 404) expect(error).toBeInstanceOf(errors['NotFoundError']!);
    },
  );

  it(`decodes ${DYNAMIC_RESPONSES} dynamic responses that all validate`, async () => {
    for (let i = 0; i < DYNAMIC_RESPONSES; i++) {
      const data = await call(smallest, {}, { Prefer: 'dynamic=true' });
      expect(validateResponse(data)).toEqual([]);
    }
  });
});

afterAll(() => {
  const lines = [
    '# Contract coverage',
    '',
    'Documented input constraints with a request that breaks them and is rejected (422).',
    '',
  ];
  const summary: string[] = [];
  for (const [api, results] of coverage) {
    const rows = [...results];
    const rejected = rows.filter(([, r]) => r === 'rejected').length;
    summary.push(`${api} ${rejected}/${rows.length}`);
    lines.push(`## ${api}: ${rejected} of ${rows.length}`, '', '| constraint | negative test |', '|---|---|');
    for (const [id, result] of rows) lines.push(`| \`${id}\` | ${result} |`);
    lines.push('');
  }
  mkdirSync('test-output', { recursive: true });
  writeFileSync('test-output/contract-coverage.md', lines.join('\n'));
  console.info(
    `contract coverage (constraints rejected / documented): ${summary.join(', ')}; see test-output/contract-coverage.md`,
  );
});
