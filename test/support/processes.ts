/** The tests' child processes. */
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
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
 * The pids of the processes whose command line matches `pattern` (as `ps` shows it, as a person
 * would find them): every process, or the children of `parent` only.
 */
export async function processesMatching(pattern: RegExp, parent?: number): Promise<number[]> {
  const which = parent === undefined ? ['-e'] : ['--ppid', String(parent)];
  const { stdout } = await promisify(execFile)('ps', [...which, '-o', 'pid=,args=']).catch(() => ({
    stdout: '',
  }));
  return stdout
    .split('\n')
    .filter((line) => pattern.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
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
