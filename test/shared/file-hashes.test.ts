/**
 * `rememberedHashes`: a file's hash is taken from the record only while the file is as recorded
 * (size, times, inode); any change to its bytes is seen, and a file that changed just before it
 * was read is not recorded. The clock is set a minute ahead where files must count as settled.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { rememberedHashes } from '../../src/shared/file-hashes.js';
import { SETTLED_MS } from '../../src/shared/file-stat.cjs';
import { removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);
afterEach(() => {
  vi.useRealTimers();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every file written so far counts as settled: the clock is set past `SETTLED_MS` from now. */
function settleFiles(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + SETTLED_MS + 60_000);
}

const SCOPE = '/the/project';

/** A modification time that can be set again exactly (whole seconds). */
const MTIME = 1_700_000_000;

/** A file, hashed once into a saved record as a settled file. */
async function recorded(text = 'export const a = 1;\n') {
  const dir = await temporaryDir('file-hashes-');
  const file = join(dir, 'a.ts');
  const record = join(dir, 'cache', 'file-hashes.json');
  await writeFile(file, text);
  await utimes(file, MTIME, MTIME);
  settleFiles();
  const first = rememberedHashes(record, SCOPE);
  expect(first.hash(file)).toBe(sha256(text));
  await first.save();
  return { dir, file, record };
}

describe('rememberedHashes', () => {
  it.each<[string, { given: (file: string, dir: string) => Promise<void>; want: string | undefined }]>([
    ['nothing changed', { given: async () => {}, want: sha256('export const a = 1;\n') }],
    [
      'the bytes changed, the size and modification time kept',
      {
        given: async (file) => {
          await writeFile(file, 'export const b = 2;\n');
          await utimes(file, MTIME, MTIME);
        },
        want: sha256('export const b = 2;\n'),
      },
    ],
    [
      'the bytes changed, and the size',
      {
        given: (file) => writeFile(file, 'export const b = 22;\n'),
        want: sha256('export const b = 22;\n'),
      },
    ],
    [
      'replaced by another file with its times',
      {
        given: async (file, dir) => {
          await writeFile(join(dir, 'b.ts'), 'export const c = 3;\n');
          await utimes(join(dir, 'b.ts'), MTIME, MTIME);
          await rename(join(dir, 'b.ts'), file);
        },
        want: sha256('export const c = 3;\n'),
      },
    ],
    [
      'touched, the bytes unchanged',
      {
        given: (file) => utimes(file, new Date(), new Date()),
        want: sha256('export const a = 1;\n'),
      },
    ],
    ['deleted', { given: (file) => rm(file), want: undefined }],
  ])('%s', async (_, { given, want }) => {
    const { dir, file, record } = await recorded();
    await given(file, dir);

    expect(rememberedHashes(record, SCOPE).hash(file)).toBe(want);
  });

  it('takes a settled file whose stat is as recorded from the record, without reading it', async () => {
    const { file, record } = await recorded();
    // What the record says is what is returned: the file was not read.
    const text = (await readFile(record, 'utf8')).replace(sha256('export const a = 1;\n'), 'f'.repeat(64));
    await writeFile(record, text);

    expect(rememberedHashes(record, SCOPE).hash(file)).toBe('f'.repeat(64));
  });

  it.each<[string, { given: (file: string) => Promise<void>; read: string; want: (read: string) => string }]>(
    [
      // The record's hash, not that of the bytes given: what the file held when it was recorded.
      [
        'nothing changed',
        { given: async () => {}, read: 'other bytes', want: () => sha256('export const a = 1;\n') },
      ],
      [
        'the bytes changed',
        {
          given: (file) => writeFile(file, 'export const b = 22;\n'),
          read: 'export const b = 22;\n',
          want: sha256,
        },
      ],
      [
        'deleted since it was read',
        { given: (file) => rm(file), read: 'export const a = 1;\n', want: sha256 },
      ],
    ],
  )(
    'takes the hash of bytes read from a file from the record while its stat is as recorded: %s',
    async (_, { given, read, want }) => {
      const { file, record } = await recorded();
      await given(file);

      expect(rememberedHashes(record, SCOPE).hashRead(file, Buffer.from(read))).toBe(want(read));
    },
  );

  it('records the hash of bytes read from a file once the file has settled', async () => {
    const { dir, record } = await recorded();
    const file = join(dir, 'b.ts');
    await writeFile(file, 'export {};\n');
    await utimes(file, MTIME, MTIME);
    const first = rememberedHashes(record, SCOPE);
    expect(first.hashRead(file, Buffer.from('export {};\n'))).toBe(sha256('export {};\n'));
    await first.save();

    // Taken from the record: the bytes given are not hashed.
    expect(rememberedHashes(record, SCOPE).hashRead(file, Buffer.from('other'))).toBe(sha256('export {};\n'));
  });

  it('does not record a file that changed just before it was read', async () => {
    const { dir, file, record } = await recorded();
    vi.useRealTimers();
    await writeFile(join(dir, 'b.ts'), 'export {};\n');
    const hashes = rememberedHashes(record, SCOPE);

    expect(hashes.hash(join(dir, 'b.ts'))).toBe(sha256('export {};\n'));
    expect(hashes.hash(file)).toBe(sha256('export const a = 1;\n'));
    await hashes.save();

    expect(Object.keys(JSON.parse(readFileSync(record, 'utf8')).files)).toEqual([file]);
  });

  it.each<[string, string]>([
    ['not JSON', '{ not json'],
    ['of another format', '{ "format": 0, "scope": "/the/project", "files": {} }'],
    ['holding entries of another shape', '{ "format": 1, "scope": "/the/project", "files": { "A": 1 } }'],
  ])('reads every file again when the record is %s', async (_, text) => {
    const { file, record } = await recorded();
    await writeFile(record, text.replace('"A"', JSON.stringify(file)));

    expect(rememberedHashes(record, SCOPE).hash(file)).toBe(sha256('export const a = 1;\n'));
  });

  it('keeps the entries of the files not asked about, and drops those of files gone', async () => {
    const { dir, file, record } = await recorded();
    await writeFile(join(dir, 'b.ts'), 'export {};\n');
    await writeFile(join(dir, 'c.ts'), 'export {};\n');
    const second = rememberedHashes(record, SCOPE);
    second.hash(join(dir, 'b.ts'));
    second.hash(join(dir, 'c.ts'));
    await second.save();
    await rm(join(dir, 'c.ts'));
    const third = rememberedHashes(record, SCOPE);
    expect(third.hash(join(dir, 'c.ts'))).toBeUndefined();
    await third.save();

    expect(Object.keys(JSON.parse(readFileSync(record, 'utf8')).files).sort()).toEqual(
      [file, join(dir, 'b.ts')].sort(),
    );
  });

  it('reads a record kept for another scope as empty, and replaces it', async () => {
    const { dir, file, record } = await recorded();
    const other = rememberedHashes(record, '/another/project');
    await writeFile(join(dir, 'b.ts'), 'export {};\n');
    other.hash(join(dir, 'b.ts'));
    await other.save();

    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({
      format: 1,
      scope: '/another/project',
      files: { [join(dir, 'b.ts')]: [expect.any(String), sha256('export {};\n')] },
    });
    expect(rememberedHashes(record, SCOPE).hash(file)).toBe(sha256('export const a = 1;\n'));
  });

  it('keeps the entries of a shared folder from a record kept for another scope, and only those', async () => {
    const { dir, file, record } = await recorded();
    await mkdir(join(dir, 'shared'));
    const shared = join(dir, 'shared', 's.ts');
    await writeFile(shared, 'export const s = 1;\n');
    await utimes(shared, MTIME, MTIME);
    const first = rememberedHashes(record, SCOPE);
    first.hash(shared);
    await first.save();
    // The shared file is not read again: its recorded hash stands for it.
    const records = JSON.parse(readFileSync(record, 'utf8'));
    records.files[shared][1] = 'recorded';
    await writeFile(record, JSON.stringify(records));

    const other = rememberedHashes(record, '/another/project', join(dir, 'shared'));
    expect(other.hash(shared)).toBe('recorded');
    await writeFile(join(dir, 'b.ts'), 'export {};\n');
    other.hash(join(dir, 'b.ts'));
    await other.save();

    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({
      format: 1,
      scope: '/another/project',
      files: {
        [shared]: [expect.any(String), 'recorded'],
        [join(dir, 'b.ts')]: [expect.any(String), sha256('export {};\n')],
      },
    });
    expect(Object.keys(JSON.parse(readFileSync(record, 'utf8')).files)).not.toContain(file);
  });
});
