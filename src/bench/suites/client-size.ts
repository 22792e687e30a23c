/**
 * Suite `client-size`: what one API's client costs a browser bundle, without and with its contract
 * checks, beside @hey-api/openapi-ts's clients of the same spec (plain, with valibot, with zod).
 * Each is bundled with esbuild (minified, ESM, platform neutral, without this repository's
 * tsconfig.json, as a consumer bundles it) into one file and gzipped (node:zlib, level 9).
 *
 * A package loads its checks by dynamic import (`checks/<operationId>.js`, then `runtime/report.js`
 * on the first violation and `checks/<operationId>.request.js` when requests are checked), which a
 * bundler splits off; here each step is measured as what it adds to the one-file bundle: **base**
 * (the checks left out: a client with `validate` off loads nothing more), **validated** (response
 * checks, the default), then with the report module, then with the request checks.
 *
 * Targets: the base client at most 6.5 kB (issue 18); the validated client at most 1.5 kB more
 * than the base (issue 17). hey-api's clients are generated at bench time into the cache, never
 * committed. Bundling is deterministic: one run.
 */
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { BenchError, runCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement, type Measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { binPath, packageNames } from '../workspace.js';

const TITLE = "one API's client, bundled, minified and gzipped, with and without contract checks";

const MAX_BYTES = 6_500;
const MAX_VALIDATION_BYTES = 1_500;

const BUNDLE: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
  logLevel: 'silent',
  mainFields: ['module', 'main'],
  // Not this repository's tsconfig.json (its `strict` makes esbuild prefix each lazily loaded module
  // with "use strict"): a consumer bundling the package has none of it, nor for hey-api's output.
  tsconfigRaw: '{}',
};

/** What a bundle leaves out, step by step: each a module loaded by dynamic import later, or never. */
const STEPS: { label: string; leaves: RegExp | undefined }[] = [
  { label: 'base', leaves: /\/checks\// },
  { label: 'validated', leaves: /\.request\.js$|\/report\.js$/ },
  { label: 'after a violation', leaves: /\.request\.js$/ },
  { label: 'requests checked too', leaves: undefined },
];

/** hey-api's clients of a spec: its fetch client alone, and its SDK validating with each library. */
const HEY_API: { label: string; plugins: unknown[] }[] = [
  { label: 'hey-api', plugins: ['@hey-api/client-fetch', { name: '@hey-api/sdk', validator: false }] },
  {
    label: 'hey-api + valibot',
    plugins: ['@hey-api/client-fetch', 'valibot', { name: '@hey-api/sdk', validator: true }],
  },
  {
    label: 'hey-api + zod',
    plugins: ['@hey-api/client-fetch', 'zod', { name: '@hey-api/sdk', validator: true }],
  },
];

const leaving = (pattern: RegExp): Plugin => ({
  name: 'leave-out',
  setup(build) {
    build.onResolve({ filter: pattern }, (args) => ({ path: args.path, external: true }));
  },
});

/** The label of Redocly's `generate-client` output. */
const REDOCLY = 'Redocly generate-client';

export const clientSizeSuite: Suite = {
  name: 'client-size',
  title: TITLE,
  defaultRuns: 1,
  async run({ bench, runs, log, signal }) {
    const machine = describeMachine();
    const apis = await packageNames(bench.rootDir);
    const sizes = new Map<string, number[]>();
    const add = (label: string, bytes: number) => sizes.set(label, [...(sizes.get(label) ?? []), bytes]);
    const { createClient } = await import('@hey-api/openapi-ts');
    const redocly = binPath(bench.rootDir, '@redocly/cli', 'redocly');
    // Deterministic, so repeated runs only confirm the same bytes; --runs is honoured all the same.
    for (let round = 0; round < runs; round += 1) {
      for (const api of apis) {
        const entryPoints = [join(bench.rootDir, 'generated', api, 'index.js')];
        for (const step of STEPS)
          add(
            `${api} ${step.label}`,
            await gzippedBundle(bench.rootDir, {
              entryPoints,
              plugins: step.leaves ? [leaving(step.leaves)] : [],
            }),
          );
        for (const peer of HEY_API) {
          const output = join(bench.cacheDir, 'hey-api', api, peer.label.replace(/\W+/g, '-'));
          try {
            await createClient({
              input: join(bench.rootDir, 'generated', api, 'openapi.json'),
              output: { path: output },
              plugins: peer.plugins as never,
              logs: { level: 'silent' },
            });
          } catch (error) {
            throw new BenchError(
              `@hey-api/openapi-ts could not generate ${peer.label} for ${api}: ${(error as Error).message}`,
            );
          }
          add(
            `${api} ${peer.label}`,
            await gzippedBundle(bench.rootDir, { entryPoints: [join(output, 'index.ts')] }),
          );
        }
        // Redocly's client, its runtime inlined in one file (issue 18: measured side by side).
        const redoclyClient = join(bench.cacheDir, 'redocly', api, 'client.ts');
        await runCommand(
          process.execPath,
          [
            redocly,
            'generate-client',
            join(bench.rootDir, 'generated', api, 'openapi.json'),
            '--output',
            redoclyClient,
          ],
          { cwd: bench.cacheDir, signal },
        );
        add(`${api} ${REDOCLY}`, await gzippedBundle(bench.rootDir, { entryPoints: [redoclyClient] }));
      }
      add(
        'openapi-fetch alone',
        await gzippedBundle(bench.rootDir, {
          stdin: { contents: "export { default } from 'openapi-fetch';", resolveDir: bench.rootDir },
        }),
      );
    }
    const bytes = (label: string) => sizes.get(label)![0]!;
    for (const api of apis)
      log(
        `${api}: ${[...STEPS, ...HEY_API, { label: REDOCLY }].map(({ label }) => `${label} ${formatValue(bytes(`${api} ${label}`), 'bytes')}`).join(', ')}`,
      );
    const measurements: Measurement[] = [...sizes].map(([label, samples]) =>
      measurement(label.replace(/^(\w+) /, '`$1` '), 'bytes', samples, samples[0]!),
    );
    return {
      suite: 'client-size',
      title: TITLE,
      method:
        `Each package's \`generated/<api>/index.js\` as the entry (the factory, the operations table, the runtime and ` +
        `openapi-fetch), bundled with esbuild (\`bundle\`, \`minify\`, \`format: 'esm'\`, \`platform: 'neutral'\`, \`tsconfigRaw: '{}'\`: ` +
        `not this repository's tsconfig.json, which a consumer does not have, for every alternative alike) into one ` +
        `file, then gzipped with node:zlib at level 9: **base** with the contract checks left out (\`checks/*\`, what a ` +
        `client with \`validate\` off loads), **validated** with the response checks and their runtime (the default ` +
        `\`validate.response: 'warn'\`; \`runtime/report.js\` and the request checks left out), **after a violation** with ` +
        `\`runtime/report.js\` too, **requests checked too** with everything. A bundler splits each dynamic import into a ` +
        `chunk of its own; one file per step measures what each adds. **hey-api**: @hey-api/openapi-ts 0.95 on the same ` +
        `\`openapi.json\`, its fetch client and SDK (\`@hey-api/sdk\` with \`validator\`), generated into \`.cache/bench/hey-api/\` ` +
        `and bundled from its \`index.ts\` the same way. **Redocly**: \`redocly generate-client\` on the same \`openapi.json\` ` +
        `(its defaults: one \`client.ts\`, its runtime inlined), generated into \`.cache/bench/redocly/\` and bundled the same ` +
        `way. openapi-fetch alone is \`export { default } from 'openapi-fetch'\`.`,
      date: new Date().toISOString(),
      machine,
      runs,
      measurements,
      checks: apis.flatMap((api) => [
        check(`\`${api}\` base gzipped`, bytes(`${api} base`), 'bytes', { max: MAX_BYTES }),
        check(`\`${api}\` validated − base`, bytes(`${api} validated`) - bytes(`${api} base`), 'bytes', {
          max: MAX_VALIDATION_BYTES,
        }),
      ]),
      info: apis.map(
        (api) =>
          `\`${api}\`: validation adds ${formatValue(bytes(`${api} validated`) - bytes(`${api} base`), 'bytes')} ` +
          `(${formatValue(bytes(`${api} requests checked too`) - bytes(`${api} base`), 'bytes')} with the report and request checks); ` +
          `valibot adds ${formatValue(bytes(`${api} hey-api + valibot`) - bytes(`${api} hey-api`), 'bytes')} to hey-api's client, ` +
          `zod ${formatValue(bytes(`${api} hey-api + zod`) - bytes(`${api} hey-api`), 'bytes')}.`,
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
