/**
 * Whether stdout is a terminal, told without making `process.stdout` where a stat can tell: making
 * it, on a pipe (as under npm when its output is read) or a file, loads `tty`, `net` and Node's
 * streams, about 10 CPU-ms and 200 page faults of a command that prints a line and ends (a no-op
 * answered from its record, a spec broken in its first line). CommonJS: the no-op answer
 * (`src/cli/compiled/noop-answer.cjs`) asks before Node's ES-module loader starts.
 */
const { fstatSync } = require('node:fs');

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

module.exports = { stdoutIsTerminal };
