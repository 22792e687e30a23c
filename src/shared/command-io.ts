/**
 * Where a command's output goes, and what stops it. Commands write through a `CommandIo` instead
 * of `process.stdout`, so tests run them in-process and collect what they print.
 */
import type { Interruption } from './exit-codes.js';

export interface CommandIo {
  /** Writes a chunk of the command's result (a report, the mock's banner, progress lines). */
  stdout(text: string): void;
  /** Writes errors and notes. */
  stderr(text: string): void;
  /** Credentials, path parameters and `INIT_CWD` (where `npm run` was typed) are read from here. */
  env: Readonly<Record<string, string | undefined>>;
}

/** Set once stdout's reader has gone (`npm run verify … | head -1`): later output is dropped. */
let stdoutClosed = false;

export const processIo: CommandIo = {
  stdout: (text) => void (stdoutClosed || process.stdout.write(text)),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
};

/**
 * A write to a closed pipe is an 'error' event on stdout, a stack trace when nobody listens;
 * `interrupted` stops a command on it, and this keeps later writes from failing again.
 */
export function dropOutputOnceStdoutCloses(): void {
  process.stdout.on('error', () => void (stdoutClosed = true));
}

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

/**
 * `interrupted` as an AbortSignal, for commands that pass one down (`generate --watch`, `bench`):
 * it aborts with the `Interruption` as its reason. Call `end` once the command has ended.
 */
export function interruptSignal(): { signal: AbortSignal; end: () => void } {
  const ended = new AbortController();
  const stop = new AbortController();
  void interrupted(ended.signal).then((why) => stop.abort(why));
  return { signal: stop.signal, end: () => ended.abort() };
}

/** Where progress lines and problems go (`Reporter` of generate, diff and bench): the command's io, a line each. */
export function lineReporter(io: CommandIo): { info(line: string): void; error(line: string): void } {
  return { info: (line) => io.stdout(`${line}\n`), error: (line) => io.stderr(`${line}\n`) };
}
