/**
 * What the release reads from npm: its errors, the registry it publishes to, the registry's copy of
 * a version; each from npm's output as npm 11 prints it, through a stand-in for the npm process.
 */
import { describe, expect, it } from 'vitest';
import {
  effectiveRegistry,
  npmFailure,
  registryDist,
  registryFlags,
  type NpmResult,
  type RunNpm,
} from '../../src/publish/npm.js';
import { UsageError } from '../../src/shared/errors.js';

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

/** A stand-in for npm answering `answer`, recording what it was asked. */
function npmAnswering(answer: NpmResult): { npm: RunNpm; asked: string[][] } {
  const asked: string[][] = [];
  return { npm: async (args) => (asked.push([...args]), answer), asked };
}

describe('effectiveRegistry', () => {
  it.each<
    [string, { given: { scope?: string; stdout: string }; want: { registry: string; asked: string[] } }]
  >([
    [
      "a scope's own registry",
      {
        given: { scope: '@s', stdout: '@s:registry=https://scoped/\nregistry=https://registry.npmjs.org/\n' },
        want: { registry: 'https://scoped/', asked: ['config', 'get', '@s:registry', 'registry'] },
      },
    ],
    [
      'a scope without one: the registry',
      {
        given: { scope: '@s', stdout: '@s:registry=undefined\nregistry=https://registry.npmjs.org/\n' },
        want: {
          registry: 'https://registry.npmjs.org/',
          asked: ['config', 'get', '@s:registry', 'registry'],
        },
      },
    ],
    [
      'no scope',
      {
        given: { stdout: 'https://registry.npmjs.org/\n' },
        want: { registry: 'https://registry.npmjs.org/', asked: ['config', 'get', 'registry'] },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { npm, asked } = npmAnswering({ code: 0, stdout: given.stdout, stderr: '' });
    expect(await effectiveRegistry(npm, given.scope, [])).toBe(want.registry);
    expect(asked).toEqual([want.asked]);
  });
});

describe('registryDist', () => {
  it.each<[string, { given: NpmResult; want: Awaited<ReturnType<typeof registryDist>> | RegExp }]>([
    [
      'the version is there',
      {
        given: {
          code: 0,
          stdout: JSON.stringify({ integrity: 'sha512-x', shasum: 'abc', tarball: 'http://r/a.tgz' }),
          stderr: '',
        },
        want: { integrity: 'sha512-x', shasum: 'abc' },
      },
    ],
    [
      'no such package, or no such version: E404',
      {
        given: failed(
          JSON.stringify({ error: { code: 'E404', summary: 'No match found for version 9.9.9' } }),
        ),
        want: undefined,
      },
    ],
    [
      'a version range that matches nothing: no output',
      { given: { code: 0, stdout: '', stderr: '' }, want: undefined },
    ],
    [
      'any other error: the registry cannot tell, and nothing is published',
      {
        given: failed(JSON.stringify({ error: { code: 'E401', summary: 'Unable to authenticate' } })),
        want: /^the registry cannot tell whether @s\/a@1\.0\.0 is published: E401: Unable to authenticate$/,
      },
    ],
    [
      'an answer without a digest',
      { given: { code: 0, stdout: '{}', stderr: '' }, want: /has neither dist\.integrity nor dist\.shasum/ },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { npm, asked } = npmAnswering(given);
    const result = registryDist(npm, '@s/a@1.0.0', ['--registry', 'http://r/']);
    if (want instanceof RegExp) {
      await expect(result).rejects.toThrow(want);
      await expect(result).rejects.toBeInstanceOf(UsageError);
    } else {
      expect(await result).toEqual(want);
    }
    // Revalidated: a cached document from before a publish would hide the version.
    expect(asked).toEqual([
      ['view', '@s/a@1.0.0', 'dist', '--json', '--prefer-online', '--registry', 'http://r/'],
    ]);
  });
});
