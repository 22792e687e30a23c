/**
 * What every command shares: `--help` explains every option and answers before anything heavy
 * loads or anything starts; a wrong command line prints one line naming the mistake and the usage
 * line, exit 2; an unknown command is wrong usage too.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { helpText, runCommand, usageLine, type Command } from '../../src/cli/command.js';
import { COMMANDS, main } from '../../src/cli/main.js';
import { GenerateError, UsageError } from '../../src/shared/errors.js';
import { captureIo } from '../support/io.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const rows = COMMANDS.map((command) => [command.name, command] as const);

describe('--help', () => {
  it('every command has it', () => {
    expect(COMMANDS.map((command) => command.name)).toEqual([
      'generate',
      'diff',
      'import',
      'mock',
      'verify',
      'bench',
      'release',
    ]);
  });

  it.each(rows)(
    '%s: explains every option and argument and each exit code, on stdout, exit 0',
    async (_name, command) => {
      const { io, out, err } = captureIo();
      expect(await runCommand(command, ['--help'], io)).toBe(0);
      const help = out.join('');
      expect(help).toBe(helpText(command));
      expect(help.startsWith(`${usageLine(command)}\n`)).toBe(true);
      for (const [name, option] of Object.entries(command.options)) {
        expect(help).toMatch(
          new RegExp(
            `\\n  --${name}${option.value ? ` ${escape(option.value)}` : ''} +${escape(option.description)}\\n`,
          ),
        );
        // Every option is in the usage line too.
        expect(usageLine(command)).toContain(`--${name}`);
      }
      for (const [argument, text] of Object.entries(command.arguments)) {
        expect(help).toMatch(new RegExp(`\n  ${escape(argument)} +${escape(text)}\n`));
      }
      expect(help).toMatch(/\n  -h, --help +print this help\n/);
      for (const code of ['0', ...Object.keys(command.exits)])
        expect(help).toMatch(new RegExp(`\\n  ${code} +\\S`));
      expect(err).toEqual([]);
    },
  );

  it.each(rows)('%s -h, after a mistake: help wins, exit 0', async (_name, command) => {
    const { io, out, err } = captureIo();
    expect(await runCommand(command, ['--no-such-option', 'x', '-h'], io)).toBe(0);
    expect(out.join('')).toBe(helpText(command));
    expect(err).toEqual([]);
  });
});

describe('a wrong command line', () => {
  it.each(rows)(
    '%s: the mistake, the usage line and where help is, on stderr, exit 2',
    async (_name, command) => {
      const { io, out, err } = captureIo();
      expect(await runCommand(command, ['--no-such-option'], io)).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('')).toBe(
        `error: Unknown option '--no-such-option'\n${usageLine(command)}\n` +
          `(\`npm run ${command.name} -- --help\` explains every option)\n`,
      );
    },
  );

  it.each([['nope'], ['']])('an unknown command "%s": the commands are listed, exit 2', async (name) => {
    const { io, err } = captureIo();
    expect(await main(name === '' ? [] : [name], io)).toBe(2);
    expect(err.join('')).toBe(
      `error: unknown command "${name}": the commands are generate, diff, import, mock, verify, bench, release\n`,
    );
  });
});

describe('an error from the work', () => {
  const failing = (error: unknown): Command => ({
    ...COMMANDS[0]!,
    parse: () => undefined,
    run: () => Promise.reject(error),
  });
  it.each<[string, { given: unknown; want: { code: number; stderr: string | RegExp } }]>([
    [
      'a usage error: after `error:`, exit 2',
      {
        given: new UsageError('--base', '"x" is not a git ref'),
        want: { code: 2, stderr: 'error: --base: "x" is not a git ref\n' },
      },
    ],
    [
      'a finding: as it is, naming its file, exit 1',
      {
        given: new GenerateError({ file: 'specs/a.yaml', line: 3, column: 5 }, 'bad'),
        want: { code: 1, stderr: 'specs/a.yaml:3:5: bad\n' },
      },
    ],
    [
      'a bug: "internal error" and its stack, exit 1',
      {
        given: new TypeError('x is undefined'),
        want: { code: 1, stderr: /^internal error: TypeError: x is undefined\n    at / },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { io, err } = captureIo();
    expect(await runCommand(failing(given), [], io)).toBe(want.code);
    expect(err.join('')).toMatch(
      typeof want.stderr === 'string' ? new RegExp(`^${escape(want.stderr)}$`) : want.stderr,
    );
  });
});

/**
 * The modules `file` loads before it runs anything: its static imports, followed through the
 * project's sources (`import type` and `import()` are not followed: they load nothing up front).
 */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  for (const statement of source.statements) {
    const specifier =
      (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) ||
      (ts.isExportDeclaration(statement) && !statement.isTypeOnly)
        ? statement.moduleSpecifier
        : undefined;
    if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
    if (!specifier.text.startsWith('.')) seen.add(specifier.text);
    else staticImports(resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

describe('before the arguments are parsed', () => {
  // Redocly alone took about 5 s to load, so `diff --help` took 6 s; a command's `run` imports its work.
  it("nothing heavy is loaded: only node: modules and the project's own light ones", () => {
    const loaded = [...staticImports(join(SRC, 'cli', 'main.ts'))];
    const packages = loaded.filter(
      (specifier) => !specifier.startsWith('/') && !specifier.startsWith('node:'),
    );
    expect(packages).toEqual([]);
    expect(loaded.filter((file) => file.startsWith(join(SRC, 'cli'))).length).toBeGreaterThan(5);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
