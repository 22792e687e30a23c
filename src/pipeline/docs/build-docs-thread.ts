/**
 * build-docs run in a worker thread of this process rather than as a CLI process per page. The
 * CLI's start is most of a render's cost: a process spends about 1 CPU-s on a page, of which 0.7
 * loading its bundle; a thread that has loaded it renders the next page in 0.1 to 0.4 s.
 *
 * @redocly/cli has no Node API for build-docs: its handler is a named export of a hash-named chunk,
 * and the config loader it is called with a minified export of another. Both are found in the
 * CLI's entry file, where its command line imports them; when they are not found (another
 * layout), or do not load, each page is rendered by the CLI's process as before
 * (`buildDocsEntry`, the `unusable` outcome).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';

/** Where the installed CLI keeps what build-docs runs. */
export interface BuildDocsEntry {
  /** File URL of the chunk that exports `handlerBuildCommand`. */
  handler: string;
  /** File URL of the chunk that exports the CLI's config loader. */
  config: string;
  /** The loader's export name in that chunk (minified: changes with each release). */
  loadConfig: string;
}

/** One page: every path absolute. */
export interface PageJob {
  spec: string;
  output: string;
  template: string;
  config: string;
}

export type PageOutcome =
  | { kind: 'rendered' }
  /** build-docs refused the spec: its message. */
  | { kind: 'failed'; message: string }
  /** The thread cannot render: run the CLI instead. */
  | { kind: 'unusable'; reason: string }
  | { kind: 'timedOut' };

/** The command line's `build-docs` branch: `{handlerBuildCommand:e}=await import("./chunks/X.js")`. */
const HANDLER_IMPORT =
  /\{\s*handlerBuildCommand\s*:\s*[\w$]+\s*\}\s*=\s*await\s+import\(\s*"(\.\/[^"]+)"\s*\)/;
/** The config loader, called by the function every command loads its config with. */
const CONFIG_CALL = /=\s*await\s+([\w$]+)\(\s*\{\s*configPath\s*:/;
const STATIC_IMPORTS = /import\s*\{([^}]*)\}\s*from\s*"(\.\/[^"]+)"/g;

const entries = new Map<string, BuildDocsEntry | undefined>();

/** Reads `lib/index.js` of the CLI installed in `cliDir`; undefined when its layout is not the one known. */
export function buildDocsEntry(cliDir: string): BuildDocsEntry | undefined {
  if (!entries.has(cliDir)) entries.set(cliDir, readEntry(cliDir));
  return entries.get(cliDir);
}

function readEntry(cliDir: string): BuildDocsEntry | undefined {
  const lib = join(cliDir, 'lib');
  let text: string;
  try {
    text = readFileSync(join(lib, 'index.js'), 'utf8');
  } catch {
    return undefined;
  }
  const handler = HANDLER_IMPORT.exec(text)?.[1];
  const loader = CONFIG_CALL.exec(text)?.[1];
  if (handler === undefined || loader === undefined) return undefined;
  for (const [, names = '', from = ''] of text.matchAll(STATIC_IMPORTS)) {
    for (const name of names.split(',')) {
      const [exported = '', local = exported] = name.trim().split(/\s+as\s+/);
      if (local === loader)
        return {
          handler: pathToFileURL(join(lib, handler)).href,
          config: pathToFileURL(join(lib, from)).href,
          loadConfig: exported,
        };
    }
  }
  return undefined;
}

/**
 * One thread for the process, started by the first page and kept while it lives (a `watch` renders
 * again), holding the process open only while a page is on its way.
 */
let running: BuildDocsThread | undefined;

/** Renders one page in the process's build-docs thread. */
export function renderInThread(entry: BuildDocsEntry, job: PageJob, timeoutMs: number): Promise<PageOutcome> {
  if (running === undefined) {
    const thread = new BuildDocsThread(entry, () => {
      if (running === thread) running = undefined;
    });
    running = thread;
  }
  return running.render(job, timeoutMs);
}

class BuildDocsThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, (outcome: PageOutcome) => void>();
  readonly #onStop: () => void;
  #nextId = 0;
  #stopped = false;

  constructor(entry: BuildDocsEntry, onStop: () => void) {
    this.#onStop = onStop;
    // Loaded here, not as this module loads (`generate` imports it): node:worker_threads loads all of
    // Node's streams, a few CPU-ms of a run that renders no page.
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    this.#worker = new Worker(new URL('./build-docs-worker.mjs', import.meta.url), {
      workerData: { entry },
      // As the CLI's process ran: telemetry off whatever a user-level setting says, no colour.
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
      },
    });
    this.#worker.unref();
    this.#worker.on(
      'message',
      ({ id, failed, unusable }: { id: number; failed?: string; unusable?: string }) => {
        if (unusable !== undefined) this.#settle(id, { kind: 'unusable', reason: unusable });
        else if (failed !== undefined) this.#settle(id, { kind: 'failed', message: failed });
        else this.#settle(id, { kind: 'rendered' });
      },
    );
    this.#worker.on('error', (error) => this.#stop(error.message));
    this.#worker.on('exit', (code) => this.#stop(`the build-docs thread stopped (exit code ${code})`));
  }

  render(job: PageJob, timeoutMs: number): Promise<PageOutcome> {
    if (this.#stopped) return Promise.resolve({ kind: 'unusable', reason: 'the build-docs thread stopped' });
    const id = this.#nextId++;
    return new Promise<PageOutcome>((resolve) => {
      const timer = setTimeout(() => {
        // The page still rendering holds the thread: it goes, and the pages queued behind are
        // rendered by the CLI's process.
        this.#settle(id, { kind: 'timedOut' });
        this.#stop('the build-docs thread was stopped: a page before took too long');
        void this.#worker.terminate();
      }, timeoutMs);
      this.#pending.set(id, (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
      if (this.#pending.size === 1) this.#worker.ref();
      this.#worker.postMessage({ id, job });
    });
  }

  #stop(reason: string): void {
    if (!this.#stopped) this.#onStop();
    this.#stopped = true;
    for (const id of [...this.#pending.keys()]) this.#settle(id, { kind: 'unusable', reason });
  }

  #settle(id: number, outcome: PageOutcome): void {
    const settle = this.#pending.get(id);
    if (settle === undefined) return;
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker.unref();
    settle(outcome);
  }
}
