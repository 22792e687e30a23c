/**
 * The broken-spec corpus: every folder under `broken-specs/` holds the spec file(s) of one case and
 * an `expected.json` (`exitCode`, and `message`: a pattern one error line must match, with its
 * `file:line:column`). Add a folder, get a test.
 *
 * Each case runs the pipeline in-process on a project that also holds a valid spec, changed since
 * its package was generated: the run must fail as expected and leave `generated/` byte-identical,
 * the valid package included (all APIs are generated in memory before anything is written).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTree, generate, HERE, readTree, removeTemporaryDirs, temporaryProject } from './helpers.js';

const CORPUS = join(HERE, 'broken-specs');
const VALID_SPEC = join(HERE, 'fixtures', 'minimal', 'ping.yaml');

interface Expected {
  exitCode: number;
  message: string;
}

const cases = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const expected = JSON.parse(readFileSync(join(CORPUS, entry.name, 'expected.json'), 'utf8')) as Expected;
    return [entry.name, expected] as const;
  })
  .sort(([a], [b]) => (a < b ? -1 : 1));

/** `generated/` made from the valid spec as it was before each case changed it. */
let generatedBefore: string;

beforeAll(async () => {
  const root = await temporaryProject({ 'ping.yaml': await readFile(VALID_SPEC) });
  const result = await generate(root);
  expect(result.code, result.output).toBe(0);
  generatedBefore = join(root, 'generated');
});
afterAll(removeTemporaryDirs);

it('the corpus has at least 20 cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(20);
});

describe.each(cases)('%s', (name, expected) => {
  it(`exits ${expected.exitCode}, names the place, and changes nothing`, async () => {
    const validChanged = (await readFile(VALID_SPEC, 'utf8')).replace(
      'title: Ping API',
      'title: Ping API, changed',
    );
    const root = await temporaryProject({ 'ping.yaml': validChanged });
    await cp(join(CORPUS, name), join(root, 'specs'), { recursive: true });
    await rm(join(root, 'specs', 'expected.json'));
    await copyTree(generatedBefore, join(root, 'generated'));
    // A successful run would remove this file (the package no longer has it); a failed one may not.
    await writeFile(join(root, 'generated', 'ping', 'untouched.txt'), 'not generated\n');
    const before = await readTree(join(root, 'generated'));

    const result = await generate(root);

    expect(result.code, result.output).toBe(expected.exitCode);
    expect(result.errors.join('\n')).toMatch(new RegExp(expected.message, 'm'));
    expect(result.output).not.toMatch(/internal error/);
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });
});
