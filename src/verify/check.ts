/**
 * Sends the planned requests through a running Prism proxy, one at a time, and collects each
 * exchange's violations. Prism forwards every request (it runs with `--errors=false`) and answers
 * with the upstream's response plus `sl-violations`; only its own failures (the upstream did not
 * answer) are told apart, and end the run with an `InputError`.
 */
import { InputError } from '../mock/cli.js';
import type { PlannedRequest } from './plan.js';
import { parseViolationHeader, statusViolation, type Violation } from './violations.js';

export interface ProxyHandle {
  url: string;
  /** Prism's log so far: tells when Prism answered a 501 from the upstream with a mock response. */
  log?: () => string;
}

export interface RequestResult {
  name: string;
  operationId: string;
  method: string;
  target: string;
  /** The upstream's status (501 also where Prism replaced that answer with a mock response). */
  status: number;
  durationMs: number;
  violations: Violation[];
}

export interface CheckOptions {
  /** How long one request may take, upstream included. @default 30_000 */
  requestTimeoutMs?: number;
  /** Called after each request, for progress output. */
  onResult?: (result: RequestResult, index: number, total: number) => void;
}

// Prism's problem types for failures of its own (routing, forwarding); node-fetch's FetchError is
// what an unreachable or failing upstream produces.
const PRISM_ERROR_TYPE = /^(FetchError$|https:\/\/stoplight\.io\/prism\/errors#)/;

export async function checkRequests(
  proxy: ProxyHandle,
  requests: PlannedRequest[],
  options: CheckOptions = {},
): Promise<RequestResult[]> {
  const results: RequestResult[] = [];
  for (const [index, request] of requests.entries()) {
    const result = await checkOne(proxy, request, options.requestTimeoutMs ?? 30_000);
    results.push(result);
    options.onResult?.(result, index, requests.length);
  }
  return results;
}

async function checkOne(
  proxy: ProxyHandle,
  request: PlannedRequest,
  timeoutMs: number,
): Promise<RequestResult> {
  const logBefore = proxy.log?.().length ?? 0;
  const started = performance.now();
  const label = `${request.method} ${request.target} (${request.name})`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(proxy.url + request.target, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(error);
    throw new InputError(`${label}: ${reason}`);
  }
  const durationMs = Math.round(performance.now() - started);
  const prismError = prismOwnError(response, text);
  if (prismError !== undefined) {
    throw new InputError(`${label}: Prism could not get an answer from the upstream: ${prismError}`);
  }
  const violations = parseViolationHeader(response.headers.get('sl-violations'));
  const status = statusViolation(response.status, request.documentedStatuses);
  if (status) violations.unshift(status);
  const remocked = /has returned 501/.test(proxy.log?.().slice(logBefore) ?? '');
  if (remocked) {
    // Prism answers an upstream 501 with a mock response; what we got is not the upstream's.
    violations.unshift({
      side: 'response',
      location: 'status',
      kind: 'status',
      message: `the upstream answered 501 (Not Implemented); Prism replaced it with a mock response`,
      severity: 'error',
    });
  }
  return {
    name: request.name,
    operationId: request.operationId,
    method: request.method,
    target: request.target,
    status: remocked ? 501 : response.status,
    durationMs,
    violations,
  };
}

/** The problem Prism itself reports (not the upstream), or `undefined`. */
function prismOwnError(response: Response, text: string): string | undefined {
  if (!/application\/problem\+json/i.test(response.headers.get('content-type') ?? '')) return undefined;
  try {
    const problem = JSON.parse(text) as { type?: unknown; title?: unknown; detail?: unknown };
    if (typeof problem.type !== 'string' || !PRISM_ERROR_TYPE.test(problem.type)) return undefined;
    return [problem.title, problem.detail]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(': ');
  } catch {
    return undefined;
  }
}
