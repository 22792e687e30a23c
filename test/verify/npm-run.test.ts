/**
 * `npm run mock` and `npm run verify` as a supervisor runs them: spawned in the supervisor's own
 * process group (not a new one), stopped by a signal to the pid it started, which is npm's, or by
 * the pipe they print to closing. npm 11 passes SIGINT and SIGTERM on to the script's process
 * (the scripts `exec` node, so no shell stands between them to die of the signal instead); the
 * command stops Prism, and npm exits with the command's code. Each row then finds Prism's process
 * gone and its port free.
 *
 * Nothing here waits a fixed time: every wait is on an event (a line printed, npm's exit) or on a
 * state polled until it holds, under the per-test bound below, a safety net for a loaded machine.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { loadApi } from '../../src/mock/api.js';
import { portFree, unusedPort } from '../support/ports.js';
import { specSource } from '../../src/mock/spec-source.js';
import { startFakeVendor, type FakeVendor } from './fake-vendor.js';
import { alive, npmRun, processesBelow, processesMatching, type NpmRun } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** npm, tsx and Prism each start in seconds on an idle machine; a loaded one can take many times that. */
const BOUND_MS = 180_000;

/** Never answers: verify is mid-request when it is stopped. */
let hanging: FakeVendor;

beforeAll(async () => {
  const api = await loadApi(specSource('diga'));
  hanging = await startFakeVendor(api.operations[0]!.model, () => ({
    status: 0,
    body: '',
    act: () => undefined,
  }));
});

/** Every run started, cleaned up after all: a row that times out does not reach its `finally`. */
const runs = new Set<Run>();

afterAll(async () => {
  await Promise.all([...runs].map(cleanUp));
  await hanging?.close();
});

interface Run extends NpmRun {
  port: number;
}

/** `npm run --silent <command> -- <args> --port <a free port>`, as a supervisor starts it. */
async function npmRunOnPort(command: 'mock' | 'verify', args: string[]): Promise<Run> {
  const port = await unusedPort();
  const env = { ...process.env, DIGA_TOKEN: 'token-from-env' };
  const run = Object.assign(npmRun(command, [...args, '--port', String(port)], { cwd: ROOT, env }), { port });
  runs.add(run);
  return run;
}

/** The command line of the Prism processes started for `port`. */
const prismPattern = (port: number) => new RegExp(`prism-cli.* --port ${port}(\\s|$)`);

/** The pids of the Prism processes started for `port`, wherever they are: an orphan too. */
const prismsOn = (port: number) => processesMatching(prismPattern(port));

/**
 * The pid of the run's Prism, once it shows below npm (it does from its spawn on): its process tree
 * read at each poll, a few files, rather than every process of the machine.
 */
async function prismOn(run: Run, expect: ExpectStatic): Promise<number> {
  let pids: number[] = [];
  await expect
    .poll(async () => (pids = await processesBelow(run.npm.pid!, prismPattern(run.port))), {
      timeout: BOUND_MS,
      interval: 50,
    })
    .toHaveLength(1);
  return pids[0]!;
}

/**
 * Ends whatever of a run is left (after a failed or timed-out row): npm, and every process started
 * for its port (the command and Prism), found by their arguments since npm's end orphans them.
 */
async function cleanUp(run: Run): Promise<void> {
  const pids = await processesMatching(
    new RegExp(`(prism-cli|scripts/cli\\.m?[jt]s (mock|verify)).* --port ${run.port}(\\s|$)`),
  );
  for (const pid of [...pids, run.npm.pid!]) if (alive(pid)) process.kill(pid, 'SIGKILL');
}

type Command = 'mock' | 'verify';
interface Row {
  command: Command;
  /** How the run is stopped, once it is where the row needs it. */
  stop: 'SIGINT' | 'SIGTERM' | 'stdout closed' | 'SIGTERM while Prism starts';
  want: { code: number; stderr: string };
}

const ARGS: Record<Command, () => string[]> = {
  mock: () => ['diga'],
  verify: () => ['diga', '--upstream', hanging.url],
};
/** What each command prints to stdout once its Prism is up. */
const READY: Record<Command, string> = { mock: 'Press Ctrl-C to stop.', verify: 'verify diga:' };

const rows: [string, Row][] = [
  ['mock, SIGINT to npm', { command: 'mock', stop: 'SIGINT', want: { code: 0, stderr: '' } }],
  ['mock, SIGTERM to npm', { command: 'mock', stop: 'SIGTERM', want: { code: 0, stderr: '' } }],
  // The banner is all it prints to stdout: it stops when that write finds no reader.
  ['mock, stdout closed', { command: 'mock', stop: 'stdout closed', want: { code: 0, stderr: '' } }],
  [
    'mock, SIGTERM while Prism starts',
    { command: 'mock', stop: 'SIGTERM while Prism starts', want: { code: 0, stderr: '' } },
  ],
  [
    'verify, SIGINT to npm',
    {
      command: 'verify',
      stop: 'SIGINT',
      want: { code: 130, stderr: 'verify interrupted after 0 of 2 requests; Prism stopped\n' },
    },
  ],
  [
    'verify, SIGTERM to npm',
    {
      command: 'verify',
      stop: 'SIGTERM',
      want: { code: 143, stderr: 'verify interrupted after 0 of 2 requests; Prism stopped\n' },
    },
  ],
  ['verify, stdout closed', { command: 'verify', stop: 'stdout closed', want: { code: 141, stderr: '' } }],
  [
    'verify, SIGTERM while Prism starts',
    {
      command: 'verify',
      stop: 'SIGTERM while Prism starts',
      want: { code: 143, stderr: 'verify interrupted before any request was sent\n' },
    },
  ],
];

describe('stopped as a supervisor stops it', () => {
  it.concurrent.for(rows)(
    '%s: Prism is gone and its port free',
    { timeout: BOUND_MS },
    async ([, row], { expect }) => {
      const run = await npmRunOnPort(row.command, ARGS[row.command]());
      let prism: number | undefined;
      try {
        if (row.stop === 'stdout closed') {
          // The reader goes away before anything is printed; the first write, once Prism is up (the
          // exit code says it came), finds none.
          run.npm.stdout.destroy();
        } else if (row.stop === 'SIGTERM while Prism starts') {
          prism = await prismOn(run, expect);
          // Held where `ps` found it, so that it cannot finish starting while the signal makes its
          // way through npm to the command, however busy the machine; let go once it is sent.
          process.kill(prism, 'SIGSTOP');
          try {
            run.npm.kill('SIGTERM');
          } finally {
            process.kill(prism, 'SIGCONT');
          }
        } else {
          await run.printed(READY[row.command]);
          prism = await prismOn(run, expect);
          run.npm.kill(row.stop);
        }
        expect(await run.exited).toEqual({ code: row.want.code, signal: null });
        expect(run.stderr).toBe(row.want.stderr);
        if (prism !== undefined) await expect.poll(() => alive(prism!), { timeout: BOUND_MS }).toBe(false);
        expect(await prismsOn(run.port)).toEqual([]);
        await expect.poll(() => portFree(run.port), { timeout: BOUND_MS }).toBe(true);
      } finally {
        await cleanUp(run);
      }
    },
  );
});
