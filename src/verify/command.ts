/**
 * `npm run verify -- <api> --upstream <url> [--port N] [--requests <file.json>] [--json]`: checks
 * a real API against its spec. Prism runs as a validating proxy in front of a relay to the upstream
 * (`relay.ts`); every request the clients' own checks pass goes through both (one they refuse is
 * not sent), and every request or response that breaks the spec is reported.
 * Exit 0: clean; 1: violations, or requests that could not be checked; 2: wrong input, or Prism
 * died; 130/143 after Ctrl-C/SIGTERM, 141 when stdout's reader went away (Prism is stopped first).
 */
import {
  describeError,
  EXIT,
  exitCodeOf,
  INTERRUPTED_EXIT,
  type Interruption,
} from '../shared/exit-codes.js';
import { interrupted, processIo, type CommandIo } from '../shared/command-io.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadApi, type LoadedApi } from '../mock/api.js';
import { loadSpec } from '../pipeline/load/index.js';
import { refuseUnservable } from '../mock/expansion.js';
import { startPrism, type PrismServer } from '../mock/prism.js';
import { specSource } from '../mock/spec-source.js';
import { UsageError } from '../shared/errors.js';
import { checkRequests, ProxyExited, type ProxyHandle, type RequestResult } from './check.js';
import { contractChecker, type ContractChecker } from './contract-checks.js';
import type { VerifyContext } from './context.js';
import { planRequests, type Plan } from './plan.js';
import { redactingIo, redactor } from './redact.js';
import { startRelay, type Relay } from './relay.js';
import {
  buildReport,
  formatHeader,
  formatResult,
  formatSummary,
  reportExitCode,
  type VerifyReport,
} from './report.js';
import { readRequestsFile } from './requests-file.js';
import { checkReachable } from './upstream.js';

/** The run was stopped from outside; `reason` picks the exit code. */
class Interrupted extends Error {
  constructor(readonly reason: Interruption) {
    super(`interrupted by ${reason}`);
  }
}

/** How far the run got, for the line an interruption prints. */
interface Progress {
  done: number;
  total: number;
  /** Whether Prism was started (and so has been stopped). */
  prism: boolean;
}

/**
 * @param stop resolves when the run must stop (by default: Ctrl-C, SIGTERM or a closed stdout);
 * listened to from the start, so no signal ends the process with Prism still running.
 */
export async function handleVerify(
  ctx: VerifyContext,
  io: CommandIo = processIo,
  stop: (signal: AbortSignal) => Promise<Interruption> = interrupted,
): Promise<number> {
  const ended = new AbortController();
  const stopped = stop(ended.signal).then((reason) => Promise.reject(new Interrupted(reason)));
  stopped.catch(() => undefined); // observed by each `guard`; this covers a run that ends first
  const guard = <T>(work: Promise<T>): Promise<T> => Promise.race([work, stopped]);
  const progress: Progress = { done: 0, total: 0, prism: false };
  let out = io;
  try {
    const api = await guard(loadApi(specSource(ctx.api, ctx.root)));
    refuseUnservable(api);
    const entries =
      ctx.requestsFile === undefined ? undefined : await guard(readRequestsFile(ctx.requestsFile));
    const plan = planRequests(api, io.env, entries, ctx.requestsFile);
    progress.total = plan.requests.length;
    // From here on, nothing printed shows a credential, whatever the upstream echoes.
    out = redactingIo(io, redactor(plan.secrets));
    await guard(checkReachable(ctx.upstream, ctx.connectTimeoutMs));
    const relay = await startRelay(ctx.upstream);
    try {
      // Aborted by an interruption while Prism starts: it is stopped where it is.
      const startup = new AbortController();
      const starting = startPrism({
        specPath: api.source.path,
        upstream: relay.url,
        port: ctx.port,
        signal: startup.signal,
      });
      // Built while Prism loads, in its own process.
      const checking = checkerFor(ctx, api);
      checking.catch(() => undefined); // awaited below, once Prism is up
      const prism = await guard(
        starting.catch((error: Error) => Promise.reject(new UsageError(undefined, error.message))),
      ).catch(async (error: unknown) => {
        // Interrupted while Prism starts: stop it (it may have come up meanwhile).
        startup.abort();
        await starting.then((server) => server.stop()).catch(() => undefined);
        throw error;
      });
      progress.prism = true;
      try {
        const contract = await guard(checking);
        // Printed without the trailing slash `URL` adds to a bare host; Prism joins the paths either way.
        const upstream = ctx.upstream.href.replace(/\/$/, '');
        const fields = { api: ctx.api, spec: api.source.displayPath, upstream, notes: plan.notes };
        return await runChecks({
          ctx,
          fields,
          plan,
          proxy: { prism, relay, contract },
          io: out,
          stopped,
          guard,
          progress,
        });
      } finally {
        await prism.stop();
      }
    } finally {
      await relay.close();
    }
  } catch (error) {
    if (error instanceof Interrupted) {
      // A closed stdout is news to nobody: whoever closed it has what they wanted.
      if (error.reason !== 'EPIPE') out.stderr(`verify interrupted${describeProgress(progress)}\n`);
      return INTERRUPTED_EXIT[error.reason];
    }
    out.stderr(`${describeError(error)}\n`);
    return exitCodeOf(error);
  } finally {
    ended.abort();
  }
}

interface RunInput {
  ctx: VerifyContext;
  fields: Pick<VerifyReport, 'api' | 'spec' | 'upstream' | 'notes'>;
  plan: Plan;
  proxy: { prism: PrismServer; relay: Relay; contract: ContractChecker };
  io: CommandIo;
  /** Rejects with `Interrupted` when the run must stop. */
  stopped: Promise<never>;
  guard: <T>(work: Promise<T>) => Promise<T>;
  progress: Progress;
}

/**
 * Sends the plan and prints the report; the exit code. Prism dying prints the report so far and
 * gives 2; an interruption drops the request under way and rethrows `Interrupted`.
 */
async function runChecks({ ctx, fields, plan, proxy, io, stopped, guard, progress }: RunInput) {
  const { prism, relay, contract } = proxy;
  const results: RequestResult[] = [];
  const printReport = () => {
    const report = buildReport(fields, results);
    io.stdout(ctx.json ? `${JSON.stringify(report, null, 2)}\n` : formatSummary(report));
    return report;
  };
  if (!ctx.json) io.stdout(formatHeader(fields));
  const cancel = new AbortController();
  const run = checkRequests({ url: prism.url, relay, exited: prism.exited, contract }, plan.requests, {
    requestTimeoutMs: ctx.requestTimeoutMs,
    signal: cancel.signal,
    onResult: (result, index, total) => {
      results.push(result);
      progress.done = results.length;
      if (!ctx.json) io.stdout(`${formatResult(result, index, total)}\n`);
    },
  });
  const died = prism.exited.then(() => Promise.reject(new ProxyExited('Prism exited')));
  died.catch(() => undefined);
  try {
    await guard(Promise.race([run, died]));
  } catch (error) {
    // Drop the request under way; its rejection is awaited here, not left unhandled.
    cancel.abort();
    await run.catch(() => undefined);
    await prism.stop();
    let cause = error;
    if (cause instanceof ProxyExited) {
      // A signal to the whole process group (Ctrl-C at a terminal, a supervisor's SIGTERM to the
      // group) reaches Prism too, and may end it before this process hears of it.
      const { signal } = await prism.exited;
      if (signal === 'SIGINT' || signal === 'SIGTERM') cause = new Interrupted(signal);
    }
    if (!(cause instanceof ProxyExited)) throw cause;
    printReport();
    const exit = await prism.exited;
    const log = prism.log().trim().split('\n').slice(-20).join('\n');
    io.stderr(
      `error: Prism stopped by itself (${exit.signal ?? `exit code ${exit.code}`})` +
        ` after ${progress.done} of ${progress.total} requests\n--- end of Prism's log ---\n${log}\n`,
    );
    return EXIT.usage;
  }
  return reportExitCode(printReport());
}

/** ` after 2 of 5 requests; Prism stopped` */
function describeProgress({ done, total, prism }: Progress): string {
  return prism ? ` after ${done} of ${total} requests; Prism stopped` : ' before any request was sent';
}

/**
 * The client's checks of the spec verify runs against, with each rule's place in the spec's YAML
 * when the spec is the project's own (`specs/<api>.yaml`), else in the file verify loaded.
 */
async function checkerFor(ctx: VerifyContext, api: LoadedApi): Promise<ContractChecker> {
  const yaml = join(ctx.root, 'specs', `${ctx.api}.yaml`);
  const spec = existsSync(yaml)
    ? await loadSpec(yaml, `specs/${ctx.api}.yaml`).catch(() => undefined)
    : undefined;
  const source = spec ?? (await loadSpec(api.source.path, api.source.displayPath));
  return contractChecker(api, source.displayPath, (pointer) => source.position(pointer));
}
