/**
 * What the release reads from npm's processes: their errors, as npm 11 prints them, and the flags
 * that point them at one registry. What it asks the registry in-process: registry.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { npmFailure, registryFlags, type NpmResult } from '../../src/publish/npm.js';

const failed = (stdout: string, stderr = ''): NpmResult => ({ code: 1, stdout, stderr });

describe('npmFailure', () => {
  it.each<[string, { given: NpmResult; want: ReturnType<typeof npmFailure> }]>([
    [
      "npm's JSON error, on one line",
      {
        given: failed(
          JSON.stringify({
            error: { code: 'E403', summary: '403 Forbidden - PUT http://r/@s%2fa -\n  no', detail: '' },
          }),
        ),
        want: { code: 'E403', summary: '403 Forbidden - PUT http://r/@s%2fa - no' },
      },
    ],
    [
      'a JSON error without a code (a registry refusing a version it has)',
      {
        given: failed(
          JSON.stringify({
            error: { summary: 'You cannot publish over the previously published versions: 2.0.0.' },
          }),
        ),
        want: { summary: 'You cannot publish over the previously published versions: 2.0.0.' },
      },
    ],
    [
      "npm's error lines only, without the log's",
      {
        given: failed(
          '',
          'npm error code ECONNRESET\nnpm error network aborted\nnpm error A complete log of this run can be found in: /x.log\n',
        ),
        want: { code: 'ECONNRESET', summary: 'network aborted' },
      },
    ],
    ['nothing said', { given: failed('', ''), want: { summary: 'npm exited with 1' } }],
  ])('%s', (_name, { given, want }) => {
    expect(npmFailure(given)).toEqual(want);
  });
});

describe('registryFlags', () => {
  it.each<[string, { given: [string | undefined, string[]]; want: string[] }]>([
    ["none: npm's configuration decides", { given: [undefined, ['@s']], want: [] }],
    [
      "a registry: for every scope too, since npm prefers a scope's registry",
      {
        given: ['http://r/', ['@s', '@t']],
        want: ['--registry', 'http://r/', '--@s:registry=http://r/', '--@t:registry=http://r/'],
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(registryFlags(...given)).toEqual(want);
  });
});
