/**
 * Starts and stops Prism (`@stoplight/prism-cli`, pinned in package.json) as a child process: a mock
 * server built from a spec, or a validating proxy in front of a real API. Used by `npm run mock`,
 * `npm run verify` and the tests' global setup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { prismEntry } from './prism-bundle.js';

export interface PrismOptions {
  /** Path or URL of the spec Prism serves. */
  specPath: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Generate responses from the schemas instead of the examples. @default false */
  dynamic?: boolean;
  /** Seed for dynamic responses, so a run can be repeated. */
  seed?: string;
  /** Proxy to this upstream instead of mocking. */
  upstream?: string;
  /** Answer a response that breaks the spec with an error (proxy mode) . @default false */
  errors?: boolean;
  /**
   * How long to wait for Prism to listen: about 2 s for a small spec on an idle machine, several
   * times that on a busy one, and more with the spec's size (OpenAI's description: ~47 s).
   * @default `readyTimeoutFor` the spec file's size
   */
  readyTimeoutMs?: number;
  /** Called with each chunk Prism prints, e.g. to show a foreground mock's request log. */
  onLog?: (text: string) => void;
  /**
   * Aborted: Prism is stopped where its start-up is (a Ctrl-C while it loads need not wait for it
   * to listen), and the start rejects. No effect once it listens: stop the server then.
   */
  signal?: AbortSignal;
}

export interface PrismServer {
  url: string;
  pid: number;
  /** Everything Prism printed so far (its log is what explains a failure). */
  log(): string;
  /** Stops this Prism process (and only it) and waits for it to exit. */
  stop(): Promise<void>;
  /** Settles when the process ends, however it ends (a foreground mock waits on it beside Ctrl-C). */
  exited: Promise<PrismExit>;
}

export interface PrismExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Preloaded into Prism: it exits when its stdin, a pipe from this process, closes. */
const WATCHDOG = fileURLToPath(new URL('./prism-watchdog.cjs', import.meta.url));

/** A port that was free a moment ago; Prism cannot take port 0, so we ask the OS for one first. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return probePort(host, 0);
}

/**
 * Binds `port` (0: any) on `host` and lets it go again: the port it got, or why it could not. Prism
 * would print its whole usage text before a bind error, burying it.
 */
function probePort(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'it is in use' : error.message;
      reject(
        new Error(
          `port ${port} on ${host} cannot be used: ${why}; choose another with --port, or 0 for a free one`,
        ),
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe server'));
      });
    });
  });
}

export function prismArgs(options: PrismOptions, host: string, port: number): string[] {
  const args = options.upstream ? ['proxy', options.specPath, options.upstream] : ['mock', options.specPath];
  args.push('--host', host, '--port', String(port), '--cors', 'false');
  if (options.dynamic) args.push('--dynamic');
  // One argument, so a seed that looks like a flag (`--help`, `--errors`) stays the seed's value.
  if (options.seed !== undefined) args.push(`--seed=${options.seed}`);
  if (options.errors) args.push('--errors');
  return args;
}

export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const host = options.host ?? '127.0.0.1';
  // First: a first use builds the bundle, seconds in which a port probed before could be taken.
  const entry = await prismEntry();
  const port = await probePort(host, options.port ?? 0);
  options.signal?.throwIfAborted();
  // Prism's stdin is a pipe nobody writes to: it closes when this process ends, however it ends (a
  // SIGKILL runs no exit handler), and the watchdog then ends Prism, freeing its port.
  const child = spawn(
    process.execPath,
    ['--require', WATCHDOG, ...entry, ...prismArgs(options, host, port)],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      // Prism's banner and log carry ANSI colours unless told otherwise.
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    },
  );
  let output = '';
  let listening = () => undefined as void;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    options.onLog?.(chunk.toString());
    // Prism logs this line once the HTTP server accepts connections.
    if (/Prism is listening on/.test(output)) listening();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://${host}:${port}`;
  // Whatever ends this process without stopping Prism (an uncaught error, process.exit), Prism
  // must not outlive it. The listener goes with the child, so many Prisms in a row leak none.
  const killOnExit = () => void child.kill();
  process.on('exit', killOnExit);
  const exited = new Promise<PrismExit>((resolve) =>
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      resolve({ code, signal });
    }),
  );
  const server: PrismServer = {
    url,
    pid: child.pid ?? -1,
    log: () => output,
    stop: () => stopChild(child),
    exited,
  };
  const timeoutMs = options.readyTimeoutMs ?? readyTimeoutFor(await fileSize(options.specPath));
  let timer: NodeJS.Timeout | undefined;
  let aborted = () => undefined as void;
  try {
    await new Promise<void>((resolve, reject) => {
      listening = resolve;
      void exited.then((exit) => reject(new Error(`it exited with ${exit.code ?? exit.signal}`)));
      timer = setTimeout(() => reject(new Error(`it was not listening after ${timeoutMs} ms`)), timeoutMs);
      aborted = () => reject(new Error('it was stopped while it started'));
      if (options.signal?.aborted) aborted();
      options.signal?.addEventListener('abort', aborted);
    });
  } catch (error) {
    await server.stop();
    // Its last words may still be in the pipes when it has exited.
    if (child.stdout?.readableEnded === false) await new Promise((resolve) => child.once('close', resolve));
    const what = options.upstream ? `proxy for ${options.upstream}` : 'mock';
    throw new Error(
      `Prism ${what} of ${options.specPath} did not start on ${url}: ${(error as Error).message}\n` +
        `--- Prism log ---\n${output.trim() || '(empty)'}`,
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', aborted);
  }
  return server;
}

/**
 * The wait for a spec of `bytes`: a minute, and a minute more per megabyte. Prism reads and
 * indexes the whole spec before it listens; measured here (load average 8-10): 3 s for petstore,
 * 13 s for ElevenLabs' 1.5 MB, 22 s for Retell's 0.5 MB of deep compositions, and OpenAI's ~47 s.
 * A safety net against a hung Prism, not a budget: the log explains a failure.
 */
export function readyTimeoutFor(bytes: number): number {
  return 60_000 + Math.ceil((60_000 * bytes) / 1e6);
}

async function fileSize(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.size,
    () => 0, // a URL, or a file Prism will say it cannot read
  );
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
