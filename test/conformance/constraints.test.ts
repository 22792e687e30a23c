/**
 * Spec conformance: every documented input constraint of every operation, broken on its own, is
 * rejected by the API's Prism mock with 422 at its location, and surfaces as the generated client's
 * BadRequestError. The constraints are derived from the spec (test/contract/constraints.ts), so a
 * new constraint without a request that breaks it fails the first test of its operation.
 *
 * At the end it writes which constraints have a negative test (test-output/contract-coverage.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSpec, operationClient, operationRows } from '../contract/clients.js';
import { breakingCase, deriveConstraints } from '../contract/constraints.js';
import { rejection } from '../support/failures.js';

/** api → constraint id → whether a request breaking it was rejected as it should be. */
const coverage = new Map<string, Map<string, 'rejected' | 'no test' | 'not rejected'>>();

describe.each(operationRows())('%s', async (name, { api, op, operationId }) => {
  const doc = bundledSpec(api);
  const { errors, call } = await operationClient(api, operationId);
  const constraints = deriveConstraints(doc, op.operation);
  const breaking = constraints.map((constraint) => ({
    constraint,
    testCase: breakingCase(doc, op.operation, constraint),
  }));
  const results = new Map(
    constraints.map((c) => [c.id, 'no test' as const] as [string, 'rejected' | 'no test' | 'not rejected']),
  );
  coverage.set(name, results);

  it('has a request that breaks every documented constraint', () => {
    expect(breaking.filter((b) => !b.testCase).map((b) => b.constraint.id)).toEqual([]);
  });

  it.each(breaking.filter((b) => b.testCase).map((b) => [b.constraint.id, b.testCase!] as const))(
    'Prism rejects a request that breaks %s: 422 at its location, BadRequestError',
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
