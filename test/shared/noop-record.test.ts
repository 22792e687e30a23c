/**
 * `writeNoopRecord` and `recordedNoop` on a bare folder: what is recorded of folders, links and
 * paths where nothing is, and that a record never answers once one of them differs.
 * test/pipeline/orchestration/noop.test.ts records real runs.
 */
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NOOP_RECORD, noopKey, recordedNoop, writeNoopRecord } from '../../src/shared/noop-record.cjs';
import { removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);

const ARGV = ['generate'];
const BUILD = 'build-1';

/** A project with a tree (holding a link back to itself) and a file looked for but missing, recorded. */
async function recorded(startedAt = Date.now() + 60_000): Promise<{ root: string; written: boolean }> {
  const root = await temporaryDir('noop-record-');
  await mkdir(join(root, 'tree', 'folder'), { recursive: true });
  await writeFile(join(root, 'tree', 'folder', 'a.txt'), 'a\n');
  await symlink(join(root, 'tree'), join(root, 'tree', 'folder', 'up'), 'dir');
  await writeFile(join(root, 'file.txt'), 'f\n');
  const written = writeNoopRecord(join(root, NOOP_RECORD), {
    rootDir: root,
    key: noopKey(ARGV),
    build: BUILD,
    startedAt,
    trees: [join(root, 'tree')],
    files: [join(root, 'file.txt'), join(root, 'missing.txt'), join(root, 'file.txt', 'under-a-file')],
    lines: ['· [1/1] a  unchanged'],
    summary: '✔ 0 generated, 1 unchanged; no file changed',
  });
  return { root, written };
}

describe('the no-op record of a folder', () => {
  it('walks a tree that links back to itself once, and answers while nothing changed', async () => {
    const { root, written } = await recorded();

    expect(written).toBe(true);
    expect(recordedNoop(root, ARGV, BUILD)).toEqual({
      lines: ['· [1/1] a  unchanged'],
      summary: '✔ 0 generated, 1 unchanged; no file changed',
    });
  });

  it.each<[string, (root: string) => Promise<void>]>([
    ['a file appears where none was', (root) => writeFile(join(root, 'missing.txt'), 'now\n')],
    ['a file deep in the tree is edited', (root) => writeFile(join(root, 'tree', 'folder', 'a.txt'), 'b\n')],
    ['a file is added deep in the tree', (root) => writeFile(join(root, 'tree', 'folder', 'b.txt'), 'b\n')],
    [
      'a folder of the tree is replaced by a file',
      async (root) => {
        await rm(join(root, 'tree', 'folder'), { recursive: true });
        await writeFile(join(root, 'tree', 'folder'), 'a file now\n');
      },
    ],
    ['the whole tree is gone', (root) => rm(join(root, 'tree'), { recursive: true })],
  ])('answers nothing once %s', async (_, change) => {
    const { root } = await recorded();
    await change(root);

    expect(recordedNoop(root, ARGV, BUILD)).toBeUndefined();
  });

  it('is not written when a file had not settled when the run started', async () => {
    const { root, written } = await recorded(Date.now());

    expect(written).toBe(false);
    expect(recordedNoop(root, ARGV, BUILD)).toBeUndefined();
  });
});
