/**
 * The options of one `npm run bench`, resolved once into a `BenchContext` with documented
 * defaults. Suites read the context and nothing else.
 */
import { resolve } from 'node:path';
import { GENERATOR_ROOT } from '../pipeline/orchestration/context.js';
import { stdoutIsTerminal } from '../shared/stdio.cjs';

/** The suites, in the order a full run takes them (the cheap, decisive ones first). */
export const SUITE_NAMES = [
  'specs',
  'fail-fast',
  'noop',
  'github',
  'client-calls',
  'client-size',
  'consumer-tsc',
] as const;

export type SuiteName = (typeof SUITE_NAMES)[number];

/** Where progress and problems go; tests collect them, the CLI prints them. */
export interface BenchReporter {
  info(line: string): void;
  error(line: string): void;
}

export interface BenchContext {
  /**
   * The repository whose pipeline, specs and generated packages are measured.
   * @default the repository root
   */
  rootDir: string;
  /**
   * Suites to run, in `SUITE_NAMES` order.
   * @default every suite
   */
  suites: SuiteName[];
  /**
   * Repetitions of every alternative, overriding each suite's own count (`--runs N`).
   * @default undefined: each suite's `defaultRuns`, chosen so a full run stays near 5 minutes on 2 cores
   */
  runs: number | undefined;
  /**
   * `results.md` (read by people, committed) and `results.json` (the same results, which a run of a
   * single suite merges into, so the other suites' last results stay).
   * @default `${rootDir}/bench`
   */
  resultsDir: string;
  /**
   * Downloads kept between runs (GitHub's description); git-ignored.
   * @default `${rootDir}/.cache/bench`
   */
  cacheDir: string;
  /**
   * The npm package whose `generated/api.github.com.json` the `github` suite measures, pinned so
   * results stay comparable.
   * @default '@octokit/openapi@23.0.2'
   */
  githubPackage: string;
  /**
   * ANSI colours in progress output.
   * @default stdout is a TTY and NO_COLOR is not set
   */
  color: boolean;
  /** @default stdout / stderr */
  reporter: BenchReporter;
  /**
   * Stops the run (the CLI's Ctrl-C, SIGTERM): the suite under way ends its commands and removes
   * its scratch folders, and nothing is written.
   */
  signal?: AbortSignal;
}

export type BenchOverrides = Partial<BenchContext>;

export function resolveBenchContext(overrides: BenchOverrides = {}): BenchContext {
  const rootDir = resolve(overrides.rootDir ?? GENERATOR_ROOT);
  const wanted = new Set(overrides.suites ?? SUITE_NAMES);
  return {
    ...(overrides.signal ? { signal: overrides.signal } : {}),
    rootDir,
    suites: SUITE_NAMES.filter((name) => wanted.has(name)),
    runs: overrides.runs,
    resultsDir: resolve(rootDir, overrides.resultsDir ?? 'bench'),
    cacheDir: resolve(rootDir, overrides.cacheDir ?? '.cache/bench'),
    githubPackage: overrides.githubPackage ?? '@octokit/openapi@23.0.2',
    color: overrides.color ?? (stdoutIsTerminal() && !process.env.NO_COLOR),
    reporter: overrides.reporter ?? {
      info: (line) => void process.stdout.write(`${line}\n`),
      error: (line) => void process.stderr.write(`${line}\n`),
    },
  };
}
