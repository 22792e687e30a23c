/**
 * A YAML spec broken in its first lines is reported from its head (its top-level entries up to one
 * starting at most 2 KB in), without parsing the rest; a text whose head would read otherwise than
 * the whole text reads it is parsed whole.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/pipeline/load/index.js';
import { removeTemporaryDirs, temporaryDir } from '../helpers.js';

/** Valid YAML that fills `bytes`: top-level entries with nested mappings. */
function filler(bytes: number, prefix = 'x'): string {
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < bytes; i++)
    lines.push(`${prefix}${i}:`, `  description: entry ${i}`);
  return `${lines.join('\n')}\n`;
}

/** A problem 3 KB in: reported when the whole text is parsed, not when the head's problems are. */
const LATER_PROBLEM = `${filler(3000, 'later')}broken: "quote\nlast: 1\n`;

let dir: string;
beforeAll(async () => {
  dir = await temporaryDir('load-head-');
});
afterAll(removeTemporaryDirs);

/** The messages `loadDocument` throws for `text`, or `[]`. */
async function problemsOf(text: string): Promise<string[]> {
  const path = join(dir, 'spec.yaml');
  await writeFile(path, text);
  try {
    await loadDocument(path, 'spec.yaml', 'an OpenAPI document');
    return [];
  } catch (error) {
    const each = (error as { errors?: Error[] }).errors ?? [error as Error];
    return each.map((problem) => problem.message);
  }
}

describe('a problem in the head is reported alone, at its place', () => {
  it.each<[string, string, RegExp]>([
    [
      'an unclosed quote in line 1',
      'openapi: "3.1.0\ninfo:\n  title: t\n',
      /^spec\.yaml:1:10: invalid YAML: Missing closing "quote/,
    ],
    [
      'a duplicate key',
      'openapi: 3.1.0\ninfo:\n  title: a\n  title: b\n',
      /^spec\.yaml:4:3: invalid YAML: duplicate key/,
    ],
    ['a tab as indentation', 'openapi: 3.1.0\ninfo:\n\ttitle: a\n', /^spec\.yaml:3:1: invalid YAML: /],
    [
      'an unclosed flow sequence',
      'openapi: 3.1.0\ntags: [a, b\nservers: []\n',
      /^spec\.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented/,
    ],
    [
      'an alias without an anchor',
      'openapi: 3.1.0\ninfo: *nowhere\n',
      /^spec\.yaml:2:7: invalid YAML: alias \*nowhere has no anchor/,
    ],
  ])('%s', async (_, head, want) => {
    const whole = await problemsOf(head);
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatch(want);
    // The same text followed by 3 KB more and a second problem: the head's alone.
    expect(await problemsOf(`${head}${LATER_PROBLEM}`)).toEqual(whole);
  });
});

describe('a text whose head would read otherwise is parsed whole', () => {
  it.each<[string, string]>([
    ['a quoted scalar at the root, on over a key-like line', '"quoted\nkey: on"\n'],
    ['a flow mapping at the root, on over a key-like line', '{a: 1,\nb: 2}\n'],
    ['a block scalar at the root', '--- |\ntext\nkey: on\n'],
    ['a sequence at the root', '- a\n'],
    ['an anchor in the head, its alias after it', 'a: &shared 1\nb: *shared\n'],
  ])('%s: no problem', async (_, text) => {
    expect(await problemsOf(`${text}`)).toEqual([]);
  });

  it('a problem after the head is reported', async () => {
    const problems = await problemsOf(`openapi: 3.1.0\n${LATER_PROBLEM}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^spec\.yaml:\d+:9: invalid YAML: Missing closing "quote/);
  });

  it('a problem that starts in the head and reads on past it is reported as the whole text reads it', async () => {
    // A root quoted scalar never closed: the head alone would end it at its end.
    const text = `"${filler(3000)}`;
    const problems = await problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^spec\.yaml:1:1: invalid YAML: Missing closing "quote/);
  });
});
