/**
 * `--watch` in-process on a temporary project: the first run, then a run for each saved spec (or
 * saved redocly.yaml); a broken save prints its error and watching goes on.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, HERE, removeTemporaryDirs, temporaryProject, writeProjectConfig } from '../helpers.js';
import type { GenerateOverrides } from '../../../src/pipeline/orchestration/context.js';

afterAll(removeTemporaryDirs);

/**
 * Resolves once `condition` holds; rejects with `what` after `timeoutMs`, a safety net below the
 * test's own bound (a run takes a second or two here, many more on a loaded machine).
 */
async function waitFor(what: string, condition: () => boolean, timeoutMs = 100_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * `generate --watch` on `root` while `steps` run, with its output in `lines` (steps may clear them);
 * `seen(pattern)` is a condition for `waitFor`. Steps start after the first run; then the watcher
 * must stop cleanly when aborted.
 */
async function whileWatching(
  root: string,
  overrides: GenerateOverrides,
  steps: (watch: { lines: string[]; seen: (pattern: RegExp) => () => boolean }) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  const lines: string[] = [];
  const seen = (pattern: RegExp) => () => lines.some((line) => pattern.test(line));
  const watching = generate(root, {
    ...overrides,
    mode: 'watch',
    signal: controller.signal,
    watchDebounceMs: 50,
    reporter: { info: (line) => void lines.push(line), error: (line) => void lines.push(line) },
  });
  try {
    await waitFor('the first run', seen(/^watching /));
    await steps({ lines, seen });
  } finally {
    controller.abort();
  }
  expect((await watching).code).toBe(0);
}

it('regenerates the saved API, reports a broken save, and keeps watching', async () => {
  const spec = await readFile(join(HERE, 'fixtures', 'minimal', 'ping.yaml'), 'utf8');
  const root = await temporaryProject({ 'ping.yaml': spec, 'other.yaml': spec.replace('/ping', '/other') });
  const specPath = join(root, 'specs', 'ping.yaml');
  const generated = join(root, 'generated', 'ping', 'index.d.ts');
  await whileWatching(root, {}, async ({ lines, seen }) => {
    expect(lines).toContainEqual(expect.stringMatching(/^✔ \[1\/2\] other +new at 1\.0\.0 \(\d+ ms\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^✔ \[2\/2\] ping +new at 1\.0\.0 \(\d+ ms\)$/));

    // Each save is followed until the run's summary: it is printed once the files are written.
    lines.length = 0;
    await writeFile(specPath, spec.replace('summary: Ping', 'summary: Ping again'));
    await waitFor('the saved spec to be regenerated', () => /Ping again/.test(readOrEmpty(generated)));
    expect(lines).toContainEqual(expect.stringMatching(/^✔ \[1\/1\] ping/));

    lines.length = 0;
    await writeFile(specPath, spec.replace('  title: Ping API', '  title: "Ping API'));
    await waitFor('the broken save to be reported', seen(/nothing in generated\/ was changed/));
    expect(lines).toContainEqual(expect.stringMatching(/^specs\/ping\.yaml:3:10: invalid YAML/));

    await writeFile(specPath, spec.replace('summary: Ping', 'summary: Ping fixed'));
    await waitFor('the fixed spec to be regenerated', () => /Ping fixed/.test(readOrEmpty(generated)));
    expect(lines.some((line) => / other /.test(line))).toBe(false);
  });
});

describe('a file replaced by a rename (sed -i, safe-write, git checkout), then saved again', () => {
  /** Saves `text` to `path` the way `sed -i` does: a new file, renamed onto the old one. */
  const replaceByRename = async (path: string, text: string) => {
    await writeFile(`${path}.new`, text);
    await rename(`${path}.new`, path);
  };

  it.each<[string, { file: string; saved: (text: string) => string; seen: RegExp }]>([
    [
      'a spec: its API is regenerated each time',
      { file: 'ping.yaml', saved: (text) => `summary: ${text}`, seen: /^✔ \[\d\/\d\] ping/ },
    ],
    [
      'a history file: every API is checked each time',
      {
        file: 'history/ping-0.9.0.yaml',
        saved: (text) => `summary: ${text}`,
        seen: /^· \[2\/2\] ping +unchanged$/,
      },
    ],
  ])('%s', async (_, { file, saved, seen }) => {
    const spec = await readFile(join(HERE, 'fixtures', 'minimal', 'ping.yaml'), 'utf8');
    const root = await temporaryProject({ 'ping.yaml': spec, 'other.yaml': spec.replace('/ping', '/other') });
    await mkdir(join(root, 'specs', 'history'), { recursive: true });
    const path = join(root, 'specs', file);
    await writeFile(path, spec);
    await whileWatching(root, {}, async ({ lines, seen: seenLine }) => {
      for (const [step, save] of [
        ['replaced by a rename', replaceByRename],
        ['saved in place', writeFile],
        ['replaced by a rename again', replaceByRename],
        ['saved in place again', writeFile],
      ] as const) {
        lines.length = 0;
        await save(path, spec.replace('summary: Ping', saved(`Ping ${step}`)));
        await waitFor(`a run after the file was ${step}`, seenLine(seen));
        await waitFor('the run to finish', seenLine(/^✔ \d+ generated/));
      }
    });
  });
});

describe('a new spec, then its entry in redocly.yaml (which the first run asks for)', () => {
  it.each<[string, { given: (path: string, text: string) => Promise<void> }]>([
    ['the config saved in place', { given: (path, text) => writeFile(path, text) }],
    [
      'the config replaced by a rename',
      {
        given: async (path, text) => {
          await writeFile(`${path}.new`, text);
          await rename(`${path}.new`, path);
        },
      },
    ],
  ])('%s: the new API is generated', async (_, { given }) => {
    const spec = await readFile(join(HERE, 'fixtures', 'minimal', 'ping.yaml'), 'utf8');
    const root = await temporaryProject({ 'ping.yaml': spec });
    const configPath = await writeProjectConfig(root, ['ping']);
    await whileWatching(root, { configPath }, async ({ lines, seen }) => {
      await writeFile(join(root, 'specs', 'pong.yaml'), spec.replace('/ping', '/pong'));
      await waitFor('the missing entry to be reported', seen(/specs\/pong\.yaml is not listed in `apis`/));

      lines.length = 0;
      await given(configPath, (await readFile(configPath, 'utf8')) + '  pong:\n    root: specs/pong.yaml\n');
      await waitFor('the run after the config was saved', seen(/^✔ \d+ generated/));
      expect(lines).toContainEqual(expect.stringMatching(/^✔ \[\d\/2\] pong +new at 1\.0\.0 \(\d+ ms\)$/));
      expect(readOrEmpty(join(root, 'generated', 'pong', 'package.json'))).toMatch(/"version": "1\.0\.0"/);
    });
  });
});

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

describe('which APIs a change regenerates', () => {
  it.each<
    [
      string,
      {
        given: { apis: string[]; change: (specs: string, spec: string) => Promise<void> };
        want: { seen: RegExp; never?: RegExp };
      },
    ]
  >([
    [
      'a deleted spec: a full run, which removes its package',
      {
        given: { apis: [], change: (specs) => rm(join(specs, 'other.yaml')) },
        want: { seen: /^✔ removed generated\/other: its spec is gone$/ },
      },
    ],
    [
      "a hidden file saved beside a spec (an editor's draft): only the spec's API",
      {
        given: {
          apis: [],
          change: async (specs, spec) => {
            await writeFile(join(specs, '.ping.draft.json'), '{}');
            await writeFile(join(specs, 'ping.yaml'), spec.replace('summary: Ping', 'summary: Ping again'));
          },
        },
        want: { seen: /^✔ \[1\/1\] ping/, never: / other / },
      },
    ],
    [
      'specs saved together, one of them not selected: only the selected one',
      {
        given: {
          apis: ['ping'],
          change: async (specs, spec) => {
            await writeFile(
              join(specs, 'other.yaml'),
              spec.replace('/ping', '/other').replace('summary: Ping', 'summary: Other'),
            );
            await writeFile(join(specs, 'ping.yaml'), spec.replace('summary: Ping', 'summary: Ping again'));
          },
        },
        want: { seen: /^✔ \[1\/1\] ping/, never: / other / },
      },
    ],
  ])('%s', async (_, { given, want }) => {
    const spec = await readFile(join(HERE, 'fixtures', 'minimal', 'ping.yaml'), 'utf8');
    const root = await temporaryProject({ 'ping.yaml': spec, 'other.yaml': spec.replace('/ping', '/other') });
    await whileWatching(root, { apis: given.apis }, async ({ lines, seen }) => {
      lines.length = 0;
      await given.change(join(root, 'specs'), spec);
      // Two saves may fall into two runs on a loaded machine (the debounce is 50 ms): wait for the
      // run that has the line, then for it to finish.
      await waitFor('the expected line', seen(want.seen));
      const from = lines.findIndex((line) => want.seen.test(line));
      await waitFor('the run to finish', () =>
        lines.slice(from).some((line) => /^✔ \d+ generated/.test(line)),
      );
      if (want.never) expect(lines.filter((line) => want.never!.test(line))).toEqual([]);
    });
  });
});
