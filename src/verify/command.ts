/**
 * `npm run verify -- <api> --upstream <url> [--port N] [--requests <file.json>] [--json]`: checks
 * a real API against its spec. Prism runs as a validating proxy in front of a relay to the upstream
 * (`relay.ts`); every request goes through both, and every request or response that breaks the
 * spec is reported.
 * Exit 0: clean; 1: violations, or requests that could not be checked; 2: wrong input, or Prism died.
 */
import { loadApi } from '../mock/api.js';
import { EXIT_INPUT_ERROR, InputError, processIo, reportError, type CommandIo } from '../mock/cli.js';
import { startPrism } from '../mock/prism.js';
import { specSource } from '../mock/spec-source.js';
import { checkRequests, ProxyExited, type RequestResult } from './check.js';
import { resolveVerifyContext } from './context.js';
import { planRequests } from './plan.js';
import { startRelay } from './relay.js';
import { buildReport, exitCodeOf, formatHeader, formatResult, formatSummary } from './report.js';
import { readRequestsFile } from './requests-file.js';
import { checkReachable } from './upstream.js';

export async function handleVerify(argv: string[], io: CommandIo = processIo): Promise<number> {
  try {
    const ctx = resolveVerifyContext(argv, io.env['INIT_CWD'] ?? process.cwd());
    const api = await loadApi(specSource(ctx.api, ctx.root));
    const entries = ctx.requestsFile === undefined ? undefined : await readRequestsFile(ctx.requestsFile);
    const plan = planRequests(api, io.env, entries, ctx.requestsFile);
    await checkReachable(ctx.upstream, ctx.connectTimeoutMs);
    // Printed without the trailing slash `URL` adds to a bare host; Prism joins the paths either way.
    const upstream = ctx.upstream.href.replace(/\/$/, '');
    const relay = await startRelay(ctx.upstream);
    try {
      const prism = await startPrism({
        specPath: api.source.path,
        upstream: relay.url,
        port: ctx.port,
      }).catch((error: Error) => {
        throw new InputError(error.message);
      });
      try {
        const fields = { api: ctx.api, spec: api.source.displayPath, upstream, notes: plan.notes };
        const results: RequestResult[] = [];
        if (!ctx.json) io.stdout(formatHeader(fields));
        let died = false;
        await checkRequests({ url: prism.url, relay, exited: prism.exited }, plan.requests, {
          requestTimeoutMs: ctx.requestTimeoutMs,
          onResult: (result, index, total) => {
            results.push(result);
            if (!ctx.json) io.stdout(`${formatResult(result, index, total)}\n`);
          },
        }).catch((error: unknown) => {
          if (!(error instanceof ProxyExited)) throw error;
          died = true;
        });
        // The report of what was checked, whole or up to where Prism died.
        const report = buildReport(fields, results);
        io.stdout(ctx.json ? `${JSON.stringify(report, null, 2)}\n` : formatSummary(report));
        if (!died) return exitCodeOf(report);
        const exit = await prism.exited;
        const log = prism.log().trim().split('\n').slice(-20).join('\n');
        io.stderr(
          `error: Prism stopped by itself (${exit.signal ?? `exit code ${exit.code}`}) after ` +
            `${results.length} of ${plan.requests.length} requests\n--- end of Prism's log ---\n${log}\n`,
        );
        return EXIT_INPUT_ERROR;
      } finally {
        await prism.stop();
      }
    } finally {
      await relay.close();
    }
  } catch (error) {
    return reportError(error, io);
  }
}
