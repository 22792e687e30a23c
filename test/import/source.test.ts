/**
 * The file of the document `npm run import` is given and its size, read before the command's
 * modules load to start a large document's lint thread then (src/import/source.ts `localSource`):
 * a file's, and nothing for what is no file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSource } from '../../src/import/source.js';
import { removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);

let cwd: string;
beforeAll(async () => {
  cwd = await temporaryDir('import-source-');
  await mkdir(join(cwd, 'folder'));
  await writeFile(join(cwd, 'folder', 'openapi.json'), '{"openapi":"3.1.0"}');
});

describe('localSource', () => {
  const file = () => ({ path: join(cwd, 'folder', 'openapi.json'), bytes: 19 });
  it.each<[string, { given: (cwd: string) => string; want: () => ReturnType<typeof localSource> }]>([
    ['a file, from where npm run was typed', { given: () => 'folder/openapi.json', want: file }],
    ['a file, absolute', { given: (cwd) => join(cwd, 'folder', 'openapi.json'), want: file }],
    ['a folder', { given: () => 'folder', want: () => undefined }],
    ['no such file', { given: () => 'missing.json', want: () => undefined }],
    ['a path through a file', { given: () => 'folder/openapi.json/x', want: () => undefined }],
    ['an https URL', { given: () => 'https://example.com/openapi.json', want: () => undefined }],
    ['an http URL, in capitals', { given: () => 'HTTP://example.com/openapi.json', want: () => undefined }],
  ])('%s', (_, { given, want }) => {
    expect(localSource(given(cwd), cwd)).toEqual(want());
  });
});
