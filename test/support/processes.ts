/** The tests' child processes. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** Whether a process runs (signal 0 only checks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The pids of the processes whose command line matches `pattern` (as `ps -e -o pid=,args=` shows
 * it, as a person would find them: the pid, then the arguments joined by spaces): every process, or
 * the children of `parent` only. Read from /proc in this process, as `ps` reads it: a `ps` process
 * cost more than what it looks for. Every process of the machine is read (hundreds on a loaded
 * one): to poll for a process that something starts, `processesBelow` reads far fewer.
 */
export async function processesMatching(pattern: RegExp, parent?: number): Promise<number[]> {
  const found: number[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    // A process that ended since the listing has no files left: it matches nothing.
    if (parent !== undefined && parentOf(pid) !== parent) continue;
    if (matches(pid, pattern)) found.push(Number(pid));
  }
  return found;
}

/**
 * The pids of the processes below `root` (its children, theirs, and so on) whose command line
 * matches `pattern`, as `processesMatching` reads it: the process tree walked down from `root`, a few
 * files of /proc, so that a test can poll it while `root` starts what it looks for. A process
 * orphaned by the end of its parent is no longer below `root`: `processesMatching` finds it.
 */
export async function processesBelow(root: number, pattern: RegExp): Promise<number[]> {
  return (await descendantsOf(root)).filter((pid) => matches(String(pid), pattern));
}

/** Whether the command line of a running process matches `pattern`, read as `ps` shows it. */
function matches(pid: string, pattern: RegExp): boolean {
  const args = readOr(`/proc/${pid}/cmdline`);
  // A zombie or a kernel thread has no arguments (`ps` shows its name in brackets instead); a
  // process that ended since it was listed has no files left: neither matches.
  if (args === undefined || args === '') return false;
  return pattern.test(`${pid.padStart(7)} ${args.replace(/\0$/, '').split('\0').join(' ')}`);
}

/** A file of /proc, or undefined when its process has ended. */
function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The parent's pid of a process, from `/proc/<pid>/stat` (after its name, which may hold spaces). */
function parentOf(pid: string): number | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * The children of a process, as the kernel lists them for each of its threads (a child started by
 * a worker thread is that thread's): none when it has ended. The kernel may miss a child while
 * another ends: right for a poll, which reads again, or for a list to wait on.
 */
function childrenOf(pid: number | string): string[] {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return threads.flatMap((thread) =>
    (readOr(`/proc/${pid}/task/${thread}/children`) ?? '').split(' ').filter((child) => child !== ''),
  );
}

/** The pids of every process below `pid`: its children, theirs, and so on (from /proc, not `ps`). */
export async function descendantsOf(pid: number): Promise<number[]> {
  const below = (parent: number | string): number[] =>
    childrenOf(parent).flatMap((child) => [Number(child), ...below(child)]);
  return below(pid);
}

export interface NpmRun {
  npm: ChildProcessByStdio<null, Readable, Readable>;
  stdout: string;
  stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stdout holds `text`; rejects if npm exits first. */
  printed(text: string): Promise<void>;
}

/**
 * `npm run --silent <script> -- <args>` as a supervisor starts it: in the test's own process
 * group, its output collected.
 */
export function npmRun(
  script: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): NpmRun {
  const npm = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: NpmRun = {
    npm,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => npm.once('exit', (code, signal) => resolve({ code, signal }))),
    printed: (text) =>
      new Promise<void>((resolve, reject) => {
        const look = () => run.stdout.includes(text) && resolve();
        npm.stdout.on('data', look);
        look();
        void run.exited.then((exit) =>
          reject(new Error(`npm exited (${JSON.stringify(exit)}) before printing ${text}: ${run.stderr}`)),
        );
      }),
  };
  npm.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
}
