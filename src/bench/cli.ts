/**
 * The command line of `npm run bench`, parsed into context overrides. An unknown suite or flag
 * is an error naming the known ones, not a silently empty run.
 */
import { parseCommandLine } from '../pipeline/orchestration/cli.js';
import { UsageError } from '../shared/errors.js';
import { SUITE_NAMES, type BenchOverrides, type SuiteName } from './context.js';

export const BENCH_USAGE = `Usage: npm run bench -- [suite ...] [--runs N]

Measures the pipeline and the generated clients against their targets and writes
bench/results.md (and bench/results.json). Without a suite name, runs them all (about 5 minutes
on 2 cores).

Suites: ${SUITE_NAMES.join(', ')}

Options:
  --runs N  repetitions of every alternative (default: each suite's own, see bench/results.md)
  --help    print this text`;

export type ParsedBenchArgs = { help: true } | { help: false; overrides: BenchOverrides };

export function parseBenchArgs(argv: readonly string[]): ParsedBenchArgs {
  const { values, positionals } = parseCommandLine(argv, {
    runs: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { help: true };
  const unknown = positionals.filter((name) => !(SUITE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown suite ${unknown.map((name) => `'${name}'`).join(', ')}; suites: ${SUITE_NAMES.join(', ')}`,
    );
  }
  const overrides: BenchOverrides = {};
  if (positionals.length > 0) overrides.suites = positionals as SuiteName[];
  if (values.runs !== undefined) overrides.runs = parseRuns(values.runs);
  return { help: false, overrides };
}

function parseRuns(text: string): number {
  const runs = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(runs) || runs < 1) {
    throw new UsageError(`--runs must be a whole number of at least 1, got '${text}'`);
  }
  return runs;
}
