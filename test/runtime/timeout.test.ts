/**
 * Per-attempt deadlines: attempts without a caller's signal share a timer and an abort signal per
 * 16 ms slot; the shared signal is aborted only for attempts still in flight when their time comes.
 */
import { execFile } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { TimeoutError } from '../../src/runtime/index.js';
import { createApiClient } from '../../src/runtime/client.js';
import { deadline as startDeadline } from '../../src/runtime/timeout.js';
import { SECRETS, testApi, type paths, type TestOperations } from './test-api.js';

/**
 * A process of its own, for the test that the wait before a retry keeps the process alive: in this
 * one, vitest keeps the event loop busy anyway. Started with the file, so that it runs while the
 * tests before its own wait on their timers. Its script and the runtime's sources it imports are
 * bundled here by esbuild and run by plain Node: under `tsx` (a loader thread, each file compiled
 * as it is imported) the process took 0.6 CPU-s, as bundled 0.2 with the bundling.
 */
let keptAlive: Promise<{ stdout: string }>;
beforeAll(() => {
  const script = `
    import { createApiClient } from './src/runtime/client.ts';
    import { SECRETS, testApi } from './test/runtime/test-api.ts';
    let calls = 0;
    const fetch = async () =>
      ++calls === 1
        ? new Response('', { status: 503, headers: { 'retry-after': '0.2' } })
        : Response.json({ id: 'a', name: 'A' });
    createApiClient(testApi, { ...SECRETS, fetch })
      .updateAgent({ path: { agent_id: 'a' }, body: {} })
      .then((agent) => console.log(JSON.stringify({ agent, calls })));
  `;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  keptAlive = build({
    stdin: { contents: script, resolveDir: root, loader: 'ts', sourcefile: 'kept-alive.ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  }).then(({ outputFiles: [bundle] }) =>
    promisify(execFile)(process.execPath, ['--input-type=module', '-e', bundle!.text], { cwd: root }),
  );
  // Its test awaits it, and fails if it failed.
  keptAlive.catch(() => undefined);
});

// A fake clock: which slot a deadline falls in depends on the time it starts.
describe('shared deadlines', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => {
    // Let the slots' timers fire: they leave the module's table of slots empty for other files.
    vi.runOnlyPendingTimers();
    vi.useRealTimers();
  });

  test('attempts with the same deadline share one abort signal', () => {
    const [a, b] = [startDeadline(1_000, undefined), startDeadline(1_000, undefined)];
    expect(a.signal).toBe(b.signal);
    a.clear();
    b.clear();
  });

  test('an attempt in flight when its time comes is aborted and timed out, within the slot', () => {
    const deadline = startDeadline(30, undefined);
    const { signal } = deadline;
    vi.advanceTimersByTime(29);
    expect(signal.aborted).toBe(false);
    // The slot ends on the next multiple of 16 ms of the clock: 16 ms late at most.
    vi.advanceTimersByTime(17);
    expect([signal.aborted, deadline.timedOut]).toEqual([true, true]);
    deadline.clear();
  });

  test('a slot whose attempts all ended leaves its signal alone', () => {
    const done = startDeadline(20, undefined);
    const { signal } = done;
    done.clear();
    vi.advanceTimersByTime(60);
    expect([signal.aborted, Boolean(done.timedOut)]).toEqual([false, false]);
  });

  test('an attempt that joins a slot later is not aborted before its own time', () => {
    // From the start of a slot: one due at 20 ms, one started at 10 and due at 30; the slot ends at 32.
    vi.advanceTimersByTime((16 - (performance.now() % 16)) % 16);
    const first = startDeadline(20, undefined);
    vi.advanceTimersByTime(10);
    const later = startDeadline(20, undefined);
    const { signal } = later;
    expect(signal).toBe(first.signal);
    vi.advanceTimersByTime(19);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(4);
    expect([signal.aborted, later.timedOut]).toEqual([true, true]);
    first.clear();
    later.clear();
  });

  test.each<[string, { given: number; want: number }]>([
    ['500 attempts share one signal', { given: 500, want: 1 }],
    ['the 501st gets a new one', { given: 501, want: 2 }],
    ['1,001 get three', { given: 1001, want: 3 }],
  ])('a slot hands out at most 500 signals: %s', (_name, { given, want }) => {
    // Each signal read as send reads it, right after its deadline is made.
    const deadlines = Array.from({ length: given }, () => {
      const deadline = startDeadline(1_000, undefined);
      return { deadline, signal: deadline.signal };
    });
    const signals = deadlines.map(({ signal }) => signal);
    expect(new Set(signals).size).toBe(want);
    for (const { deadline } of deadlines) deadline.clear();
  });

  test('one attempt ending early does not spare another of its slot', () => {
    const [early, late] = [startDeadline(20, undefined), startDeadline(20, undefined)];
    // One deadline, shared; each attempt reads it before it clears (see send.ts).
    expect(early).toBe(late);
    const { signal } = late;
    early.clear();
    vi.advanceTimersByTime(60);
    expect([signal.aborted, late.timedOut]).toEqual([true, true]);
    late.clear();
  });
});

describe('deadlines of their own', () => {
  test.each<[string, { given: { caller: boolean; own: boolean } }]>([
    ["with a caller's signal", { given: { caller: true, own: false } }],
    ['for a body read after the attempt', { given: { caller: false, own: true } }],
  ])('%s: a signal not shared with others', (_name, { given }) => {
    const caller = new AbortController();
    const shared = startDeadline(1_000, undefined);
    const alone = startDeadline(1_000, given.caller ? caller.signal : undefined, given.own);
    try {
      expect(alone.signal).not.toBe(shared.signal);
      caller.abort();
      expect([alone.signal.aborted, shared.signal.aborted]).toEqual([given.caller, false]);
    } finally {
      shared.clear();
      alone.clear();
    }
  });

  test("the caller's abort reason reaches the attempt's signal", () => {
    const caller = new AbortController();
    const deadline = startDeadline(1_000, caller.signal);
    caller.abort(new Error('stop'));
    expect((deadline.signal.reason as Error).message).toBe('stop');
    expect(Boolean(deadline.timedOut)).toBe(false);
    deadline.clear();
  });
});

describe('through the client', () => {
  test('of two calls in flight together, only the one past its time fails, with a TimeoutError', async () => {
    const signals: AbortSignal[] = [];
    // `slow` hangs until its signal aborts; `fast` answers at once.
    const fetch = (request: Request, init?: RequestInit): Promise<Response> => {
      const signal = init!.signal!;
      signals.push(signal);
      if (!new URL(request.url).pathname.endsWith('/slow'))
        return Promise.resolve(Response.json({ id: 'fast', name: 'F' }));
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    };
    // A still clock (timers stay real), so that both calls fall in the same slot.
    vi.useFakeTimers({ toFake: ['performance'] });
    const client = createApiClient<paths, TestOperations>(testApi, {
      ...SECRETS,
      fetch,
      timeoutMs: 50,
      maxRetries: 0,
    });
    const [slow, fast] = await Promise.allSettled([
      client.updateAgent({ path: { agent_id: 'slow' }, body: {} }),
      client.updateAgent({ path: { agent_id: 'fast' }, body: {} }),
    ]).finally(() => vi.useRealTimers());

    expect(fast).toEqual({ status: 'fulfilled', value: { id: 'fast', name: 'F' } });
    expect(slow.status === 'rejected' && slow.reason).toBeInstanceOf(TimeoutError);
    // Both attempts began in the same slot: one signal, aborted for the call still in flight.
    expect(signals[0]).toBe(signals[1]);
  });
});

describe("the wait before a retry, cut short by the caller's abort", () => {
  // The 30 s wait is a fake timer that nothing advances: a call that settles was cut short by the
  // abort (one that was not would hang until the test's timeout).
  test.each<[string, { given: 'in fetch' | 'once the wait began' }]>([
    // A fetch that does not watch its signal resolves anyway; the wait then starts already aborted.
    ['aborted as the retryable response arrives', { given: 'in fetch' }],
    ['aborted while it waits', { given: 'once the wait began' }],
  ])('%s: rejects with the reason, leaving no timer and no listener', async (_name, { given }) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const controller = new AbortController();
      const stop = (): void => controller.abort(new Error('stop'));
      let calls = 0;
      const fetch = async (): Promise<Response> => {
        calls += 1;
        if (given === 'in fetch') stop();
        return new Response('{}', { status: 503, headers: { 'retry-after': '30' } });
      };
      const client = createApiClient<paths, TestOperations>(testApi, {
        ...SECRETS,
        fetch,
        // `retrying` is logged right before the wait starts, synchronously.
        logger: { debug: () => undefined, warn: () => void (given === 'in fetch' || queueMicrotask(stop)) },
      });
      const outcome = await client
        .updateAgent({ path: { agent_id: 'a' }, body: {} }, { signal: controller.signal })
        .catch((e: unknown) => e);
      expect((outcome as Error).message).toBe('stop');
      expect(calls).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
      expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('keeps the process alive when nothing else does', async () => {
    // The process started with the file (keptAlive).
    const { stdout } = await keptAlive;
    expect(JSON.parse(stdout)).toEqual({ agent: { id: 'a', name: 'A' }, calls: 2 });
  });
});

describe('a custom fetch that copies its init', () => {
  // A fetch that hangs until the signal it is given aborts; the wrappers are how people add
  // undici's dispatcher or a cache mode.
  const hang = (_request: Request, init?: RequestInit): Promise<Response> =>
    new Promise((_resolve, reject) =>
      init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
    );
  test.each<[string, (request: Request, init?: RequestInit) => Promise<Response>]>([
    ['spread', (request, init) => hang(request, { ...init, cache: 'no-store' })],
    ['Object.assign', (request, init) => hang(request, Object.assign({}, init, { keepalive: false }))],
    ['destructured', (request, { signal } = {}) => hang(request, { signal })],
  ])('%s: still times out', async (_name, fetch) => {
    const client = createApiClient<paths, TestOperations>(testApi, {
      ...SECRETS,
      fetch,
      timeoutMs: 30,
      maxRetries: 0,
    });
    await expect(client.updateAgent({ path: { agent_id: 'a' }, body: {} })).rejects.toBeInstanceOf(
      TimeoutError,
    );
  });
});
