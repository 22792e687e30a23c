/**
 * `--watch`: a first full run, then one run per burst of saves (debounced: editors write a file
 * in several steps) for the API whose spec changed (a published API's document or overlay). A change to any other spec file under
 * `specs/` (a shared fragment, a history file, a deleted spec) regenerates every API, and so does a
 * change to the Redocly config: adding an API means adding its `apis` entry there, which the run
 * that found the new spec asked for. Errors are printed by the run and watching continues; runs
 * never overlap. Changes to the generator itself need a restart.
 *
 * The folders are watched, not the files: a file watch follows the file's inode, and a save that
 * replaces the file by renaming another onto it (`sed -i`, editors' safe-write, `git checkout`)
 * leaves it watching a file that is gone, so every later save would be missed. A folder keeps its
 * inode, and reports changes to its entries by name. (Node's `recursive` watch on Linux watches
 * each file, which is that very problem.)
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { GenerateContext } from './context.js';
import { OVERLAYS_DIR, PUBLISHED_DIR } from './layout.js';
import { displayPathFor } from '../../shared/display.js';

/**
 * What can be a spec or a part of one (OpenAPI references YAML and JSON files); editors' swap,
 * backup and temporary files, and hidden files, are not, and their changes are ignored.
 */
const SPEC_FILE = /^[^.].*\.(ya?ml|json)$/;

/** Resolves when `ctx.signal` aborts (the CLI runs until Ctrl-C). */
export async function watchSpecs(
  ctx: GenerateContext,
  run: (apis: string[]) => Promise<number>,
): Promise<number> {
  await run(ctx.apis);
  if (ctx.signal?.aborted) return 0;
  const display = displayPathFor(ctx.rootDir);
  ctx.reporter.info(
    `watching ${display(ctx.specsDir)}/ and ${display(ctx.configPath)} for changes (Ctrl-C to stop)`,
  );

  const pending = new Set<string>();
  let everything = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const flush = (): void => {
    const apis = everything
      ? ctx.apis
      : [...pending].filter((api) => ctx.apis.length === 0 || ctx.apis.includes(api));
    const skip = !everything && apis.length === 0;
    pending.clear();
    everything = false;
    if (skip) return;
    running = running.then(() => run(apis)).catch(() => undefined);
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(flush, ctx.watchDebounceMs);
  };

  const watchers = new Map<string, FSWatcher>();
  const unwatchFolder = (dir: string): void => {
    for (const [watched, watcher] of watchers) {
      if (watched === dir || watched.startsWith(join(dir, '/'))) {
        watcher.close();
        watchers.delete(watched);
      }
    }
  };
  const watchFolder = (dir: string): void => {
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, filename) => changed(dir, filename?.toString()));
    } catch {
      return; // removed before it could be watched: its parent reported that
    }
    watcher.on('error', (error) => {
      watcher.close();
      watchers.delete(dir);
      if (existsSync(dir)) ctx.reporter.error(`watch: ${error.message}`);
    });
    watchers.set(dir, watcher);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) watchFolder(join(dir, entry.name));
    }
  };
  const changed = (dir: string, name: string | undefined): void => {
    const path = name === undefined ? undefined : join(dir, name);
    if (path !== undefined && (isFolder(path) || watchers.has(path))) {
      // A folder created, removed or replaced: watched afresh (a removed one's watch is dead), and
      // the specs may reference its files.
      unwatchFolder(path);
      if (isFolder(path)) watchFolder(path);
      everything = true;
    } else if (name === undefined || SPEC_FILE.test(name)) {
      const api = dir === ctx.specsDir ? /^(.+)\.yaml$/.exec(name ?? '')?.[1] : publishedApiOf(dir);
      if (api !== undefined && path !== undefined && existsSync(path)) pending.add(api);
      else everything = true;
    } else {
      return;
    }
    schedule();
  };
  // A published API's folder holds its document and its overlays, nothing another API reads.
  const publishedRoot = join(ctx.specsDir, PUBLISHED_DIR);
  const publishedApiOf = (dir: string): string | undefined => {
    const [api, ...rest] = relative(publishedRoot, dir).split(sep);
    return api !== undefined &&
      !api.startsWith('..') &&
      api !== '' &&
      (rest.length === 0 || rest[0] === OVERLAYS_DIR)
      ? api
      : undefined;
  };
  watchFolder(ctx.specsDir);
  // The config's folder, not the file (see the module comment), and only that one name in it: the
  // folder is the project's root, whose other files are no input.
  let configWatcher: FSWatcher | undefined;
  try {
    configWatcher = watch(dirname(ctx.configPath), (_event, filename) => {
      if (filename?.toString() !== basename(ctx.configPath)) return;
      everything = true;
      schedule();
    });
    configWatcher.on('error', (error) => ctx.reporter.error(`watch: ${error.message}`));
  } catch (error) {
    ctx.reporter.error(`watch: cannot watch ${display(ctx.configPath)}: ${(error as Error).message}`);
  }

  return new Promise((resolve) => {
    ctx.signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        for (const watcher of watchers.values()) watcher.close();
        configWatcher?.close();
        void running.then(() => resolve(0));
      },
      { once: true },
    );
  });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
