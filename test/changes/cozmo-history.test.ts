/**
 * The cozmo package's real history, replayed from the two spec files: first generated from the
 * older page (seed 000) as 1.0.0, then from the current one (seed 001). The 2.0.0 entry must carry
 * the changes the vendor made, and the committed package must be exactly that replay.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { classifyChanges, formatChangeReport } from '../../src/changes/index.js';
import { bundleSpec, loadRedoclyConfig } from '../../src/pipeline/bundle/index.js';
import { displayPathFor } from '../../src/shared/display.js';
import { stripMarkdownBanner } from '../../src/shared/banner.js';
import { firstRelease } from '../../src/pipeline/release/index.js';

const root = new URL('../../', import.meta.url).pathname;
const display = displayPathFor(root);
const config = await loadRedoclyConfig(`${root}redocly.yaml`, 'redocly.yaml');
const bundled = async (path: string) => (await bundleSpec(`${root}${path}`, config, display)).document;
const older = await bundled('specs/history/cozmo-1.0.0.yaml');
const current = await bundled('specs/cozmo.yaml');
const operation = 'PATCH /org/{org_id}/agents/{agent_id}';

describe('cozmo 1.0.0 → 2.0.0', () => {
  const changes = classifyChanges(older, current);
  const release = firstRelease('cozmo', [{ document: older }], current);

  it.each([
    [
      'breaking',
      `${operation} security`,
      /BearerAuth.*HTTP bearer.*replaced by.*API key in header X-API-Key/,
    ],
    ['breaking', `${operation} request.allowed_sip_trunks`, /removed/],
    ['additive', `${operation} request.default_functions`, /added/],
    ['additive', `${operation} response 200.default_functions`, /added/],
    ['additive', 'servers', /https:\/\/v2-nova-api\.prod\.czmx\.in\/api.*added/],
  ] as const)('reports a %s change at %s', (kind, location, message) => {
    const change = changes.find((c) => c.location === location);
    expect(change, formatChangeReport(changes)).toBeDefined();
    expect(change!.kind).toBe(kind);
    expect(change!.message).toMatch(message);
  });

  it('gives the exact report', async () => {
    await expect(formatChangeReport(changes)).toMatchFileSnapshot('__snapshots__/cozmo-1.0.0-to-2.0.0.txt');
  });

  it('releases 2.0.0 on top of 1.0.0', () => {
    expect(release.version).toBe('2.0.0');
    expect(release.changelog.match(/^## .*/gm)).toEqual(['## 2.0.0', '## 1.0.0']);
  });

  it('is the history the committed package carries', async () => {
    // Later releases stack on top; the replayed entries stay, word for word, at the bottom.
    const changelog = stripMarkdownBanner(await readFile(`${root}generated/cozmo/CHANGELOG.md`, 'utf8'));
    const replayed = release.changelog.slice(release.changelog.indexOf('## 2.0.0'));
    expect(changelog.endsWith(replayed)).toBe(true);
  });
});
