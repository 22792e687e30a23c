/**
 * `LoadedSpec.takeDocument`: a JSON spec's text and value handed to the bundle stage are what
 * Redocly's resolver (`PipelineResolver`) would read of the file, and the bundle changing that
 * value in place changes nothing the loader answers after.
 */
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PipelineResolver } from '../../../src/pipeline/bundle/resolver.js';
import { loadSpec, PUBLISHED_VERSIONS } from '../../../src/pipeline/load/index.js';
import { CORPUS } from '../../corpus/helpers.js';
import { removeTemporaryDirs, temporaryDir } from '../helpers.js';

afterAll(removeTemporaryDirs);

const POINTERS = ['#/openapi', '#/info/title', '#/paths', '#/components/schemas', '#/x/y/z'];

/** The corpus's JSON documents, and one with a byte order mark and Windows line breaks. */
async function documents(): Promise<string[]> {
  const corpus = fileURLToPath(CORPUS);
  const windows = join(await temporaryDir('take-document-'), 'openapi.json');
  await writeFile(
    windows,
    '\uFEFF{\r\n  "openapi": "3.0.3",\r\n  "info": { "title": "t", "version": "1" },\r\n  "paths": {}\r\n}\r\n',
  );
  return [
    ...readdirSync(corpus)
      .filter((file) => file.endsWith('.json'))
      .map((file) => join(corpus, file)),
    windows,
  ];
}

describe('a JSON spec handed to the bundle stage', async () => {
  it.each(await documents())('%s', async (path) => {
    const spec = await loadSpec(path, 'openapi.json', PUBLISHED_VERSIONS);
    const before = POINTERS.map((pointer) => spec.position(pointer));
    const value = structuredClone(spec.parsed());

    const taken = spec.takeDocument!()!;
    const read = await new PipelineResolver().resolveDocument(null, path, true);
    expect(read).not.toBeInstanceOf(Error);
    expect(taken.body).toBe((read as { source: { body: string } }).source.body);
    // Compared by Node first, as loaded-before.test does: vitest's deep equality took most of this
    // file's time on the corpus's documents (vapi.json is 3 MB), and reports a difference the same
    // way when there is one.
    const readParsed = (read as { parsed: unknown }).parsed;
    if (!isDeepStrictEqual(taken.parsed, readParsed)) expect(taken.parsed).toEqual(readParsed);
    expect(spec.takeDocument!()).toBeUndefined();

    // The bundle stage changes it in place: the loader answers as before.
    const handed = taken.parsed as Record<string, unknown>;
    for (const key of Object.keys(handed)) delete handed[key];
    const after = spec.parsed();
    if (!isDeepStrictEqual(after, value)) expect(after).toEqual(value);
    expect(POINTERS.map((pointer) => spec.position(pointer))).toEqual(before);
  });
});
