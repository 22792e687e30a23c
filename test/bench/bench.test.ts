/**
 * The arithmetic and bookkeeping behind `npm run bench`: medians, interleaving, target checks,
 * formatting (its command line is in test/cli/). The measurements themselves are not unit-tested: they are
 * timings, which belong in the benchmark's own results, not in assertions.
 */
import { describe, expect, it } from 'vitest';
import { interleave, median } from '../../src/bench/measure.js';
import { check, formatTarget, formatValue } from '../../src/bench/results.js';

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
