/**
 * `npm run verify -- <api> --upstream <url> [--port N] [--requests <file.json>] [--json]`: checks
 * a real API against its spec. Prism runs as a validating proxy in front of the upstream; every
 * request goes through it, and every request or response that breaks the spec is reported.
 * Exit 0: clean; 1: violations; 2: wrong input or the upstream/Prism failed.
 */
import { loadApi } from '../mock/api.js';
import { InputError, processIo, reportError, type CommandIo } from '../mock/cli.js';
import { startPrism } from '../mock/prism.js';
import { specSource } from '../mock/spec-source.js';
import { checkRequests } from './check.js';
import { resolveVerifyContext } from './context.js';
import { planRequests } from './plan.js';
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
    const prism = await startPrism({
      specPath: api.source.path,
      upstream,
      port: ctx.port,
      errors: false,
    }).catch((error: Error) => {
      throw new InputError(error.message);
    });
    try {
      const fields = { api: ctx.api, spec: api.source.displayPath, upstream, notes: plan.notes };
      if (!ctx.json) io.stdout(formatHeader(fields));
      const results = await checkRequests(prism, plan.requests, {
        requestTimeoutMs: ctx.requestTimeoutMs,
        onResult: (result, index, total) => !ctx.json && io.stdout(`${formatResult(result, index, total)}\n`),
      });
      const report = buildReport(fields, results);
      io.stdout(ctx.json ? `${JSON.stringify(report, null, 2)}\n` : formatSummary(report));
      return exitCodeOf(report);
    } finally {
      await prism.stop();
    }
  } catch (error) {
    return reportError(error, io);
  }
}
