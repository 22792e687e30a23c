/**
 * `npm run diff` in-process on temporary projects, as `scripts/diff.ts` runs it: an error it
 * prints is a line naming the place; anything else would reach the user as a stack trace.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/pipeline/context.js';
import { diffErrorMessage, handleDiff, parseDiffArgs } from '../../src/pipeline/diff.js';
import { GenerateError, GenerateErrors } from '../../src/pipeline/errors.js';
import { loadSpec } from '../../src/pipeline/load.js';
import { generate, HERE, PROJECT_CONFIG, removeTemporaryDirs, temporaryProject } from './helpers.js';

afterAll(removeTemporaryDirs);

const CORPUS = join(HERE, 'broken-specs');

/** `npm run diff -- <argv>` in `root`: the exit code and what it printed. */
async function diff(
  root: string,
  argv: string[],
): Promise<{ code: number; info: string[]; errors: string[] }> {
  const info: string[] = [];
  const errors: string[] = [];
  const ctx = resolveContext({
    rootDir: root,
    configPath: PROJECT_CONFIG,
    color: false,
    reporter: { info: (line) => void info.push(line), error: (line) => void errors.push(line) },
  });
  try {
    const args = parseDiffArgs(argv);
    if (args === 'help') return { code: 0, info, errors };
    return { code: await handleDiff(args, ctx), info, errors };
  } catch (error) {
    const message = diffErrorMessage(error);
    // scripts/diff.ts rethrows what it cannot word: the user would see a stack trace.
    if (message === undefined) throw error;
    return { code: 1, info, errors: [...errors, ...message.split('\n')] };
  }
}

/** The broken-spec cases the loader rejects, with its messages (what `generate` prints). */
const unloadable = (
  await Promise.all(
    readdirSync(CORPUS)
      .sort()
      .map(async (name) => {
        const spec = join(CORPUS, name, 'broken.yaml');
        if (!existsSync(spec)) return undefined;
        const error = await loadSpec(spec, 'specs/broken.yaml').then(
          () => undefined,
          (caught: unknown) => caught,
        );
        if (error instanceof GenerateErrors) return [name, error.errors.map((each) => each.message)] as const;
        if (error instanceof GenerateError) return [name, [error.message]] as const;
        return undefined;
      }),
  )
).filter((row) => row !== undefined);

describe('a spec that does not load', () => {
  it('the corpus has such cases (YAML errors, duplicate keys, empty files, not OpenAPI)', () => {
    expect(unloadable.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'empty-file',
        'yaml-duplicate-key',
        'yaml-unclosed-quote',
        'not-openapi-scalar',
      ]),
    );
  });

  it.each(unloadable)('%s: reported as generate reports it', async (name, want) => {
    const root = await temporaryProject({});
    await cp(join(CORPUS, name), join(root, 'specs'), { recursive: true });
    await rm(join(root, 'specs', 'expected.json'));

    const result = await diff(root, ['broken']);

    expect(result.code).toBe(1);
    expect(result.errors).toEqual(want);
  });
});

it('compares with the spec the package was generated from', async () => {
  const spec = await readFile(join(HERE, 'fixtures', 'minimal', 'ping.yaml'), 'utf8');
  const root = await temporaryProject({ 'ping.yaml': spec });
  expect((await generate(root)).code).toBe(0);

  const result = await diff(root, ['ping']);

  expect(result).toMatchObject({ code: 0, errors: [] });
  expect(result.info.join('\n')).toMatch(/No changes\.\n*\nPackage version: 1\.0\.0 → 1\.0\.0/);
});
