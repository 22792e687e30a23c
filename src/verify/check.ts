/**
 * Sends the planned requests through a running Prism proxy, one at a time, and collects each
 * exchange's violations. Prism forwards every request (it runs with `--errors=false`) to the relay
 * (`relay.ts`), which forwards it to the upstream and records what the upstream did; Prism answers
 * with the upstream's response plus `sl-violations` (never the upstream's own: the relay withholds it). An answer without the relay's tag is Prism's
 * own, and the relay's record says why: the upstream did not answer, cut its body short, sent a
 * body Prism could not parse, or was never called.
 *
 * Before that, each request is held to the clients' own request checks (`contract-checks.ts`): one
 * that breaks the spec is reported and not sent.
 *
 * A request that cannot be checked (no answer in time, the upstream refused the connection) gets
 * an `error` in its result and the run goes on; only a Prism that is gone ends it (`ProxyExited`).
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { requestPrism, type PrismAnswer } from './prism-request.js';
import { EXCHANGE_ID_HEADER, type Relay, type UpstreamExchange } from './relay.js';
import type { ContractChecker } from './contract-checks.js';
import { shownTarget, type PlannedRequest } from './plan.js';
import { parseViolationHeader, statusViolation, type Violation } from './violations.js';

export interface ProxyHandle {
  /** Prism's URL. */
  url: string;
  relay: Pick<Relay, 'exchange' | 'tag'>;
  /** Settles when Prism exits: a request that fails after that ends the run. */
  exited?: Promise<unknown>;
  /**
   * The client's own checks (`contract-checks.ts`), of each request before it is sent and of each
   * upstream answer as the relay recorded it: what they find stands whatever `sl-violations` says.
   */
  contract?: ContractChecker;
}

export interface RequestResult {
  name: string;
  operationId: string;
  method: string;
  target: string;
  /** The upstream's status; absent when it sent none. */
  status?: number;
  /** `false` when verify did not send the request, for it breaks the spec (its violations say how). */
  sent?: false;
  /** Where a redirect the upstream answered pointed (it is not followed). */
  redirect?: string;
  durationMs: number;
  violations: Violation[];
  /** Why the exchange could not be checked (no answer in time, connection refused); absent when it was. */
  error?: string;
  /** What the reader should know that is not a violation (headers withheld from Prism); absent when nothing. */
  notes?: string[];
}

export interface CheckOptions {
  /** How long one request may take, upstream included. @default 30_000 */
  requestTimeoutMs?: number;
  /** Called after each request, for progress output. */
  onResult?: (result: RequestResult, index: number, total: number) => void;
  /** Stops the run (Ctrl-C): the request under way is dropped and `checkRequests` rejects. */
  signal?: AbortSignal;
}

/** Prism is gone: nothing after this can be checked. */
export class ProxyExited extends Error {
  override name = 'ProxyExited';
}

export async function checkRequests(
  proxy: ProxyHandle,
  requests: PlannedRequest[],
  options: CheckOptions = {},
): Promise<RequestResult[]> {
  const results: RequestResult[] = [];
  for (const [index, request] of requests.entries()) {
    options.signal?.throwIfAborted();
    const result = await checkOne(proxy, request, options);
    results.push(result);
    options.onResult?.(result, index, requests.length);
  }
  return results;
}

async function checkOne(
  proxy: ProxyHandle,
  request: PlannedRequest,
  options: CheckOptions,
): Promise<RequestResult> {
  const started = performance.now();
  const own = await proxy.contract?.request(request);
  const notes = own?.notes ?? [];
  if (own !== undefined && own.violations.length > 0) {
    // Not sent: what it would do upstream is not what the spec documents, and may change data there.
    return {
      name: request.name,
      operationId: request.operationId,
      method: request.method,
      target: shownTarget(request, own.offending),
      sent: false,
      durationMs: Math.round(performance.now() - started),
      violations: own.violations,
      ...(notes.length > 0 ? { notes } : {}),
    };
  }
  const id = randomUUID();
  const result = await checkExchange(proxy, request, options, id);
  const withheld = proxy.relay.exchange(id)?.withheld;
  if (withheld !== undefined)
    notes.push(
      `the upstream sent ${withheld.join(' and ')}, which verify withheld from Prism: the findings are Prism’s own`,
    );
  return notes.length > 0 ? { ...result, notes } : result;
}

async function checkExchange(
  proxy: ProxyHandle,
  request: PlannedRequest,
  options: CheckOptions,
  id: string,
): Promise<RequestResult> {
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const started = performance.now();
  const base = {
    name: request.name,
    operationId: request.operationId,
    method: request.method,
    target: request.target,
  };
  const elapsed = () => Math.round(performance.now() - started);
  let response: PrismAnswer;
  try {
    const timeout = AbortSignal.timeout(timeoutMs);
    response = await requestPrism(proxy.url + request.target, {
      method: request.method,
      headers: { ...request.headers, [EXCHANGE_ID_HEADER]: id },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
    });
  } catch (error) {
    options.signal?.throwIfAborted();
    if (await hasExited(proxy)) throw new ProxyExited('Prism exited');
    const exchange = proxy.relay.exchange(id);
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms: ${upstreamSoFar(exchange)}`
        : `Prism's connection failed (${(error as Error).message}): ${upstreamSoFar(exchange)}`;
    return { ...base, durationMs: elapsed(), violations: [], error: reason };
  }
  const durationMs = elapsed();
  const exchange = proxy.relay.exchange(id);
  const upstream = exchange?.response;
  const redirect = upstream?.location === undefined ? {} : { redirect: upstream.location };

  if (response.header(proxy.relay.tag.name) === proxy.relay.tag.value) {
    // The upstream's answer, passed on by Prism with its findings.
    const ours = upstream
      ? (proxy.contract?.response(
          request.operationId,
          upstream.status,
          upstream.contentType,
          upstream.body,
        ) ?? [])
      : [];
    // Prism's findings where the client's checks found nothing at the same place and rule.
    const same = (a: Violation, b: Violation) =>
      a.side === b.side && a.location === b.location && a.kind === b.kind;
    const prisms = parseViolationHeader(response.header('sl-violations'));
    const violations = [...ours, ...prisms.filter((each) => !ours.some((own) => same(own, each)))];
    const status = statusViolation(response.status, request.documentedStatuses, upstream?.location);
    if (status) violations.unshift(status);
    return { ...base, status: response.status, ...redirect, durationMs, violations };
  }

  // Prism's own answer: what the upstream did says why.
  if (exchange === undefined) {
    return {
      ...base,
      durationMs,
      violations: [],
      error: `Prism did not forward the request: ${prismProblem(response)}`,
    };
  }
  if (upstream === undefined) {
    return { ...base, durationMs, violations: [], error: `the upstream did not answer: ${exchange.error}` };
  }
  const violations: Violation[] = [];
  const result = { ...base, status: upstream.status, ...redirect, durationMs, violations };
  if (upstream.status === 501) {
    // Prism answers an upstream 501 with a mock response, so nothing it checked is the upstream's.
    violations.push({
      side: 'response',
      location: 'status',
      kind: 'status',
      message: `the upstream answered 501 (Not Implemented); Prism replaced it with a mock response`,
      severity: 'error',
    });
    return result;
  }
  const status = statusViolation(upstream.status, request.documentedStatuses, upstream.location);
  if (status) violations.push(status);
  if (!upstream.complete) {
    violations.push({
      side: 'response',
      location: 'body',
      kind: 'incomplete',
      message:
        `the upstream closed the connection mid-body, after ${upstream.body.length}` +
        `${upstream.contentLength === undefined ? '' : ` of ${upstream.contentLength}`} bytes`,
      severity: 'error',
    });
    return result;
  }
  // A redirect's body is for browsers; its status (and where it points) is the finding.
  if (upstream.status >= 300 && upstream.status < 400) return result;
  const unparsable = jsonProblem(request.method, upstream);
  if (unparsable !== undefined) {
    violations.push({
      side: 'response',
      location: 'body',
      kind: 'json',
      message: unparsable,
      severity: 'error',
    });
    return result;
  }
  return {
    ...result,
    error: `Prism could not pass on the upstream's ${upstream.status} answer: ${prismProblem(response)}`,
  };
}

/**
 * Whether Prism is gone: its exit is known, or it does not answer on its port. The probe is a
 * malformed request, which Node's HTTP server answers with a 400 of its own (nothing reaches the
 * upstream); a Prism being killed may still accept the connection for a moment, but never answers,
 * and its exit event may come later on a busy machine.
 */
async function hasExited(proxy: ProxyHandle): Promise<boolean> {
  if (proxy.exited === undefined) return false;
  const { hostname, port } = new URL(proxy.url);
  const answers = new Promise<boolean>((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => socket.write('PROBE\r\n\r\n'));
    socket.once('data', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => undefined); // 'close' follows
    socket.once('close', () => resolve(true)); // refused, reset or closed without a word
  });
  return Promise.race([proxy.exited.then(() => true), answers]);
}

/** What the upstream had done when Prism's answer did not come. */
function upstreamSoFar(exchange: UpstreamExchange | undefined): string {
  if (exchange === undefined) return 'the request had not reached the upstream';
  const answer = exchange.response;
  if (answer === undefined) {
    return exchange.error === undefined
      ? 'the upstream had not answered either'
      : `the upstream did not answer: ${exchange.error}`;
  }
  if (!exchange.done)
    return `the upstream sent ${answer.status} and ${answer.body.length} bytes, then nothing`;
  return exchange.error ?? `the upstream answered ${answer.status}, but Prism did not pass it on`;
}

/** Why a JSON body does not parse, or `undefined` (not JSON, no body expected, or it parses). */
function jsonProblem(method: string, answer: NonNullable<UpstreamExchange['response']>): string | undefined {
  const json = /^application\/(?:[\w.+-]+\+)?json\s*(;|$)/i.test(answer.contentType ?? '');
  if (!json || method === 'HEAD' || answer.status === 204 || answer.status === 304) return undefined;
  try {
    JSON.parse(answer.body.toString('utf8'));
    return undefined;
  } catch (error) {
    const what = answer.body.length === 0 ? 'an empty body' : 'the body';
    return `${what} is not valid JSON, though the content-type is ${answer.contentType}: ${(error as Error).message}`;
  }
}

/** The title and detail of Prism's problem+json, or the start of whatever it sent. */
function prismProblem({ status, text }: PrismAnswer): string {
  try {
    const problem = JSON.parse(text) as { title?: unknown; detail?: unknown };
    const parts = [problem.title, problem.detail].filter((part) => typeof part === 'string' && part !== '');
    if (parts.length > 0) return `${status} ${parts.join(': ')}`;
  } catch {
    // not a problem document
  }
  return `${status} ${text.slice(0, 200)}`.trim();
}
