import { describe, expect, test } from 'vitest';
import { formatChangeReport, type SpecChange } from '../../src/changes/index.js';
import { change, OP } from './helpers.js';

const reports: Array<[string, { given: SpecChange[]; want: string }]> = [
  ['no changes', { given: [], want: 'No changes.\n' }],
  [
    'grouped by kind, one line each, counted',
    {
      given: [
        change('docs', 'info', '`title` changed'),
        change('additive', 'servers', 'server `https://a.example.com` added'),
        change('breaking', `${OP} request.tags`, 'field removed'),
        change('additive', `${OP} request.labels`, 'optional field added'),
      ],
      want: [
        'Breaking changes (1):',
        `  ${OP} request.tags: field removed`,
        '',
        'Additions (2):',
        `  ${OP} request.labels: optional field added`,
        '  servers: server `https://a.example.com` added',
        '',
        'Documentation (1):',
        '  info: `title` changed',
        '',
      ].join('\n'),
    },
  ],
];

describe('formatChangeReport', () => {
  test.each(reports)('%s', (_name, { given, want }) => {
    expect(formatChangeReport(given)).toBe(want);
  });
});
