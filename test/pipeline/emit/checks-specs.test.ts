/**
 * The contract checks of every API, derived from its spec: no false alarm on what the spec itself
 * documents (each request and response example, every request the conformance tests derive as
 * valid), and every request that breaks one documented constraint is caught at its place, before
 * it would be sent. A new API or a new constraint gets these rows without a line here.
 */
import { describe, expect, it } from 'vitest';
import { describeApi } from '../../../src/model/index.js';
import { isObject, type JsonObject } from '../../../src/shared/openapi.js';
import {
  operationChecks,
  requestViolations,
  responseViolations,
} from '../../../src/verify/contract-checks.js';
import { bundledSpec, operationRows } from '../../contract/clients.js';
import { breakingCase, deriveConstraints, validCases } from '../../contract/constraints.js';

describe.each(operationRows())('%s', (_name, { api, op, operationId }) => {
  const document = bundledSpec(api) as unknown as JsonObject;
  const model = describeApi(api, document, () => ({ file: `${api}.yaml` }));
  const checks = operationChecks(document, model, `generated/${api}/openapi.json`).get(operationId)!;
  const target = { method: op.method.toUpperCase(), path: op.path, operationId };

  const responseExamples = Object.entries((op.operation['responses'] ?? {}) as JsonObject).flatMap(
    ([status, response]) =>
      Object.entries(isObject(response) && isObject(response.content) ? response.content : {}).flatMap(
        ([type, media]) =>
          Object.entries(isObject(media) && isObject(media.examples) ? media.examples : {}).map(
            ([name, example]) =>
              [
                `${status} ${type} "${name}"`,
                Number(status),
                type,
                (example as { value: unknown }).value,
              ] as const,
          ),
      ),
  );
  it.each(responseExamples)('accepts the response example %s', (_n, status, type, value) => {
    expect(responseViolations(checks, target, status, type, value)).toEqual([]);
  });

  it.each(validCases(document as never, op.operation).map((c) => [c.name, c] as const))(
    'accepts the valid request %s',
    async (_n, c) => {
      expect(await requestViolations(checks, target, { path: c.request.path, body: c.request.body })).toEqual(
        [],
      );
    },
  );

  const breaking = deriveConstraints(document as never, op.operation).flatMap((constraint) => {
    const c = breakingCase(document as never, op.operation, constraint);
    return c ? [[constraint.id, c] as const] : [];
  });
  it.each(breaking)('catches the request that breaks %s, where it breaks it', async (_id, c) => {
    const violations = await requestViolations(checks, target, {
      path: c.request.path,
      body: c.request.body,
    });
    // Prism's location (`body`, then the segments, items as 0) as a JSON pointer.
    const [location, ...segments] = c.expectLocation!;
    const pointer = segments.map((segment) => `/${segment}`).join('');
    expect(violations.map((v) => `${v.in} ${v.pointer}`)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${location} ${pointer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|$)`),
      ),
    );
  });
});
