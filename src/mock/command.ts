/**
 * `npm run mock -- <api> [--port N] [--dynamic] [--seed S]`: a Prism mock of one API for local
 * development. Prints where it listens, the credentials it expects and, per operation, a curl line
 * that works (whatever its body's media type) or why there is none, shows Prism's request log, and
 * stops Prism on Ctrl-C.
 */
import { EXIT, describeError, exitCodeOf } from '../shared/exit-codes.js';
import { interrupted, processIo, type CommandIo } from '../shared/command-io.js';
import { UsageError } from '../shared/errors.js';
import { loadApi, type ApiOperation, type LoadedApi } from './api.js';
import {
  credentialAlternatives,
  describeScheme,
  placeCredential,
  type CredentialPlacement,
} from './credentials.js';
import type { MockOptions } from './options.js';
import { refuseUnservable } from './expansion.js';
import { startMock } from './mock-document.js';
import { curlLine } from './curl.js';
import { pathParameterValues, requestTarget, smallestCall } from './sample-requests.js';
import { specSource } from './spec-source.js';

/** Placeholder credentials of the right form: Prism's mock checks form, not value. */
const PLACEHOLDER: Record<string, string> = { bearer: 'test-token', basic: 'user:password' };

/** What a person needs to call the mock: the credentials it expects and one curl line per operation. */
export function mockBanner(
  api: LoadedApi,
  url: string,
  options: Pick<MockOptions, 'dynamic' | 'seed'>,
): string {
  const { title, version } = api.model;
  const lines = [
    `Prism mock of ${title} ${version} (${api.source.displayPath}) listening on ${url}`,
    options.dynamic
      ? `Responses are generated from the schemas${options.seed === undefined ? '' : ` (seed ${options.seed})`}.`
      : 'Responses are the examples in the spec.',
  ];
  for (const operation of api.operations) {
    const alternatives = credentialAlternatives(api, operation);
    const { method, path } = operation.model;
    lines.push('', `${operation.model.operationId}: ${method.toUpperCase()} ${path}`);
    lines.push(
      alternatives.some((alternative) => alternative.length > 0)
        ? `  credentials (any value of this form): ${alternatives
            .map((alternative) => alternative.map(describeScheme).join(' and ') || 'none')
            .join(', or ')}`
        : '  credentials: none',
    );
    const unservable = unroutable(api, operation);
    if (unservable !== undefined) {
      lines.push(`  no curl line: ${unservable}`);
      continue;
    }
    try {
      lines.push(`  try: ${tryLine(api, operation, url, alternatives)}`);
    } catch (error) {
      // A value the spec gives no way to make (a pattern with a lookahead): the mock serves the
      // operation all the same; the person writes the request.
      if (!(error instanceof UsageError)) throw error;
      lines.push(`  no curl line: ${error.message}`);
    }
  }
  lines.push('', 'Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

/**
 * Why the mock cannot serve an operation whose path key goes on after a `#` (AWS's JSON protocols:
 * `/#X-Amz-Target=ACMPrivateCA.CreatePermission`, the operation told apart by that header) or a
 * `?` (Flickr's `/rest?method=flickr.photos.search`), or `undefined`: no request carries a fragment,
 * and Prism matches a request's path, without its query, against the path keys as written, by path
 * and method alone, so it answers 404 (`NO_PATH_MATCHED_ERROR`). The client sends such requests as
 * the vendor means them.
 */
function unroutable(api: LoadedApi, operation: ApiOperation): string | undefined {
  const { method, path } = operation.model;
  const at = path.search(/[#?]/);
  if (at < 0) return undefined;
  const sent = path.slice(0, at) || '/';
  const sharing = api.operations.filter(
    ({ model }) => model.method === method && (model.path.split(/[#?]/)[0] || '/') === sent,
  ).length;
  const mark = path[at]!;
  return (
    `the mock cannot serve it: its path goes on after '${mark}' (${mark === '#' ? 'which no request carries' : 'a query, which Prism does not route by'}), ` +
    `and Prism routes by path and method alone, finding no route for ${method.toUpperCase()} ${sent}` +
    (sharing > 1 ? ` (${sharing} operations differ only after '${mark}')` : '')
  );
}

/** The curl line of the operation's smallest valid call, with placeholder credentials of the first alternative. */
function tryLine(
  api: LoadedApi,
  operation: ApiOperation,
  url: string,
  alternatives: ReturnType<typeof credentialAlternatives>,
): string {
  const call = smallestCall(api, operation, pathParameterValues(api, operation, {}).values);
  const placement: CredentialPlacement = { headers: { ...call.header }, query: {} };
  const chosen = alternatives.find((alternative) => alternative.length > 0) ?? [];
  for (const use of chosen) {
    const value = use.info.type === 'http' ? PLACEHOLDER[use.info.scheme]! : `test-${use.info.credential}`;
    placeCredential(use.info, value, placement);
  }
  const { method, path, requestBody: body } = operation.model;
  const target = requestTarget(path, call.path ?? {}, { ...call.query, ...placement.query });
  return curlLine({
    method: method.toUpperCase(),
    url: url + target,
    headers: placement.headers,
    ...(call.body === undefined || body === undefined
      ? {}
      : { body: { value: call.body, mediaType: body.mediaType, encoding: body.encoding } }),
  });
}

/** What `stop` settled with, told apart from what it races against. */
const STOPPED = Symbol('stopped');

/**
 * Runs the mock until `stop` settles (by default: Ctrl-C, SIGTERM or a closed stdout), then stops
 * Prism. `stop` is listened to from the start, so a signal while Prism starts stops it too, where
 * its start-up is. Returns the exit code: 0 after a requested stop, 2 for wrong input or when Prism fails or dies.
 */
export async function handleMock(
  options: MockOptions,
  io: CommandIo = processIo,
  stop: (signal: AbortSignal) => Promise<unknown> = interrupted,
): Promise<number> {
  const ended = new AbortController();
  const stopped = stop(ended.signal).then((): typeof STOPPED => STOPPED);
  stopped.catch(() => undefined); // observed by each race below; this covers a run that ends first
  try {
    const api = await Promise.race([loadApi(specSource(options.api, options.root)), stopped]);
    if (api === STOPPED) return EXIT.ok;
    // Prism refuses such a document ("No operations found"), after its whole start-up.
    if (api.model.operations.length === 0)
      throw new UsageError(
        api.source.displayPath,
        'has no operations to mock: its paths are empty (a webhook is a request the API sends, not one it answers)',
      );
    refuseUnservable(api);
    let ready = false;
    // Aborted by a stop while Prism starts: it is stopped where it is.
    const startup = new AbortController();
    const starting = startMock(api, {
      port: options.port,
      dynamic: options.dynamic,
      signal: startup.signal,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      onLog: (text) => ready && io.stderr(text),
    }).catch((error: Error) => {
      throw new UsageError(undefined, error.message);
    });
    const server = await Promise.race([starting, stopped]);
    if (server === STOPPED) {
      startup.abort();
      await starting.then((started) => started.stop()).catch(() => undefined);
      return EXIT.ok;
    }
    try {
      io.stdout(mockBanner(api, server.url, options));
      ready = true;
      const exit = await Promise.race([stopped, server.exited]);
      // Ctrl-C in a terminal (or a SIGTERM to the process group) reaches Prism too, so Prism may exit first.
      if (exit === STOPPED || exit.signal === 'SIGINT' || exit.signal === 'SIGTERM') return EXIT.ok;
      io.stderr(
        `error: Prism stopped by itself (${exit.signal ?? `exit code ${exit.code}`})\n${server.log()}`,
      );
      return EXIT.usage;
    } finally {
      await server.stop();
    }
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return exitCodeOf(error);
  } finally {
    ended.abort();
  }
}
