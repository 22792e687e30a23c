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
 * slot, or a single attempt with a deadline of its own. Short member names: internal, and they end
 * up in every client bundle.
 */
class Slot {
  /** Attempts in flight. */
  n = 0;
  /** Signals handed out. */
  k = 0;
  /** The abort controller, made on the first read of a signal. */
  declare c?: AbortController;
  /** Set when the time came with attempts in flight. */
  declare x?: boolean;
  declare t: ReturnType<typeof setTimeout>;

  /**
   * @param s the caller's signal, for a deadline of its own
   * @param key the key in `slots` of a shared slot
   */
  constructor(
    ms: number,
    public s?: AbortSignal,
    public key?: number,
    retryWait?: boolean,
  ) {
    // The slot rides along as the timer's argument: no closure.
    this.t = setTimeout(expire, ms, this);
    // Node and Bun: a timer alone must not keep the process alive (the requests do), except the
    // wait before a retry, which nothing else does.
    if (!retryWait) (this.t as { unref?: () => void }).unref?.();
    s?.addEventListener('abort', this.abort);
  }

  /** Aborts the signal, with the caller's reason if the caller aborted. */
  abort = (): void => this.c?.abort(this.s?.reason);
}

/** Shared slots still taking attempts, by deadline in slots of `performance.now()`. */
const slots = new Map<number, Slot>();

function expire(slot: Slot): void {
  if (slots.get(slot.key!) === slot) slots.delete(slot.key!);
  // A deadline never cleared (a stream's) lets go of the caller's signal here.
  slot.s?.removeEventListener('abort', slot.abort);
  if (slot.n > 0) {
    slot.x = true;
    slot.abort();
  }
}

/**
 * One attempt's deadline; also the wait before a retry, which the caller's abort must cut short too.
 */
export class Deadline {
  declare private p: Slot;
  /** Set by `clear`: whether the time had run out. */
  declare private e?: boolean;

  /**
   * @param own a deadline not shared with other attempts: a caller's signal is given, or the
   *   response body may be read after the attempt
   * @param retryWait for the wait before a retry, when nothing else keeps the process alive
   */
  constructor(ms: number, callerSignal: AbortSignal | undefined, own?: boolean, retryWait?: boolean) {
    let slot: Slot | undefined;
    if (callerSignal || own || retryWait) slot = new Slot(ms, callerSignal, undefined, retryWait);
    else {
      // The monotonic clock: a wall clock set back would put new attempts in slots that end early.
      const now = performance.now();
      const key = Math.ceil((now + ms) / SLOT_MS);
      slot = slots.get(key);
      if (!slot || slot.k >= SLOT_SIGNALS)
        slots.set(key, (slot = new Slot(key * SLOT_MS - now, undefined, key)));
    }
    slot.n++;
    this.p = slot;
  }

  /** Whether the time ran out: `send` then throws a TimeoutError rather than what fetch threw. */
  get timedOut(): boolean {
    return !!(this.e ?? this.p.x);
  }

  /** Aborts when the time runs out or the caller aborts, with the caller's reason if it did. */
  get signal(): AbortSignal {
    const slot = this.p;
    slot.k++;
    if (!slot.c) {
      slot.c = new AbortController();
      // What happened before anyone asked for the signal.
      if (slot.x || slot.s?.aborted) slot.abort();
    }
    return slot.c.signal;
  }

  /** Ends the attempt (or wait): leaves its slot; a slot of its own also stops and leaves the caller's signal. */
  clear(): void {
    const slot = this.p;
    if (this.e !== undefined) return;
    this.e = !!slot.x;
    slot.n--;
    if (slot.key === undefined) {
      clearTimeout(slot.t);
      slot.s?.removeEventListener('abort', slot.abort);
    }
  }
}
