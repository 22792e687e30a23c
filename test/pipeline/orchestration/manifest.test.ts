/**
 * The generator's fingerprint that every manifest records (`generatorHash`): whatever it covers
 * makes every package stale when it changes, and nothing else does.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../../src/pipeline/orchestration/context.js';
import { generatorHash } from '../../../src/pipeline/orchestration/manifest.js';
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

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
  }
}

describe('generatorHash', () => {
  it.each<[string, { given: Record<string, string>; want: 'changed' | 'same' }]>([
    ['nothing changed', { given: {}, want: 'same' }],
    [
      'a pipeline source',
      { given: { 'src/pipeline/orchestration/generate.ts': 'export const a = 1;\n' }, want: 'changed' },
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
    await write(root, GENERATOR);
    const ctx = resolveContext({ rootDir: root, generatorDir: root });
    const before = await generatorHash(ctx);

    await write(root, given);

    expect((await generatorHash(ctx)) === before ? 'same' : 'changed').toBe(want);
  });
});
