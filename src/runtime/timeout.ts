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
 * slot, or a single attempt with a deadline of its own (`deadline` hands them out).
 */
export interface Deadline {
  /** Aborts when the time runs out or the caller aborts, with the caller's reason if it did. */
  readonly signal: AbortSignal;
  /**
   * Set when the time came with attempts in flight: `send` then throws a TimeoutError rather than
   * what fetch threw. Read by an attempt before it clears.
   */
  timedOut?: boolean;
  /**
   * Ends one attempt (or wait), once: it leaves the deadline; one of its own is also stopped and
   * lets go of the caller's signal.
   */
  clear(): void;
  /** Attempts in flight. Short member names where internal: they end up in every client bundle. */
  n: number;
  /** Signals handed out. */
  k: number;
}

/** Shared deadlines still taking attempts, by end time in slots of `performance.now()`. */
const slots = new Map<number, Deadline>();

/**
 * A deadline for one attempt, which must `clear` it once done; also the wait before a retry, which
 * the caller's abort must cut short too.
 * @param own a deadline not shared with other attempts: a caller's signal is given, or the
 *   response body may be read after the attempt
 * @param retryWait for the wait before a retry, when nothing else keeps the process alive (with `own`)
 */
export function deadline(
  ms: number,
  callerSignal?: AbortSignal,
  own?: boolean,
  retryWait?: boolean,
): Deadline {
  /** The key in `slots` of a shared deadline; undefined for one of its own. */
  let key: number | undefined;
  if (!callerSignal && !own) {
    // The monotonic clock: a wall clock set back would put new attempts in slots that end early.
    const now = performance.now();
    key = Math.ceil((now + ms) / SLOT_MS);
    const found = slots.get(key);
    if (found && found.k < SLOT_SIGNALS) {
      found.n++;
      return found;
    }
    ms = key * SLOT_MS - now;
  }
  /** Made on the first read of a signal. */
  let controller: AbortController | undefined;
  const abort = (): void => controller?.abort(callerSignal?.reason);
  const release = (): void => callerSignal?.removeEventListener('abort', abort);
  const made: Deadline = {
    n: 1,
    k: 0,
    get signal() {
      made.k++;
      if (!controller) {
        controller = new AbortController();
        // What happened before anyone asked for the signal.
        if (made.timedOut || callerSignal?.aborted) abort();
      }
      return controller.signal;
    },
    clear() {
      made.n--;
      if (key === undefined) {
        clearTimeout(timer);
        release();
      }
    },
  };
  const timer = setTimeout(() => {
    if (slots.get(key!) === made) slots.delete(key!);
    // A deadline never cleared (a stream's) lets go of the caller's signal here.
    release();
    if (made.n > 0) {
      made.timedOut = true;
      abort();
    }
  }, ms);
  // Node and Bun: a timer alone must not keep the process alive (the requests do), except the
  // wait before a retry, which nothing else does.
  if (!retryWait) (timer as { unref?: () => void }).unref?.();
  callerSignal?.addEventListener('abort', abort);
  if (key !== undefined) slots.set(key, made);
  return made;
}
