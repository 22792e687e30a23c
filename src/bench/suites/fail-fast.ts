/**
 * Suite `fail-fast`: how soon `npm run generate` reports a spec broken in its first line, against a
 * full run. Two copies of the repository, one whose first spec starts with a YAML error; in each,
 * package.json's `generate` script (without npm) as a cold process, `--force --no-docs`. The broken
 * run must exit 1 naming the spec's line 1. Target (issue 18): at most 0.2x of the full run.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BenchError, interleave, median, runCommand, timeCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { createWorkspace, scriptCommand } from '../workspace.js';

const TITLE = 'a spec broken in its first line, reported, vs a full run';

export const failFastSuite: Suite = {
  name: 'fail-fast',
  title: TITLE,
  defaultRuns: 5,
  async run({ bench, runs, log, signal }) {
    const machine = describeMachine();
    const intact = await createWorkspace(bench.rootDir, 'fail-fast-intact');
    const broken = await createWorkspace(bench.rootDir, 'fail-fast-broken').catch(async (error: unknown) => {
      await intact.remove();
      throw error;
    });
    try {
      const script = await scriptCommand(intact.dir, 'generate');
      const spec = await breakFirstSpec(broken.dir);
      const args = [...script.args, '--force', '--no-docs'];
      const full = () => timeCommand(script.command, args, { cwd: intact.dir, signal });
      const failing = async (): Promise<number> => {
        const result = await runCommand(script.command, args, { cwd: broken.dir, signal, exitCode: 1 });
        // A run that failed for another reason measured the wrong thing.
        if (!result.stderr.includes(`specs/${spec}:1:`)) {
          throw new BenchError(`the broken run did not report specs/${spec}:1:\n${result.stderr}`);
        }
        return result.ms;
      };
      // Untimed: what each copy's first run caches (the compiled command line).
      log('warm-up runs');
      await full();
      await failing();

      const samples = await interleave(
        runs,
        { failing, full },
        (round, s) => log(`run ${round}/${runs}: broken spec ${ms(s.failing)}, full run ${ms(s.full)}`),
        signal,
      );
      const failingMs = median(samples.failing);
      const fullMs = median(samples.full);
      return {
        suite: 'fail-fast',
        title: TITLE,
        method:
          `\`${['node', ...args].join(' ')}\` (package.json's \`generate\` script without npm, a cold ` +
          `process) in a copy of the repository whose \`specs/${spec}\` starts with a YAML error (its ` +
          `first line made \`openapi: "3.1.0\`, a quote left open), which must exit 1 naming \`specs/${spec}:1:\`, against ` +
          `the same command in an intact copy (every package rebuilt). Wall clock from spawn to exit; one ` +
          `untimed run of each first.`,
        date: new Date().toISOString(),
        machine,
        runs,
        measurements: [
          measurement(`\`specs/${spec}\` broken in line 1, reported`, 'ms', samples.failing, failingMs),
          measurement('full run, `--force --no-docs`', 'ms', samples.full, fullMs),
        ],
        checks: [check('broken spec reported / full run', failingMs / fullMs, 'x', { max: 0.2 })],
        info: [],
      };
    } finally {
      await intact.remove();
      await broken.remove();
    }
  },
};

/** Makes the first spec (by name) start with a YAML error; resolves its file name. */
async function breakFirstSpec(dir: string): Promise<string> {
  const spec = (await readdir(join(dir, 'specs'))).filter((file) => file.endsWith('.yaml')).sort()[0];
  if (spec === undefined) throw new BenchError(`no spec in ${join(dir, 'specs')}`);
  const path = join(dir, 'specs', spec);
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines[0] = 'openapi: "3.1.0'; // a quote left open: invalid YAML at 1:10
  await writeFile(path, lines.join('\n'));
  return spec;
}

function ms(value: number): string {
  return formatValue(value, 'ms');
}
