/**
 * The compiled runtime kept between runs, by content: `<cacheDir>/runtime/<key>.json`, the key a
 * hash of the generator (its sources and TypeScript's version, see `generatorHash`), of the
 * runtime's folder (its files' banners name it) and of its files. A cold `npm run generate` then reads the runtime instead of transpiling every
 * module again (about half a second of a full run), and the output stays what `compileRuntime`
 * gives, since nothing it depends on can change under the same key. Only a compile without problems
 * is kept; an entry that cannot be read is compiled again, one that cannot be written is skipped.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../../shared/hash.js';
import { readFileOrUndefined } from '../../shared/files.js';
import type { CompiledRuntime } from './index.js';

/** Changes when the entries' shape does. */
const FORMAT = 1;

export async function cachedRuntime(
  runtimeDir: string,
  where: { cacheDir: string; generator: string },
  compile: () => Promise<CompiledRuntime>,
): Promise<CompiledRuntime> {
  const key = await runtimeKey(runtimeDir, where.generator);
  const path = join(where.cacheDir, 'runtime', `${key}.json`);
  if (key !== undefined) {
    const stored = await readFile(path, 'utf8').then(parseEntry, () => undefined);
    if (stored !== undefined) return stored;
  }
  const runtime = await compile();
  if (key !== undefined) await store(path, runtime);
  return runtime;
}

async function runtimeKey(runtimeDir: string, generator: string): Promise<string | undefined> {
  try {
    const parts = [`format ${FORMAT}`, generator, runtimeDir];
    for (const file of (await readdir(runtimeDir)).sort()) {
      parts.push(
        `${file}\0${sha256(readFileOrUndefined(join(runtimeDir, file)) ?? Buffer.from('(folder)'))}`,
      );
    }
    return sha256(parts.join('\n'));
  } catch {
    return undefined; // compileRuntime reports a runtime that cannot be read
  }
}

function parseEntry(text: string): CompiledRuntime | undefined {
  try {
    const entry = JSON.parse(text) as { files: [string, string][]; exports: CompiledRuntime['exports'] };
    return { files: new Map(entry.files), exports: entry.exports };
  } catch {
    return undefined;
  }
}

async function store(path: string, runtime: CompiledRuntime): Promise<void> {
  const temporary = `${path}.${process.pid}`;
  try {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(temporary, JSON.stringify({ files: [...runtime.files], exports: runtime.exports }));
    await rename(temporary, path);
  } catch {
    await rm(temporary, { force: true });
  }
}
