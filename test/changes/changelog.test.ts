import { describe, expect, test } from 'vitest';
import {
  ChangelogError,
  prependChangelogEntry,
  renderChangelogEntry,
  type SpecChange,
} from '../../src/changes/index.js';
import { change, OP } from './helpers.js';

const META = { api: 'cozmo', specVersion: '2.0.0' };

/** Deliberately out of order: rendering sorts. */
const MIXED: SpecChange[] = [
  change('docs', 'info', '`description` changed'),
  change('additive', `${OP} request.default_functions`, 'optional field added'),
  change('breaking', `${OP} security`, 'requirement `BearerAuth` (HTTP bearer) replaced by `ApiKeyAuth`'),
  change('additive', 'servers', 'server `https://v2-nova-api.prod.czmx.in/api` added'),
  change('breaking', `${OP} request.allowed_sip_trunks`, 'field removed'),
];

const entries: Array<[string, { given: { version: string; changes: SpecChange[] }; want: string }]> = [
  [
    'every kind, sorted into its section',
    {
      given: { version: '2.0.0', changes: MIXED },
      want: [
        '## 2.0.0',
        '',
        'Generated from the `cozmo` spec, revision `2.0.0`.',
        '',
        '### Breaking changes',
        '',
        `- \`${OP} request.allowed_sip_trunks\`: field removed`,
        `- \`${OP} security\`: requirement \`BearerAuth\` (HTTP bearer) replaced by \`ApiKeyAuth\``,
        '',
        '### Additions',
        '',
        `- \`${OP} request.default_functions\`: optional field added`,
        '- `servers`: server `https://v2-nova-api.prod.czmx.in/api` added',
        '',
        '### Documentation',
        '',
        '- `info`: `description` changed',
        '',
      ].join('\n'),
    },
  ],
  [
    'empty sections are left out',
    {
      given: { version: '1.0.1', changes: [change('docs', OP, '`summary` changed')] },
      want: [
        '## 1.0.1',
        '',
        'Generated from the `cozmo` spec, revision `2.0.0`.',
        '',
        '### Documentation',
        '',
        `- \`${OP}\`: \`summary\` changed`,
        '',
      ].join('\n'),
    },
  ],
  [
    'no changes at all',
    {
      given: { version: '1.0.0', changes: [] },
      want: [
        '## 1.0.0',
        '',
        'Generated from the `cozmo` spec, revision `2.0.0`.',
        '',
        'No changes to the API contract or its documentation.',
        '',
      ].join('\n'),
    },
  ],
  [
    'a location holding a backtick keeps its code span intact',
    {
      given: { version: '1.0.1', changes: [change('docs', 'x-`odd`', 'changed')] },
      want: [
        '## 1.0.1',
        '',
        'Generated from the `cozmo` spec, revision `2.0.0`.',
        '',
        '### Documentation',
        '',
        '- `` x-`odd` ``: changed',
        '',
      ].join('\n'),
    },
  ],
];

describe('renderChangelogEntry', () => {
  test.each(entries)('%s', (_name, { given, want }) => {
    expect(renderChangelogEntry(given.version, given.changes, META)).toBe(want);
  });

  test('is byte-identical across runs and input orders', () => {
    const first = renderChangelogEntry('2.0.0', MIXED, META);
    const again = renderChangelogEntry('2.0.0', [...MIXED].reverse(), META);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });
});

const ENTRY = '## 2.0.0\n\n- `servers`: server added\n';

const prepends: Array<[string, { given: string | undefined; want: string }]> = [
  ['no changelog yet', { given: undefined, want: `# Changelog\n\n${ENTRY}` }],
  ['an empty file', { given: '\n', want: `# Changelog\n\n${ENTRY}` }],
  [
    'above older entries, under the title',
    {
      given: '# Changelog\n\n## 1.0.0\n\n- first release\n',
      want: `# Changelog\n\n${ENTRY}\n## 1.0.0\n\n- first release\n`,
    },
  ],
  [
    'an introduction under the title stays first',
    {
      given: '# Changelog\n\nAll notable changes.\n\n## 1.0.0\n\n- first release\n',
      want: `# Changelog\n\nAll notable changes.\n\n${ENTRY}\n## 1.0.0\n\n- first release\n`,
    },
  ],
  [
    'a changelog without the title gets one',
    {
      given: '## 1.0.0\n\n- first release\n',
      want: `# Changelog\n\n${ENTRY}\n## 1.0.0\n\n- first release\n`,
    },
  ],
  [
    'another title is kept',
    {
      given: '# Changelog of @voice/cozmo\n\n## 1.0.0\n\n- first release\n',
      want: `# Changelog of @voice/cozmo\n\n${ENTRY}\n## 1.0.0\n\n- first release\n`,
    },
  ],
  [
    'an entry for a pre-release of the same version is another version',
    {
      given: '# Changelog\n\n## 2.0.0-rc.1\n\n- first release\n',
      want: `# Changelog\n\n${ENTRY}\n## 2.0.0-rc.1\n\n- first release\n`,
    },
  ],
  [
    'CRLF line endings become LF',
    {
      given: '# Changelog\r\n\r\n## 1.0.0\r\n\r\n- first release\r\n',
      want: `# Changelog\n\n${ENTRY}\n## 1.0.0\n\n- first release\n`,
    },
  ],
];

describe('prependChangelogEntry', () => {
  test.each(prepends)('%s', (_name, { given, want }) => {
    expect(prependChangelogEntry(given, ENTRY)).toBe(want);
  });
});

const refusals: Array<[string, { given: { existing: string; entry: string }; want: string }]> = [
  [
    'an entry for a version already listed',
    {
      given: { existing: '# Changelog\n\n## 2.0.0\n\n- earlier\n', entry: ENTRY },
      want: 'the changelog already has an entry "## 2.0.0"; was the version bumped?',
    },
  ],
  [
    'an entry without a version heading',
    {
      given: { existing: '# Changelog\n', entry: '- a change\n' },
      want: 'a changelog entry must start with a "## <version>" heading, got "- a change"',
    },
  ],
];

describe('prependChangelogEntry refuses', () => {
  test.each(refusals)('%s', (_name, { given, want }) => {
    const run = () => prependChangelogEntry(given.existing, given.entry);
    expect(run).toThrow(ChangelogError);
    expect(run).toThrow(want);
  });
});
