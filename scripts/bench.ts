/**
 * `npm run bench [-- suite ...] [--runs N]`: see `src/bench/run.ts`.
 */
import { BENCH_USAGE, parseBenchArgs } from '../src/bench/cli.js';
import { resolveBenchContext } from '../src/bench/context.js';
import { handleBench } from '../src/bench/run.js';
import { UsageError } from '../src/shared/errors.js';

try {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) console.log(BENCH_USAGE);
  else process.exitCode = await handleBench(resolveBenchContext(args.overrides));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${BENCH_USAGE}`);
  process.exitCode = 1;
}
