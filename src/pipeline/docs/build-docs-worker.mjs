/**
 * A worker thread's entry (`build-docs-thread.ts` starts it): loads @redocly/cli's build-docs
 * handler and config loader once, then renders each page it is sent, one at a time, as `redocly
 * build-docs` would with the same arguments. Plain JavaScript, loaded from the sources whether the
 * command runs from them or from its compiled bundles.
 */
import { parentPort, workerData } from 'node:worker_threads';

/**
 * @typedef {import('./build-docs-thread.js').BuildDocsEntry} BuildDocsEntry
 * @typedef {import('./build-docs-thread.js').PageJob} PageJob
 * @typedef {(args: { argv: Record<string, unknown>; config: unknown; collectSpecData(): void }) => Promise<void>} Handler
 */

// The CLI's notices and progress lines are its own, not the command's: the thread prints nothing.
// (Not the Worker's `stdout: true`, whose streams keep the process alive once the thread is unref'd.)
for (const stream of [process.stdout, process.stderr])
  stream.write = /** @type {typeof stream.write} */ (() => true);

const { entry } = /** @type {{ entry: BuildDocsEntry }} */ (workerData);

/** @type {Promise<(job: PageJob) => Promise<void>>} */
const loaded = Promise.all([import(entry.handler), import(entry.config)]).then(
  ([handlerModule, configModule]) => {
    const handler = /** @type {Handler | undefined} */ (handlerModule.handlerBuildCommand);
    const loadConfig = /** @type {((options: { configPath: string }) => Promise<unknown>) | undefined} */ (
      configModule[entry.loadConfig]
    );
    if (typeof handler !== 'function' || typeof loadConfig !== 'function')
      throw new Error(`${entry.handler} or ${entry.config} does not export what build-docs runs`);
    // The arguments the CLI's parser gives the handler for `build-docs <spec> --output --template
    // --config --inlineBundle`; its config loaded as the CLI loads it, once per page.
    return async (/** @type {PageJob} */ job) =>
      handler({
        argv: {
          api: job.spec,
          o: job.output,
          output: job.output,
          t: job.template,
          template: job.template,
          config: job.config,
          inlineBundle: true,
          'lint-config': 'off',
        },
        config: await loadConfig({ configPath: job.config }),
        collectSpecData: () => undefined,
      });
  },
);

/** One page at a time: rendering is CPU work on this one thread, and the handler was written for one run per process. */
let queue = Promise.resolve();
parentPort?.on('message', (/** @type {{ id: number; job: PageJob }} */ { id, job }) => {
  queue = queue.then(async () => {
    /** @type {(job: PageJob) => Promise<void>} */
    let render;
    try {
      render = await loaded;
    } catch (error) {
      parentPort?.postMessage({ id, unusable: /** @type {Error} */ (error).message });
      return;
    }
    try {
      await render(job);
      parentPort?.postMessage({ id });
    } catch (error) {
      parentPort?.postMessage({ id, failed: /** @type {Error} */ (error).message });
    }
  });
});
