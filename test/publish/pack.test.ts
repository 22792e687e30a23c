/**
 * How the release packs the folders it compares with the registry (src/publish/pack.ts): with the
 * packer of the npm on PATH, in-process, into the bytes `npm pack` makes; else by `npm pack` itself.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { RunNpm } from '../../src/publish/npm.js';
import { folderPacker } from '../../src/publish/pack.js';
import { loadNpmOptions } from '../../src/publish/registry.js';
import { readTarball } from '../../src/publish/tarball.js';
import { packedPackages, packPackages } from '../packaging/consumer.js';
import { PROJECT_ROOT, removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);

/** Every npm call, recorded; each answers as `npm pack --dry-run --json` of no folder would. */
function recordingNpm(): { npm: RunNpm; calls: string[][] } {
  const calls: string[][] = [];
  return { calls, npm: async (args) => (calls.push([...args]), { code: 0, stdout: '[]', stderr: '' }) };
}

describe('folderPacker', () => {
  it("packs in-process with the npm on PATH's own packer: npm pack's tarball, no npm process", async () => {
    const dir = join(PROJECT_ROOT, 'generated', 'diga');
    // The run's tarballs where the packaging set-up is one of the run's (`npm test`), else its own.
    const tarballs = inject('packagingTarballs')
      ? await packedPackages()
      : await packPackages([dir], await temporaryDir('pack-'));
    const bytes = await readFile(tarballs.get(dir)!);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    const env = { PATH: process.env.PATH, npm_config_cache: await temporaryDir('pack-cache-') };
    const { npm, calls } = recordingNpm();

    const [packed] = await folderPacker(npm, env, await loadNpmOptions(PROJECT_ROOT, env, []), [])([dir]);

    expect(calls).toEqual([]);
    expect(packed).toEqual({
      name: manifest.name,
      version: manifest.version,
      integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      shasum: createHash('sha1').update(bytes).digest('hex'),
      files: expect.arrayContaining([...readTarball(bytes).keys()]),
    });
    expect(packed!.files).toHaveLength(readTarball(bytes).size);
  });

  it('where `npm` is no npm installation: one `npm pack --dry-run` of every folder, with the flags', async () => {
    const { npm, calls } = recordingNpm();
    const env = { PATH: await temporaryDir('no-npm-') };

    await folderPacker(npm, env, {}, ['--registry', 'http://r/'])(['/repo/generated/a', '/repo/generated/b']);

    expect(calls).toEqual([
      [
        'pack',
        '/repo/generated/a',
        '/repo/generated/b',
        '--dry-run',
        '--json',
        '--ignore-scripts',
        '--registry',
        'http://r/',
      ],
    ]);
  });
});
