/**
 * `npm run diff` in-process on temporary projects, through the command line as `npm run` runs it:
 * an error it prints is a line naming the place, never "internal error" and a stack trace.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/cli/command.js';
import { diff as diffCommand } from '../../../src/cli/commands/index.js';
import { lineReporter } from '../../../src/shared/command-io.js';
import { resolveContext } from '../../../src/pipeline/orchestration/context.js';
import { handleDiff } from '../../../src/pipeline/orchestration/diff.js';
import { GenerateError, GenerateErrors } from '../../../src/shared/errors.js';
import { loadSpec } from '../../../src/pipeline/load/index.js';
import { captureIo } from '../../support/io.js';
import {
  copyTree,
  generate,
  HERE,
  PROJECT_CONFIG,
  removeTemporaryDirs,
  temporaryProject,
} from '../helpers.js';

afterAll(removeTemporaryDirs);

const CORPUS = join(HERE, 'broken-specs');
const PING = join(HERE, 'fixtures', 'minimal', 'ping.yaml');

let generatedPing: Promise<string> | undefined;
/**
 * A project of its own with the ping spec, generated: the first run that most tests here start
 * from (a first release of ping, history replay and all) made once for the file, then copied.
 */
async function copyOfGeneratedPing(): Promise<string> {
  const pristine = await (generatedPing ??= (async () => {
    const root = await temporaryProject({ 'ping.yaml': await readFile(PING) });
    const result = await generate(root);
    expect(result.code, result.output).toBe(0);
    return root;
  })());
  const root = await temporaryProject({});
  await copyTree(join(pristine, 'specs'), join(root, 'specs'));
  await copyTree(join(pristine, 'generated'), join(root, 'generated'));
  return root;
}

/**
 * `npm run diff -- <argv>` in `root`: the exit code, and what it printed (a chunk each; each error
 * line apart). The command as `npm run` runs it, but for the project it works on.
 */
async function diff(
  root: string,
  argv: string[],
): Promise<{ code: number; info: string[]; errors: string[] }> {
  const { io, out, err } = captureIo();
  const command = {
    ...diffCommand,
    run: (args: Parameters<typeof handleDiff>[0]) =>
      handleDiff(
        args,
        resolveContext({
          rootDir: root,
          configPath: PROJECT_CONFIG,
          color: false,
          reporter: lineReporter(io),
        }),
      ),
  };
  const code = await runCommand(command, argv, io);
  const chunk = (text: string) => text.replace(/\n$/, '');
  return { code, info: out.map(chunk), errors: err.flatMap((text) => chunk(text).split('\n')) };
}

/** The broken-spec cases the loader rejects, with its messages (what `generate` prints). */
const unloadable = (
  await Promise.all(
    readdirSync(CORPUS)
      .sort()
      .map(async (name) => {
        const spec = join(CORPUS, name, 'broken.yaml');
        if (!existsSync(spec)) return undefined;
        const error = await loadSpec(spec, 'specs/broken.yaml').then(
          () => undefined,
          (caught: unknown) => caught,
        );
        if (error instanceof GenerateErrors) return [name, error.errors.map((each) => each.message)] as const;
        if (error instanceof GenerateError) return [name, [error.message]] as const;
        return undefined;
      }),
  )
).filter((row) => row !== undefined);

describe('a spec that does not load', () => {
  it('the corpus has such cases (YAML errors, duplicate keys, empty files, not OpenAPI)', () => {
    expect(unloadable.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'empty-file',
        'yaml-duplicate-key',
        'yaml-unclosed-quote',
        'not-openapi-scalar',
      ]),
    );
  });

  it.each(unloadable)('%s: reported as generate reports it', async (name, want) => {
    const root = await temporaryProject({});
    await cp(join(CORPUS, name), join(root, 'specs'), { recursive: true });
    await rm(join(root, 'specs', 'expected.json'));

    const result = await diff(root, ['broken']);

    expect(result.code).toBe(1);
    expect(result.errors).toEqual(want);
  });
});

describe('naming the API', () => {
  it.each<[string, { given: string[]; want: string }]>([
    ['a misspelt API', { given: ['pnig'], want: 'error: unknown API "pnig": known APIs are ping, shop' }],
    [
      'a history file, which is no API',
      {
        given: ['history/ping-0.9.0'],
        want: 'error: unknown API "history/ping-0.9.0": known APIs are ping, shop',
      },
    ],
  ])('%s: the known APIs are listed, exit 2', async (_, { given, want }) => {
    const ping = await readFile(PING, 'utf8');
    const root = await temporaryProject({
      'ping.yaml': ping,
      'shop.yaml': ping.replace('/ping', '/shop'),
      'history/ping-0.9.0.yaml': ping,
    });

    const result = await diff(root, given);

    expect(result.code).toBe(2);
    expect(result.errors[0]).toBe(want);
  });
});

describe('what it needs', () => {
  it.each<[string, { given: { argv: string[]; generated: boolean }; want: string }]>([
    ['no API', { given: { argv: [], generated: true }, want: 'error: which API? Give its name' }],
    [
      'two APIs',
      { given: { argv: ['ping', 'ping'], generated: true }, want: 'error: unexpected argument "ping"' },
    ],
    [
      'an API without a spec',
      {
        given: { argv: ['pong'], generated: true },
        want: 'error: unknown API "pong": known APIs are ping',
      },
    ],
  ])('%s: one line saying so, exit 2', async (_, { given, want }) => {
    const root = given.generated
      ? await copyOfGeneratedPing()
      : await temporaryProject({ 'ping.yaml': await readFile(PING) });

    const result = await diff(root, given.argv);

    expect(result.code).toBe(2);
    expect(result.errors[0]).toBe(want);
  });
});

describe('an API whose package is missing', () => {
  it.each<[string, { given: (root: string) => Promise<void>; want: { code: number; first: unknown } }]>([
    [
      'a new spec, never generated',
      {
        given: async (root) => {
          const ping = await readFile(join(root, 'specs', 'ping.yaml'), 'utf8');
          await writeFile(join(root, 'specs', 'pong.yaml'), ping.replace('/ping', '/pong'));
        },
        want: {
          code: 0,
          first: expect.stringMatching(/^specs\/pong\.yaml has no package yet: .* starting at 1\.0\.0/),
        },
      },
    ],
    [
      'a package that lost its openapi.json',
      {
        given: async (root) => {
          await writeFile(join(root, 'specs', 'pong.yaml'), await readFile(join(root, 'specs', 'ping.yaml')));
          await mkdir(join(root, 'generated', 'pong'), { recursive: true });
        },
        want: {
          code: 1,
          first: expect.stringMatching(/^generated\/pong\/openapi\.json: cannot read .*; generate it first/),
        },
      },
    ],
  ])('%s', async (_, { given, want }) => {
    const root = await copyOfGeneratedPing();
    await given(root);

    const result = await diff(root, ['pong']);

    expect(result.code).toBe(want.code);
    expect([...result.errors, ...result.info][0]).toEqual(want.first);
  });
});

describe('a package whose version is not semver', () => {
  it('the report, then the package.json named as the place to fix, exit 1 (it was a stack trace)', async () => {
    const root = await copyOfGeneratedPing();
    const manifest = join(root, 'generated', 'ping', 'package.json');
    await writeFile(
      manifest,
      (await readFile(manifest, 'utf8')).replace(/"version": "[^"]+"/, '"version": "banana"'),
    );

    const result = await diff(root, ['ping']);

    expect(result.code).toBe(1);
    expect(result.info.join('\n')).toContain('No changes.');
    expect(result.errors).toEqual([
      'generated/ping/package.json: current version "banana" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)',
    ]);
  });
});

describe('compares with the spec the package was generated from', () => {
  it.each<[string, { given: (spec: string) => string; want: RegExp }]>([
    ['no change', { given: (spec) => spec, want: /No changes\.\n*\nPackage version: 1\.0\.0 → 1\.0\.0/ }],
    [
      'a summary changed: documentation, the next patch',
      {
        given: (spec) => spec.replace('summary: Ping', 'summary: Ping it'),
        want: /Documentation \(1\):\n.*`summary` changed\n*\nPackage version: 1\.0\.0 → 1\.0\.1/,
      },
    ],
  ])('%s', async (_, { given, want }) => {
    const spec = await readFile(PING, 'utf8');
    const root = await copyOfGeneratedPing();
    await writeFile(join(root, 'specs', 'ping.yaml'), given(spec));

    const result = await diff(root, ['ping']);

    expect(result).toMatchObject({ code: 0, errors: [] });
    expect(result.info.join('\n')).toMatch(want);
  });
});

describe('a spec that fails lint', () => {
  it('is still compared, then refused as generate refuses it: file:line:column, exit 1', async () => {
    const spec = await readFile(PING, 'utf8');
    const root = await copyOfGeneratedPing();
    await writeFile(
      join(root, 'specs', 'ping.yaml'),
      spec.replace('operationId: ping', 'operationId: ping_it'),
    );

    const result = await diff(root, ['ping']);
    const generated = await generate(root);

    expect(result.code).toBe(1);
    expect(result.info.join('\n')).toMatch(
      /operationId changed from `ping` to `ping_it`[\s\S]*Package version: 1\.0\.0 → 2\.0\.0\n*\nspecs\/ping\.yaml fails lint: `npm run generate` refuses it until this is fixed\./,
    );
    expect(result.errors).toEqual([
      expect.stringMatching(/^specs\/ping\.yaml:11:\d+: error voice-agent-sdks\/operation-id: /),
    ]);
    // The same words as generate's, which is what the maintainer will see next.
    expect(generated.code).toBe(1);
    expect(generated.errors.join('\n')).toContain(result.errors[0]!);
  });
});

describe('--base <git ref>', () => {
  /**
   * A repository whose first commit (`before-specs`) has no specs/, and whose second has ping; made
   * once for the tests below (eight git processes), which only read it.
   */
  let made: Promise<string> | undefined;
  const repository = (): Promise<string> => (made ??= makeRepository());
  const makeRepository = async (): Promise<string> => {
    const spec = await readFile(PING, 'utf8');
    const root = await temporaryProject({});
    const git = (...args: string[]) =>
      promisify(execFile)('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
        cwd: root,
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      });
    await git('init', '--quiet');
    await writeFile(join(root, '.gitignore'), 'node_modules\n');
    await git('add', '.gitignore');
    await git('commit', '--quiet', '-m', 'no specs yet');
    await git('tag', 'before-specs');
    await mkdir(join(root, 'specs'));
    await writeFile(join(root, 'specs', 'ping.yaml'), spec);
    await git('add', 'specs');
    await git('commit', '--quiet', '-m', 'ping');
    await git('tag', 'with-ping');
    await writeFile(join(root, 'specs', 'ping.yaml'), spec.replace('summary: Ping', 'summary: Ping it'));
    return root;
  };

  it.each<[string, { given: string[]; want: { code: number; first: string | RegExp } }]>([
    [
      'a ref from before the specs folder existed',
      {
        given: ['ping', '--base', 'before-specs'],
        want: { code: 2, first: 'error: --base: specs/ping.yaml did not exist at git ref "before-specs"' },
      },
    ],
    [
      'an empty ref',
      { given: ['ping', '--base='], want: { code: 2, first: 'error: --base: expected a git ref, got ""' } },
    ],
    [
      'a ref that does not exist',
      {
        given: ['ping', '--base', 'no-such-ref'],
        want: { code: 2, first: 'error: --base: "no-such-ref" is not a git ref of this repository' },
      },
    ],
    [
      'a ref with the spec',
      {
        given: ['ping', '--base', 'with-ping'],
        want: { code: 0, first: 'specs/ping.yaml compared with specs/ping.yaml at with-ping:\n' },
      },
    ],
  ])('%s', async (_, { given, want }) => {
    const root = await repository();

    const result = await diff(root, given);

    expect(result.code).toBe(want.code);
    expect([...result.errors, ...result.info][0]).toEqual(want.first);
  });
});
