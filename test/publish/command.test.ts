/**
 * `handleRelease` before it asks npm anything: a credential in the repository's `.npmrc` and an
 * unknown package stop it with a usage error (exit 2) that names the place and never the secret.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handleRelease } from '../../src/publish/command.js';
import { DEFAULT_RELEASE_CONTEXT } from '../../src/publish/context.js';
import { UsageError } from '../../src/shared/errors.js';
import { rejection } from '../support/failures.js';
import { captureIo } from '../support/io.js';
import { HERE, removeTemporaryDirs, temporaryProject } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);

const PING = join(HERE, 'fixtures', 'minimal', 'ping.yaml');

describe("the repository's .npmrc", () => {
  it.each<[string, { given: string; want: string }]>([
    [
      'a token',
      {
        given: 'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=npm_s3cret\n',
        want: ".npmrc:2: a credential in a file of the repository is committed with it: put it in an environment variable (`//registry.npmjs.org/:_authToken=${NPM_TOKEN}`), in your user .npmrc or CI's, and remove this line",
      },
    ],
    ['a password', { given: '//r.test/:_password = czNjcmV0\n', want: '.npmrc:1: a credential' }],
    ['basic auth', { given: '; a comment\n_auth=dXNlcjpzM2NyZXQ=\n', want: '.npmrc:2: a credential' }],
    // Allowed: the token comes from the environment; the run goes on, to the unknown API.
    [
      'a token from the environment',
      { given: '//r.test/:_authToken=${NPM_TOKEN}\n', want: 'unknown API "nope"' },
    ],
    ['a commented-out token', { given: '# //r.test/:_authToken=npm_s3cret\n', want: 'unknown API "nope"' }],
  ])('%s', async (_name, { given, want }) => {
    const root = await temporaryProject({ 'ping.yaml': await readFile(PING) });
    await writeFile(join(root, '.npmrc'), given);
    const { io } = captureIo({});
    const error = await rejection(handleRelease({ ...DEFAULT_RELEASE_CONTEXT, root, apis: ['nope'] }, io));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(want);
    expect(error.message).not.toMatch(/s3cret|czNjcmV0|dXNlcjpzM2NyZXQ/);
  });
});

it('an unknown package: the known ones listed', async () => {
  const root = await temporaryProject({ 'ping.yaml': await readFile(PING) });
  const { io } = captureIo({});
  const error = await rejection(handleRelease({ ...DEFAULT_RELEASE_CONTEXT, root, apis: ['pnig'] }, io));
  expect(error).toBeInstanceOf(UsageError);
  expect(error.message).toBe('unknown API "pnig": known APIs are ping');
});
