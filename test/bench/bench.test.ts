/**
 * The arithmetic and bookkeeping behind `npm run bench`: medians, interleaving, target checks,
 * formatting (its command line is in test/cli/). The measurements themselves are not unit-tested: they are
 * timings, which belong in the benchmark's own results, not in assertions.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BenchError, interleave, median, runCommand } from '../../src/bench/measure.js';
import { check, formatTarget, formatValue, readResults } from '../../src/bench/results.js';
import { removeDir } from '../support/files.js';
import { alive } from '../support/processes.js';

describe('median', () => {
  it.each<[string, { given: number[]; want: number }]>([
    ['one sample', { given: [7], want: 7 }],
    ['odd count, unsorted', { given: [9, 1, 5], want: 5 }],
    ['even count: the mean of the middle two', { given: [4, 1, 3, 2], want: 2.5 }],
    ['an outlier does not move it', { given: [10, 11, 12, 10_000], want: 11.5 }],
  ])('%s', (_, { given, want }) => {
    expect(median(given)).toBe(want);
  });

  it('refuses no samples', () => {
    expect(() => median([])).toThrow(/no samples/);
  });
});

describe('interleave', () => {
  it('runs the alternatives in turn, each round starting one further along, and keeps each one’s samples in round order', async () => {
    const calls: string[] = [];
    const counter = { a: 0, b: 0, c: 0 };
    const samples = await interleave(4, {
      a: async () => (calls.push('a'), (counter.a += 1)),
      b: async () => (calls.push('b'), (counter.b += 10)),
      c: async () => (calls.push('c'), (counter.c += 100)),
    });
    expect(calls.join(' ')).toBe('a b c b c a c a b a b c');
    expect(samples).toEqual({ a: [1, 2, 3, 4], b: [10, 20, 30, 40], c: [100, 200, 300, 400] });
  });

  it('stops before the next turn once the bench is stopped', async () => {
    const stop = new AbortController();
    const calls: string[] = [];
    const run = interleave(
      3,
      { a: async () => (calls.push('a'), stop.abort(), 1), b: async () => (calls.push('b'), 2) },
      undefined,
      stop.signal,
    );
    await expect(run).rejects.toThrow(BenchError);
    expect(calls).toEqual(['a']);
  });
});

describe('a stopped bench', () => {
  it('ends the command under way: it rejects, and its process is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-stop-'));
    try {
      const pidFile = join(dir, 'pid');
      const stop = new AbortController();
      // A shell that writes its pid and becomes a long sleep: one process, as a Node script would be,
      // without Node's start-up (a tenth of a CPU-second).
      const script = 'echo $$ > "$1"; exec sleep 1000';
      const run = runCommand('sh', ['-c', script, 'sh', pidFile], { cwd: dir, signal: stop.signal });
      run.catch(() => undefined);
      const pid = await vi.waitFor(
        async () => {
          const written = Number(await readFile(pidFile, 'utf8'));
          if (!(written > 0)) throw new Error('the child has not written its pid yet');
          return written;
        },
        { timeout: 60_000 },
      );
      stop.abort();
      await expect(run).rejects.toThrow(/exited SIGTERM/);
      expect(alive(pid)).toBe(false);
    } finally {
      await removeDir(dir);
    }
  });
});

describe('check', () => {
  it.each<[string, { given: Parameters<typeof check>; want: { pass: boolean; target: string } }]>([
    [
      'a ratio at its maximum passes',
      { given: ['r', 1, 'x', { max: 1 }], want: { pass: true, target: '<= 1.00x' } },
    ],
    [
      'a ratio above its maximum fails',
      { given: ['r', 1.01, 'x', { max: 1 }], want: { pass: false, target: '<= 1.00x' } },
    ],
    [
      'a rate at its minimum passes',
      { given: ['r', 0.9, 'x', { min: 0.9 }], want: { pass: true, target: '>= 0.90x' } },
    ],
    [
      'bytes over budget fail',
      { given: ['s', 5121, 'bytes', { max: 5120 }], want: { pass: false, target: '<= 5,120 bytes' } },
    ],
  ])('%s', (_, { given, want }) => {
    const result = check(...given);
    expect(result.pass).toBe(want.pass);
    expect(formatTarget(result)).toBe(want.target);
  });

  it.each<[number, Parameters<typeof formatValue>[1], string]>([
    [0.8466, 'x', '0.85x'],
    [6001, 'bytes', '6,001 bytes'],
    [1234.4, 'ms', '1,234 ms'],
  ])('formats %d %s as %s', (value, unit, want) => {
    expect(formatValue(value, unit)).toBe(want);
  });
});

describe('readResults', () => {
  it.each<[string, { given: string | undefined; want: unknown[] | string }]>([
    ['no results yet', { given: undefined, want: [] }],
    ['a list', { given: '[]', want: [] }],
    ['not JSON: named, before any suite runs', { given: '[{', want: 'results.json: not valid JSON (' }],
    [
      'not a list',
      { given: '{}', want: 'results.json: expected a list of suite results; delete it to start over' },
    ],
  ])('%s', async (_name, { given, want }) => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-results-'));
    try {
      if (given !== undefined) await writeFile(join(dir, 'results.json'), given);
      const read = readResults(dir, (path) => path.slice(dir.length + 1));
      if (typeof want === 'string') await expect(read).rejects.toThrow(want);
      else await expect(read).resolves.toEqual(want);
    } finally {
      await removeDir(dir);
    }
  });
});
