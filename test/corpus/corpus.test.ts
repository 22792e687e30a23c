/**
 * The published corpus (`../shared/corpus/`, documents nobody on this project wrote) end to end,
 * through the commands a user runs, each in a temporary project: every document but Vapi's imports,
 * generates with the real runtime, type-checks in a strict consumer (`exactOptionalPropertyTypes`,
 * `noUncheckedIndexedAccess`, no lib check skipped), serves a mock (`npm run mock`), and
 * regenerates as a no-op. Vapi's is refused at `#/components/schemas/BackoffPlan`, changing
 * nothing. `npm run test:corpus` (minutes: Prism reads megabytes), which CI runs after `npm test`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handleMock } from '../../src/mock/command.js';
import { DEFAULT_MOCK_OPTIONS } from '../../src/mock/options.js';
import type { CommandIo } from '../../src/shared/command-io.js';
import { readTree, removeTemporaryDirs, typecheck, writeConsumer } from '../pipeline/helpers.js';
import { CORPUS, generateIn, projectWith, runImport } from './helpers.js';

afterAll(removeTemporaryDirs);

/** `npm run mock -- <api> --port 0` in `root`, stopped once its banner is out: the banner. */
async function mockBanner(
  root: string,
  api: string,
): Promise<{ code: number; banner: string; errors: string }> {
  let shown = () => undefined as void;
  const bannerShown = new Promise<void>((resolve) => (shown = resolve));
  let out = '';
  let err = '';
  const io: CommandIo = {
    stdout: (text) => void ((out += text), text.includes('Press Ctrl-C to stop.') && shown()),
    stderr: (text) => void (err += text),
    env: {},
  };
  const code = await handleMock({ ...DEFAULT_MOCK_OPTIONS, api, port: 0, root }, io, () =>
    bannerShown.then(() => 'SIGTERM' as const),
  );
  return { code, banner: out, errors: err };
}

const DOCUMENTS: [string, { file: string; operations: number }][] = [
  ['petstore', { file: 'petstore.yaml', operations: 3 }],
  ['twilio-voice', { file: 'twilio-voice.yaml', operations: 32 }],
  ['twilio-api', { file: 'twilio-api.yaml', operations: 197 }],
  ['retell', { file: 'retell.yaml', operations: 79 }],
  ['elevenlabs', { file: 'elevenlabs.json', operations: 208 }],
];

describe.each(DOCUMENTS)('%s', (name, { file, operations }) => {
  let root: string;

  it('imports', async () => {
    root = await projectWith(file, await readFile(new URL(file, CORPUS)));
    const result = await runImport(root, `vendor/${file}`, name);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`${operations} operations`);
    expect(result.output).toMatch(
      new RegExp(`Next: \`npm run generate -- ${name}\` creates generated/${name}/`),
    );
  });

  it('generates', async () => {
    const result = await generateIn(root);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(new RegExp(`✔ \\[1/1\\] ${name} +new at 1\\.0\\.0`));
  });

  it('type-checks in a strict consumer', async () => {
    // Beside the package, not in it: a file in it is one the next run would call not generated.
    const consumer = await writeConsumer(join(root, 'generated', name), name, join(root, 'consumer.mts'));
    expect(typecheck([consumer])).toEqual([]);
  });

  it('serves a mock (npm run mock), listing every operation', async () => {
    const { code, banner, errors } = await mockBanner(root, name);
    expect(code, `${banner}\n${errors}`).toBe(0);
    expect(banner).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(banner.match(/^\S+: (GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) \//gm)).toHaveLength(
      operations,
    );
  });

  it('regenerates as a no-op', async () => {
    const before = await readTree(join(root, 'generated'));
    const result = await generateIn(root);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/✔ 0 generated, 1 unchanged; no file changed/);
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });
});

describe('vapi', () => {
  it('is refused at #/components/schemas/BackoffPlan with its file position, changing nothing', async () => {
    const root = await projectWith('vapi.json', await readFile(new URL('vapi.json', CORPUS)));
    const before = {
      specs: await readTree(join(root, 'specs')),
      config: await readFile(join(root, 'redocly.yaml')),
    };

    const result = await runImport(root, 'vendor/vapi.json', 'vapi');

    expect(result.code).toBe(1);
    expect(result.errors).toContainEqual(
      expect.stringMatching(
        /^vendor\/vapi\.json:10764:13: error voice-agent-sdks\/schema-shape at #\/components\/schemas\/BackoffPlan\/properties\/type\/enum: an object schema's `enum` lists the string "fixed"/,
      ),
    );
    expect(result.output).not.toMatch(/internal error/);
    expect({
      specs: await readTree(join(root, 'specs')),
      config: await readFile(join(root, 'redocly.yaml')),
    }).toEqual(before);
  });
});
