/**
 * When a file counts as unchanged without reading it: the one rule of every record of files kept
 * between runs (the hashes of `file-hashes.ts`, the compiled command line's inputs, the no-op
 * record). Plain CommonJS: the launcher requires it before any TypeScript loads, and before Node's
 * ES-module loader starts when it answers a no-op (`scripts/cli.cjs`).
 *
 * As git's index does, a file is recorded only once it has settled (last changed well before it was
 * read): a file rewritten with the same size within the file system's timestamp granularity would
 * otherwise keep the key of its older bytes. The change time, which no tool can set back, is part
 * of the key, and so is the inode: an edit that restores the modification time is seen, and so is a
 * file replaced by another with the same times.
 * @see https://git-scm.com/docs/racy-git
 */

/** How long after its last change a file is taken as settled: more than any file system's timestamp step (FAT's is 2 s). */
const SETTLED_MS = 3_000;

/**
 * What must be the same for a file (or folder) to count as unchanged.
 * @param {import('node:fs').Stats} stat
 * @returns {string}
 */
function statKey(stat) {
  return `${stat.size} ${stat.mtimeMs} ${stat.ctimeMs} ${stat.ino}`;
}

/**
 * Whether the file had settled by `time` (ms since the epoch): its key may then be recorded for
 * what was read of it at `time` or later.
 * @param {import('node:fs').Stats} stat
 * @param {number} time
 * @returns {boolean}
 */
function settledBy(stat, time) {
  return Math.max(stat.mtimeMs, stat.ctimeMs) <= time - SETTLED_MS;
}

module.exports = { SETTLED_MS, statKey, settledBy };
