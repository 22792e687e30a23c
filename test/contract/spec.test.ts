/**
 * Each spec, served by a Prism mock, accepts every request it documents as valid, rejects with 422
 * every request that breaks one documented constraint (and says so at that constraint's location),
 * and answers 401 when a documented credential is missing or malformed.
 */
import { describe, expect, it } from 'vitest';
import { API_NAMES, loadSpec, theOperation } from '../support/spec.js';
import { breakingCase, deriveConstraints, validCases } from './constraints.js';
import { mockSpecPath, mockUrl } from './mocks.js';
import { securityHeaders, send } from './requests.js';

describe.each(API_NAMES)('%s mock', (api) => {
  const doc = loadSpec(mockSpecPath(api));
  const { path, method, operation } = theOperation(doc);
  const credentials = securityHeaders(doc);
  const headers = Object.fromEntries(credentials.map((c) => [c.header, c.value]));
  const constraints = deriveConstraints(doc, operation);
  const breaking = constraints.map((c) => ({ constraint: c, testCase: breakingCase(doc, operation, c) }));
  const call = (input: Parameters<typeof send>[3], h = headers) => send(mockUrl(api), method, path, input, h);

  it('has a request that breaks every documented constraint', () => {
    expect(breaking.filter((b) => !b.testCase).map((b) => b.constraint.id)).toEqual([]);
  });

  it.each(validCases(doc, operation).map((c) => [c.name, c] as const))('accepts %s', async (_name, c) => {
    const response = await call(c.request);
    expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
  });

  it.each(breaking.filter((b) => b.testCase).map((b) => [b.constraint.id, b.testCase!] as const))(
    'rejects a request that %s',
    async (_id, c) => {
      const response = await call(c.request);
      expect(response.status, JSON.stringify(c.request)).toBe(422);
      const locations = ((response.body as { validation?: { location: string[] }[] }).validation ?? []).map(
        (v) => v.location,
      );
      expect(locations).toContainEqual(c.expectLocation);
    },
  );

  it.each(credentials.map((c) => [c.scheme, c] as const))(
    'answers 401 without the %s credential',
    async (_s, c) => {
      const { [c.header]: _dropped, ...without } = headers;
      const smallest = validCases(doc, operation).find(
        (v) => v.name === 'smallest body' || v.name === 'no body',
      )!;
      expect((await call(smallest.request, without)).status).toBe(401);
      if (c.wrongValue)
        expect((await call(smallest.request, { ...headers, [c.header]: c.wrongValue })).status).toBe(401);
    },
  );
});
