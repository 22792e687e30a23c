/**
 * The in-process lint stage (`src/pipeline/lint/index.ts`): how it picks rules, reports wrong input, formats
 * problems, and that it reports what `npx redocly lint` reports for the same files.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  formatLintProblem,
  HAS_OWN_PROPERTY_KEY_RULE_ID,
  lintSpec,
  YAML_PARSE_RULE_ID,
  type LintProblem,
} from '../../src/pipeline/lint/index.js';
import { removeDir } from '../support/files.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const PLUGIN = fileURLToPath(new URL('../../src/redocly/plugin.js', import.meta.url));
const REDOCLY_CLI = fileURLToPath(new URL('../../node_modules/@redocly/cli/bin/cli.js', import.meta.url));
const CAMEL_CASE_OK = path.join(FIXTURES, 'operation-id/pass-camel-case/openapi.yaml');
const SNAKE_CASE_ID = path.join(FIXTURES, 'operation-id/fail-not-camel-case/openapi.yaml');

let dir: string;

/** Writes `content` to `name` inside the test's temporary folder and returns its path. */
async function file(name: string, content: string): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
}

function pluginConfig(lines: string[]): string {
  return ['extends: []', `plugins: [${JSON.stringify(PLUGIN)}]`, ...lines, ''].join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lint-stage-'));
});

afterAll(async () => {
  if (dir) await removeDir(dir);
});

describe('lintSpec', () => {
  test('unparseable YAML comes back as a problem with line and column', async () => {
    const spec = await file(
      'broken.yaml',
      'openapi: 3.1.0\ninfo:\n  title: Broken\n  version: 1.0.0\n   bad: [\n',
    );
    expect(await lintSpec(spec)).toEqual([
      {
        file: spec,
        line: 5,
        column: 7,
        severity: 'error',
        ruleId: YAML_PARSE_RULE_ID,
        message: 'bad indentation of a mapping entry',
      },
    ]);
  });

  test('a key named hasOwnProperty, which stops Redocly, comes back as a problem at the key', async () => {
    // Redocly's required-properties rule reads `properties` with `obj.hasOwnProperty(key)`.
    const spec = await file(
      'own-key.yaml',
      [
        'openapi: 3.1.0',
        'info: { title: Own key, version: 1.0.0 }',
        'paths: {}',
        'components:',
        '  schemas:',
        '    Thing:',
        '      type: object',
        '      required: [id]',
        '      properties:',
        '        id: { type: string }',
        '        hasOwnProperty: { type: string }',
        '',
      ].join('\n'),
    );
    const configPath = await file(
      'minimal.yaml',
      'extends: []\nrules:\n  no-required-schema-properties-undefined: error\n',
    );
    expect(await lintSpec(spec, { configPath })).toEqual([
      expect.objectContaining({
        file: spec,
        line: 11,
        column: 9,
        severity: 'error',
        ruleId: HAS_OWN_PROPERTY_KEY_RULE_ID,
      }),
    ]);
  });

  // One config, three copies of a spec with three bad operationIds (lines 8, 13 and 18): the copy
  // `apis` lists gets its per-API rules, the copy in a folder with an ignore file loses the ignored
  // problem, and any other file gets the top-level rules.
  const rulePicking = [
    ['the spec an `apis` entry lists gets its per-API rules', { given: 'listed.yaml', want: [] }],
    ['a spec no `apis` entry lists gets the top-level rules', { given: 'unlisted.yaml', want: [8, 13, 18] }],
    ['problems recorded in the ignore file are left out', { given: 'ignored.yaml', want: [13, 18] }],
  ] as const;

  test.each(rulePicking)('%s', async (_name, { given, want }) => {
    const folder = path.join(dir, 'rule-picking');
    await mkdir(folder, { recursive: true });
    const configPath = path.join(folder, 'redocly.yaml');
    await writeFile(
      configPath,
      pluginConfig([
        'rules:',
        '  voice-agent-sdks/operation-id: error',
        'apis:',
        '  quiet:',
        '    root: listed.yaml',
        '    rules:',
        '      voice-agent-sdks/operation-id: off',
      ]),
    );
    await writeFile(
      path.join(folder, '.redocly.lint-ignore.yaml'),
      "ignored.yaml:\n  voice-agent-sdks/operation-id:\n    - '#/paths/~1agents~1{agent_id}/patch/operationId'\n",
    );
    await copyFile(SNAKE_CASE_ID, path.join(folder, given));
    const problems = await lintSpec(path.join(folder, given), { configPath });
    expect(problems.map(({ line }) => line)).toEqual(want);
  });

  test('problems come sorted by line and column, not in the order rules report them', async () => {
    // The rule reports the `$ref` target (line 26) before the inline branch (line 16).
    const spec = path.join(FIXTURES, 'request-body-closed/fail-allof-branches-open/openapi.yaml');
    const configPath = await file(
      'closed-only.yaml',
      pluginConfig(['rules:', '  voice-agent-sdks/request-body-closed: error']),
    );
    const problems = await lintSpec(spec, { configPath });
    expect(problems.map(({ line, column }) => `${line}:${column}`)).toEqual(['16:19', '26:7']);
  });

  const wrongInput = [
    [
      'a spec that does not exist',
      {
        given: { spec: path.join(FIXTURES, 'missing.yaml'), config: undefined },
        want: /Cannot read spec .*missing\.yaml/,
      },
    ],
    [
      'a config that does not exist',
      {
        given: { spec: CAMEL_CASE_OK, config: { path: path.join(FIXTURES, 'nope.yaml') } },
        want: /Cannot load lint config .*nope\.yaml/,
      },
    ],
    [
      'a config with a misspelt built-in rule',
      {
        given: { spec: CAMEL_CASE_OK, config: { text: pluginConfig(['rules:', '  info-licence: off']) } },
        want: /Invalid lint config [\s\S]*:4:3 error configuration struct: Property `info-licence` is not expected here/,
      },
    ],
    [
      'a config with a misspelt plugin rule',
      {
        given: {
          spec: CAMEL_CASE_OK,
          config: { text: pluginConfig(['rules:', '  voice-agent-sdks/operation-ids: error']) },
        },
        want: /configures rules that no preset or plugin defines for .*: voice-agent-sdks\/operation-ids/,
      },
    ],
  ] as const;

  test.each(wrongInput)('%s is a clear error', async (name, { given, want }) => {
    const config = given.config;
    const configPath =
      config === undefined
        ? undefined
        : 'path' in config
          ? config.path
          : await file(`${name.replaceAll(' ', '-')}.yaml`, config.text);
    await expect(lintSpec(given.spec, configPath ? { configPath } : {})).rejects.toThrow(want);
  });
});

describe('config loading', () => {
  test('a config that failed to load is read again on the next call, once corrected', async () => {
    const configPath = path.join(dir, 'corrected.yaml');
    await writeFile(configPath, pluginConfig(['rules:', '  info-licence: off']));
    await expect(lintSpec(SNAKE_CASE_ID, { configPath })).rejects.toThrow(/Invalid lint config/);

    await writeFile(configPath, pluginConfig(['rules:', '  voice-agent-sdks/operation-id: error']));

    expect((await lintSpec(SNAKE_CASE_ID, { configPath })).map(({ line }) => line)).toEqual([8, 13, 18]);
  });
});

describe('formatLintProblem', () => {
  const problem: LintProblem = {
    file: path.join(process.cwd(), 'specs', 'diga.yaml'),
    line: 12,
    column: 5,
    severity: 'error',
    ruleId: 'voice-agent-sdks/request-body-closed',
    message: 'Close it.',
  };
  const rows = [
    [
      'a file under the cwd is relative',
      { given: problem, want: 'specs/diga.yaml:12:5 error voice-agent-sdks/request-body-closed: Close it.' },
    ],
    [
      'a warning says so',
      {
        given: { ...problem, severity: 'warning', ruleId: 'no-unused-components' } as const,
        want: 'specs/diga.yaml:12:5 warning no-unused-components: Close it.',
      },
    ],
    [
      'a file elsewhere is relative too',
      {
        given: { ...problem, file: path.resolve(process.cwd(), '..', 'other.yaml') },
        want: '../other.yaml:12:5 error voice-agent-sdks/request-body-closed: Close it.',
      },
    ],
  ] as const;

  test.each(rows)('%s', (_name, { given, want }) => {
    expect(formatLintProblem(given)).toBe(want);
  });
});

describe('agreement with `npx redocly lint`', () => {
  const specs = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('openapi.yaml'))
    .map((entry) => path.join(FIXTURES, entry))
    .sort();

  test('every fixture gives the same problems in-process as through the CLI', async () => {
    // Every plugin rule and a few built-in ones, one of them as a warning, so both severities show up.
    const configPath = await file(
      'agreement.yaml',
      pluginConfig([
        'rules:',
        '  voice-agent-sdks/request-body-closed: error',
        '  voice-agent-sdks/doc-discrepancies: error',
        '  voice-agent-sdks/operation-id: warn',
        '  operation-summary: warn',
        '  no-unused-components: error',
      ]),
    );
    // The CLI's process runs while the stage lints in this one.
    const cliRun = lintWithCli(specs, configPath);
    cliRun.catch(() => undefined);
    const inProcess = (await Promise.all(specs.map((spec) => lintSpec(spec, { configPath })))).flat();
    const viaCli = await cliRun;
    // The stage completes Redocly's message (the `$ref` it could not find, the value it refused) after
    // Redocly's own words: the same problems, each message starting with the CLI's.
    const key = (problem: LintProblem) => formatLintProblem(problem);
    const sorted = (problems: LintProblem[]) => [...problems].sort((a, b) => key(a).localeCompare(key(b)));
    const cli = sorted(viaCli);
    const ours = sorted(inProcess);
    expect(
      ours.map((problem, index) => ({
        ...problem,
        message: problem.message.slice(0, cli[index]?.message.length),
      })),
    ).toEqual(cli);
    expect(new Set(inProcess.map(({ severity }) => severity))).toEqual(new Set(['error', 'warning']));
  });
});

interface CliReport {
  problems: {
    ruleId: string;
    severity: 'error' | 'warn';
    message: string;
    location: { source: { ref: string }; start: { line: number; col: number } }[];
  }[];
}

/** Runs the Redocly CLI on `specs` and returns its problems as `LintProblem`s. */
function lintWithCli(specs: string[], configPath: string): Promise<LintProblem[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [REDOCLY_CLI, 'lint', ...specs, '--config', configPath, '--format', 'json'],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Exit code 1 only means "problems found"; anything without a report is a real failure.
        if (!stdout.trim()) {
          reject(new Error(`redocly lint printed no report (${error?.message ?? 'no error'}):\n${stderr}`));
          return;
        }
        // The json format prints one report per file, back to back.
        const reports = JSON.parse(
          `[${stdout.trim().replace(/\}\s*\{(?=\s*"totals")/g, '},{')}]`,
        ) as CliReport[];
        resolve(
          reports.flatMap((report) =>
            report.problems.map((problem) => {
              const where = problem.location[0];
              return {
                file: path.resolve(where?.source.ref ?? ''),
                line: where?.start.line ?? 1,
                column: where?.start.col ?? 1,
                severity: problem.severity === 'warn' ? 'warning' : 'error',
                ruleId: problem.ruleId,
                message: problem.message,
              };
            }),
          ),
        );
      },
    );
  });
}
