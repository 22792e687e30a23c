/**
 * stdout and stderr as their descriptors, without making `process.stdout` or `process.stderr`:
 * making one, on a pipe (as under npm when its output is read) or a file, loads `tty`, `net` and
 * Node's streams, about 10 CPU-ms and 200 page faults of a command that prints a line and ends (a
 * no-op answered from its record, a spec broken in its first line). CommonJS: the no-op answer
 * (`src/cli/compiled/noop-answer.cjs`) uses it before Node's ES-module loader starts.
 */
const { fstatSync, writeSync } = require('node:fs');

/**
 * `process.stdout.isTTY`. A terminal is a character device: stdout that is not one (a pipe, a
 * file) is told by a stat.
 * @returns {boolean}
 */
function stdoutIsTerminal() {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    // No stdout: `process.stdout` is then a stream to nowhere, not a terminal.
    return false;
  }
  return process.stdout.isTTY === true;
}

/**
 * Writes `bytes` to descriptor 1 or 2 with `writeSync`, as the process's stream writes to a file, a
 * pipe or a terminal on Linux. Returns undefined once all is written; else how many bytes were and
 * the error that stopped the rest (EAGAIN: a pipe open without blocking, not emptied yet; EPIPE: its
 * reader gone), for the caller to write the rest through the stream or drop it.
 * @param {1 | 2} fd
 * @param {Uint8Array} bytes
 * @returns {{ written: number; error: NodeJS.ErrnoException } | undefined}
 */
function writeAllSync(fd, bytes) {
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    return undefined;
  } catch (error) {
    return { written, error: /** @type {NodeJS.ErrnoException} */ (error) };
  }
}

module.exports = { stdoutIsTerminal, writeAllSync };
