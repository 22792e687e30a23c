/** `fileHasEnds`: a file's first and last bytes checked without reading the rest. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHasEnds } from '../../src/shared/files.js';
import { removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

describe('fileHasEnds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await temporaryDir('files-test-');
  });
  afterAll(removeTemporaryDirs);

  const head = '<!-- généré from a.json -->\n';
  const tail = '</html>\n';
  it.each<[string, string | undefined, boolean]>([
    ['both ends', `${head}<html>${'x'.repeat(100_000)}</html>\n`, true],
    ['nothing between them', `${head}${tail}`, true],
    ['cut short: the head, not the end', `${head}<html>${'x'.repeat(1000)}`, false],
    ['another head', `<!-- genere from a.json -->\n<html></html>\n`, false],
    ['the end without a newline', `${head}<html></html>`, false],
    ['shorter than both ends', head, false],
    ['empty', '', false],
    ['missing', undefined, false],
  ])('%s', async (name, content, expected) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.html`);
    if (content !== undefined) await writeFile(path, content);
    expect(await fileHasEnds(path, head, tail)).toBe(expected);
    // What reading the whole text decided before.
    if (content !== undefined) expect(content.startsWith(head) && content.endsWith(tail)).toBe(expected);
  });
});
