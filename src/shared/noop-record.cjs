/**
 * The no-op record: what `npm run generate` printed when it found nothing to do, with the stat of
 * every file and folder that answer depended on. The launcher answers the same command line from it
 * while every one of them is as recorded (`file-stat.cjs`), without loading the command line: most
 * of a no-op run's own time. Anything else, and the command line runs as ever.
 *
 * A record is written only when every file and folder had settled by the time the process started:
 * one changed while the run read it would otherwise be recorded as what the answer was made from.
 * Folders are recorded as files are: a file added, removed or renamed changes its folder's times.
 * Plain CommonJS: `scripts/cli.cjs` reads it before any TypeScript loads, and before Node's
 * ES-module loader starts (src/cli/compiled/noop-answer.cjs).
 */
const {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { settledBy, statKey } = require('./file-stat.cjs');
const { stdoutIsTerminal } = require('./stdio.cjs');

/** Changes when the record's shape does. */
const FORMAT = 1;

/** Where the record is kept, relative to the project. */
const NOOP_RECORD = '.cache/generate/noop.json';

/** The stat of a path where nothing is: what is recorded for a file whose absence the answer depends on. */
const MISSING = '(missing)';

/**
 * What the answer depends on besides files: the command line, Node, and whether the output is
 * coloured (stdout a terminal, `NO_COLOR`).
 * @typedef {{ argv: string[]; node: string; tty: boolean; noColor: string | null }} NoopKey
 */

/**
 * The key of `argv` (`generate` and its arguments) in this process.
 * @param {readonly string[]} argv
 * @returns {NoopKey}
 */
function noopKey(argv) {
  return {
    argv: [...argv],
    node: process.version,
    tty: stdoutIsTerminal(),
    noColor: process.env.NO_COLOR ?? null,
  };
}

/**
 * @typedef {object} NoopRun
 * @property {string} rootDir the project: paths are recorded relative to it
 * @property {NoopKey} key
 * @property {string} build the compiled command line that answered (its folder's name)
 * @property {number} startedAt when the process started, in ms since the epoch
 * @property {readonly string[]} trees folders the answer read, each recorded with everything in it
 * @property {readonly string[]} files files the answer read (or looked for), each recorded as it is
 * @property {readonly string[]} lines what the run printed before its summary
 * @property {string} summary the summary's line, without its time
 */

/**
 * Records a run that found nothing to do in `recordPath`; returns whether it did. Nothing is
 * written when a path had not settled by `startedAt` or cannot be read (then the next run is
 * answered by the command line again, and may record).
 * @param {string} recordPath
 * @param {NoopRun} run
 * @returns {boolean}
 */
function writeNoopRecord(recordPath, run) {
  /** @type {Record<string, string>} */
  const files = {};
  const add = (/** @type {string} */ path, /** @type {import('node:fs').Stats | undefined} */ stat) => {
    if (stat !== undefined && !settledBy(stat, run.startedAt)) throw new Unsettled();
    files[relative(run.rootDir, path).split('\\').join('/')] = stat === undefined ? MISSING : statKey(stat);
  };
  /** Folders already walked, by device and inode: a link back up the tree is walked once. */
  const walked = new Set();
  const walk = (/** @type {string} */ path) => {
    const stat = statOrMissing(path);
    add(path, stat);
    if (stat === undefined || !stat.isDirectory() || walked.has(`${stat.dev} ${stat.ino}`)) return;
    walked.add(`${stat.dev} ${stat.ino}`);
    for (const name of readdirSync(path)) walk(join(path, name));
  };
  try {
    for (const tree of run.trees) walk(tree);
    for (const file of run.files) add(file, statOrMissing(file));
  } catch {
    return false;
  }
  const record = {
    format: FORMAT,
    root: run.rootDir,
    key: run.key,
    build: run.build,
    lines: run.lines,
    summary: run.summary,
    files,
  };
  const temporary = `${recordPath}.${process.pid}`;
  try {
    mkdirSync(dirname(recordPath), { recursive: true });
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, recordPath);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

/** A path changed shortly before the run started: no record. */
class Unsettled extends Error {}

/**
 * What `npm run generate` would print for `argv` run from `build`, when the project's record
 * answers it and every file and folder it names is as recorded; else undefined.
 * @param {string} rootDir
 * @param {readonly string[]} argv
 * @param {string} build the compiled command line that would run (its folder's name)
 * @param {Map<string, string>} [keys] filled with the stat key of each path it found as recorded,
 *   by its path relative to `rootDir` (the launcher checks the build's inputs, most of them
 *   recorded here too, with them)
 * @returns {{ lines: string[]; summary: string } | undefined}
 */
function recordedNoop(rootDir, argv, build, keys) {
  let record;
  try {
    record = JSON.parse(readFileSync(`${rootDir}/${NOOP_RECORD}`, 'utf8'));
  } catch {
    return undefined;
  }
  if (
    record?.format !== FORMAT ||
    record.root !== rootDir ||
    record.build !== build ||
    JSON.stringify(record.key) !== JSON.stringify(noopKey(argv)) ||
    !Array.isArray(record.lines) ||
    !record.lines.every((/** @type {unknown} */ line) => typeof line === 'string') ||
    typeof record.summary !== 'string' ||
    typeof record.files !== 'object' ||
    record.files === null
  ) {
    return undefined;
  }
  try {
    // Without `join` for each of some 500 paths, as the launcher's other checks.
    for (const [path, key] of Object.entries(record.files)) {
      const stat = statOrMissing(`${rootDir}/${path}`);
      if ((stat === undefined ? MISSING : statKey(stat)) !== key) return undefined;
      keys?.set(path, key);
    }
  } catch {
    return undefined;
  }
  return { lines: record.lines, summary: record.summary };
}

/**
 * No error made for a path where nothing is: some of those are recorded, and errors cost. One
 * object for every call: a new one each time took about 400 of the 1,300 bytes a stat allocates
 * (measured with Node 20), of some 600 stats per answer.
 */
const NO_THROW = Object.freeze({ throwIfNoEntry: false });

/**
 * The stat of what is at `path` (links followed), undefined when nothing is; throws when it cannot
 * be told.
 * @param {string} path
 * @returns {import('node:fs').Stats | undefined}
 */
function statOrMissing(path) {
  try {
    return statSync(path, NO_THROW);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

module.exports = { NO_THROW, NOOP_RECORD, noopKey, writeNoopRecord, recordedNoop };
