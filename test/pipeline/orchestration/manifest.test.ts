/**
 * The generator's fingerprint that every manifest records (`generatorHash`): whatever it covers
 * makes every package stale when it changes, and nothing else does, whether its files are all
 * read or their hashes remembered from the run before (`generate` does so).
 */
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { resolveContext } from '../../../src/pipeline/orchestration/context.js';
import { generatorHash } from '../../../src/pipeline/orchestration/manifest.js';
import { HASH_EVERY_FILE, rememberedHashes, type FileHashes } from '../../../src/shared/file-hashes.js';
import { removeTemporaryDirs, temporaryDir } from '../helpers.js';

afterAll(removeTemporaryDirs);

/** A generator's folder: a file in each part of `src/`, its config, its package.json and a tool. */
const GENERATOR: Record<string, string> = {
  'src/pipeline/orchestration/generate.ts': 'export {};\n',
  'src/model/index.ts': 'export {};\n',
  'src/shared/errors.ts': 'export {};\n',
  'src/runtime/index.ts': 'export {};\n',
  'src/changes/classify.ts': 'export {};\n',
  'src/redocly/plugin.js': 'export {};\n',
  'src/mock/server.ts': 'export {};\n',
  'redocly.yaml': 'extends: [recommended]\n',
  'package.json': '{ "dependencies": { "openapi-fetch": "^0.17.0" } }\n',
  'node_modules/openapi-typescript/package.json': '{ "version": "7.13.0" }\n',
};

/** A modification time that can be set again exactly (whole seconds). */
const WHOLE_SECOND = 1_700_000_000;

async function write(root: string, files: Record<string, string>, keepTime: boolean): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
    if (keepTime) await utimes(join(root, file), WHOLE_SECOND, WHOLE_SECOND);
  }
}

/** How each run hashes the files: a new `FileHashes` per run, as `generate` makes one. */
const HASHING: [
  string,
  { hashes: (root: string) => FileHashes & { save?(): Promise<void> }; settled: boolean },
][] = [
  ['every file read', { hashes: () => HASH_EVERY_FILE, settled: false }],
  [
    // Every file settled (the clock set ahead) and changed without a new modification time:
    // only the change time and size tell the edit.
    'hashes remembered, modification times kept',
    { hashes: (root) => rememberedHashes(join(root, '.cache', 'file-hashes.json'), root), settled: true },
  ],
];

afterEach(() => {
  vi.useRealTimers();
});

describe.each(HASHING)('generatorHash, %s', (_, { hashes, settled }) => {
  it.each<[string, { given: Record<string, string>; want: 'changed' | 'same' }]>([
    ['nothing changed', { given: {}, want: 'same' }],
    [
      'a pipeline source',
      { given: { 'src/pipeline/orchestration/generate.ts': 'export const a = 1;\n' }, want: 'changed' },
    ],
    [
      'a pipeline source, its size kept',
      { given: { 'src/pipeline/orchestration/generate.ts': 'export{ };\n' }, want: 'changed' },
    ],
    ['a new pipeline source', { given: { 'src/pipeline/emit/new.ts': 'export {};\n' }, want: 'changed' }],
    ['the API model', { given: { 'src/model/index.ts': 'export const a = 1;\n' }, want: 'changed' }],
    ['a shared helper', { given: { 'src/shared/errors.ts': 'export const a = 1;\n' }, want: 'changed' }],
    ['a runtime source', { given: { 'src/runtime/index.ts': 'export const a = 1;\n' }, want: 'changed' }],
    [
      'the change classifier',
      { given: { 'src/changes/classify.ts': 'export const a = 1;\n' }, want: 'changed' },
    ],
    ['a Redocly rule', { given: { 'src/redocly/plugin.js': 'export const a = 1;\n' }, want: 'changed' }],
    // Hashed per API instead (configHash): one API's new entry must not make every package stale.
    ['the Redocly config', { given: { 'redocly.yaml': 'extends: [recommended-strict]\n' }, want: 'same' }],
    [
      'the openapi-fetch range',
      { given: { 'package.json': '{ "dependencies": { "openapi-fetch": "^0.18.0" } }\n' }, want: 'changed' },
    ],
    [
      'the repository the packages name',
      {
        given: {
          'package.json':
            '{ "dependencies": { "openapi-fetch": "^0.17.0" }, "repository": "git+https://example.test/x.git" }\n',
        },
        want: 'changed',
      },
    ],
    [
      'an installed tool',
      {
        given: { 'node_modules/openapi-typescript/package.json': '{ "version": "7.14.0" }\n' },
        want: 'changed',
      },
    ],
    [
      'the YAML parser that loads the specs',
      { given: { 'node_modules/yaml/package.json': '{ "version": "2.10.0" }\n' }, want: 'changed' },
    ],
    [
      'code that makes no package',
      { given: { 'src/mock/server.ts': 'export const a = 1;\n' }, want: 'same' },
    ],
  ])('%s', async (_, { given, want }) => {
    const root = await temporaryDir('generator-');
    await write(root, GENERATOR, settled);
    const ctx = resolveContext({ rootDir: root, generatorDir: root });
    if (settled) {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 60_000);
    }
    const first = hashes(root);
    const before = await generatorHash(ctx, first);
    await first.save?.();

    await write(root, given, settled);

    expect((await generatorHash(ctx, hashes(root))) === before ? 'same' : 'changed').toBe(want);
  });
});
