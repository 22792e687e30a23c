/**
 * Each spec names its source as a reader can follow it: the vendor's page by its title, the
 * vendor's documentation site and the date the page was read, in the first paragraph of
 * `info.description` (which the package README and reference page show). An internal file number
 * ("seed 003") names nothing a consumer can open.
 */
import { describe, expect, it } from 'vitest';
import { API_NAMES, loadSpec } from '../support/spec.js';

// A recorded revision names the page it was read from too.
const specs = [...API_NAMES.map((api) => `specs/${api}.yaml`), 'specs/history/cozmo-1.0.0.yaml'];

describe.each(specs)('%s', (file) => {
  const doc = loadSpec(file);
  const info = doc['info'] as { description?: string };
  const description = info.description ?? '';
  const firstParagraph = description
    .trim()
    .split(/\n\s*\n/)[0]!
    .replace(/\s+/g, ' ');

  it('names the page by its title, the documentation site and the date it was read', () => {
    expect(firstParagraph).toMatch(/ page of /);
    expect(firstParagraph).toMatch(/"[^"]+" page/);
    expect(firstParagraph).toMatch(/\bdocs\.[a-z0-9.-]+\.[a-z]+\b/);
    expect(firstParagraph).toMatch(/read on \d{4}-\d{2}-\d{2}/);
  });

  it('names no internal file', () => {
    expect(description).not.toMatch(/\bseed\b/i);
  });
});
