/**
 * Per-attempt deadlines combined with the caller's signal.
 *
 * Costs matter here: every call makes one. So not `AbortSignal.timeout` + `AbortSignal.any` (the
 * first's timer cannot be cleared, the second costs a third of a stubbed request in Node 20),
 * and the AbortController is made only when fetch reads `signal`, since creating one is itself
 * several percent of a stubbed call. A class, not a closure: one allocation per attempt.
 */

/**
 * One attempt's deadline. Usable as fetch's `init` as it stands: `signal` is the only member
 * RequestInit knows. Also the wait before a retry, which the caller's abort must cut short too.
 */
export class Deadline {
  /** Set when the time ran out: `send` then throws a TimeoutError rather than what fetch threw. */
  declare timedOut?: boolean;
  // Short names: internal, and they end up in every client bundle.
  /** Made on the first read of `signal`. */
  declare private c?: AbortController;
  declare private t: ReturnType<typeof setTimeout>;
  /** The caller's signal. */
  declare private s: AbortSignal | undefined;

  /** @param retryWait for the wait before a retry, when nothing else keeps the process alive */
  constructor(ms: number, callerSignal: AbortSignal | undefined, retryWait?: boolean) {
    this.s = callerSignal;
    this.t = setTimeout(() => {
      this.timedOut = true;
      this.abort();
    }, ms);
    // Node and Bun: an attempt's timer alone must not keep the process alive (its request does),
    // and an unreferenced timer costs half as much to set and clear.
    if (!retryWait) (this.t as { unref?: () => void }).unref?.();
    callerSignal?.addEventListener('abort', this.abort);
  }

  /** Aborts when the time runs out or the caller aborts, with the caller's reason if it did. */
  get signal(): AbortSignal {
    if (!this.c) {
      this.c = new AbortController();
      // What happened before anyone asked for the signal.
      if (this.timedOut || this.s?.aborted) this.abort();
    }
    return this.c.signal;
  }

  /** Stops the timer and leaves the caller's signal; call when the attempt (or wait) is over. */
  clear(): void {
    clearTimeout(this.t);
    this.s?.removeEventListener('abort', this.abort);
  }

  // The caller's `reason` is undefined until it aborts: a timeout aborts with the default reason.
  private abort = (): void => this.c?.abort(this.s?.reason);
}
