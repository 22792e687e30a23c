/**
 * `npm run bench`: runs the selected suites one after the other (never two at once: they would
 * measure each other), prints progress, and writes bench/results.md and bench/results.json.
 * Resolves the exit code: 1 when a suite could not measure or a target was missed.
 */
import { EXIT, interruptedExit } from '../shared/exit-codes.js';
import { displayPathFor } from '../shared/display.js';
import { UserError } from '../shared/errors.js';
import type { BenchContext, SuiteName } from './context.js';
import { createProgress } from '../shared/progress.js';
import { BenchError } from './measure.js';
import { formatTarget, formatValue, readResults, saveResults, type SuiteResult } from './results.js';
import type { Suite } from './suite.js';
import { clientCallsSuite } from './suites/client-calls.js';
import { clientSizeSuite } from './suites/client-size.js';
import { consumerTscSuite } from './suites/consumer-tsc.js';
import { failFastSuite } from './suites/fail-fast.js';
import { githubSuite } from './suites/github.js';
import { noopSuite } from './suites/noop.js';
import { specsSuite } from './suites/specs.js';

export const SUITES: Record<SuiteName, Suite> = {
  specs: specsSuite,
  'fail-fast': failFastSuite,
  noop: noopSuite,
  github: githubSuite,
  'client-calls': clientCallsSuite,
  'client-size': clientSizeSuite,
  'consumer-tsc': consumerTscSuite,
};

export async function handleBench(ctx: BenchContext): Promise<number> {
  const { reporter } = ctx;
  const started = performance.now();
  const stored = await readResults(ctx.resultsDir, displayPathFor(ctx.rootDir));
  const signal = ctx.signal ?? new AbortController().signal;
  const progress = createProgress(ctx.color, ctx.suites.length, ctx.suites);
  const results: SuiteResult[] = [];
  let broken = 0;
  for (const [index, name] of ctx.suites.entries()) {
    const suite = SUITES[name];
    const runs = ctx.runs ?? suite.defaultRuns;
    reporter.info(
      progress.line('unchanged', index + 1, name, `${suite.title} (${runs} run${runs === 1 ? '' : 's'})`),
    );
    const suiteStarted = performance.now();
    try {
      const result = await suite.run({
        bench: ctx,
        runs,
        signal,
        log: (line) => reporter.info(`    ${line}`),
      });
      results.push(result);
      for (const c of result.checks) {
        const mark = c.pass ? progress.paint('ok', '✔') : progress.paint('failed', '✖');
        reporter.info(`    ${mark} ${c.label}: ${formatValue(c.value, c.unit)} (target ${formatTarget(c)})`);
      }
      const met = result.checks.every((c) => c.pass);
      reporter.info(
        progress.line(
          met ? 'ok' : 'stale',
          index + 1,
          name,
          `(${seconds(performance.now() - suiteStarted)})`,
        ),
      );
    } catch (error) {
      if (signal.aborted) {
        reporter.error(`✖ bench stopped during ${name}: nothing written`);
        return interruptedExit(signal);
      }
      broken += 1;
      reporter.info(
        progress.line('failed', index + 1, name, `(${seconds(performance.now() - suiteStarted)})`),
      );
      reporter.error(`✖ ${name} could not measure: ${describeError(error)}`);
    }
  }
  if (signal.aborted) {
    reporter.error('✖ bench stopped: nothing written');
    return interruptedExit(signal);
  }
  const all = await saveResults(ctx.resultsDir, stored, results);
  const missed = results.flatMap((result) =>
    result.checks.filter((c) => !c.pass).map((c) => `${result.suite}: ${c.label}`),
  );
  const checks = results.reduce((count, result) => count + result.checks.length, 0);
  reporter.info(
    `${missed.length + broken === 0 ? '✔' : '✖'} ${checks - missed.length} of ${checks} targets met` +
      (broken > 0 ? `, ${broken} suite${broken === 1 ? '' : 's'} failed` : '') +
      `; wrote bench/results.md (${all.length} suites) (${seconds(performance.now() - started)})`,
  );
  for (const line of missed) reporter.error(`  missed: ${line}`);
  return missed.length + broken === 0 ? EXIT.ok : EXIT.findings;
}

function describeError(error: unknown): string {
  if (error instanceof BenchError || error instanceof UserError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
