/**
 * Suite `specs`: the whole pipeline on the repository's specs, as `npm run generate` starts it (a
 * cold `node --import tsx scripts/cli.ts generate --force --no-docs` process in a copy of the
 * repository, without npm's own start-up, which the `noop` suite measures), against the
 * openapi-typescript CLI run once per spec (one process each, from an empty folder: in the
 * repository the CLI would pick up `redocly.yaml` and lint with the project's rules). Target:
 * the pipeline takes no longer than the four CLI runs. A third alternative, the same full run with
 * the reference docs (each page rendered from scratch), shows what the docs step adds.
 */
import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { interleave, median, timeCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { binPath, createScratchDir, createWorkspace, packageNames } from '../workspace.js';

const TITLE = 'the whole pipeline vs the openapi-typescript CLI on our specs';

/** What package.json's `generate` script runs, after `node`. */
const GENERATE = ['--import', 'tsx', 'scripts/cli.ts', 'generate'];

export const specsSuite: Suite = {
  name: 'specs',
  title: TITLE,
  defaultRuns: 5,
  async run({ bench, runs, log, signal }) {
    const machine = describeMachine();
    const workspace = await createWorkspace(bench.rootDir, 'specs');
    const scratch = await createScratchDir('openapi-typescript');
    try {
      const cli = binPath(bench.rootDir, 'openapi-typescript', 'openapi-typescript');
      const specs = await topLevelSpecs(join(workspace.dir, 'specs'));
      const generate = (args: string[]): Promise<number> =>
        timeCommand(process.execPath, [...GENERATE, ...args], { cwd: workspace.dir, signal });
      // Untimed: brings the copy's packages up to date (so that every timed run writes the same
      // bytes) and fills tsx's transform cache for the copy's sources.
      log('warm-up run');
      await generate(['--force', '--no-docs']);

      const samples = await interleave(
        runs,
        {
          pipeline: () => generate(['--force', '--no-docs']),
          openapiTypescript: async () => {
            let total = 0;
            for (const spec of specs) {
              const output = join(scratch.dir, `${basename(spec, '.yaml')}.d.ts`);
              total += await timeCommand(process.execPath, [cli, spec, '--output', output], {
                cwd: scratch.dir,
                signal,
              });
            }
            return total;
          },
          withDocs: async () => {
            // Pages are rendered only when missing or stale: without them, every one is.
            for (const name of await packageNames(workspace.dir)) {
              await rm(join(workspace.dir, 'generated', name, 'docs'), { recursive: true, force: true });
            }
            return generate(['--force']);
          },
        },
        (round, s) =>
          log(
            `run ${round}/${runs}: pipeline ${ms(s.pipeline)}, openapi-typescript ×${specs.length} ${ms(s.openapiTypescript)}, with docs ${ms(s.withDocs)}`,
          ),
      );

      const pipeline = median(samples.pipeline);
      const openapiTypescript = median(samples.openapiTypescript);
      const withDocs = median(samples.withDocs);
      return {
        suite: 'specs',
        title: TITLE,
        method:
          `The pipeline as \`npm run generate\` starts it, \`node --import tsx scripts/cli.ts generate --force ` +
          `--no-docs\` (a cold process: tsx, every import, lint, bundle, types, post-process, emit, write) in a copy of the repository ` +
          `(${specs.length} specs: ${specs.map((spec) => `\`${basename(spec)}\``).join(', ')}), against the ` +
          `openapi-typescript CLI run once per spec (${specs.length} processes, one after the other, from an ` +
          `empty folder so it does not pick up \`redocly.yaml\`); times are wall clock from spawn to exit. ` +
          `One untimed pipeline run first brings the copy's packages up to date. The same full run with ` +
          `the reference docs rendered (pages deleted first) is measured alongside.`,
        date: new Date().toISOString(),
        machine,
        runs,
        measurements: [
          measurement('pipeline, `--force --no-docs`', 'ms', samples.pipeline, pipeline),
          measurement(
            `openapi-typescript CLI, ${specs.length} processes`,
            'ms',
            samples.openapiTypescript,
            openapiTypescript,
          ),
          measurement('pipeline, `--force` with the reference docs', 'ms', samples.withDocs, withDocs),
        ],
        checks: [check('pipeline / openapi-typescript CLI', pipeline / openapiTypescript, 'x', { max: 1 })],
        info: [
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

async function topLevelSpecs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => join(dir, entry.name))
    .sort();
}

function ms(value: number): string {
  return formatValue(value, 'ms');
}
