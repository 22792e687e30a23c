/**
 * Write: every changed package replaced whole, or none. A package's new contents are
 * staged complete in a work folder beside the packages (`generated/.generate-<pid>/new/<api>/`:
 * the same file system, so a rename moves it), then each package is swapped in with two
 * directory renames, the live folder into `old/` and the staged one into its place (a package
 * whose spec is gone is moved into `gone/`). A write or rename that fails undoes the swaps already
 * made, so the run changes nothing.
 *
 * A kill can land between the two renames of a swap, when the package folder is missing. The
 * next run's `recoverInterruptedWrites` moves such a package back from `old/` before anything
 * looks at `generated/`, and removes the rest of the work folder: each package is then either
 * wholly old or wholly new (never a new CHANGELOG.md beside an old package.json, which lost the
 * version bump for good). Once every swap is done the work folder is renamed `….done`, which
 * says "nothing to restore", and removed.
 *
 * Files a run does not rewrite still belong to the package: the reference pages in `docs/`, not
 * committed and rendered after this stage (or not at all with `--no-docs`), are hard-linked into
 * the staged folder, as are the files whose bytes did not change; only changed files are written.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { exists, listFiles, readFileOrUndefined } from '../../shared/files.js';
import { DOCS_DIR, listPackageFiles } from './package-folder.js';

/** The file-system calls that change something; tests inject failures through them. */
export interface WriteFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  link(existingPath: string, newPath: string): Promise<void>;
  copyFile(source: string, destination: string): Promise<void>;
  rename(oldPath: string, newPath: string): Promise<void>;
  rm(path: string, options: { recursive: true; force: true }): Promise<void>;
}

/**
 * Node's calls, each file's made synchronously: a package's thousands of small files (GitHub's:
 * 2,846 in one folder) took a third longer, and twice the CPU, through the file system threads,
 * whose calls in one folder wait for each other, than one after the other in this thread. A
 * folder's removal, whose files may be many, is left to those threads.
 */
export const NODE_FS: WriteFs = {
  mkdir: async (path, options) => mkdirSync(path, options),
  writeFile: async (path, data) => writeFileSync(path, data),
  link: async (existingPath, newPath) => linkSync(existingPath, newPath),
  copyFile: async (source, destination) => copyFileSync(source, destination),
  rename: async (oldPath, newPath) => renameSync(oldPath, newPath),
  rm: (path, options) => rm(path, options),
};

export interface PackageWrite {
  /** The package folder, absolute: `generated/diga`. */
  dir: string;
  /** Package-relative path → content: everything the package is, manifest included. */
  files: Map<string, Buffer>;
}

export interface WriteResult {
  /** The package folders replaced (changed ones only) and removed. */
  replaced: string[];
  removed: string[];
  /** Files whose bytes changed or that are new, and files that are gone, over every package. */
  filesWritten: number;
  filesRemoved: number;
}

/** A write that failed; nothing was changed unless `undoFailed` says otherwise. */
export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    /** What could not be done, naming the live path: `cannot write generated/diga/package.json`. */
    readonly what: string,
    /** The system's reason, without the staging path it quotes: `EPERM: operation not permitted`. */
    readonly reason: string,
    /** Set when undoing the swaps already made failed too: then generated/ is not as it was. */
    readonly undoFailed?: string,
  ) {
    super(`${what}: ${reason}`);
  }
}

const WORK_PREFIX = '.generate-';
const DONE_SUFFIX = '.done';
/** `.generate-<pid>` while a run writes, `.generate-<pid>.done` once it has nothing to restore. */
const WORK_FOLDER = /^\.generate-(\d+)(\.done)?$/;

/**
 * Brings each package folder to exactly `files` (docs kept) and removes `removals`, all or
 * nothing. A package whose folder already holds exactly those bytes is left alone, so a run
 * that changes nothing writes nothing.
 */
export async function writePackages(
  outDir: string,
  packages: readonly PackageWrite[],
  removals: readonly string[],
  options: { fs?: WriteFs; display: (absolutePath: string) => string },
): Promise<WriteResult> {
  const fs = options.fs ?? NODE_FS;
  const { display } = options;
  const plans: PackagePlan[] = [];
  for (const pkg of packages) {
    const plan = await planPackage(pkg);
    if (plan.written + plan.removed > 0 || !plan.existed) plans.push(plan);
  }
  // A removed package's files count as removed too: the summary said "0 removed" beside the
  // line announcing the package's removal.
  let removedPackageFiles = 0;
  for (const dir of removals) removedPackageFiles += (await listPackageFiles(dir)).length;
  const result: WriteResult = {
    replaced: plans.map((plan) => plan.pkg.dir),
    removed: [...removals],
    filesWritten: plans.reduce((sum, plan) => sum + plan.written, 0),
    filesRemoved: plans.reduce((sum, plan) => sum + plan.removed, removedPackageFiles),
  };
  if (plans.length === 0 && removals.length === 0) return result;

  const work = join(outDir, `${WORK_PREFIX}${process.pid}`);
  const staged = (dir: string) => join(work, 'new', basename(dir));
  // A removed package goes to `gone/`, which recovery never restores from: once moved, it is removed.
  const backup = (swap: Swap) => join(work, swap.replace ? 'old' : 'gone', basename(swap.dir));

  // 1. Stage: nothing live changes yet, so a failure only needs the work folder removed.
  try {
    await attempt(`cannot write ${display(outDir)}/`, async () => {
      await fs.rm(work, { recursive: true, force: true });
      await fs.mkdir(join(work, 'old'), { recursive: true });
      await fs.mkdir(join(work, 'gone'), { recursive: true });
    });
    for (const plan of plans) await stagePackage(plan, staged(plan.pkg.dir), fs, display);
  } catch (error) {
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }

  // 2. Swap, undoing every swap made so far when one fails.
  const swaps: Swap[] = [
    ...plans.map((plan) => ({ dir: plan.pkg.dir, existed: plan.existed, replace: true })),
    ...removals.map((dir) => ({ dir, existed: true, replace: false })),
  ];
  const done: Swap[] = [];
  for (const swap of swaps) {
    let movedAway = false;
    try {
      if (swap.existed) {
        await fs.rename(swap.dir, backup(swap));
        movedAway = true;
      }
      if (swap.replace) await fs.rename(staged(swap.dir), swap.dir);
    } catch (error) {
      const what = `cannot ${swap.replace ? 'replace' : 'remove'} ${display(swap.dir)}`;
      try {
        if (movedAway) await fs.rename(backup(swap), swap.dir);
        for (const each of done.reverse()) {
          if (each.replace) await fs.rename(each.dir, staged(each.dir));
          if (each.existed) await fs.rename(backup(each), each.dir);
        }
      } catch (undoError) {
        // The work folder keeps the old packages: the next run's recovery puts them back.
        throw new WriteError(what, reasonOf(error), reasonOf(undoError));
      }
      await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
      throw new WriteError(what, reasonOf(error));
    }
    done.push(swap);
  }

  // 3. Commit: from here on the old folders are garbage, whatever becomes of their removal (a
  // leftover is the next run's to remove).
  const garbage = `${work}${DONE_SUFFIX}`;
  await fs
    .rename(work, garbage)
    .then(() => fs.rm(garbage, { recursive: true, force: true }))
    .catch(() => undefined);
  return result;
}

/**
 * Puts `generated/` back in order after a run that was killed while writing: a package whose
 * folder is missing is moved back from the old run's work folder, then the work folder is
 * removed. Work folders of a process still running (another `npm run generate`) are left alone,
 * unless they hold a package that is missing: that is an error. Resolves the folders restored.
 */
export async function recoverInterruptedWrites(
  outDir: string,
  options: { fs?: WriteFs; display: (absolutePath: string) => string },
): Promise<string[]> {
  const { fs = NODE_FS, display } = options;
  let entries;
  try {
    // Synchronous, as the rest of a no-op run's reading (see `generate.ts`).
    entries = readdirSync(outDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const restored: string[] = [];
  for (const entry of entries) {
    const match = WORK_FOLDER.exec(entry.name);
    if (!entry.isDirectory() || match === null) continue;
    const work = join(outDir, entry.name);
    const running = isRunningElsewhere(Number(match[1]));
    if (match[2] === undefined) {
      const old = join(work, 'old');
      for (const name of await readdir(old).catch(() => [] as string[])) {
        const live = join(outDir, name);
        if (await exists(live)) continue; // swapped in before the kill: the new package stays
        if (running) {
          // Mid-swap in another run, or a dead run's id now taken by another process: not ours
          // to decide, and generating the package afresh would lose its versions.
          throw new WriteError(
            `${display(live)} is missing`,
            `process ${match[1]} (another \`npm run generate\`?) is replacing it; if none is running, ` +
              `move ${display(join(old, name))} back to ${display(live)}`,
          );
        }
        await attempt(`cannot restore ${display(live)} from ${display(join(old, name))}`, () =>
          fs.rename(join(old, name), live),
        );
        restored.push(live);
      }
    }
    if (running) continue; // its staging is still in use
    await attempt(`cannot remove ${display(work)}`, () => fs.rm(work, { recursive: true, force: true }));
  }
  return restored;
}

interface PackagePlan {
  pkg: PackageWrite;
  /** Whether the package folder exists now. */
  existed: boolean;
  /** The files whose bytes on disk are already right: linked, not written. */
  unchanged: Set<string>;
  written: number;
  removed: number;
}

interface Swap {
  dir: string;
  existed: boolean;
  /** A new folder goes in its place; else the package is removed. */
  replace: boolean;
}

/** What staging a package would change, compared byte for byte with its folder. */
async function planPackage(pkg: PackageWrite): Promise<PackagePlan> {
  const existed = await exists(pkg.dir);
  const onDisk = existed ? await listPackageFiles(pkg.dir) : [];
  const unchanged = new Set<string>();
  // A new package has no file to compare (GitHub's: 2,846 reads that would each fail).
  for (const [file, bytes] of existed ? pkg.files : []) {
    if (readFileOrUndefined(join(pkg.dir, file))?.equals(bytes)) unchanged.add(file);
  }
  return {
    pkg,
    existed,
    unchanged,
    written: pkg.files.size - unchanged.size,
    removed: onDisk.filter((file) => !pkg.files.has(file)).length,
  };
}

/** The package's complete new folder at `target`: changed files written, the rest linked. */
async function stagePackage(
  { pkg, unchanged }: PackagePlan,
  target: string,
  fs: WriteFs,
  display: (absolutePath: string) => string,
): Promise<void> {
  const kept = (await listFiles(join(pkg.dir, DOCS_DIR))).map((file) => `${DOCS_DIR}/${file}`);
  const linked = [...kept, ...unchanged].map((file) => ({
    file,
    what: `cannot keep ${display(join(pkg.dir, file))}`,
  }));
  const written = [...pkg.files.keys()]
    .filter((file) => !unchanged.has(file))
    .map((file) => ({ file, what: `cannot write ${display(join(pkg.dir, file))}` }));
  await attempt(`cannot write ${display(pkg.dir)}/`, () => fs.mkdir(target, { recursive: true }));
  // The folders first, one by one, each named after the first file it holds; then the files side
  // by side, for a file system whose calls are no synchronous ones (`NODE_FS`'s are): one call
  // at a time would leave Node's file system threads idle between calls.
  const made = new Set([target]);
  for (const { file, what } of [...linked, ...written]) {
    const dir = dirname(join(target, file));
    if (made.has(dir)) continue;
    await attempt(what, () => fs.mkdir(dir, { recursive: true }));
    made.add(dir);
  }
  await forEachAtOnce(linked, ({ file, what }) =>
    attempt(what, () => linkOrCopy(join(pkg.dir, file), join(target, file), fs)),
  );
  await forEachAtOnce(written, ({ file, what }) =>
    attempt(what, () => fs.writeFile(join(target, file), pkg.files.get(file)!)),
  );
}

/** How many file system calls of a package's staging run at once. */
const AT_ONCE = 32;

/**
 * `action` on each item, `AT_ONCE` at a time, in order; after a failure no other starts. Rejects,
 * once none is running, with the failure of the first item that failed: what one at a time would
 * have reported.
 */
async function forEachAtOnce<T>(items: readonly T[], action: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: { index: number; error: unknown }[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length && failures.length === 0) {
      const index = next++;
      await action(items[index]!).catch((error: unknown) => void failures.push({ index, error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
  if (failures.length > 0) throw failures.sort((a, b) => a.index - b.index)[0]!.error;
}

/** A hard link shares the bytes at no cost; a file system without links gets a copy. */
async function linkOrCopy(from: string, to: string, fs: WriteFs): Promise<void> {
  try {
    await fs.link(from, to);
  } catch {
    await fs.copyFile(from, to);
  }
}

/** `action`, its failure a WriteError saying `what` could not be done. */
async function attempt<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new WriteError(what, reasonOf(error));
  }
}

/** Whether process `pid` is another process that is still running. */
function isRunningElsewhere(pid: number): boolean {
  // Runs of one process never overlap (watch mode runs them one after another), so a work
  // folder of this process is a leftover of an earlier run.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `EPERM: operation not permitted`: Node's message without the path it quotes (a staging path). */
function reasonOf(error: unknown): string {
  if (error instanceof WriteError) return error.reason;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, \w+ '[^']*'( -> '[^']*')?$/, '');
}
