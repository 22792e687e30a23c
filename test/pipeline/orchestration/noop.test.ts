/**
 * The no-op record (src/pipeline/orchestration/noop.ts, src/shared/noop-record.cjs): a run that
 * finds nothing to do records what it printed and what it read, and the record answers the same
 * command line only while every input is as it was. Each row changes one input of a recorded
 * project and checks that the record no longer answers; the first checks that its answer is what
 * the run printed. test/cli/noop.test.ts runs the launcher itself.
 */
import { cp, mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GenerateOverrides } from '../../../src/pipeline/orchestration/context.js';
import { NOOP_RECORD, noopKey, recordedNoop } from '../../../src/shared/noop-record.cjs';
import {
  copyTree,
  generate,
  HERE,
  PROJECT_ROOT,
  removeTemporaryDirs,
  temporaryDir,
  temporaryProject,
  writeProjectConfig,
} from '../helpers.js';

afterAll(removeTemporaryDirs);
afterEach(() => {
  vi.unstubAllEnvs();
});

/** The command line every project is recorded for. */
const ARGV = ['generate', '--no-docs'];
const BUILD = 'build-1';

/** A modification time a test can set again exactly. */
const WHOLE_SECOND = 1_700_000_000;

/** Ping, its response's schema in a file outside `specs/` (a manifest input no folder covers). */
const PING = (await readFile(join(HERE, 'fixtures', 'minimal', 'ping.yaml'), 'utf8')).replace(
  '          description: Pong.',
  "          description: Pong.\n          content:\n            application/json:\n              schema:\n                $ref: '../schemas/pong.yaml'",
);
const PONG_SCHEMA = 'type: object\nproperties:\n  ok:\n    type: boolean\n';

/**
 * What a project generates with: itself as the generator (a copy of the repository's `src/` and
 * package.json, so that a row may change them) and its own redocly.yaml. Its caches are the
 * repository's, as for the other pipeline tests: the stub runtime is compiled there already (the
 * same sources make the same generator), not again for each run of this file (a second of CPU).
 */
const projectOverrides = (root: string): GenerateOverrides => ({
  generatorDir: root,
  configPath: join(root, 'redocly.yaml'),
  cacheDir: join(PROJECT_ROOT, '.cache', 'generate'),
});

/** A project with ping generated once; each test works on a copy. */
let pristine: string;

beforeAll(async () => {
  pristine = await temporaryProject({ 'ping.yaml': PING });
  await mkdir(join(pristine, 'schemas'));
  await mkdir(join(pristine, 'specs', 'history'));
  await writeFile(join(pristine, 'schemas', 'pong.yaml'), PONG_SCHEMA);
  await writeProjectConfig(pristine, ['ping']);
  await copyTree(join(PROJECT_ROOT, 'src'), join(pristine, 'src'));
  await cp(join(PROJECT_ROOT, 'package.json'), join(pristine, 'package.json'));
  const result = await generate(pristine, projectOverrides(pristine));
  expect(result.code, result.output).toBe(0);
});

/** A recorded copy that a test left as it was: its record still answers `ARGV` from `BUILD`. */
let unchanged: { root: string; printed: string[] } | undefined;

/**
 * A copy of the pristine project, whose no-op run (of `ARGV`) is recorded: resolves what it printed.
 * The one a test gave back unchanged (`giveBack`), if any: a row that only asks the record another
 * question (another command line, build or environment) changes nothing.
 */
async function recordedCopy(): Promise<{ root: string; printed: string[] }> {
  const reused = unchanged;
  unchanged = undefined;
  return reused ?? newRecordedCopy();
}

/** Gives back a copy `recordedCopy` resolved: the next test's, if its record still answers. */
function giveBack(copy: { root: string; printed: string[] }): void {
  if (recordedNoop(copy.root, ARGV, BUILD) !== undefined) unchanged = copy;
}

async function newRecordedCopy(): Promise<{ root: string; printed: string[] }> {
  const root = await temporaryDir('noop-');
  await copyTree(pristine, root);
  await utimes(join(root, 'specs', 'ping.yaml'), WHOLE_SECOND, WHOLE_SECOND);
  const run = await generate(root, {
    ...projectOverrides(root),
    // As if the process had started a minute from now: every file counts as settled.
    noopRecord: { key: noopKey(ARGV), build: BUILD, startedAt: Date.now() + 60_000 },
  });
  expect(run.code, run.output).toBe(0);
  expect(run.info.at(-1)).toMatch(/^✔ 0 generated, 1 unchanged; no file changed \(\d+ ms\)$/);
  return { root, printed: run.info };
}

/** A change to a recorded project; what it resolves is asked of the record instead of `ARGV` from `BUILD`. */
type Change = (root: string) => Promise<{ argv?: string[]; build?: string } | void>;

const editSpec = async (root: string) => {
  const path = join(root, 'specs', 'ping.yaml');
  await writeFile(path, (await readFile(path, 'utf8')).replace('summary: Ping', 'summary: Pong'));
  await utimes(path, WHOLE_SECOND, WHOLE_SECOND);
};

describe('the no-op record', () => {
  it('answers the command line it was recorded for with what the run printed', async () => {
    const copy = await recordedCopy();
    const { root, printed } = copy;

    expect(recordedNoop(root, ARGV, BUILD)).toEqual({
      lines: printed.slice(0, -1),
      summary: printed.at(-1)!.replace(/ \(\d+ ms\)$/, ''),
    });
    giveBack(copy);
  });

  it.each<[string, Change]>([
    ['a spec edited, its size and modification time kept', editSpec],
    [
      'a spec touched, its bytes unchanged',
      (root) => utimes(join(root, 'specs', 'ping.yaml'), new Date(), new Date()),
    ],
    [
      'a spec replaced by a file with the same bytes and times',
      async (root) => {
        const path = join(root, 'specs', 'ping.yaml');
        await writeFile(`${path}.new`, await readFile(path));
        await utimes(`${path}.new`, WHOLE_SECOND, WHOLE_SECOND);
        await rename(`${path}.new`, path);
      },
    ],
    ['a spec deleted', (root) => rm(join(root, 'specs', 'ping.yaml'))],
    ['a spec added', (root) => writeFile(join(root, 'specs', 'pong.yaml'), PING)],
    [
      'a file added to a folder in specs/',
      (root) => writeFile(join(root, 'specs', 'history', 'ping-0.0.1.yaml'), PING),
    ],
    [
      'a file the spec references, outside specs/, edited',
      (root) => writeFile(join(root, 'schemas', 'pong.yaml'), `${PONG_SCHEMA}required: [ok]\n`),
    ],
    ['redocly.yaml edited', (root) => writeFile(join(root, 'redocly.yaml'), '\n', { flag: 'a' })],
    ['package.json edited', (root) => writeFile(join(root, 'package.json'), '\n', { flag: 'a' })],
    [
      'a source of the generator edited',
      (root) => writeFile(join(root, 'src', 'pipeline', 'orchestration', 'generate.ts'), '\n', { flag: 'a' }),
    ],
    [
      'a source of the generator added',
      (root) => writeFile(join(root, 'src', 'model', 'new.ts'), 'export {};\n'),
    ],
    [
      'a generated file edited',
      (root) => writeFile(join(root, 'generated', 'ping', 'index.js'), '\n', { flag: 'a' }),
    ],
    ['a generated file deleted', (root) => rm(join(root, 'generated', 'ping', 'index.js'))],
    [
      'a file added to a package',
      (root) => writeFile(join(root, 'generated', 'ping', 'notes.txt'), 'hand-written\n'),
    ],
    [
      'the manifest edited',
      (root) => writeFile(join(root, 'generated', 'ping', '.generated.json'), '\n', { flag: 'a' }),
    ],
    [
      'a write left unfinished by a killed run',
      async (root) => {
        await mkdir(join(root, 'generated', '.generate-99999', 'old'), { recursive: true });
      },
    ],
    ['--force', async () => ({ argv: [...ARGV, '--force'] })],
    ['--check', async () => ({ argv: [...ARGV, '--check'] })],
    ['an API named', async () => ({ argv: ['generate', 'ping', '--no-docs'] })],
    ['without --no-docs', async () => ({ argv: ['generate'] })],
    ['another build of the command line', async () => ({ build: 'build-2' })],
    [
      'NO_COLOR set',
      async () => {
        vi.stubEnv('NO_COLOR', '1');
      },
    ],
  ])('no longer answers once %s', async (_, change) => {
    const copy = await recordedCopy();
    const { root } = copy;
    expect(recordedNoop(root, ARGV, BUILD)).toBeDefined();

    const asked = (await change(root)) ?? {};

    expect(recordedNoop(root, asked.argv ?? ARGV, asked.build ?? BUILD)).toBeUndefined();
    giveBack(copy);
  });

  it('is not written when the files changed shortly before the run started', async () => {
    const root = await temporaryDir('noop-');
    // Every file of the copy is new.
    await copyTree(pristine, root);
    const run = await generate(root, {
      ...projectOverrides(root),
      noopRecord: { key: noopKey(ARGV), build: BUILD, startedAt: Date.now() },
    });

    expect(run.info.at(-1)).toMatch(/^✔ 0 generated, 1 unchanged; no file changed/);
    await expect(readFile(join(root, NOOP_RECORD))).rejects.toThrow(/ENOENT/);
  });

  it.each<[string, GenerateOverrides]>([
    ['--check', { mode: 'check' }],
    ['--force', { force: true }],
  ])('is not written by a run with %s', async (_, overrides) => {
    const root = await temporaryDir('noop-');
    await copyTree(pristine, root);
    const run = await generate(root, {
      ...projectOverrides(root),
      ...overrides,
      noopRecord: { key: noopKey(ARGV), build: BUILD, startedAt: Date.now() + 60_000 },
    });
    expect(run.code, run.output).toBe(0);
    await expect(readFile(join(root, NOOP_RECORD))).rejects.toThrow(/ENOENT/);
  });

  it.each<[string, (record: Record<string, unknown>) => unknown]>([
    ['not JSON', () => '{ not json'],
    ['of another format', (record) => ({ ...record, format: 0 })],
    ['of another project', (record) => ({ ...record, root: '/another/project' })],
    ['with lines that are not text', (record) => ({ ...record, lines: [1] })],
    ['without files', (record) => ({ ...record, files: null })],
  ])('answers nothing when the record is %s', async (_, rewrite) => {
    const { root } = await recordedCopy();
    expect(recordedNoop(root, ARGV, BUILD)).toBeDefined();
    const path = join(root, NOOP_RECORD);
    const rewritten = rewrite(JSON.parse(await readFile(path, 'utf8')));
    await writeFile(path, typeof rewritten === 'string' ? rewritten : JSON.stringify(rewritten));

    expect(recordedNoop(root, ARGV, BUILD)).toBeUndefined();
  });
});
