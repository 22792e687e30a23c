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

/** Attempts whose deadlines fall in the same slot. */
interface Slot {
  /** The deadline, in slots since the epoch: the key in `slots`. */
  key: number;
  /** Made on the first read of a signal. */
  controller?: AbortController;
  /** Attempts in flight. */
  active: number;
  /** Signals handed out. */
  signals: number;
  /** Set when the slot's time came with attempts in flight. */
  expired?: boolean;
}

/** Slots still taking attempts, by key. */
const slots = new Map<number, Slot>();

function joinSlot(ms: number): Slot {
  const now = Date.now();
  const key = Math.ceil((now + ms) / SLOT_MS);
  let slot = slots.get(key);
  if (!slot || slot.signals >= SLOT_SIGNALS) {
    slot = { key, active: 0, signals: 0 };
    slots.set(key, slot);
    // Unreferenced: a slot's timer alone must not keep the process alive (its requests do).
    (setTimeout(expireSlot, key * SLOT_MS - now, slot) as { unref?: () => void }).unref?.();
  }
  slot.active++;
  return slot;
}

function expireSlot(slot: Slot): void {
  if (slots.get(slot.key) === slot) slots.delete(slot.key);
  if (slot.active > 0) {
    slot.expired = true;
    slot.controller?.abort();
  }
}

/**
 * One attempt's deadline. Usable as fetch's `init` as it stands: `signal` is the only member
 * RequestInit knows. Also the wait before a retry, which the caller's abort must cut short too.
 */
export class Deadline {
  // Short names: internal, and they end up in every client bundle.
  /** The shared slot, until `clear`; absent for a deadline of its own. */
  declare private p?: Slot;
  /** Own deadline: made on the first read of `signal`. */
  declare private c?: AbortController;
  /** Own deadline: its timer. */
  declare private t?: ReturnType<typeof setTimeout>;
  /** Own deadline: the caller's signal. */
  declare private s?: AbortSignal;
  /** Own deadline: the caller-abort listener, made only when there is a caller's signal. */
  declare private l?: () => void;
  /** Own deadline: set when the time ran out. */
  declare private x?: boolean;
  /** Set when the deadline's slot expired with this attempt in it. */
  declare private e?: boolean;

  /**
   * @param own a deadline not shared with other attempts: a caller's signal is given, or the
   *   response body may be read after the attempt
   * @param retryWait for the wait before a retry, when nothing else keeps the process alive
   */
  constructor(ms: number, callerSignal: AbortSignal | undefined, own?: boolean, retryWait?: boolean) {
    if (!callerSignal && !own && !retryWait) {
      this.p = joinSlot(ms);
      return;
    }
    this.s = callerSignal;
    // The deadline rides along as the timer's argument: no closure per attempt.
    this.t = setTimeout(expire, ms, this);
    if (!retryWait) (this.t as { unref?: () => void }).unref?.();
    if (callerSignal) callerSignal.addEventListener('abort', (this.l = () => this.abort()));
  }

  /** Whether the time ran out: `send` then throws a TimeoutError rather than what fetch threw. */
  get timedOut(): boolean {
    return !!(this.p?.expired || this.e || this.x);
  }

  /** Aborts when the time runs out or the caller aborts, with the caller's reason if it did. */
  get signal(): AbortSignal {
    const slot = this.p;
    if (slot) {
      slot.signals++;
      if (!slot.controller) {
        slot.controller = new AbortController();
        if (slot.expired) slot.controller.abort();
      }
      return slot.controller.signal;
    }
    if (!this.c) {
      this.c = new AbortController();
      // What happened before anyone asked for the signal.
      if (this.x || this.s?.aborted) this.abort();
    }
    return this.c.signal;
  }

  /** Ends the attempt (or wait): leaves its slot, or stops its timer and leaves the caller's signal. */
  clear(): void {
    const slot = this.p;
    if (slot) {
      this.e = slot.expired;
      this.p = undefined;
      slot.active--;
      return;
    }
    clearTimeout(this.t);
    if (this.l) this.s!.removeEventListener('abort', this.l);
  }

  /** @internal Aborts an own deadline's signal, with the caller's reason if it aborted. */
  abort(): void {
    this.c?.abort(this.s?.reason);
  }

  /** @internal */
  expire(): void {
    this.x = true;
    this.abort();
  }
}

function expire(deadline: Deadline): void {
  deadline.expire();
}
