/**
 * Suite `specs`: a cold full regeneration of the repository's specs, as `npm run generate -- --force
 * --no-docs` starts it (the command of package.json's `generate` script, a new process each run, in a
 * copy of the repository, without npm's own start-up, which the `noop` suite measures), against the
 * peers generating clients from the same bundled documents (each package's `openapi.json`), each
 * in one process from an empty folder: @hey-api/openapi-ts (one config with a job per document) and
 * Redocly's `generate-client` (one `redocly.yaml` listing every document). Target (issue 18): no
 * slower than hey-api. The same full run with the reference docs is measured alongside. (The
 * openapi-typescript CLI, the earlier peer, is left out: four cold processes a round, half the
 * suite's time, for types alone.)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { interleave, median, timeCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { binPath, createScratchDir, createWorkspace, packageNames, scriptCommand } from '../workspace.js';

const TITLE = 'a cold full regeneration vs hey-api and Redocly generate-client on our specs';

export const specsSuite: Suite = {
  name: 'specs',
  title: TITLE,
  defaultRuns: 5,
  async run({ bench, runs, log, signal }) {
    const machine = describeMachine();
    const workspace = await createWorkspace(bench.rootDir, 'specs');
    const scratch = await createScratchDir('specs-peers');
    try {
      const apis = await packageNames(workspace.dir);
      const documents = apis.map((api) => join(workspace.dir, 'generated', api, 'openapi.json'));
      const script = await scriptCommand(workspace.dir, 'generate');
      const generate = (args: string[]): Promise<number> =>
        timeCommand(script.command, [...script.args, ...args], { cwd: workspace.dir, signal });
      const peers = await writePeerConfigs(scratch.dir, apis, documents);
      const heyApi = binPath(bench.rootDir, '@hey-api/openapi-ts', 'openapi-ts');
      const redocly = binPath(bench.rootDir, '@redocly/cli', 'redocly');
      const inFolder = (dir: string, args: string[]) => () =>
        timeCommand(process.execPath, args, { cwd: dir, signal });
      // Untimed: brings the copy's packages up to date (so that every timed run writes the same
      // bytes) and whatever the command caches on its first run; the peers run once each too.
      log('warm-up runs');
      await generate(['--force', '--no-docs']);
      await inFolder(peers.heyApiDir, [heyApi])();
      await inFolder(peers.redoclyDir, [redocly, 'generate-client'])();

      const samples = await interleave(
        runs,
        {
          pipeline: () => generate(['--force', '--no-docs']),
          heyApi: inFolder(peers.heyApiDir, [heyApi]),
          redocly: inFolder(peers.redoclyDir, [redocly, 'generate-client']),
          withDocs: async () => {
            // Pages are rendered only when missing or stale: without them, every one is.
            for (const name of apis) {
              await rm(join(workspace.dir, 'generated', name, 'docs'), { recursive: true, force: true });
            }
            return generate(['--force']);
          },
        },
        (round, s) =>
          log(
            `run ${round}/${runs}: pipeline ${ms(s.pipeline)}, hey-api ${ms(s.heyApi)}, Redocly ${ms(s.redocly)}, ` +
              `with docs ${ms(s.withDocs)}`,
          ),
        signal,
      );

      const pipeline = median(samples.pipeline);
      const heyApiMs = median(samples.heyApi);
      const redoclyMs = median(samples.redocly);
      const withDocs = median(samples.withDocs);
      const list = documents
        .map((document) => `\`${basename(join(document, '..'))}/openapi.json\``)
        .join(', ');
      return {
        suite: 'specs',
        title: TITLE,
        method:
          `\`${[basename(script.command), ...script.args].join(' ')} --force --no-docs\` (package.json's ` +
          `\`generate\` script without npm: a cold process that lints, bundles, types, post-processes, ` +
          `emits and writes every package) in a copy of the repository, against the peers generating a ` +
          `client from each package's bundled document (${list}), each in one process from an empty ` +
          `folder: @hey-api/openapi-ts with a config of ${apis.length} jobs (types, SDK and its fetch ` +
          `client), and \`redocly generate-client\` with a \`redocly.yaml\` listing the ${apis.length} ` +
          `documents (one \`client.ts\` each). The pipeline with the reference docs rendered (pages ` +
          `deleted first) is measured alongside. Times are wall clock from spawn to exit. One untimed run of each ` +
          `command first (for the pipeline: the copy's packages brought up to date, and what its ` +
          `first run caches, such as the compiled command line).`,
        date: new Date().toISOString(),
        machine,
        runs,
        measurements: [
          measurement('pipeline, `--force --no-docs`', 'ms', samples.pipeline, pipeline),
          measurement(`@hey-api/openapi-ts, ${apis.length} jobs`, 'ms', samples.heyApi, heyApiMs),
          measurement(`\`redocly generate-client\`, ${apis.length} APIs`, 'ms', samples.redocly, redoclyMs),
          measurement('pipeline, `--force` with the reference docs', 'ms', samples.withDocs, withDocs),
        ],
        checks: [check('pipeline / hey-api', pipeline / heyApiMs, 'x', { max: 1 })],
        info: [
          `pipeline / \`redocly generate-client\`: ${ratio(pipeline / redoclyMs)}.`,
          `The docs step adds ${ms(withDocs - pipeline)} to a full run (median with docs minus median ` +
            `without): one \`redocly build-docs\` process per API, run concurrently.`,
        ],
      };
    } finally {
      await workspace.remove();
      await scratch.remove();
    }
  },
};

/**
 * hey-api's config (a job per document) and Redocly's (an API per document), each in its own empty
 * folder so that neither picks up the other's config or the repository's.
 */
async function writePeerConfigs(
  dir: string,
  apis: string[],
  documents: string[],
): Promise<{ heyApiDir: string; redoclyDir: string }> {
  const heyApiDir = join(dir, 'hey-api');
  const redoclyDir = join(dir, 'redocly');
  await mkdir(heyApiDir);
  await mkdir(redoclyDir);
  const jobs = apis.map((api, index) => ({
    input: documents[index],
    output: join(heyApiDir, 'out', api),
    logs: { level: 'silent' },
  }));
  await writeFile(
    join(heyApiDir, 'openapi-ts.config.mjs'),
    `export default ${JSON.stringify(jobs, null, 2)};\n`,
  );
  const entries = apis.map(
    (api, index) =>
      `  ${api}:\n    root: ${JSON.stringify(documents[index])}\n    clientOutput: ${JSON.stringify(join(redoclyDir, 'out', api, 'client.ts'))}\n`,
  );
  await writeFile(join(redoclyDir, 'redocly.yaml'), `apis:\n${entries.join('')}`);
  return { heyApiDir, redoclyDir };
}

function ratio(value: number): string {
  return formatValue(value, 'x');
}

function ms(value: number): string {
  return formatValue(value, 'ms');
}
