import { describe, expect, test } from 'vitest';
import { InvalidVersionError, nextVersion, type ChangeKind } from '../../src/changes/index.js';
import { change } from './helpers.js';

const changesOf = (kinds: ChangeKind[]) => kinds.map((kind) => change(kind, 'somewhere', 'something'));

const bumps: Array<[string, { given: { current: string; kinds: ChangeKind[] }; want: string }]> = [
  ['no changes keep the version', { given: { current: '1.2.3', kinds: [] }, want: '1.2.3' }],
  ['documentation bumps the patch', { given: { current: '1.2.3', kinds: ['docs'] }, want: '1.2.4' }],
  [
    'an addition bumps the minor',
    { given: { current: '1.2.3', kinds: ['docs', 'additive'] }, want: '1.3.0' },
  ],
  [
    'a breaking change bumps the major',
    { given: { current: '1.2.3', kinds: ['additive', 'breaking', 'docs'] }, want: '2.0.0' },
  ],
  [
    'breaking below 1.0.0 still bumps the major',
    { given: { current: '0.4.1', kinds: ['breaking'] }, want: '1.0.0' },
  ],
  [
    'a pre-release of a major is completed',
    { given: { current: '2.0.0-rc.1', kinds: ['breaking'] }, want: '2.0.0' },
  ],
  [
    'a pre-release of a minor moves on to the next major when breaking',
    { given: { current: '2.1.0-rc.1', kinds: ['breaking'] }, want: '3.0.0' },
  ],
  [
    'a pre-release of a minor is completed by an addition',
    { given: { current: '1.3.0-beta.2', kinds: ['additive'] }, want: '1.3.0' },
  ],
  [
    'a pre-release of a patch moves on by an addition',
    { given: { current: '1.3.1-beta', kinds: ['additive'] }, want: '1.4.0' },
  ],
  [
    'a pre-release is completed by documentation',
    { given: { current: '1.2.3-alpha', kinds: ['docs'] }, want: '1.2.3' },
  ],
  ['build metadata is dropped', { given: { current: '1.2.3+build.7', kinds: ['docs'] }, want: '1.2.4' }],
  [
    'multi-digit parts are numbers, not text',
    { given: { current: '9.19.99', kinds: ['docs'] }, want: '9.19.100' },
  ],
];

describe('nextVersion', () => {
  test.each(bumps)('%s', (_name, { given, want }) => {
    expect(nextVersion(given.current, changesOf(given.kinds))).toBe(want);
  });
});

const invalid: Array<[string, { given: string; want: string }]> = [
  ['a leading v', { given: 'v1.2.3', want: 'current version "v1.2.3" is not a semantic version' }],
  ['two parts', { given: '1.2', want: 'current version "1.2" is not a semantic version' }],
  ['a leading zero', { given: '01.2.3', want: 'current version "01.2.3" is not a semantic version' }],
  ['an empty pre-release', { given: '1.2.3-', want: 'current version "1.2.3-" is not a semantic version' }],
  ['a dist-tag', { given: 'latest', want: 'current version "latest" is not a semantic version' }],
  ['nothing', { given: '', want: 'current version "" is not a semantic version' }],
];

describe('nextVersion rejects a current version that is not semver', () => {
  test.each(invalid)('%s', (_name, { given, want }) => {
    const run = () => nextVersion(given, changesOf(['docs']));
    expect(run).toThrow(InvalidVersionError);
    expect(run).toThrow(want);
  });
});
