/**
 * The `published` preset under the project's own config: Redocly merges an `apis` entry's preset
 * over the top-level rules, so a rule the top level turns on that the preset forgot to name (a new
 * rule of `recommended-strict` after a Redocly update, a new house rule) would refuse a vendor's
 * document for what does not break generation. Every rule is read as the pipeline reads it, for
 * OpenAPI 3.0 and 3.1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED_ERRORS } from '../../src/redocly/presets.js';
import { PROJECT_CONFIG, PROJECT_ROOT, removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

type Severities = Record<string, string>;

/** Rule → severity for an API under the project's top-level rules, and under the published preset. */
let transcribed: Record<'oas3_0' | 'oas3_1', Severities>;
let published: Record<'oas3_0' | 'oas3_1', Severities>;

beforeAll(async () => {
  const dir = await temporaryDir('published-preset-');
  const project = (await readFile(PROJECT_CONFIG, 'utf8'))
    .replace('./src/redocly/plugin.js', join(PROJECT_ROOT, 'src/redocly/plugin.js'))
    .replace(/^apis:[\s\S]*$/m, '');
  const path = join(dir, 'redocly.yaml');
  await writeFile(
    path,
    `${project}apis:\n  vendor:\n    root: vendor.json\n    extends: [voice-agent-sdks/published]\n  ours:\n    root: ours.yaml\n`,
  );
  const config = await loadConfig({ configPath: path });
  const severities = (alias: string, version: 'oas3_0' | 'oas3_1'): Severities => {
    const api = config.forAlias(alias);
    const resolved = api.resolvedConfig as unknown as Record<string, Record<string, unknown> | undefined>;
    const names = new Set([
      ...Object.keys(resolved.rules ?? {}),
      ...Object.keys(resolved[`${version}Rules`] ?? {}),
    ]);
    return Object.fromEntries([...names].map((rule) => [rule, api.getRuleSettings(rule, version).severity]));
  };
  transcribed = { oas3_0: severities('ours', 'oas3_0'), oas3_1: severities('ours', 'oas3_1') };
  published = { oas3_0: severities('vendor', 'oas3_0'), oas3_1: severities('vendor', 'oas3_1') };
});
afterAll(removeTemporaryDirs);

describe.each(['oas3_0', 'oas3_1'] as const)('%s', (version) => {
  it('only what breaks generation is an error', () => {
    const errors = Object.entries(published[version])
      .filter(([, severity]) => severity === 'error')
      .map(([rule]) => rule)
      .sort();
    expect(errors).toEqual([...PUBLISHED_ERRORS].sort());
  });

  it('every other rule the project enables still reports, as a warning (the house rules of transcriptions aside)', () => {
    const enabled = Object.entries(transcribed[version])
      .filter(([rule, severity]) => severity !== 'off' && !rule.startsWith('voice-agent-sdks/'))
      .map(([rule]) => rule);
    expect(enabled.length).toBeGreaterThan(30);
    for (const rule of enabled) {
      expect([rule, published[version][rule]]).toEqual([
        rule,
        PUBLISHED_ERRORS.includes(rule) ? 'error' : 'warn',
      ]);
    }
  });

  it("the transcribed specs' rules are unchanged by it: strict, every enabled rule an error", () => {
    const levels = new Set(Object.values(transcribed[version]).filter((severity) => severity !== 'off'));
    expect([...levels]).toEqual(['error']);
    expect(transcribed[version]['voice-agent-sdks/schema-shape']).toBeUndefined();
  });
});
