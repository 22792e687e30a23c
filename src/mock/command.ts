/**
 * `npm run mock -- <api> [--port N] [--dynamic] [--seed S]`: a Prism mock of one API for local
 * development. Prints where it listens, the credentials it expects and a curl line that works,
 * shows Prism's request log, and stops Prism on Ctrl-C.
 */
import { EXIT, describeError, exitCodeOf } from '../shared/exit-codes.js';
import { interrupted, processIo, type CommandIo } from '../shared/command-io.js';
import { UsageError } from '../shared/errors.js';
import { loadApi, type LoadedApi } from './api.js';
import {
  credentialAlternatives,
  describeScheme,
  placeCredential,
  type CredentialPlacement,
} from './credentials.js';
import type { MockOptions } from './options.js';
import { startPrism } from './prism.js';
import { pathParameterValues, requestTarget, smallestRequest } from './sample-requests.js';
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
    lines.push(
      '',
      `${operation.model.operationId}: ${operation.model.method.toUpperCase()} ${operation.model.path}`,
    );
    lines.push(
      alternatives.some((alternative) => alternative.length > 0)
        ? `  credentials (any value of this form): ${alternatives
            .map((alternative) => alternative.map(describeScheme).join(' and ') || 'none')
            .join(', or ')}`
        : '  credentials: none',
    );
    // An operation whose request cannot be made up here (a multipart body, a `pattern` nothing
    // matches by default) is listed without one: the mock serves it all the same.
    try {
      lines.push(`  try: ${curlLine(api, operation, alternatives, url)}`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      lines.push(`  no curl line: ${error.message}`);
    }
  }
  lines.push('', 'Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

/** A curl command that sends the operation's smallest valid request, with placeholder credentials. */
function curlLine(
  api: LoadedApi,
  operation: LoadedApi['operations'][number],
  alternatives: ReturnType<typeof credentialAlternatives>,
  url: string,
): string {
  const request = smallestRequest(api, operation, pathParameterValues(api, operation, {}).values);
  const placement: CredentialPlacement = { headers: { ...request.params.header }, query: {} };
  const chosen = alternatives.find((alternative) => alternative.length > 0) ?? [];
  for (const use of chosen) {
    const value = use.info.type === 'http' ? PLACEHOLDER[use.info.scheme]! : `test-${use.info.credential}`;
    placeCredential(use.info, value, placement);
  }
  const target = requestTarget(request.pathTemplate, request.params.path, {
    ...request.params.query,
    ...placement.query,
  });
  const parts = ['curl', '-X', request.method, shellQuote(url + target)];
  for (const [name, value] of Object.entries(placement.headers))
    parts.push('-H', shellQuote(`${name}: ${value}`));
  if (request.body !== undefined) {
    parts.push(
      '-H',
      shellQuote('content-type: application/json'),
      '-d',
      shellQuote(JSON.stringify(request.body)),
    );
  }
  return parts.join(' ');
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** What `stop` settled with, told apart from what it races against. */
const STOPPED = Symbol('stopped');

/**
 * Runs the mock until `stop` settles (by default: Ctrl-C, SIGTERM or a closed stdout), then stops
 * Prism. `stop` is listened to from the start, so a signal while Prism starts stops it too once it
 * is up. Returns the exit code: 0 after a requested stop, 2 for wrong input or when Prism fails or dies.
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
    let ready = false;
    const starting = startPrism({
      specPath: api.source.path,
      port: options.port,
      dynamic: options.dynamic,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      onLog: (text) => ready && io.stderr(text),
    }).catch((error: Error) => {
      throw new UsageError(undefined, error.message);
    });
    const server = await Promise.race([starting, stopped]);
    if (server === STOPPED) {
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
