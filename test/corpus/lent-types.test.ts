/**
 * The types stage, lent each corpus document, declares what openapi-typescript declares of a copy
 * and gives the document back as it was (test/pipeline/types/discriminators.test.ts has the rules).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { JsonObject } from '../../src/shared/openapi.js';
import { expectLentAsCopied } from '../pipeline/types/lent.js';
import { CORPUS } from './helpers.js';

const dir = fileURLToPath(CORPUS);
const documents = (await readdir(dir)).filter((file) => file.endsWith('.json'));

it('has JSON documents to lend', () => {
  expect(documents).toEqual(expect.arrayContaining(['elevenlabs.json', 'vapi.json']));
});

it.each(documents)('%s: the types stage declares what it would of a copy, and keeps none', async (file) =>
  expectLentAsCopied(JSON.parse(await readFile(join(dir, file), 'utf8')) as JsonObject),
);
