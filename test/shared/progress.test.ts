import { describe, expect, it } from 'vitest';
import { createProgress, type Status } from '../../src/shared/progress.js';

describe('createProgress', () => {
  it.each<[string, { given: { names: string[]; line: [Status, number, string, string] }; want: string }]>([
    [
      'names padded to the longest',
      {
        given: { names: ['ping', 'ping-beta'], line: ['ok', 1, 'ping', '(38 ms)'] },
        want: '✔ [1/2] ping       (38 ms)',
      },
    ],
    [
      'counters padded to the total, so ten or more APIs line up',
      {
        given: {
          names: Array.from({ length: 12 }, (_, i) => `api${i}`),
          line: ['unchanged', 3, 'api2', 'unchanged'],
        },
        want: '· [ 3/12] api2   unchanged',
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(createProgress(false, given.names.length, given.names).line(...given.line)).toBe(want);
  });
});
