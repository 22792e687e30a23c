/**
 * The generic contract check (see `generic-check.ts`) of every API in specs/, against its mock:
 * each operation's smallest valid call is accepted and decodes through the generated client.
 * Operations whose call cannot be made from the spec alone (a `pattern` nothing can follow) fail
 * with why, rather than being skipped in silence.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../src/mock/api.js';
import { API_NAMES } from '../support/spec.js';
import { loadPackage, testCredentials } from './clients.js';
import { genericCheck } from './generic-check.js';
import { mockUrl } from './mocks.js';

describe.each(API_NAMES)('%s', async (api) => {
  const pkg = await loadPackage(api);
  const path = fileURLToPath(new URL(`../../generated/${api}/openapi.json`, import.meta.url));
  const loaded = await loadApi({ api, path, displayPath: `generated/${api}/openapi.json`, bundled: true });
  const client = pkg.create({ ...testCredentials(pkg.api), baseUrl: mockUrl(api), maxRetries: 0 });
  const check = genericCheck(loaded);

  it.each(loaded.operations.map((operation) => [operation.model.operationId, operation] as const))(
    '%s: its smallest valid call is accepted by the mock and decodes through the client',
    async (_operationId, operation) => {
      const { got, want } = await check(operation, client);
      expect(got).toBe(want);
    },
  );
});
