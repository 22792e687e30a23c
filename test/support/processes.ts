/** The tests' child processes. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
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
