/**
 * `loadSpec`'s `loadedBefore`: a YAML spec whose bytes loaded before is parsed only when a position
 * or its data is asked for, and then answers exactly as a spec loaded the usual way.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, PUBLISHED_VERSIONS } from '../../../src/pipeline/load/index.js';
import { removeTemporaryDirs, temporaryDir } from '../helpers.js';

const SPECS = join(import.meta.dirname, '../../../specs');
const POINTERS = [
  '#/openapi',
  '#/info/title',
  '#/paths',
  '#/components/schemas',
  '#/paths/~1nowhere',
  '#/x/y/z',
];

describe.each(readdirSync(SPECS).filter((file) => file.endsWith('.yaml')))('%s', (file) => {
  it('answers as the usual load does, asked with the sha256 of its bytes', async () => {
    const path = join(SPECS, file);
    const asked: string[] = [];
    const usual = await loadSpec(path, `specs/${file}`);
    const before = await loadSpec(path, `specs/${file}`, undefined, {
      loadedBefore: async (sha256) => (asked.push(sha256), true),
    });
    expect(asked).toEqual([createHash('sha256').update(usual.bytes).digest('hex')]);
    expect({ ...before, bytes: before.bytes.equals(usual.bytes) }).toMatchObject({
      path: usual.path,
      displayPath: usual.displayPath,
      sha256: usual.sha256,
      version: usual.version,
      bytes: true,
    });
    for (const pointer of POINTERS) {
      expect(before.locate(pointer)).toEqual(usual.locate(pointer));
      expect(before.position(pointer)).toEqual(usual.position(pointer));
    }
    expect(before.parsed()).toEqual(usual.parsed());
  });
});

describe('not loaded before, or not asked', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryDir('loaded-before-');
  });
  afterAll(removeTemporaryDirs);

  it('a spec not loaded before is parsed, and its problem reported', async () => {
    const path = join(dir, 'broken.yaml');
    await writeFile(path, 'openapi: "3.1.0\ninfo: {}\n');
    await expect(
      loadSpec(path, 'specs/broken.yaml', undefined, { loadedBefore: async () => false }),
    ).rejects.toThrow(/^specs\/broken\.yaml:1:10: invalid YAML/);
  });

  it.each<[string, string, readonly ('3.0' | '3.1')[]]>([
    ['a JSON document (read with JSON.parse, fast already)', 'openapi.json', ['3.0']],
    ['a document read in either version (which one, only parsing tells)', 'openapi.yaml', PUBLISHED_VERSIONS],
  ])('%s: not asked', async (_, name, versions) => {
    const path = join(dir, name);
    await writeFile(path, name.endsWith('.json') ? '{"openapi": "3.0.3"}' : 'openapi: 3.0.3\n');
    let asked = false;
    const spec = await loadSpec(path, name, versions, {
      loadedBefore: async () => (asked = true),
    });
    expect({ asked, version: spec.version }).toEqual({ asked: false, version: '3.0' });
  });
});
