/**
 * A `generate` that the no-op record answers (src/shared/noop-record.cjs), answered before anything
 * else loads: `scripts/cli.cjs` requires this module, CommonJS as all it requires, so that Node's
 * ES-module loader never starts, and requires the launcher (`launch.cjs`) only when it does not
 * answer. It answers when the record does and the last build of the command line is fresh by its
 * inputs' stats alone; a build whose freshness needs a file hashed (or a rebuild) is the launcher's
 * to check, which then reads the record again.
 */
const { readFileSync, statSync } = require('node:fs');
const { resolve } = require('node:path');
const { statKey } = require('../../shared/file-stat.cjs');
const { NO_THROW, recordedNoop } = require('../../shared/noop-record.cjs');
const { writeAllSync } = require('../../shared/stdio.cjs');

/** The project, as the launcher finds it. */
const ROOT_DIR = resolve(__dirname, '../../..');

/** The files of the builds in `.cache/cli/`: the last build's folder name, and each build's inputs. */
const LATEST_FILE = 'latest';
const INPUTS_FILE = 'inputs.json';

/**
 * What `argv` run in `rootDir` would print, when the no-op record answers it from the last build
 * and that build's inputs are all as it recorded them; else undefined.
 * @param {readonly string[]} argv
 * @param {string} [rootDir]
 * @returns {{ lines: string[]; summary: string } | undefined}
 */
function recordedAnswer(argv, rootDir = ROOT_DIR) {
  if (argv[0] !== 'generate') return undefined;
  const cacheDir = `${rootDir}/.cache/cli`;
  let build;
  try {
    build = readFileSync(`${cacheDir}/${LATEST_FILE}`, 'utf8').trim();
  } catch {
    return undefined;
  }
  // The record first: another command line's (`--force`) is told from its key, without a stat.
  /** @type {Map<string, string>} */
  const keys = new Map();
  const noop = recordedNoop(rootDir, argv, build, keys);
  if (noop === undefined || !unchangedInputs(rootDir, `${cacheDir}/${build}`, keys)) return undefined;
  return noop;
}

/**
 * Whether every input of the build in `dir` has the stat its record holds, under the same Node
 * (the check of `launch.cjs`'s `freshBuild`, without its hashing of a file whose stat differs).
 * @param {string} rootDir
 * @param {string} dir
 * @param {ReadonlyMap<string, string>} keys stat keys already read, by path relative to `rootDir`
 */
function unchangedInputs(rootDir, dir, keys) {
  try {
    /** @type {{ node: string; files: Record<string, { stat: string }> }} */
    const recorded = JSON.parse(readFileSync(`${dir}/${INPUTS_FILE}`, 'utf8'));
    if (recorded.node !== process.version) return false;
    for (const [file, input] of Object.entries(recorded.files)) {
      if (keys.get(file) === input.stat) continue;
      const stat = statSync(`${rootDir}/${file}`, NO_THROW);
      // A file recorded unsettled or missing never matches a stat's key: the launcher checks it.
      if (stat === undefined || statKey(stat) !== input.stat) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Prints a recorded no-op's answer as the command line prints it, timed from the process's start.
 * Written to stdout's descriptor: `process.stdout` would load `tty`, `net` and the streams first.
 * @param {{ lines: readonly string[]; summary: string }} noop
 */
function printNoop({ lines, summary }) {
  const bytes = Buffer.from(
    `${[...lines, `${summary} (${Math.round(process.uptime() * 1000)} ms)`].join('\n')}\n`,
  );
  const stopped = writeAllSync(1, bytes);
  // A pipe that the reader has not emptied yet, open without blocking: the rest as the stream
  // writes it. Any other error is a reader gone (`| head -1`): the rest is dropped, as the command
  // line drops it.
  if (stopped?.error.code !== 'EAGAIN') return;
  process.stdout.on('error', () => undefined);
  process.stdout.write(bytes.subarray(stopped.written));
}

module.exports = { INPUTS_FILE, LATEST_FILE, printNoop, recordedAnswer };
