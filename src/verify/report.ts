/**
 * The verify report: one entry per request with its violations, a summary, and the exit code that
 * follows from it; printed as text for people or as JSON (`--json`) for machines.
 */
import { EXIT } from '../shared/exit-codes.js';
import type { RequestResult } from './check.js';
import { formatViolation } from './violations.js';

export interface VerifyReport {
  api: string;
  /** The spec Prism validated against, relative to the project root. */
  spec: string;
  upstream: string;
  /** Where credentials and path parameters came from. */
  notes: string[];
  results: RequestResult[];
  summary: {
    requests: number;
    /** Requests with at least one violation or an error. */
    failing: number;
    violations: number;
    /** Requests that could not be checked (see their `error`). */
    errors: number;
  };
}

export function buildReport(
  fields: Pick<VerifyReport, 'api' | 'spec' | 'upstream' | 'notes'>,
  results: RequestResult[],
): VerifyReport {
  const failing = results.filter((result) => result.violations.length > 0 || result.error !== undefined);
  return {
    ...fields,
    results,
    summary: {
      requests: results.length,
      failing: failing.length,
      violations: failing.reduce((sum, result) => sum + result.violations.length, 0),
      errors: results.filter((result) => result.error !== undefined).length,
    },
  };
}

/** 1 when anything breaks the spec or could not be checked: a run is clean only when all of it was checked. */
export function reportExitCode(report: VerifyReport): number {
  return report.summary.violations > 0 || report.summary.errors > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * `✔ [1/2] updateAgent example "page": PATCH /v1/agent/… → 200  (38 ms)`, then its violations,
 * error and notes indented.
 */
export function formatResult(result: RequestResult, index: number, total: number): string {
  const mark = result.violations.length === 0 && result.error === undefined ? '✔' : '✖';
  const status =
    result.sent === false ? 'not sent' : result.status === undefined ? 'no answer' : String(result.status);
  const redirect = result.redirect === undefined ? '' : ` (redirect to ${result.redirect}, not followed)`;
  const head = `${mark} [${index + 1}/${total}] ${result.operationId} ${result.name}: ${result.method} ${result.target} → ${status}${redirect}  (${result.durationMs} ms)`;
  return [
    head,
    ...result.violations.map((violation) => `    ${formatViolation(violation)}`),
    ...(result.error === undefined ? [] : [`    error: ${result.error}`]),
    ...(result.notes ?? []).map((note) => `    note: ${note}`),
  ].join('\n');
}

/** What was checked against what, and where the inputs came from. */
export function formatHeader(report: Pick<VerifyReport, 'api' | 'spec' | 'upstream' | 'notes'>): string {
  return [
    `verify ${report.api}: ${report.spec} against ${report.upstream}`,
    ...report.notes.map((n) => `  ${n}`),
    '',
  ]
    .map((line) => `${line}\n`)
    .join('');
}

export function formatSummary(report: VerifyReport): string {
  const { summary } = report;
  if (summary.violations === 0 && summary.errors === 0) {
    return `\n✔ ${plural(summary.requests, 'request')}, no violations: ${report.upstream} follows ${report.spec}\n`;
  }
  const unchecked =
    summary.errors === 0
      ? ''
      : `; ${summary.errors === 1 ? '1 request' : `${summary.errors} requests`} could not be checked`;
  return `\n✖ ${plural(summary.violations, 'violation')} in ${summary.failing} of ${plural(summary.requests, 'request')}${unchecked}\n`;
}

/** The whole text report; the command prints the same parts as the requests complete. */
export function formatReport(report: VerifyReport): string {
  const results = report.results.map(
    (result, index) => `${formatResult(result, index, report.results.length)}\n`,
  );
  return formatHeader(report) + results.join('') + formatSummary(report);
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
