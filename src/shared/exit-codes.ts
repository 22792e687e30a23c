/**
 * The exit codes of every command (the README's "Exit codes" table), and how an error a command
 * throws reads and which code it gives, by its class.
 */
import { UsageError, UserError } from './errors.js';

export const EXIT = {
  /** Done, and nothing wrong found. */
  ok: 0,
  /** Findings: a spec that fails to load or lint, stale packages, violations, missed targets. */
  findings: 1,
  /** Wrong usage: a bad option or value, an unknown API, a file or server that cannot be used. */
  usage: 2,
} as const;

/** Why a command stopped before its work was done. */
export type Interruption = 'SIGINT' | 'SIGTERM' | 'EPIPE';

/**
 * The exit code after an interruption, for the commands that report one (verify, bench): 128 plus
 * the signal's number, as a shell reports a process the signal ended; a closed stdout as SIGPIPE
 * would end it (141).
 */
export const INTERRUPTED_EXIT: Record<Interruption, number> = { SIGINT: 130, SIGTERM: 143, EPIPE: 141 };

/** The exit code for a signal `interruptSignal` aborted (its reason is the `Interruption`). */
export function interruptedExit(signal: AbortSignal): number {
  return INTERRUPTED_EXIT[signal.reason as Interruption] ?? INTERRUPTED_EXIT.SIGINT;
}

/** The exit code for an error a command threw: 2 for wrong usage, 1 for a finding (or a bug). */
export function exitCodeOf(error: unknown): number {
  return error instanceof UsageError ? EXIT.usage : EXIT.findings;
}

/** How an error reads: a usage error after `error: `, a finding as it is (it names its place), a bug with its stack. */
export function describeError(error: unknown): string {
  if (error instanceof UsageError) return `error: ${error.message}`;
  if (error instanceof UserError) return error.message;
  return `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
