/**
 * A real server that echoes every credential it is sent into each place of its answer (see
 * echo.ts), for every kind of credential and both call styles: nothing thrown (message, stack,
 * JSON, util.inspect, the whole cause chain), logged or returned (a raw call's `error`) holds one.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiClient } from '../../src/runtime/client.js';
import { callOnce, ECHOES, leaks } from './echo.js';
import { startFaultServer, type FaultServer } from './fault-server.js';
import { SECRETS, testApi } from './test-api.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

/** One operation per kind of credential (see test-api.ts), each with its path parameter. */
const CALLS: [string, string][] = [
  ['bearer and a query key', 'updateAgent'],
  ['a header key and a query key', 'replaceAgent'],
  ['basic', 'createAgent'],
  ['a cookie', 'getAgent'],
];

describe.each(Object.keys(ECHOES))('a server that echoes credentials in %s', (echo) => {
  test.each(
    CALLS.flatMap(([kind, operation]) => [
      [kind, operation, 'operation function'] as const,
      [kind, operation, 'raw call'] as const,
    ]),
  )('%s (%s), %s', async (_kind, operationId, style) => {
    server.play([ECHOES[echo]!]);
    const outcome = await callOnce(
      (logger) => createApiClient(testApi, { ...SECRETS, baseUrl: server.url, maxRetries: 0, logger }),
      testApi,
      operationId,
      style,
    );
    expect(server.requests).toHaveLength(1);
    // Something went wrong, one way or the other: every echo is an error of some kind.
    expect(outcome.thrown ?? outcome.error).toBeDefined();
    expect(leaks(outcome, Object.values(SECRETS))).toEqual([]);
  });
});
