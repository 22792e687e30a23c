/**
 * The consumer side of contract testing: each generated client against a Prism mock of its bundled
 * spec. Every documented valid request is accepted and its response validates; missing or
 * malformed credentials give 401 and an AuthenticationError; documented error responses and
 * dynamic responses decode. (A request breaking each documented constraint is test/conformance/'s.)
 */
import { describe, expect, it } from 'vitest';
import {
  bundledSpec,
  fetchEditingHeaders,
  operationClient,
  operationRows,
  responseValidator,
} from './clients.js';
import { validCases } from './constraints.js';
import { rejection } from '../support/failures.js';

// Prism's dynamic responses are random; this many per API exercises the optional fields and enums.
const DYNAMIC_RESPONSES = 25;

/** The client's own contract checks on both sides, refusing what breaks the spec: no false alarm. */
const STRICT = { validate: { response: 'throw', request: 'throw' } };

describe.each(operationRows())('%s client against its mock', async (_name, { api, op, operationId }) => {
  const doc = bundledSpec(api);
  const { pkg, errors, client, call } = await operationClient(api, operationId);
  const validateResponse = responseValidator(doc, op);
  const valid = validCases(doc, op.operation);
  const smallest = valid.find((v) => v.name === 'smallest body' || v.name === 'no body')!;

  it.each(valid.map((c) => [c.name, c] as const))(
    "accepts %s, and the response validates (by Ajv, and by the client's own checks)",
    async (_n, c) => {
      expect(validateResponse(await call(c, STRICT))).toEqual([]);
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

  it(`decodes ${DYNAMIC_RESPONSES} dynamic responses that all validate (by Ajv, and by the client's own checks)`, async () => {
    for (let i = 0; i < DYNAMIC_RESPONSES; i++) {
      const data = await call(smallest, STRICT, { Prefer: 'dynamic=true' });
      expect(validateResponse(data)).toEqual([]);
    }
  });
});
