/**
 * Where a command's output goes, and what stops it. Commands write through a `CommandIo` instead
 * of `process.stdout`, so tests run them in-process and collect what they print.
 */
import type { Interruption } from './exit-codes.js';
import { writeAllSync } from './stdio.cjs';

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

/** Whether a closed stdout drops later output (`dropOutputOnceStdoutCloses`). */
let dropOnClose = false;

/** The descriptors whose output goes through their stream from now on (see `writeOutput`). */
const throughStream = new Set<1 | 2>();

export const processIo: CommandIo = {
  stdout: (text) => void (stdoutClosed || writeOutput(1, text)),
  stderr: (text) => writeOutput(2, text),
  env: process.env,
};

/**
 * Writes `text` to stdout (1) or stderr (2) as the process's stream would, in order with it: with
 * `writeSync` on the descriptor, as the stream itself writes to a file, a pipe or a terminal on
 * Linux, without making the stream. Making `process.stdout` or `process.stderr` on a pipe
 * (as under npm when the output is read) loads `tty`, `net` and Node's streams: about 10 CPU-ms of a
 * command that prints a few lines (a spec broken in its first line). Once a write does not
 * complete (a pipe its reader has not emptied, open without blocking; a reader gone), the rest and
 * every later write go through the stream, which reports a closed pipe as its 'error' event, as
 * before. Windows, whose pipes the stream writes asynchronously, always takes the stream.
 */
function writeOutput(fd: 1 | 2, text: string): void {
  if (throughStream.has(fd) || process.platform === 'win32') {
    streamOf(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text);
  const stopped = writeAllSync(fd, bytes);
  if (stopped === undefined) return;
  throughStream.add(fd);
  streamOf(fd).write(bytes.subarray(stopped.written));
}

function streamOf(fd: 1 | 2): NodeJS.WriteStream {
  if (fd === 2) return process.stderr;
  if (dropOnClose) {
    dropOnClose = false;
    process.stdout.on('error', () => void (stdoutClosed = true));
  }
  return process.stdout;
}

/**
 * A write to a closed pipe is an 'error' event on stdout, a stack trace when nobody listens: this
 * listens from the moment the command's output goes through the stream (`writeOutput`), and keeps
 * later writes from failing again. `interrupted` stops a command on it.
 */
export function dropOutputOnceStdoutCloses(): void {
  dropOnClose = true;
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
