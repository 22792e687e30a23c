/**
 * `loadSpec`'s `loadedBefore`: a spec whose bytes loaded before (YAML or JSON, in the version it
 * was read in) is parsed only when a position or its data is asked for, and then answers exactly
 * as a spec loaded the usual way.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadSpec,
  PUBLISHED_VERSIONS,
  type LoadedSpec,
  type OpenApiVersion,
} from '../../../src/pipeline/load/index.js';
import { CORPUS } from '../../corpus/helpers.js';
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

const CORPUS_DIR = fileURLToPath(CORPUS);

describe.each<[string, string, readonly OpenApiVersion[]]>([
  ...readdirSync(SPECS)
    .filter((file) => file.endsWith('.yaml'))
    .map((file): [string, string, readonly OpenApiVersion[]] => [
      `specs/${file}`,
      join(SPECS, file),
      ['3.1'],
    ]),
  ...readdirSync(CORPUS_DIR)
    .filter((file) => /\.(json|yaml)$/.test(file))
    .map((file): [string, string, readonly OpenApiVersion[]] => [
      `corpus/${file}`,
      join(CORPUS_DIR, file),
      PUBLISHED_VERSIONS,
    ]),
])('%s', (name, path, versions) => {
  it('answers as the usual load does, asked with the sha256 of its bytes', async () => {
    const asked: string[] = [];
    // The usual load's answers, taken before the other load parses: one parsed document held at a
    // time (Twilio's YAML document is some 50 MB of nodes; two at once made the heap grow for both).
    const usual = answers(await loadSpec(path, name, versions));
    const before = await loadSpec(path, name, versions, {
      loadedBefore: async (sha256) => (asked.push(sha256), usual.version),
    });
    expect(asked).toEqual([createHash('sha256').update(usual.bytes).digest('hex')]);
    expect({ ...before, bytes: before.bytes.equals(usual.bytes) }).toMatchObject({
      path: usual.path,
      displayPath: usual.displayPath,
      sha256: usual.sha256,
      version: usual.version,
      bytes: true,
    });
    POINTERS.forEach((pointer, i) => {
      expect(before.locate(pointer)).toEqual(usual.locate[i]);
      expect(before.position(pointer)).toEqual(usual.position[i]);
    });
    // Compared by Node first: vitest's deep equality took a third of a second on Twilio's document,
    // and reports a difference the same way when there is one.
    const parsedBefore = before.parsed();
    if (!isDeepStrictEqual(parsedBefore, usual.parsed)) expect(parsedBefore).toEqual(usual.parsed);
  });
});

/** What a loaded spec answers: its fields, and its answers for each of POINTERS, its document parsed. */
function answers({ path, displayPath, bytes, sha256, version, locate, position, parsed }: LoadedSpec) {
  return {
    path,
    displayPath,
    bytes,
    sha256,
    version,
    locate: POINTERS.map((pointer) => locate(pointer)),
    position: POINTERS.map((pointer) => position(pointer)),
    parsed: parsed(),
  };
}

describe('not loaded before, or not asked', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryDir('loaded-before-');
  });
  afterAll(removeTemporaryDirs);

  it.each<[string, string, OpenApiVersion | undefined, readonly OpenApiVersion[], RegExp]>([
    ['not loaded before', 'broken.yaml', undefined, ['3.1'], /^specs\/broken\.yaml:1:10: invalid YAML/],
    [
      'loaded before, in a version it is not read in now',
      'broken.json',
      '3.0',
      ['3.1'],
      /^specs\/broken\.json:2:1: invalid JSON/,
    ],
  ])('a spec %s is parsed, and its problem reported', async (_, name, version, versions, problem) => {
    const path = join(dir, name);
    await writeFile(path, name.endsWith('.json') ? '{"openapi": "3.1.0",\n' : 'openapi: "3.1.0\ninfo: {}\n');
    await expect(
      loadSpec(path, `specs/${name}`, versions, { loadedBefore: async () => version }),
    ).rejects.toThrow(problem);
  });
});

describe('hashed by the caller', () => {
  afterAll(removeTemporaryDirs);

  it.each<[string, string]>([
    ['loaded before', 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\n'],
    ['not loaded before, and broken in its first line', 'openapi: "3.1.0\ninfo: {}\n'],
  ])('a spec %s is hashed by the `hash` given, and only by it', async (_, text) => {
    const path = join(await temporaryDir('loaded-before-hash-'), 'spec.yaml');
    await writeFile(path, text);
    const hashed: string[] = [];
    const asked: string[] = [];
    const load = loadSpec(path, 'specs/spec.yaml', ['3.1'], {
      hash: (bytes) => (hashed.push(bytes.toString('utf8')), 'remembered'),
      loadedBefore: async (sha256) => (asked.push(sha256), text.includes('"3.1.0\n') ? undefined : '3.1'),
    });
    if (text.includes('"3.1.0\n'))
      await expect(load).rejects.toThrow(/^specs\/spec\.yaml:1:10: invalid YAML/);
    else expect((await load).sha256).toBe('remembered');
    expect(hashed).toEqual([text]);
    expect(asked).toEqual(['remembered']);
  });
});
