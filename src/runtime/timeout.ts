/**
 * Per-attempt deadlines combined with the caller's signal, and an abortable sleep.
 *
 * Costs matter here: every call makes one. So not `AbortSignal.timeout` + `AbortSignal.any` (the
 * first's timer cannot be cleared, the second costs more than a stubbed request in Node 20), and
 * not a timer per attempt either (Node builds and drops a timer list per call when calls do not
 * overlap): attempts join a set that one shared timer, the sweeper, expires. The AbortController
 * is made only when fetch reads `signal`, since creating one is itself a tenth of a stubbed call.
 */

/** Attempts in flight, expired by the sweeper. */
const inFlight = new Set<AttemptSignal>();
let sweeper: ReturnType<typeof setTimeout> | undefined;
let sweepAt = Infinity;

/**
 * The sweeper wakes at the earliest deadline, and at least this often while attempts are in
 * flight, so that with nothing in flight it stops within a second (runtimes without `unref`,
 * like Deno, keep a process alive for a pending timer).
 */
const MAX_SWEEP_MS = 1000;

function schedule(now: number, due: number): void {
  clearTimeout(sweeper);
  sweepAt = Math.min(due, now + MAX_SWEEP_MS);
  sweeper = setTimeout(sweep, sweepAt - now);
  // Node and Bun: the sweeper alone must not keep the process alive (a pending request does).
  (sweeper as { unref?: () => void }).unref?.();
}

function sweep(): void {
  sweepAt = Infinity;
  const now = Date.now();
  let next = Infinity;
  for (const attempt of inFlight) {
    if (attempt.due <= now) attempt.expire();
    else next = Math.min(next, attempt.due);
  }
  if (inFlight.size) schedule(now, next);
}

/**
 * One attempt's deadline. Usable as fetch's `init` as it stands: `signal` is the only member
 * RequestInit knows.
 */
export class AttemptSignal {
  timedOut = false;
  readonly due: number;
  private controller?: AbortController;
  /** Set once aborted, so that a signal created afterwards starts out aborted. */
  private abortedWith?: { reason: unknown };
  private readonly callerSignal?: AbortSignal | null;
  private readonly onCallerAbort?: () => void;

  constructor(timeoutMs: number, callerSignal?: AbortSignal | null) {
    const now = Date.now();
    this.due = now + timeoutMs;
    inFlight.add(this);
    if (this.due < sweepAt) schedule(now, this.due);
    if (callerSignal) {
      this.callerSignal = callerSignal;
      this.onCallerAbort = () => this.abort(callerSignal.reason);
      if (callerSignal.aborted) this.onCallerAbort();
      else callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
  }

  /** Aborts when the attempt times out or the caller aborts. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortedWith) this.controller.abort(this.abortedWith.reason);
    }
    return this.controller.signal;
  }

  /** Called by the sweeper. No abort reason: `send` checks `timedOut` and throws a TimeoutError. */
  expire(): void {
    this.timedOut = true;
    this.clear();
    this.abort();
  }

  /** Leaves the sweeper's set and the caller's signal; call when the attempt is over. */
  clear(): void {
    inFlight.delete(this);
    if (this.onCallerAbort) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private abort(reason?: unknown): void {
    this.abortedWith = { reason };
    this.controller?.abort(reason);
  }
}

/**
 * Resolves after `ms`; rejects with the signal's reason as soon as it aborts. A timer of its own
 * (not the sweeper): while waiting to retry, nothing else may be keeping the process alive.
 */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
