/**
 * Suite `client-size`: what one API's client costs a browser bundle. Each package's `index.js`
 * (its operations table, the runtime and openapi-fetch) is bundled with esbuild (minified, ESM,
 * platform neutral) and gzipped (node:zlib, level 9). Target (issue 18, which withdrew the 5 kB
 * budget): at most 6.5 kB (6,500 bytes) per API.
 * openapi-fetch bundled alone the same way shows how much of that is the dependency.
 * Bundling is deterministic: one run.
 */
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { BenchError } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { packageNames } from '../workspace.js';

const TITLE = "one API's client, bundled, minified and gzipped";

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
  async run({ bench, runs, log }) {
    const machine = describeMachine();
    const apis = await packageNames(bench.rootDir);
    const sizes = new Map<string, number[]>();
    let openapiFetch: number[] = [];
    // Deterministic, so repeated runs only confirm the same bytes; --runs is honoured all the same.
    for (let round = 0; round < runs; round += 1) {
      for (const api of apis) {
        const bytes = await gzippedBundle(bench.rootDir, {
          entryPoints: [join(bench.rootDir, 'generated', api, 'index.js')],
        });
        sizes.set(api, [...(sizes.get(api) ?? []), bytes]);
      }
      openapiFetch = [
        ...openapiFetch,
        await gzippedBundle(bench.rootDir, {
          stdin: { contents: "export { default } from 'openapi-fetch';", resolveDir: bench.rootDir },
        }),
      ];
    }
    const fetchBytes = openapiFetch[0]!;
    for (const api of apis) log(`${api}: ${formatValue(sizes.get(api)![0]!, 'bytes')}`);
    log(`openapi-fetch alone: ${formatValue(fetchBytes, 'bytes')}`);
    return {
      suite: 'client-size',
      title: TITLE,
      method:
        `Each package's \`generated/<api>/index.js\` as the entry (so everything it exports is kept: the ` +
        `factory, the operations table, the runtime and openapi-fetch), bundled with esbuild ` +
        `(\`bundle\`, \`minify\`, \`format: 'esm'\`, \`platform: 'neutral'\`), then gzipped with node:zlib at ` +
        `level 9. openapi-fetch alone is \`export { default } from 'openapi-fetch'\` bundled the same way.`,
      date: new Date().toISOString(),
      machine,
      runs,
      measurements: [
        ...apis.map((api) => measurement(`\`${api}\``, 'bytes', sizes.get(api)!, sizes.get(api)![0]!)),
        measurement('openapi-fetch alone', 'bytes', openapiFetch, fetchBytes),
      ],
      checks: apis.map((api) =>
        check(`\`${api}\` gzipped`, sizes.get(api)![0]!, 'bytes', { max: MAX_BYTES }),
      ),
      info: apis.map(
        (api) =>
          `\`${api}\`: openapi-fetch alone is ${Math.round((fetchBytes / sizes.get(api)![0]!) * 100)}% of its size ` +
          `(${formatValue(fetchBytes, 'bytes')} of ${formatValue(sizes.get(api)![0]!, 'bytes')}).`,
      ),
    };
  },
};

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
