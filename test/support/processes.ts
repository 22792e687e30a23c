/** The tests' child processes. */
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';

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
 * the children of `parent` only. Read from /proc in this process, as `ps` reads it: the tests poll
 * this, and a `ps` process per poll cost more than what it looks for.
 */
export async function processesMatching(pattern: RegExp, parent?: number): Promise<number[]> {
  const found: number[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    // A process that ended since the listing has no files left: it matches nothing.
    if (parent !== undefined && parentOf(pid) !== parent) continue;
    const args = readOr(`/proc/${pid}/cmdline`);
    // A zombie or a kernel thread has no arguments (`ps` shows its name in brackets instead).
    if (args === undefined || args === '') continue;
    const line = `${pid.padStart(7)} ${args.replace(/\0$/, '').split('\0').join(' ')}`;
    if (pattern.test(line)) found.push(Number(pid));
  }
  return found;
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

/** The pids of every process below `pid`: its children, theirs, and so on. */
export async function descendantsOf(pid: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)('ps', ['-e', '-o', 'pid=,ppid=']);
  const parents = stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number])
    .filter(([child]) => child > 0);
  const below = (parent: number): number[] =>
    parents.filter(([, of]) => of === parent).flatMap(([child]) => [child, ...below(child)]);
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
