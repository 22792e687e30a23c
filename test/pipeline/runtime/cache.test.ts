/**
 * The compiled runtime kept between runs (src/pipeline/runtime/cache.ts): compiled once per content
 * of the runtime and generator, read back as compiled, compiled again when either changes or the
 * entry cannot be read.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedRuntime } from '../../../src/pipeline/runtime/cache.js';
import type { CompiledRuntime } from '../../../src/pipeline/runtime/index.js';
import { removeTemporaryDirs, temporaryDir } from '../helpers.js';

afterAll(removeTemporaryDirs);

const COMPILED: CompiledRuntime = {
  files: new Map([
    ['runtime/index.js', 'export {};\n'],
    ['runtime/index.d.ts', 'export {};\n'],
  ]),
  exports: [{ name: 'ClientOptions', kind: 'type', members: [{ name: 'token', default: "''" }] }],
};

async function setUp(): Promise<{ runtimeDir: string; cacheDir: string; compiles: () => number }> {
  const dir = await temporaryDir('runtime-cache-');
  const runtimeDir = join(dir, 'runtime');
  await mkdir(runtimeDir);
  await writeFile(join(runtimeDir, 'index.ts'), 'export {};\n');
  let count = 0;
  return { runtimeDir, cacheDir: join(dir, 'cache'), compiles: () => count++ };
}

describe('cachedRuntime', () => {
  it.each<
    [
      string,
      {
        between: (runtimeDir: string, cacheDir: string) => Promise<void>;
        generator: string;
        compiled: number;
      },
    ]
  >([
    [
      'the same runtime and generator: read back, not compiled',
      { between: async () => {}, generator: 'g1', compiled: 1 },
    ],
    ['another generator: compiled again', { between: async () => {}, generator: 'g2', compiled: 2 }],
    [
      'a runtime file changed: compiled again',
      {
        between: (runtimeDir) => writeFile(join(runtimeDir, 'index.ts'), 'export const a = 1;\n'),
        generator: 'g1',
        compiled: 2,
      },
    ],
    [
      'a runtime file added: compiled again',
      {
        between: (runtimeDir) => writeFile(join(runtimeDir, 'extra.ts'), 'export {};\n'),
        generator: 'g1',
        compiled: 2,
      },
    ],
    [
      'an entry that is not JSON: compiled again',
      {
        between: async (_, cacheDir) => {
          for (const entry of await readdir(join(cacheDir, 'runtime')))
            await writeFile(join(cacheDir, 'runtime', entry), '{');
        },
        generator: 'g1',
        compiled: 2,
      },
    ],
  ])('%s', async (_, { between, generator, compiled }) => {
    const { runtimeDir, cacheDir, compiles } = await setUp();
    const compile = async (): Promise<CompiledRuntime> => (compiles(), COMPILED);

    const first = await cachedRuntime(runtimeDir, { cacheDir, generator: 'g1' }, compile);
    await between(runtimeDir, cacheDir);
    const second = await cachedRuntime(runtimeDir, { cacheDir, generator }, compile);

    expect(first).toEqual(COMPILED);
    expect(second).toEqual(COMPILED);
    expect(compiles()).toBe(compiled);
  });

  it('a runtime with the same files in another folder is compiled again: its banners name the folder', async () => {
    const one = await setUp();
    const other = await setUp();
    const compile = async (): Promise<CompiledRuntime> => (one.compiles(), COMPILED);

    await cachedRuntime(one.runtimeDir, { cacheDir: one.cacheDir, generator: 'g1' }, compile);
    await cachedRuntime(other.runtimeDir, { cacheDir: one.cacheDir, generator: 'g1' }, compile);

    expect(one.compiles()).toBe(2);
  });

  it('keeps nothing when the compile fails, and says nothing of its own', async () => {
    const { runtimeDir, cacheDir } = await setUp();
    const failing = async (): Promise<CompiledRuntime> => {
      throw new Error('TS1005: ";" expected');
    };

    await expect(cachedRuntime(runtimeDir, { cacheDir, generator: 'g1' }, failing)).rejects.toThrow('TS1005');
    await expect(readdir(join(cacheDir, 'runtime'))).rejects.toThrow(/ENOENT/);
  });
});
