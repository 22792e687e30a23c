/** `npm run bench`: see src/bench/run.ts. */
import {
  resolveBenchContext,
  SUITE_NAMES,
  type BenchOverrides,
  type SuiteName,
} from '../../bench/context.js';
import { quote, UsageError } from '../../shared/errors.js';
import { defineCommand } from '../command.js';
import { parseCount } from '../command-line.js';
import { interruptSignal, lineReporter } from '../../shared/command-io.js';

export const bench = defineCommand({
  name: 'bench',
  synopsis: '[suite ...] [--runs N]',
  description:
    'Measures the pipeline and the generated clients against their targets and writes\n' +
    'bench/results.md (and bench/results.json). Without a suite name, runs them all (about 5\n' +
    "minutes on 2 cores); a run of some suites keeps the others' last results.",
  arguments: { 'suite ...': `the suites to run: ${SUITE_NAMES.join(', ')} (default: all)` },
  options: {
    runs: {
      type: 'string',
      value: 'N',
      description: "repetitions of every alternative (default: each suite's own, see bench/results.md)",
    },
  },
  exits: {
    0: 'every target met',
    1: 'a target missed, or a suite could not measure',
    2: 'wrong usage: an unknown option or suite, a bad --runs',
    130: 'stopped by Ctrl-C (143: SIGTERM, 141: a closed stdout); nothing is written',
  },
  parse({ values, positionals }): BenchOverrides {
    const unknown = positionals.filter((name) => !(SUITE_NAMES as readonly string[]).includes(name));
    if (unknown.length > 0) {
      throw new UsageError(
        undefined,
        `unknown suite${unknown.length === 1 ? '' : 's'} ${unknown.map(quote).join(', ')}: suites are ${SUITE_NAMES.join(', ')}`,
      );
    }
    const runs = parseCount(values.runs, '--runs');
    return {
      ...(positionals.length > 0 ? { suites: positionals as SuiteName[] } : {}),
      ...(runs === undefined ? {} : { runs }),
    };
  },
  async run(overrides, io) {
    const { handleBench } = await import('../../bench/run.js');
    // Ctrl-C or SIGTERM ends the suite's commands and removes its scratch folders before exiting.
    const stop = interruptSignal();
    try {
      return await handleBench(
        resolveBenchContext({ ...overrides, reporter: lineReporter(io), signal: stop.signal }),
      );
    } finally {
      stop.end();
    }
  },
});
