/**
 * The launcher's answer to a no-op (`scripts/cli.cjs`, src/shared/noop-record.cjs), as `npm run`
 * starts it, in copies of the repository: a `generate` that found nothing to do is recorded, and the
 * same command line is then answered from the record, printing what the command line printed,
 * without loading the bundles (by `scripts/cli.cjs` itself, or by the launcher once it has hashed a
 * build input whose stat changed); a changed input or argument runs the command line. Whether the
 * bundles were loaded is told by their code cache, which a run that loads them writes when there
 * is none. test/pipeline/orchestration/noop.test.ts covers each kind of input in-process.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledBuild } from '../../src/cli/compiled/launch.cjs';
import { SETTLED_MS } from '../../src/shared/file-stat.cjs';
import { NOOP_RECORD } from '../../src/shared/noop-record.cjs';
import { copyTree, PROJECT_ROOT, removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

const execFileAsync = promisify(execFile);
afterAll(removeTemporaryDirs);

/** Recorded in every copy: without reference pages, which the copies leave out (megabytes each). */
const ARGV = ['generate', '--no-docs'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(root: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [join(root, 'scripts/cli.cjs'), ...args],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * A copy of the repository with its packages (but their reference pages) and the command line's
 * build, without `vendor.cjs` (a no-op does not load it), with the code caches of `cli.cjs` that the
 * repository's runs wrote (for the first run, which then need not compile it: see `dropCodeCaches`).
 */
async function copyWithBuild(build: string): Promise<{ root: string; bundleLoaded: () => Promise<boolean> }> {
  const root = join(await temporaryDir('noop-cli-'), 'checkout');
  await mkdir(root);
  // File by file (`copyTree`): fs.cp took about twice the CPU.
  await Promise.all([
    ...['src', 'scripts', 'specs'].map((dir) => copyTree(join(PROJECT_ROOT, dir), join(root, dir))),
    ...['package.json', 'redocly.yaml'].map((file) => copyFile(join(PROJECT_ROOT, file), join(root, file))),
    copyPackages(join(PROJECT_ROOT, 'generated'), join(root, 'generated')),
  ]);
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  const id = build.split(/[\\/]/).pop()!;
  const copy = join(root, '.cache', 'cli', id);
  await mkdir(copy, { recursive: true });
  for (const file of ['cli.cjs', 'inputs.json']) await copyFile(join(build, file), join(copy, file));
  for (const file of ['cli.cjs.cache', 'cli.cjs.light.cache'])
    if (existsSync(join(build, file))) await copyFile(join(build, file), join(copy, file));
  await writeFile(join(root, '.cache', 'cli', 'latest'), id);
  return {
    root,
    bundleLoaded: async () =>
      (await readdir(copy)).some((file) => file.startsWith('cli.cjs.') && file.endsWith('.cache')),
  };
}

/** The packages of `generated/` but their reference pages (`<api>/docs/`). */
async function copyPackages(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const api of await readdir(from)) {
    if (!(await stat(join(from, api))).isDirectory()) {
      await copyFile(join(from, api), join(to, api));
      continue;
    }
    await mkdir(join(to, api));
    await Promise.all(
      (await readdir(join(from, api), { withFileTypes: true }))
        .filter((entry) => entry.name !== 'docs')
        .map((entry) =>
          entry.isDirectory()
            ? copyTree(join(from, api, entry.name), join(to, api, entry.name))
            : copyFile(join(from, api, entry.name), join(to, api, entry.name)),
        ),
    );
  }
}

/** Until every file written so far has settled: only then is a no-op recorded. */
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLED_MS + 200));

/** Drops the code caches of a copy's build: the next run that loads the bundle writes one again. */
async function dropCodeCaches(root: string): Promise<void> {
  const dir = join(
    root,
    '.cache',
    'cli',
    (await readFile(join(root, '.cache', 'cli', 'latest'), 'utf8')).trim(),
  );
  for (const file of await readdir(dir)) if (file.endsWith('.cache')) await rm(join(dir, file));
}

const withoutTimes = (text: string) => text.replace(/\(\d+ ms\)/g, '(… ms)');

interface Row {
  /** What changes in a copy whose run of `ARGV` was recorded. */
  change: (root: string) => Promise<void>;
  /** The command line then run, and its environment's difference. */
  argv: string[];
  env?: Record<string, string>;
  /** Whether the launcher answers it from the record. */
  answered: boolean;
}

const rows: [string, Row][] = [
  ['nothing changed', { change: async () => {}, argv: ARGV, answered: true }],
  [
    'a spec touched, its bytes unchanged',
    {
      change: (root) => utimes(join(root, 'specs', 'diga.yaml'), new Date(), new Date()),
      argv: ARGV,
      answered: false,
    },
  ],
  [
    'a hidden file added to specs/ (no spec: the command line still finds nothing to do)',
    {
      change: (root) => writeFile(join(root, 'specs', '.draft.yaml'), 'draft\n'),
      argv: ARGV,
      answered: false,
    },
  ],
  [
    'a source of another command touched, its bytes unchanged (the launcher hashes it, then answers)',
    {
      change: (root) => utimes(join(root, 'src', 'mock', 'api.ts'), new Date(), new Date()),
      argv: ARGV,
      answered: true,
    },
  ],
  ['an API named', { change: async () => {}, argv: ['generate', 'diga', '--no-docs'], answered: false }],
  ['--check', { change: async () => {}, argv: [...ARGV, '--check'], answered: false }],
  ['NO_COLOR changed', { change: async () => {}, argv: ARGV, env: { NO_COLOR: '' }, answered: false }],
];

describe('scripts/cli.cjs generate, recorded with nothing to do', () => {
  /** A copy per row, its `ARGV` run recorded, and what that run printed. */
  const copies: { root: string; bundleLoaded: () => Promise<boolean>; printed: string }[] = [];

  beforeAll(async () => {
    const build = await compiledBuild(PROJECT_ROOT);
    const made = await Promise.all(rows.map(() => copyWithBuild(build)));
    await settle();
    // Each copy's first run loads the bundle and records.
    const runs = await Promise.all(made.map(({ root }) => cli(root, ARGV)));
    for (const [index, copy] of made.entries()) {
      const run = runs[index]!;
      expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
      expect(existsSync(join(copy.root, NOOP_RECORD))).toBe(true);
      await dropCodeCaches(copy.root);
      copies.push({ ...copy, printed: run.stdout });
    }
  });

  it.each(rows.map(([name, row], index) => [name, row, index] as const))(
    '%s',
    async (_, { change, argv, env, answered }, index) => {
      const { root, bundleLoaded, printed } = copies[index]!;
      await change(root);

      const run = await cli(root, argv, env);

      expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
      expect(await bundleLoaded()).toBe(!answered);
      if (answered) expect(withoutTimes(run.stdout)).toBe(withoutTimes(printed));
    },
  );
});

describe("the record key's terminal", () => {
  // A child that prints both: `process.stdout` made last, as the launcher never makes it.
  const PRINT = `const { noopKey } = require(${JSON.stringify(join(PROJECT_ROOT, 'src/shared/noop-record.cjs'))});
const tty = noopKey([]).tty;
require('node:fs').writeSync(2, JSON.stringify([tty, process.stdout.isTTY === true]));`;

  it.each<[string, string]>([
    ['a pipe', 'cat'],
    ['a file', `cat > "$TMPFILE"`],
    ['/dev/null (a character device, not a terminal)', '> /dev/null'],
  ])('is false for %s, as process.stdout.isTTY', async (_, redirect) => {
    const dir = await temporaryDir('noop-tty-');
    const { stderr } = await execFileAsync(
      'sh',
      ['-c', `"$NODE" -e "$PRINT" ${redirect.startsWith('>') ? redirect : `| ${redirect}`}`],
      { env: { ...process.env, NODE: process.execPath, PRINT, TMPFILE: join(dir, 'out') } },
    );

    expect(JSON.parse(stderr)).toEqual([false, false]);
  });

  it('is true for a terminal, as process.stdout.isTTY', async () => {
    // util-linux `script` runs the command on a new pseudo-terminal.
    const { stdout } = await execFileAsync('script', ['-qec', `"$NODE" -e "$PRINT" 2>&1`, '/dev/null'], {
      env: { ...process.env, NODE: process.execPath, PRINT },
    });

    expect(JSON.parse(stdout.trim())).toEqual([true, true]);
  });
});
