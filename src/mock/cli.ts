/**
 * Command-line plumbing shared by `npm run mock` and `npm run verify`: where output goes, how a
 * wrong input is reported, and how argument errors read. The commands themselves return an exit
 * code instead of calling `process.exit`, so tests run them in-process.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A wrong input (command-line argument, API name, requests file, spec, unreachable upstream,
 * Prism failing to start): the message names where and what, and the command exits with
 * `EXIT_INPUT_ERROR` after printing it without a stack trace.
 */
export class InputError extends Error {
  override name = 'InputError';
}

/** At most this many problems are listed; a file of 200,000 bad entries gives a screenful, not 200,000 lines. */
export const MAX_LISTED_PROBLEMS = 20;

/** One problem per line, the first `MAX_LISTED_PROBLEMS` of them, then how many more there are. */
export function listProblems(problems: string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length - listed.length;
  return [...listed, ...(more > 0 ? [`… and ${more} more`] : [])].join('\n');
}

/** 0: done, nothing wrong; 1: the upstream or the requests break the spec; 2: wrong input. */
export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_INPUT_ERROR = 2;

export interface CommandIo {
  /** Writes a chunk of the command's result (the report, the mock's banner). */
  stdout(text: string): void;
  /** Writes errors and notes. */
  stderr(text: string): void;
  /** Where credentials and path parameters are read from. */
  env: Readonly<Record<string, string | undefined>>;
}

/** Set once stdout's reader has gone (`npm run verify … | head -1`): later output is dropped. */
let stdoutClosed = false;

export const processIo: CommandIo = {
  stdout: (text) => void (stdoutClosed || process.stdout.write(text)),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
};

/** Why a command stopped before its work was done. */
export type Interruption = 'SIGINT' | 'SIGTERM' | 'EPIPE';

/**
 * The exit code after an interruption: 128 plus the signal's number, as a shell reports a process
 * the signal ended; a closed stdout as SIGPIPE would end it (141).
 */
export const INTERRUPTED_EXIT: Record<Interruption, number> = { SIGINT: 130, SIGTERM: 143, EPIPE: 141 };

/**
 * Resolves with the first of Ctrl-C (SIGINT), SIGTERM, or stdout's reader going away (EPIPE). The
 * listeners stay until `signal` aborts (the command has ended): until then the signals no longer
 * end the process, so the command can stop its child processes first. A repeated signal is
 * absorbed too: a terminal's Ctrl-C reaches every process of the group and npm relays another,
 * and the second must not kill the command mid-cleanup.
 */
export function interrupted(signal: AbortSignal): Promise<Interruption> {
  return new Promise((resolve) => {
    const on = {
      SIGINT: () => resolve('SIGINT'),
      SIGTERM: () => resolve('SIGTERM'),
      error: () => resolve('EPIPE'),
    };
    process.on('SIGINT', on.SIGINT);
    process.on('SIGTERM', on.SIGTERM);
    process.stdout.on('error', on.error);
    signal.addEventListener(
      'abort',
      () => {
        process.off('SIGINT', on.SIGINT);
        process.off('SIGTERM', on.SIGTERM);
        process.stdout.off('error', on.error);
      },
      { once: true },
    );
  });
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `--help` or `-h`: not an error; the command prints `message` (the usage) to stdout and exits 0. */
export class HelpRequested extends Error {
  override name = 'HelpRequested';
}

/**
 * `parseArgs` in strict mode, its errors rethrown as `InputError`s with the usage text. Node's
 * messages end with advice about `--` that does not apply here, so only their first sentence is kept.
 * `--help` anywhere before `--` asks for `usage` and `about`; an option with a value given twice is
 * an error, where `parseArgs` would keep the last one silently.
 */
export function parseCommandLine<T extends Options>(argv: string[], options: T, usage: string, about = '') {
  const end = argv.indexOf('--');
  const own = end === -1 ? argv : argv.slice(0, end);
  if (own.includes('--help') || own.includes('-h')) {
    throw new HelpRequested(`${usage}\n${about ? `${about}\n` : ''}`);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const message = (error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new InputError(`${message}\n${usage}`);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || options[token.name]?.type !== 'string') continue;
    if (seen.has(token.name)) throw new InputError(`--${token.name} is given twice; give it once\n${usage}`);
    seen.add(token.name);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** A TCP port from a flag value: 0 asks for any free port. */
export function parsePort(value: string | undefined, flag = '--port'): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InputError(`${flag}: expected a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

/** Runs a command from a script: prints an `InputError` as a plain message and sets the exit code. */
export async function runCommand(handler: (argv: string[], io: CommandIo) => Promise<number>): Promise<void> {
  // A write to a closed pipe is an 'error' event on stdout, a stack trace when nobody listens;
  // `interrupted` stops the command on it, and this keeps later writes from failing again.
  process.stdout.on('error', () => void (stdoutClosed = true));
  process.exitCode = await handler(process.argv.slice(2), processIo);
}

/** The exit code for an error thrown by a command (or a request for help), after printing it. */
export function reportError(error: unknown, io: CommandIo): number {
  if (error instanceof HelpRequested) {
    io.stdout(error.message);
    return EXIT_OK;
  }
  if (error instanceof InputError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT_INPUT_ERROR;
  }
  throw error;
}
