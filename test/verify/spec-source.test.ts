/** Which spec an API name stands for in `npm run mock` and `npm run verify`, and the names refused. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readyTimeoutFor } from '../../src/mock/prism.js';
import { knownApis, specSource } from '../../src/mock/spec-source.js';

describe('specSource', () => {
  it('knows the APIs of specs/', () => {
    expect(knownApis()).toEqual(expect.arrayContaining(['cozmo', 'diga', 'trillet', 'voicebip']));
  });

  it.each(['nope', '../specs/diga', 'history'])('refuses %s and lists the known APIs', (api) => {
    expect(() => specSource(api)).toThrow(`unknown API "${api}": known APIs are ${knownApis().join(', ')}`);
  });
});

describe('a published API', () => {
  it('is served from its package, and before it has one the error says to generate it first', async () => {
    const root = await mkdtemp(join(tmpdir(), 'spec-source-'));
    try {
      await mkdir(join(root, 'specs', 'published', 'pets'), { recursive: true });
      await writeFile(join(root, 'specs', 'published', 'pets', 'openapi.json'), '{}');
      expect(knownApis(root)).toEqual(['pets']);
      expect(() => specSource('pets', root)).toThrow(
        'pets is a published API: its mock serves the document as its package has it (overlays applied, in OpenAPI 3.1), and there is no generated/pets/openapi.json yet: run `npm run generate -- pets` first',
      );
      await mkdir(join(root, 'generated', 'pets'), { recursive: true });
      await writeFile(join(root, 'generated', 'pets', 'openapi.json'), '{}');
      expect(specSource('pets', root)).toMatchObject({
        displayPath: 'generated/pets/openapi.json',
        bundled: true,
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("Prism's start-up wait", () => {
  it.each<[string, { given: number; want: number }]>([
    ['a small spec: a minute', { given: 3_000, want: 60_180 }],
    ["ElevenLabs' 1.5 MB: two and a half minutes", { given: 1_500_000, want: 150_000 }],
    ["GitHub's 13 MB: fourteen", { given: 13_000_000, want: 840_000 }],
  ])('%s', (_, { given, want }) => {
    expect(readyTimeoutFor(given)).toBe(want);
  });
});
