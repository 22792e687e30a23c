/**
 * `recordedAnswer` (src/cli/compiled/noop-answer.cjs), what `scripts/cli.cjs` answers before the
 * launcher loads, on a bare folder with a build's record of its inputs and a no-op record: it
 * answers only while the record does and every input of the last build has the stat recorded for
 * it; anything else is left to the launcher (test/cli/noop.test.ts runs both as processes).
 */
import { mkdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordedAnswer } from '../../src/cli/compiled/noop-answer.cjs';
import { statKey } from '../../src/shared/file-stat.cjs';
import { NOOP_RECORD, noopKey, writeNoopRecord } from '../../src/shared/noop-record.cjs';
import { removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);

const ARGV = ['generate', '--no-docs'];
const BUILD = 'build-1';
const ANSWER = { lines: ['· [1/1] a  unchanged'], summary: '✔ 0 generated, 1 unchanged; no file changed' };

/** A file the build and the record both read, one only the build read (as `src/mock/` is). */
const SHARED = 'src/generator.ts';
const BUILD_ONLY = 'src/other-command.ts';

/**
 * A project whose last build (`BUILD`) recorded its inputs' stats, and whose no-op record of `ARGV`
 * names the shared file; `inputs` changes the build's record before it is written.
 */
async function project(
  inputs: (files: Record<string, { stat: string; sha256: string }>) => void = () => {},
  node = process.version,
): Promise<string> {
  const root = await temporaryDir('noop-answer-');
  await mkdir(join(root, 'src'));
  await mkdir(join(root, '.cache', 'cli', BUILD), { recursive: true });
  await writeFile(join(root, SHARED), 'generator\n');
  await writeFile(join(root, BUILD_ONLY), 'other\n');
  await writeFile(join(root, '.cache', 'cli', 'latest'), BUILD);
  const files: Record<string, { stat: string; sha256: string }> = {};
  for (const file of [SHARED, BUILD_ONLY])
    files[file] = { stat: statKey(await stat(join(root, file))), sha256: '-' };
  inputs(files);
  await writeFile(join(root, '.cache', 'cli', BUILD, 'inputs.json'), JSON.stringify({ node, files }));
  const written = writeNoopRecord(join(root, NOOP_RECORD), {
    rootDir: root,
    key: noopKey(ARGV),
    build: BUILD,
    startedAt: Date.now() + 60_000,
    trees: [],
    files: [join(root, SHARED)],
    ...ANSWER,
  });
  expect(written).toBe(true);
  return root;
}

describe('recordedAnswer', () => {
  it('answers what the record holds while nothing changed', async () => {
    const root = await project();

    expect(recordedAnswer(ARGV, root)).toEqual(ANSWER);
  });

  it.each<
    [
      string,
      { argv?: string[]; change?: (root: string) => Promise<void>; build?: Parameters<typeof project> },
    ]
  >([
    ['another command', { argv: ['diff', '--no-docs'] }],
    ['another command line', { argv: [...ARGV, '--force'] }],
    [
      'a file the record names touched',
      { change: (root) => utimes(join(root, SHARED), new Date(), new Date()) },
    ],
    [
      'a file only the build read touched (the launcher hashes it)',
      { change: (root) => utimes(join(root, BUILD_ONLY), new Date(), new Date()) },
    ],
    ['a file only the build read removed', { change: (root) => rm(join(root, BUILD_ONLY)) }],
    [
      'an input the build recorded before it settled',
      { build: [(files) => void (files[BUILD_ONLY]!.stat = '(unsettled)')] },
    ],
    ['a build made by another Node', { build: [() => {}, 'v0.0.0'] }],
    ['a newer build', { change: (root) => writeFile(join(root, '.cache', 'cli', 'latest'), 'build-2') }],
    ['no build', { change: (root) => rm(join(root, '.cache', 'cli'), { recursive: true }) }],
    ["the build's record gone", { change: (root) => rm(join(root, '.cache', 'cli', BUILD, 'inputs.json')) }],
    ['no record', { change: (root) => rm(join(root, NOOP_RECORD)) }],
  ])('leaves %s to the launcher', async (_, { argv = ARGV, change, build = [] }) => {
    const root = await project(...build);
    await change?.(root);

    expect(recordedAnswer(argv, root)).toBeUndefined();
  });
});
