/**
 * The tarball reader: a package as `npm pack` packs it reads back as the files of its folder, and
 * each kind of entry a tar may hold for a file name reads as npm's tools write it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readTarball } from '../../src/publish/tarball.js';
import { packedPackages, packPackages } from '../packaging/consumer.js';
import { PROJECT_ROOT, removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);

/** A ustar header (the checksum is not read, so not computed). */
function header(name: string, size: number, type: string, prefix = ''): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write(type, 156);
  block.write('ustar\0' + '00', 257);
  block.write(prefix, 345, 155, 'utf8');
  return block;
}

function entry(name: string, body: string, type = '0', prefix = ''): Buffer {
  const bytes = Buffer.from(body);
  const padding = Buffer.alloc((512 - (bytes.length % 512)) % 512);
  return Buffer.concat([header(name, bytes.length, type, prefix), bytes, padding]);
}

/** A pax record: `<length> <key>=<value>\n`, its length counting itself. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let length = rest.length + 1;
  while (String(length).length + rest.length !== length) length += 1;
  return `${length}${rest}`;
}

const LONG = `${'deep/'.repeat(30)}file.txt`;

describe('readTarball', () => {
  it.each<[string, { given: Buffer[]; want: Record<string, string> }]>([
    [
      'files under package/, folders skipped',
      {
        given: [entry('package/', '', '5'), entry('package/a.txt', 'a\n'), entry('package/b/c.js', 'c\n')],
        want: { 'a.txt': 'a\n', 'b/c.js': 'c\n' },
      },
    ],
    [
      'a file of exactly one block',
      { given: [entry('package/x', 'x'.repeat(512))], want: { x: 'x'.repeat(512) } },
    ],
    [
      'a name split into prefix and name (ustar)',
      { given: [entry('file.txt', 'p\n', '0', 'package/deep/er')], want: { 'deep/er/file.txt': 'p\n' } },
    ],
    [
      "a long name in a pax header, as node-tar (npm's) writes it",
      {
        given: [
          entry('PaxHeader/x', paxRecord('path', `package/${LONG}`), 'x'),
          entry('package/short', 'long\n'),
        ],
        want: { [LONG]: 'long\n' },
      },
    ],
    [
      'a long name in a GNU header',
      {
        given: [entry('././@LongLink', `package/${LONG}\0`, 'L'), entry('package/short', 'gnu\n')],
        want: { [LONG]: 'gnu\n' },
      },
    ],
    [
      'a global pax header and a link: no files',
      {
        given: [
          entry('pax_global_header', paxRecord('comment', 'x'), 'g'),
          entry('package/l', '', '2'),
          entry('package/f', 'f'),
        ],
        want: { f: 'f' },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const tar = gzipSync(Buffer.concat([...given, Buffer.alloc(1024)]));
    const files = readTarball(tar);
    expect(Object.fromEntries([...files].map(([path, bytes]) => [path, bytes.toString()]))).toEqual(want);
  });

  it('reads a package as npm packs it: the files of its folder', async () => {
    const dir = join(PROJECT_ROOT, 'generated', 'diga');
    // The run's tarballs where the packaging set-up is one of the run's (`npm test`), else its own.
    const tarballs = inject('packagingTarballs')
      ? await packedPackages()
      : await packPackages([dir], await temporaryDir('tarball-'));
    const tarball = tarballs.get(dir)!;
    const files = readTarball(await readFile(tarball));
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { files: string[] };
    expect(files.size).toBeGreaterThan(manifest.files.length);
    for (const [path, bytes] of files) expect(bytes.equals(await readFile(join(dir, path))), path).toBe(true);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'index.js']),
    );
  });
});
