/**
 * `interrupted`, the stop signal of mock and verify: which event resolves it, and that its
 * listeners stay until the command ends (a second Ctrl-C must not kill the process mid-cleanup),
 * then go. Events are emitted in-process; test/verify/command.test.ts sends real signals.
 */
import { describe, expect, it } from 'vitest';
import type { Interruption } from '../../src/shared/exit-codes.js';
import { interrupted } from '../../src/shared/command-io.js';

const emitters: [string, { given: () => void; want: Interruption }][] = [
  ['Ctrl-C', { given: () => void process.emit('SIGINT', 'SIGINT'), want: 'SIGINT' }],
  ['SIGTERM', { given: () => void process.emit('SIGTERM', 'SIGTERM'), want: 'SIGTERM' }],
  [
    'a closed stdout',
    {
      given: () =>
        void process.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
      want: 'EPIPE',
    },
  ],
];

describe('interrupted', () => {
  it.each(emitters)('resolves on %s', async (_name, { given, want }) => {
    const ended = new AbortController();
    const stop = interrupted(ended.signal);
    given();
    await expect(stop).resolves.toBe(want);
    ended.abort();
  });

  it('absorbs a repeated signal until the command ends, then stops listening', async () => {
    const counts = () => [
      process.listenerCount('SIGINT'),
      process.listenerCount('SIGTERM'),
      process.stdout.listenerCount('error'),
    ];
    const before = counts();
    const ended = new AbortController();
    const stop = interrupted(ended.signal);
    process.emit('SIGINT', 'SIGINT');
    await stop;
    // Still listening while the command stops Prism: a second signal finds a listener.
    expect(counts()).toEqual(before.map((count) => count + 1));
    ended.abort();
    expect(counts()).toEqual(before);
  });
});
