/**
 * Every API listed in `redocly.yaml` lints clean under it: no errors, and for a transcribed spec no
 * warnings either (a published document keeps the vendor's, counted per rule: its preset makes
 * only what would break generation an error). The list comes from the config, so a new API is
 * covered as soon as it is registered there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { formatLintProblem, lintSpec } from '../../src/pipeline/lint/index.js';
import { PUBLISHED_DIR } from '../../src/pipeline/orchestration/layout.js';

const CONFIG = fileURLToPath(new URL('../../redocly.yaml', import.meta.url));

const config = parse(readFileSync(CONFIG, 'utf8')) as { apis?: Record<string, { root?: unknown }> };
const rows = Object.entries(config.apis ?? {}).map(([alias, api]) => {
  if (typeof api.root !== 'string') throw new Error(`${CONFIG}: apis.${alias}.root must be a path`);
  return [alias, { given: path.resolve(path.dirname(CONFIG), api.root), want: [] as string[] }] as const;
});

describe('specs under redocly.yaml', () => {
  test('the config lists APIs', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  test.each(rows)('%s lints clean', async (_alias, { given, want }) => {
    const published = given.includes(`${path.sep}${PUBLISHED_DIR}${path.sep}`);
    const problems = await lintSpec(given, { configPath: CONFIG });
    expect(
      problems.filter((problem) => !published || problem.severity === 'error').map(formatLintProblem),
    ).toEqual(want);
  });
});
