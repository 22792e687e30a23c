/**
 * A Redocly config loaded and validated once is used again by the next run in the process (a
 * `--watch` session's), but never once a file it was made from changed: its text, a file it
 * extends, the lint-ignore file beside it. A config that does not validate is checked every time.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRedoclyConfig } from '../../../src/pipeline/bundle/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loaded-configs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A project folder with `files` (path → text) and its `redocly.yaml`'s path. */
async function project(name: string, files: Record<string, string>): Promise<string> {
  const root = join(dir, name);
  await mkdir(join(root, 'shared'), { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(root, file), text);
  return join(root, 'redocly.yaml');
}

const CONFIG = 'extends:\n  - recommended\n  - ./shared/rules.yaml\n';
const load = (configPath: string) => loadRedoclyConfig(configPath, 'redocly.yaml');

describe('a config loaded before', () => {
  it.each<[string, (root: string) => Promise<void>]>([
    [
      'its text',
      (root) => writeFile(join(root, 'redocly.yaml'), `${CONFIG}rules:\n  operation-summary: off\n`),
    ],
    [
      'a file it extends',
      (root) => writeFile(join(root, 'shared', 'rules.yaml'), 'rules:\n  info-license: warn\n'),
    ],
    ['the lint-ignore file beside it', (root) => writeFile(join(root, '.redocly.lint-ignore.yaml'), '{}\n')],
  ])('is used again until %s changes', async (name, change) => {
    const configPath = await project(name.replace(/\W+/g, '-'), {
      'redocly.yaml': CONFIG,
      'shared/rules.yaml': 'rules:\n  info-license: off\n',
    });
    const first = await load(configPath);
    expect(await load(configPath)).toBe(first);

    await change(join(configPath, '..'));
    const second = await load(configPath);

    expect(second).not.toBe(first);
    expect(await load(configPath)).toBe(second);
  });

  it('is checked again every time when it does not validate', async () => {
    const configPath = await project('invalid', {
      'redocly.yaml': 'extends:\n  - ./shared/rules.yaml\n',
      'shared/rules.yaml': 'rules:\n  info-licence: off\n',
    });
    for (let run = 0; run < 2; run++)
      await expect(load(configPath)).rejects.toThrow(/Property `info-licence` is not expected here/);
  });
});
