/**
 * What a suite reports, and `bench/results.md` rendered from it. Every suite's section says what
 * was compared, on which machine, how many runs, each alternative's median (and its samples),
 * the ratio against its target with PASS/FAIL, and any information-only numbers. Results are
 * kept in `bench/results.json` too: running one suite replaces that suite's section and keeps
 * the others' last results, each with its own date and machine.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { UserError } from '../shared/errors.js';
import { SUITE_NAMES, type SuiteName } from './context.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average when the suite started: other work on the machine slows every sample. */
  loadAverage: number;
}

export interface Measurement {
  label: string;
  unit: Unit;
  /** One per run, in run order. */
  samples: number[];
  median: number;
}

export type Unit = 'ms' | 'calls/s' | 'bytes' | 'MB';

export interface Check {
  label: string;
  /** The ratio (or, for `unit`, the value) held against the target. */
  value: number;
  /** `x` for ratios. */
  unit: Unit | 'x';
  target: { max: number } | { min: number };
  pass: boolean;
}

export interface SuiteResult {
  suite: SuiteName;
  title: string;
  /** Markdown: what was compared and how. */
  method: string;
  date: string;
  machine: Machine;
  runs: number;
  measurements: Measurement[];
  checks: Check[];
  /** Information-only lines (markdown), no target. */
  info: string[];
}

export function describeMachine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
}

/** A check of `value` against `target`. */
export function check(label: string, value: number, unit: Check['unit'], target: Check['target']): Check {
  const pass = 'max' in target ? value <= target.max : value >= target.min;
  return { label, value, unit, target, pass };
}

export function measurement(label: string, unit: Unit, samples: number[], median: number): Measurement {
  return { label, unit, samples, median };
}

const RESULTS_JSON = 'results.json';
const RESULTS_MD = 'results.md';

/** Merges `fresh` into the stored results and rewrites both files; resolves every suite's result. */
/**
 * The results a run starts from (`results.json`), read before any suite runs: a file that is not a
 * list of results is reported then, not after five minutes of measuring.
 */
export async function readResults(
  resultsDir: string,
  display: (path: string) => string,
): Promise<SuiteResult[]> {
  const path = join(resultsDir, RESULTS_JSON);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      display(path),
      `not valid JSON (${(error as Error).message}); delete it to start over`,
    );
  }
  if (!Array.isArray(value))
    throw new UserError(display(path), 'expected a list of suite results; delete it to start over');
  return value as SuiteResult[];
}

/** `stored` with each suite of `fresh` replacing its own, written to results.json and results.md. */
export async function saveResults(
  resultsDir: string,
  stored: readonly SuiteResult[],
  fresh: readonly SuiteResult[],
): Promise<SuiteResult[]> {
  const bySuite = new Map(stored.map((result) => [result.suite, result]));
  for (const result of fresh) bySuite.set(result.suite, result);
  const all = [...bySuite.values()].sort(
    (a, b) => SUITE_NAMES.indexOf(a.suite) - SUITE_NAMES.indexOf(b.suite),
  );
  await mkdir(resultsDir, { recursive: true });
  // Formatted as the repository's `prettier --check` expects it (results.md is in .prettierignore).
  const jsonPath = join(resultsDir, RESULTS_JSON);
  const options = (await resolveConfig(jsonPath)) ?? {};
  await writeFile(jsonPath, await format(JSON.stringify(all), { ...options, filepath: jsonPath }));
  await writeFile(join(resultsDir, RESULTS_MD), renderResults(all));
  return all;
}

export function renderResults(results: readonly SuiteResult[]): string {
  const lines = [
    '<!-- Written by `npm run bench` (src/bench/); do not edit: rerun it. -->',
    '# Benchmarks',
    '',
    'Alternatives run side by side in the same run, interleaved in rotating order (A, B, then B, A,',
    "...); the tables give each one's median and its samples in run order, and checks compare medians",
    '(ratios of medians, or the median of per-round ratios where a suite says so).',
    "`npm run bench -- <suite> [--runs N]` reruns one suite and keeps the others' last results, each",
    'section with its own date and machine.',
    '',
    '| Suite | Check | Value | Target | Result |',
    '| --- | --- | ---: | ---: | --- |',
    ...results.flatMap((result) =>
      result.checks.map(
        (c) =>
          `| [${result.suite}](#${result.suite}) | ${c.label} | ${formatValue(c.value, c.unit)} | ${formatTarget(c)} | ${c.pass ? 'PASS' : '**FAIL**'} |`,
      ),
    ),
    '',
  ];
  for (const result of results) lines.push(...renderSuite(result));
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderSuite(result: SuiteResult): string[] {
  const { machine } = result;
  return [
    `<a id="${result.suite}"></a>`,
    '',
    `## ${result.suite}: ${result.title}`,
    '',
    result.method,
    '',
    `${result.date.slice(0, 10)}; ${plural(result.runs, 'run')} of each alternative; ${machine.cpus} CPUs ` +
      `(${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; ` +
      `load average ${machine.loadAverage.toFixed(1)} at the start.`,
    '',
    '| Measured | Median | Samples |',
    '| --- | ---: | --- |',
    ...result.measurements.map(
      (m) =>
        `| ${m.label} | ${formatValue(m.median, m.unit)} | ${m.samples.map((s) => formatNumber(s, m.unit)).join(' · ')} |`,
    ),
    '',
    '| Check | Value | Target | Result |',
    '| --- | ---: | ---: | --- |',
    ...result.checks.map(
      (c) =>
        `| ${c.label} | ${formatValue(c.value, c.unit)} | ${formatTarget(c)} | ${c.pass ? 'PASS' : '**FAIL**'} |`,
    ),
    '',
    ...result.info.map((line) => `- ${line}`),
    ...(result.info.length > 0 ? [''] : []),
  ];
}

export function formatTarget(c: Check): string {
  return 'max' in c.target
    ? `<= ${formatValue(c.target.max, c.unit)}`
    : `>= ${formatValue(c.target.min, c.unit)}`;
}

export function formatValue(value: number, unit: Check['unit']): string {
  return unit === 'x' ? `${value.toFixed(2)}x` : `${formatNumber(value, unit)} ${unit}`;
}

function formatNumber(value: number, unit: Check['unit']): string {
  const digits = unit === 'x' ? 2 : 0;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
