/**
 * Suite `noop`: `npm run generate` when nothing changed (every package fresh, reference docs
 * included), against a full `npm run generate -- --force --no-docs`, both as the user types them
 * (npm, then a cold Node process) in a copy of the repository. Target: the no-op run costs at most
 * 0.3x of the full run. Timed is the no-op as every run after the first that finds nothing to do
 * gets it: answered by the launcher from the record that first one left (src/shared/noop-record.cjs).
 */
import { BenchError, interleave, median, runCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { createWorkspace } from '../workspace.js';
import { SETTLED_MS } from '../../shared/file-stat.cjs';

const TITLE = '`npm run generate` with nothing to do vs a full run';

export const noopSuite: Suite = {
  name: 'noop',
  title: TITLE,
  defaultRuns: 5,
  async run({ bench, runs, log, signal }) {
    const machine = describeMachine();
    const workspace = await createWorkspace(bench.rootDir, 'noop');
    try {
      const npm = npmCommand();
      const generate = (args: string[]) =>
        runCommand(
          npm.command,
          [...npm.args, 'run', 'generate', ...(args.length > 0 ? ['--', ...args] : [])],
          {
            cwd: workspace.dir,
            env: { ...process.env, npm_config_update_notifier: 'false', NO_COLOR: '1' },
            signal,
          },
        );
      // Untimed: brings the copy's packages and reference pages up to date with its generator,
      // then, once what that wrote has settled, leaves the no-op record.
      log('bringing the copy up to date (renders the reference pages if they are missing)');
      await generate([]);
      await new Promise((resolve) => setTimeout(resolve, SETTLED_MS));
      await generate([]);

      const samples = await interleave(
        runs,
        {
          noop: async () => {
            const result = await generate([]);
            // A run that rebuilt something measured the wrong thing.
            if (!/\b0 generated\b/.test(result.stdout)) {
              throw new BenchError(`the no-op run generated something:\n${result.stdout}`);
            }
            return result.ms;
          },
          full: async () => (await generate(['--force', '--no-docs'])).ms,
        },
        (round, s) => log(`run ${round}/${runs}: no-op ${ms(s.noop)}, full ${ms(s.full)}`),
        signal,
      );
      const noop = median(samples.noop);
      const full = median(samples.full);
      return {
        suite: 'noop',
        title: TITLE,
        method:
          `\`npm run generate\` in a copy of the repository whose packages and reference pages are all up ` +
          `to date, against \`npm run generate -- --force --no-docs\` in the same copy; each a separate ` +
          `process tree (npm, then Node) timed from spawn to exit, so npm's own start-up is in both. ` +
          `The no-op is answered from the record an untimed no-op left (as every no-op after the first one gets it).`,
        date: new Date().toISOString(),
        machine,
        runs,
        measurements: [
          measurement('`npm run generate`, nothing to do', 'ms', samples.noop, noop),
          measurement('`npm run generate -- --force --no-docs`', 'ms', samples.full, full),
        ],
        checks: [check('no-op / full run', noop / full, 'x', { max: 0.3 })],
        info: [],
      };
    } finally {
      await workspace.remove();
    }
  },
};

/** npm as the bench itself was started (`npm_execpath`), else the one on PATH. */
export function npmCommand(): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /npm-cli\.[cm]?js$/.test(execPath)) {
    return { command: process.execPath, args: [execPath] };
  }
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: [] };
}

function ms(value: number): string {
  return formatValue(value, 'ms');
}
