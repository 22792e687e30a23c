/**
 * The generic contract check (see `generic-check.ts`) of every API of the repository, of either
 * kind (`projectApis`: transcribed and published), against its mock: each operation's smallest
 * valid call is accepted and decodes through the generated client. Operations whose call cannot be
 * made from the spec alone (a `pattern` nothing can follow) fail with why, rather than being
 * skipped in silence. The corpus run (test/corpus/) runs the same checks on published documents.
 */
import { describe, expect, it } from 'vitest';
import { genericChecksOf } from './generic-check.js';
import { mockReady, projectApis } from './mocks.js';

const apis = (await projectApis()).map(({ name, kind }) => [name, kind] as const);

describe.each(apis)('%s (%s)', async (api) => {
  const { operations, check } = await genericChecksOf(api, await mockReady(api));

  it.each(operations.map((operation) => [operation.model.operationId, operation] as const))(
    '%s: its smallest valid call is accepted by the mock and decodes through the client',
    async (_operationId, operation) => {
      const { got, want } = await check(operation);
      expect(got).toBe(want);
    },
  );
});
