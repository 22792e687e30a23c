/**
 * `--watch`: a first full run, then one run per burst of saves (debounced: editors write a file
 * in several steps) for the API whose spec changed. A change to any other file under `specs/`
 * (a shared fragment, a deleted spec) regenerates every API. Errors are printed by the run and
 * watching continues; runs never overlap. Changes to the generator itself need a restart.
 */
import { existsSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { GenerateContext } from './context.js';

/** Resolves when `ctx.signal` aborts (the CLI runs until Ctrl-C). */
export async function watchSpecs(
  ctx: GenerateContext,
  run: (apis: string[]) => Promise<number>,
): Promise<number> {
  await run(ctx.apis);
  if (ctx.signal?.aborted) return 0;
  ctx.reporter.info(`watching ${ctx.specsDir} for changes (Ctrl-C to stop)`);

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

  return new Promise((resolve) => {
    const watcher = watch(ctx.specsDir, { recursive: true }, (_event, filename) => {
      const name = filename === null ? undefined : /^([^/\\]+)\.yaml$/.exec(filename.toString())?.[1];
      if (name !== undefined && existsSync(join(ctx.specsDir, `${name}.yaml`))) pending.add(name);
      else everything = true;
      clearTimeout(timer);
      timer = setTimeout(flush, ctx.watchDebounceMs);
    });
    watcher.on('error', (error) => ctx.reporter.error(`watch: ${error.message}`));
    ctx.signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        watcher.close();
        void running.then(() => resolve(0));
      },
      { once: true },
    );
  });
}
