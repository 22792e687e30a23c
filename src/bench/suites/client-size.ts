/**
 * Suite `client-size`: what one API's client costs a bundle, side by side with the peers' clients
 * for the same document. Each package's `index.js` (its operations table, the runtime and
 * openapi-fetch), Redocly's `generate-client` output (`client.ts`, its runtime inlined) and
 * @hey-api/openapi-ts's (`index.ts`: types, SDK and its fetch client) for `diga`'s bundled
 * `openapi.json` are each bundled with esbuild (minified, ESM, platform neutral) and gzipped
 * (node:zlib, level 9). Target (issue 18, which withdrew the 5 kB budget): diga's base client at
 * most 6.5 kB (6,500 bytes); the other APIs and the peers are measured alongside, so that the price
 * of each feature stays visible. openapi-fetch bundled alone the same way shows how much of that is
 * the dependency. Bundling is deterministic: one run.
 */
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { BenchError, runCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { binPath, createScratchDir, packageNames } from '../workspace.js';

const TITLE = "one API's client, bundled, minified and gzipped, beside the peers' for the same document";

/** The API whose base client the target holds. */
const TARGET_API = 'diga';
const MAX_BYTES = 6_500;

const BUNDLE: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
  logLevel: 'silent',
};

export const clientSizeSuite: Suite = {
  name: 'client-size',
  title: TITLE,
  defaultRuns: 1,
  async run({ bench, runs, log, signal }) {
    const machine = describeMachine();
    const apis = await packageNames(bench.rootDir);
    if (!apis.includes(TARGET_API))
      throw new BenchError(`no generated/${TARGET_API}: the target is ${TARGET_API}'s client`);
    const scratch = await createScratchDir('client-size');
    try {
      const document = join(bench.rootDir, 'generated', TARGET_API, 'openapi.json');
      const peers = await generatePeerClients(bench.rootDir, scratch.dir, document, signal);
      const entries: [string, BuildOptions][] = [
        ...apis.map((api): [string, BuildOptions] => [
          `\`${api}\``,
          { entryPoints: [join(bench.rootDir, 'generated', api, 'index.js')] },
        ]),
        [`Redocly \`generate-client\`, \`${TARGET_API}\``, { entryPoints: [peers.redocly] }],
        [`@hey-api/openapi-ts, \`${TARGET_API}\``, { entryPoints: [peers.heyApi] }],
        [
          'openapi-fetch alone',
          { stdin: { contents: "export { default } from 'openapi-fetch';", resolveDir: bench.rootDir } },
        ],
      ];
      const sizes = new Map<string, number[]>(entries.map(([label]) => [label, []]));
      // Deterministic, so repeated runs only confirm the same bytes; --runs is honoured all the same.
      for (let round = 0; round < runs; round += 1) {
        for (const [label, entry] of entries)
          sizes.get(label)!.push(await gzippedBundle(bench.rootDir, entry));
      }
      const size = (label: string): number => sizes.get(label)![0]!;
      for (const [label] of entries)
        log(`${label.replaceAll('`', '')}: ${formatValue(size(label), 'bytes')}`);
      const ours = size(`\`${TARGET_API}\``);
      const fetchBytes = size('openapi-fetch alone');
      return {
        suite: 'client-size',
        title: TITLE,
        method:
          `Each package's \`generated/<api>/index.js\` as the entry (so everything it exports is kept: the ` +
          `factory, the operations table, the runtime and openapi-fetch); for the peers, the client each ` +
          `generates from \`generated/${TARGET_API}/openapi.json\` with its defaults, from an empty folder: ` +
          `\`redocly generate-client\` (one \`client.ts\`, its runtime inlined: opt-in retries and timeouts, ` +
          `no openapi-fetch) and @hey-api/openapi-ts (its \`index.ts\`: SDK functions, types and its own ` +
          `fetch client; no retries, no timeouts, no error classes). Each bundled with esbuild ` +
          `(\`bundle\`, \`minify\`, \`format: 'esm'\`, \`platform: 'neutral'\`), then gzipped with node:zlib at ` +
          `level 9. openapi-fetch alone is \`export { default } from 'openapi-fetch'\` bundled the same way.`,
        date: new Date().toISOString(),
        machine,
        runs,
        measurements: entries.map(([label]) => measurement(label, 'bytes', sizes.get(label)!, size(label))),
        checks: [check(`\`${TARGET_API}\` gzipped`, ours, 'bytes', { max: MAX_BYTES })],
        info: [
          `\`${TARGET_API}\` against Redocly's client: ${formatValue(ours - size(`Redocly \`generate-client\`, \`${TARGET_API}\``), 'bytes')} ` +
            `more; against hey-api's: ${formatValue(ours - size(`@hey-api/openapi-ts, \`${TARGET_API}\``), 'bytes')} more.`,
          `openapi-fetch alone is ${Math.round((fetchBytes / ours) * 100)}% of \`${TARGET_API}\`'s size ` +
            `(${formatValue(fetchBytes, 'bytes')} of ${formatValue(ours, 'bytes')}).`,
        ],
      };
    } finally {
      await scratch.remove();
    }
  },
};

/** The peers' clients for `document`, each generated in its own empty folder; resolves their entries. */
async function generatePeerClients(
  rootDir: string,
  dir: string,
  document: string,
  signal: AbortSignal,
): Promise<{ redocly: string; heyApi: string }> {
  const redocly = join(dir, 'redocly', 'client.ts');
  const heyApiDir = join(dir, 'hey-api');
  const run = (args: string[]) => runCommand(process.execPath, args, { cwd: dir, signal });
  await run([binPath(rootDir, '@redocly/cli', 'redocly'), 'generate-client', document, '--output', redocly]);
  await run([
    binPath(rootDir, '@hey-api/openapi-ts', 'openapi-ts'),
    '--input',
    document,
    '--output',
    heyApiDir,
  ]);
  return { redocly, heyApi: join(heyApiDir, 'index.ts') };
}

async function gzippedBundle(rootDir: string, entry: BuildOptions): Promise<number> {
  let result;
  try {
    result = await build({ ...BUNDLE, ...entry, absWorkingDir: rootDir });
  } catch (error) {
    throw new BenchError(
      `esbuild could not bundle ${JSON.stringify(entry.entryPoints ?? 'openapi-fetch')}: ${(error as Error).message}`,
    );
  }
  const output = result.outputFiles?.[0];
  if (output === undefined) throw new BenchError('esbuild wrote no bundle');
  return gzipSync(output.contents, { level: 9 }).length;
}
