/**
 * Per-attempt deadlines combined with the caller's signal.
 *
 * Costs matter here: every call makes one, and in Node 20 an AbortController (about 4.5 µs) and a
 * timer together are a tenth of a stubbed call. So attempts without a signal of the caller's share:
 * those whose deadlines fall in the same SLOT_MS slot get one timer and one abort signal between
 * them (timer coalescing). Sharing is safe because they all expire together: the slot aborts its
 * signal when its time comes only if one of its attempts is still in flight, and every attempt
 * still in flight then has run out of time (at most SLOT_MS late). Attempts with a caller's signal,
 * which may be aborted alone, and raw calls that return an unread body stream, which outlives the
 * attempt, get a deadline of their own. Not `AbortSignal.timeout` + `AbortSignal.any`: the first's
 * timer cannot be cleared, the second costs a third of a stubbed request in Node 20.
 */

/** Precision of shared deadlines: an attempt times out 0 to SLOT_MS ms after its time. */
const SLOT_MS = 16;

/**
 * Most signals handed out per slot: a fetch implementation adds an abort listener per request
 * (undici lifts Node's warning threshold to 1,500 for this), dropped when the request is collected.
 */
const SLOT_SIGNALS = 500;

/**
 * A timer and an abort signal for one or more attempts: those whose deadlines fall in the same
 * slot, or a single attempt with a deadline of its own (`deadline` hands them out). Short member
 * names where internal: they end up in every client bundle.
 */
export class Deadline {
  /** Attempts in flight. */
  n = 0;
  /** Signals handed out. */
  k = 0;
  /** The abort controller, made on the first read of a signal. */
  declare c?: AbortController;
  /**
   * Set when the time came with attempts in flight: `send` then throws a TimeoutError rather than
   * what fetch threw. Read by an attempt before it clears.
   */
  declare timedOut?: boolean;
  declare t: ReturnType<typeof setTimeout>;
  /** The caller's signal, for a deadline of its own. */
  declare s?: AbortSignal;
  /** The key in `slots` of a shared deadline. */
  declare key?: number;

  constructor(ms: number, callerSignal?: AbortSignal, key?: number, retryWait?: boolean) {
    this.s = callerSignal;
    this.key = key;
    // The deadline rides along as the timer's argument: no closure.
    this.t = setTimeout(expire, ms, this);
    // Node and Bun: a timer alone must not keep the process alive (the requests do), except the
    // wait before a retry, which nothing else does.
    if (!retryWait) (this.t as { unref?: () => void }).unref?.();
    callerSignal?.addEventListener('abort', this.abort);
  }

  /** Aborts the signal, with the caller's reason if the caller aborted. */
  abort = (): void => this.c?.abort(this.s?.reason);

  /** Aborts when the time runs out or the caller aborts, with the caller's reason if it did. */
  get signal(): AbortSignal {
    this.k++;
    if (!this.c) {
      this.c = new AbortController();
      // What happened before anyone asked for the signal.
      if (this.timedOut || this.s?.aborted) this.abort();
    }
    return this.c.signal;
  }

  /**
   * Ends one attempt (or wait), once: it leaves the deadline; one of its own is also stopped and
   * lets go of the caller's signal.
   */
  clear(): void {
    this.n--;
    if (this.key === undefined) {
      clearTimeout(this.t);
      this.s?.removeEventListener('abort', this.abort);
    }
  }
}

/** Shared deadlines still taking attempts, by end time in slots of `performance.now()`. */
const slots = new Map<number, Deadline>();

function expire(deadline: Deadline): void {
  if (slots.get(deadline.key!) === deadline) slots.delete(deadline.key!);
  // A deadline never cleared (a stream's) lets go of the caller's signal here.
  deadline.s?.removeEventListener('abort', deadline.abort);
  if (deadline.n > 0) {
    deadline.timedOut = true;
    deadline.abort();
  }
}

/**
 * A deadline for one attempt, which must `clear` it once done; also the wait before a retry, which
 * the caller's abort must cut short too.
 * @param own a deadline not shared with other attempts: a caller's signal is given, or the
 *   response body may be read after the attempt
 * @param retryWait for the wait before a retry, when nothing else keeps the process alive
 */
export function deadline(
  ms: number,
  callerSignal?: AbortSignal,
  own?: boolean,
  retryWait?: boolean,
): Deadline {
  let found: Deadline | undefined;
  if (callerSignal || own || retryWait) found = new Deadline(ms, callerSignal, undefined, retryWait);
  else {
    // The monotonic clock: a wall clock set back would put new attempts in slots that end early.
    const now = performance.now();
    const key = Math.ceil((now + ms) / SLOT_MS);
    found = slots.get(key);
    if (!found || found.k >= SLOT_SIGNALS)
      slots.set(key, (found = new Deadline(key * SLOT_MS - now, undefined, key)));
  }
  found.n++;
  return found;
}
