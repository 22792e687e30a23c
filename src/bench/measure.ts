/**
 * How the suites measure: alternatives run side by side in the same run, interleaved in rotating
 * order (A, B, then B, A, ...), so that a busy neighbour or a warming disk cache slows both rather
 * than one, and results are medians and ratios of medians. Commands run as child processes and are
 * timed from spawn to exit; a command that fails is an error with its output, never a fast sample.
 */
import { spawn } from 'node:child_process';

/** A failed measurement: what was run, where, and what it said. */
export class BenchError extends Error {
  override name = 'BenchError';
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new BenchError('median of no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs every alternative once per round for `runs` rounds, each round starting one alternative
 * further along (A B C, B C A, C A B, ...): no alternative always runs right after the same other
 * one, whose garbage it would collect or whose warmed caches it would inherit. `onRound` sees each
 * round's samples (for progress lines); `signal` ends the run before the next turn. Resolves the
 * samples of each alternative, in round order.
 */
export async function interleave<K extends string>(
  runs: number,
  alternatives: Record<K, () => Promise<number>>,
  onRound?: (round: number, samples: Record<K, number>) => void,
  signal?: AbortSignal,
): Promise<Record<K, number[]>> {
  const names = Object.keys(alternatives) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 1; round <= runs; round += 1) {
    const current = {} as Record<K, number>;
    for (let turn = 0; turn < names.length; turn += 1) {
      const name = names[(round - 1 + turn) % names.length]!;
      if (signal?.aborted) throw new BenchError('stopped');
      current[name] = await alternatives[name]();
      samples[name].push(current[name]);
    }
    onRound?.(round, current);
  }
  return samples;
}

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Longest the command may take before it is killed and reported. @default 600_000 */
  timeoutMs?: number;
  /** Ends the command (SIGTERM) when the bench is stopped. */
  signal?: AbortSignal;
  /** The exit code of a successful run: a command measured failing exits 1. @default 0 */
  exitCode?: number;
}

export interface CommandResult {
  /** Wall time from spawn to exit, ms. */
  ms: number;
  stdout: string;
  stderr: string;
}

/** Runs `command args` to completion; rejects with its output when it exits with another code than `options.exitCode`. */
export function runCommand(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      if (error.name === 'AbortError') return; // ended by the signal: 'close' follows and says so
      reject(new BenchError(`cannot run ${describe(command, args, options.cwd)}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      if (code === (options.exitCode ?? 0)) return resolvePromise({ ms, stdout: out, stderr: err });
      const why = signal === 'SIGKILL' ? `did not finish within ${timeoutMs} ms` : `exited ${code ?? signal}`;
      reject(new BenchError(`${describe(command, args, options.cwd)} ${why}:\n${tail(`${err}\n${out}`)}`));
    });
  });
}

/** The wall time of one run of the command, ms. */
export async function timeCommand(command: string, args: string[], options: CommandOptions): Promise<number> {
  return (await runCommand(command, args, options)).ms;
}

function describe(command: string, args: string[], cwd: string): string {
  return `\`${[command, ...args].join(' ')}\` (in ${cwd})`;
}

/** The last lines of a command's output: where its error is. */
function tail(output: string, lines = 30): string {
  return output
    .trim()
    .split('\n')
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}
