/**
 * Contract drift, planted per API with a local server (`drift.ts` derives each break from the
 * spec): under `warn` the call resolves as it would have, and each distinct violation reaches the
 * logger and the hook once per client; under `throw` both call styles reject with the package's
 * ContractViolationError, naming where the rule is written in its `openapi.json`; nothing printed
 * holds the credential or the planted value.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAtPointer, type JsonObject } from '../../src/shared/openapi.js';
import { deref, type Json } from '../support/spec.js';
import { rejection } from '../support/failures.js';
import { bundledSpec, operationClient, operationRows, testCredentials } from './clients.js';
import { validPath } from './constraints.js';
import { plantDrift, PLANTED, type Drift } from './drift.js';

const TOKEN_ECHO = 'echo';

let server: Server;
let url: string;
/** What the server answers next, and how many requests it got. */
const answer: { status: number; contentType: string; body: string; requests: number } = {
  status: 200,
  contentType: 'application/json',
  body: '{}',
  requests: 0,
};

beforeAll(async () => {
  server = createServer((request, response) => {
    answer.requests++;
    request.resume();
    // A connection per request: a kept-alive socket the server closes when idle (5 s) can meet
    // the client's next request on a busy machine, which would then fail as a ConnectionError.
    request.on('end', () =>
      response
        .writeHead(answer.status, { 'content-type': answer.contentType, connection: 'close' })
        .end(answer.body),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each(operationRows())('%s: planted drift', async (_name, { api, op, operationId }) => {
  const doc = bundledSpec(api);
  const { pkg, errors } = await operationClient(api, operationId);
  const credentials = testCredentials(pkg.api);
  const secret = Object.values(credentials)[0]!;
  const success = Object.keys((op.operation['responses'] ?? {}) as object).find((status) =>
    /^2/.test(status),
  )!;
  const media = (
    (deref(doc, (op.operation['responses'] as Record<string, Json>)[success])['content'] ?? {}) as Record<
      string,
      { schema?: Json; examples?: Record<string, { value: Json }> }
    >
  )['application/json']!;
  const { drifts, inexpressible } = plantDrift(doc, op.operation, {
    schema: deref(doc, media.schema),
    example: Object.values(media.examples ?? {})[0]?.value,
  });
  const path = validPath(doc, op.operation);
  const rawPath = op.path;
  const method = op.method.toUpperCase();

  it(`plants every kind its schemas can express (not: ${inexpressible.join(', ') || 'none'})`, () => {
    expect(drifts.length + inexpressible.length).toBe(9);
    // Every response with a typed field can break these three ways.
    expect(drifts.map((drift) => drift.kind)).toEqual(
      expect.arrayContaining(['wrong type', 'null where not allowed', 'wrong content type']),
    );
  });

  const serve = (drift: Drift) => {
    // The server echoes the credential in a field no schema names (responses are open).
    const body =
      drift.side === 'response' &&
      typeof drift.body === 'object' &&
      drift.body !== null &&
      !Array.isArray(drift.body)
        ? { ...drift.body, [TOKEN_ECHO]: secret }
        : drift.body;
    Object.assign(answer, {
      status: Number(success),
      contentType: drift.side === 'response' ? drift.contentType : 'application/json',
      body: JSON.stringify(body),
      requests: 0,
    });
    return body;
  };
  const request = (drift: Drift) => (drift.side === 'request' ? drift.body : undefined);
  const client = (options: Record<string, unknown>) =>
    pkg.create({ ...credentials, baseUrl: url, maxRetries: 0, ...options }) as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
  const validate = (drift: Drift, mode: string) => ({ validate: { [drift.side]: mode } });
  const matches = (drift: Drift) => (v: { in: string; pointer: string; rule: string }) =>
    v.in === drift.want.in && v.pointer === drift.want.pointer && v.rule === drift.want.rule;
  const printedNothing = (drift: Drift, printed: string) => {
    expect(printed).not.toContain(secret);
    if (drift.planted) expect(printed).not.toContain(drift.planted);
  };

  it.each(drifts.map((drift) => [`${drift.kind} (${drift.side})`, drift] as const))(
    '%s: warn reports it once, changes nothing',
    async (_kind, drift) => {
      const served = serve(drift);
      const warnings: [string, unknown][] = [];
      const reported: unknown[] = [];
      const c = client({
        ...validate(drift, 'warn'),
        logger: {
          debug: () => undefined,
          warn: (message: string, details: unknown) => warnings.push([message, details]),
        },
        onContractViolation: (violation: unknown) => reported.push(violation),
      });
      for (let i = 0; i < 2; i++) {
        const result = await c[operationId]!({
          path,
          ...(request(drift) === undefined ? {} : { body: request(drift) }),
        });
        if (drift.side === 'response' && drift.kind !== 'wrong content type') expect(result).toEqual(served);
      }
      expect(answer.requests).toBe(2);
      const violations = reported as { in: string; pointer: string; rule: string; schema: string }[];
      expect(violations.filter(matches(drift))).toHaveLength(1);
      // Once per client: the second call reported nothing new.
      expect(new Set(violations.map((v) => JSON.stringify(v))).size).toBe(violations.length);
      expect(warnings.filter(([message]) => message.startsWith('contract violation'))).toHaveLength(
        violations.length,
      );
      printedNothing(drift, JSON.stringify([warnings, reported]));
    },
  );

  it.each(drifts.map((drift) => [`${drift.kind} (${drift.side})`, drift] as const))(
    '%s: throw rejects with ContractViolationError in both call styles, naming where the rule is written',
    async (_kind, drift) => {
      serve(drift);
      const c = client(validate(drift, 'throw'));
      const body = request(drift);
      const calls = [
        () => c[operationId]!({ path, ...(body === undefined ? {} : { body }) }),
        () => c[method]!(rawPath, { params: { path }, ...(body === undefined ? {} : { body }) }),
      ];
      for (const call of calls) {
        answer.requests = 0;
        const error = await rejection(call());
        expect(error).toBeInstanceOf(errors['ContractViolationError']!);
        expect(error).toBeInstanceOf(errors['VoiceAgentApiError']!);
        const violations = error['violations'] as {
          in: string;
          pointer: string;
          rule: string;
          schema: string;
        }[];
        const found = violations.find(matches(drift));
        expect(found, JSON.stringify(violations)).toBeDefined();
        // A pointer into the package's openapi.json that leads to the rule's keyword (or, for a
        // media type, to the response's content).
        expect(found!.schema).toMatch(/^openapi\.json#\//);
        expect(
          getAtPointer(doc as unknown as JsonObject, found!.schema.slice('openapi.json'.length)),
        ).toBeDefined();
        // A request that breaks the contract is not sent.
        expect(answer.requests).toBe(drift.side === 'request' ? 0 : 1);
        expect(error['data']).toBeDefined();
        printedNothing(drift, `${error.message} ${JSON.stringify(error)} ${inspect(error)} ${error.stack}`);
      }
    },
  );

  it.each(['warn', 'throw'])(
    "%s: a credential that reads like a violation's own field names is hidden in its values, not its names",
    async (mode) => {
      const drift = drifts.find((each) => each.kind === 'wrong type' && each.side === 'response')!;
      serve(drift);
      const reported: Record<string, unknown>[] = [];
      const warnings: string[] = [];
      // `in` is in `in`, `pointer`, `rule`, `expected` and `schema`: only the values may change.
      const [option] = Object.keys(credentials);
      const c = client({
        [option!]: 'in',
        ...validate(drift, mode),
        logger: { debug: () => undefined, warn: (message: string) => warnings.push(message) },
        onContractViolation: (violation: Record<string, unknown>) => reported.push(violation),
      });
      const outcome = await c[operationId]!({ path }).then(
        () => undefined,
        (error: { violations: Record<string, unknown>[] }) => error.violations,
      );
      const violations = mode === 'warn' ? reported : outcome!;
      expect(violations.length).toBeGreaterThan(0);
      for (const violation of violations) {
        expect(Object.keys(violation)).toEqual(expect.arrayContaining(['in', 'pointer', 'rule', 'message']));
        expect(violation['message']).not.toMatch(/\bin\b/);
      }
      if (mode === 'warn') expect(warnings).toHaveLength(violations.length);
    },
  );

  it('a mode given as undefined is not given: the call falls back to the client, the client to the default', async () => {
    const drift = drifts.find((each) => each.kind === 'wrong type' && each.side === 'response')!;
    serve(drift);
    const strict = client({ validate: { response: 'throw' } });
    const error = await rejection(strict[operationId]!({ path }, { validate: { response: undefined } }));
    expect(error).toBeInstanceOf(errors['ContractViolationError']!);
    const reported: unknown[] = [];
    const warning = client({
      validate: { response: undefined },
      onContractViolation: (v: unknown) => reported.push(v),
    });
    await warning[operationId]!({ path });
    expect(reported).not.toEqual([]);
  });

  it.each([
    ['validate that is not an object', { validate: 'off' }, undefined, 'validate'],
    ['an unknown mode', { validate: { response: 'warning' } }, undefined, 'validate'],
    ['an unknown mode for one call', {}, { validate: { request: true } }, 'validate'],
    ['a hook that is not a function', { onContractViolation: 'log' }, undefined, 'onContractViolation'],
  ] as const)(
    '%s: refused with a ConfigurationError naming the option, before anything is sent',
    async (_name, options, call, option) => {
      answer.requests = 0;
      const error = await rejection(client(options)[operationId]!({ path }, call));
      expect(error).toBeInstanceOf(errors['ConfigurationError']!);
      expect(error.message).toContain(`Invalid option "${option}"`);
      expect(answer.requests).toBe(0);
    },
  );

  it('a wrong client mode is refused on every call that falls back to it, none that overrides it', async () => {
    serve(drifts.find((each) => each.kind === 'wrong type' && each.side === 'response')!);
    answer.requests = 0;
    const wrong = client({ validate: { response: 'warning' } });
    for (let call = 0; call < 2; call++)
      expect((await rejection(wrong[operationId]!({ path }))).message).toContain('Invalid option "validate"');
    expect(answer.requests).toBe(0);
    const error = await rejection(wrong[operationId]!({ path }, { validate: { response: 'throw' } }));
    expect(error).toBeInstanceOf(errors['ContractViolationError']!);
    expect(answer.requests).toBe(1);
  });

  it('plants values that the check for them would find printed', () => {
    // The guard above is no guard unless the planted marker is what a leak would show.
    expect(drifts.some((drift) => drift.planted?.includes(PLANTED))).toBe(true);
  });
});
