/** What every suite module exports: one `Suite`, run by `handleBench`. */
import type { BenchContext, SuiteName } from './context.js';
import type { SuiteResult } from './results.js';

export interface SuiteRun {
  bench: BenchContext;
  /** Repetitions of every alternative: `--runs`, else the suite's `defaultRuns`. */
  runs: number;
  /** A progress line under the suite's own. */
  log(line: string): void;
  /** Aborts when the bench is stopped: pass it to every command and `interleave`. */
  signal: AbortSignal;
}

export interface Suite {
  name: SuiteName;
  /** What is compared, in a few words: the heading of its section in results.md. */
  title: string;
  /** Chosen so that all suites together take about 5 minutes on a 2-core machine. */
  defaultRuns: number;
  run(run: SuiteRun): Promise<SuiteResult>;
}
