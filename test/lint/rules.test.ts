/**
 * The plugin's rules against fixtures: `fixtures/<rule>/<case>/openapi.yaml` is linted with a config
 * that enables only `<rule>`, and must give exactly the problems in `expected.json` (`message` is a
 * substring). Add a folder to add a case; `pass-*` cases expect `[]`, `fail-*` cases at least one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lintSpec } from '../../src/pipeline/lint/index.js';
import { removeDir } from '../support/files.js';

interface ExpectedProblem {
  ruleId: string;
  line: number;
  column: number;
  /** A substring of the reported message. */
  message: string;
}

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const PLUGIN = fileURLToPath(new URL('../../src/redocly/plugin.js', import.meta.url));
const PLUGIN_ID = 'voice-agent-sdks';

const rules = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const rows = rules.flatMap((rule) =>
  readdirSync(path.join(FIXTURES, rule), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((fixture) => {
      const folder = path.join(FIXTURES, rule, fixture);
      const expectedPath = path.join(folder, 'expected.json');
      if (!existsSync(expectedPath)) throw new Error(`${folder} has no expected.json`);
      const want = JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedProblem[];
      return [
        `${rule}/${fixture}`,
        { given: { rule, fixture, spec: path.join(folder, 'openapi.yaml') }, want },
      ] as const;
    }),
);

let configDir: string;

/** Path of the generated config that enables only `rule` (written in `beforeAll`). */
function configFor(rule: string): string {
  return path.join(configDir, rule, 'redocly.yaml');
}

beforeAll(async () => {
  configDir = await mkdtemp(path.join(os.tmpdir(), 'lint-rules-'));
  for (const rule of rules) {
    await mkdir(path.join(configDir, rule));
    // `extends: []` so no built-in rule adds problems the fixture is not about.
    const config = [
      'extends: []',
      `plugins: [${JSON.stringify(PLUGIN)}]`,
      'rules:',
      `  ${PLUGIN_ID}/${rule}: error`,
    ];
    await writeFile(configFor(rule), `${config.join('\n')}\n`);
  }
});

afterAll(async () => {
  if (configDir) await removeDir(configDir);
});

describe('fixtures', () => {
  test.each(rows)('%s', async (_name, { given, want }) => {
    const problems = await lintSpec(given.spec, { configPath: configFor(given.rule) });
    expect(
      problems.map(({ ruleId, line, column, message, file }) => ({ ruleId, line, column, message, file })),
    ).toEqual(
      want.map((problem) => ({
        ...problem,
        message: expect.stringContaining(problem.message),
        file: given.spec,
      })),
    );
  });
});

describe('fixture set', () => {
  test.each(rules.map((rule) => [rule, { given: rule }] as const))(
    '%s has a passing and a failing case',
    (_name, { given }) => {
      const cases = rows.filter(([, row]) => row.given.rule === given);
      expect(cases.some(([, row]) => row.want.length === 0)).toBe(true);
      expect(cases.some(([, row]) => row.want.length > 0)).toBe(true);
    },
  );

  test.each(rows)('%s: the case name says whether it fails', (_name, { given, want }) => {
    expect(given.fixture.startsWith('pass-') ? 'pass' : 'fail').toBe(want.length === 0 ? 'pass' : 'fail');
  });
});
