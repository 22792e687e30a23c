/**
 * `tagReleases` in a git repository of its own: a release is tagged on HEAD only when its folder is
 * what HEAD holds, an existing tag is kept, and every other case says why it is not tagged.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tagReleases, type Release, type TagOutcome } from '../../src/publish/tags.js';
import { removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);

const exec = promisify(execFile);
const git = async (cwd: string, ...args: string[]) => (await exec('git', args, { cwd })).stdout.trim();
/**
 * Git commands one after the other in one shell, up to the first that fails: a process started
 * from this large worker costs it some 20 ms of CPU (a fork of it), one per command cost a third
 * of this file's time.
 */
const gitSteps = async (cwd: string, ...steps: string[][]) => {
  const quoted = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
  const script = steps.map((args) => ['git', ...args].map(quoted).join(' ')).join(' && ');
  return (await exec('sh', ['-c', script], { cwd })).stdout.trim();
};

const DIGA: Release = {
  api: 'diga',
  name: '@voice-agent-sdks/diga',
  version: '2.0.1',
  displayDir: 'generated/diga',
};

/** A repository whose one commit holds `generated/diga/package.json`: made once, copied by each test. */
let template: Promise<string> | undefined;

async function makeTemplate(): Promise<string> {
  const root = await temporaryDir('tags-template-');
  await mkdir(join(root, 'generated', 'diga'), { recursive: true });
  await writeFile(join(root, 'generated', 'diga', 'package.json'), '{}\n');
  await gitSteps(
    root,
    ['init', '-q', '-b', 'main'],
    ['config', 'user.name', 'Tags Test'],
    ['config', 'user.email', 'tags-test@example.test'],
    ['add', '-A'],
    ['commit', '-q', '-m', 'diga 2.0.1'],
  );
  return root;
}

/** A copy of the template repository (five git processes fewer per test), then `change` applied to it. */
async function repository(change: (root: string) => Promise<void> = async () => {}): Promise<string> {
  const root = await temporaryDir('tags-');
  await cp(await (template ??= makeTemplate()), root, { recursive: true });
  await change(root);
  return root;
}

describe('tagReleases', () => {
  it.each<[string, { given?: (root: string) => Promise<void>; dryRun?: boolean; want: TagOutcome }]>([
    ['the folder as HEAD holds it: tagged', { want: { state: 'created', tag: 'diga@2.0.1' } }],
    [
      'a dry run: would be tagged, and is not',
      { dryRun: true, want: { state: 'would create', tag: 'diga@2.0.1' } },
    ],
    [
      'tagged already (fetched, or by an earlier run): kept',
      {
        given: async (root) => void (await git(root, 'tag', 'diga@2.0.1')),
        want: { state: 'exists', tag: 'diga@2.0.1' },
      },
    ],
    [
      'a file of the folder changed since HEAD: not tagged, and why',
      {
        given: (root) => writeFile(join(root, 'generated', 'diga', 'package.json'), '{"x":1}\n'),
        want: {
          state: 'pending',
          tag: 'diga@2.0.1',
          reason: 'generated/diga differs from HEAD: commit it, then run `npm run release` again to tag it',
        },
      },
    ],
    [
      'a file in the folder that HEAD lacks: not tagged',
      {
        given: (root) => writeFile(join(root, 'generated', 'diga', 'LICENSE'), 'MIT\n'),
        want: expect.objectContaining({ state: 'pending', tag: 'diga@2.0.1' }),
      },
    ],
    [
      'a change outside the folder: tagged all the same',
      {
        given: (root) => writeFile(join(root, 'notes.txt'), 'elsewhere\n'),
        want: { state: 'created', tag: 'diga@2.0.1' },
      },
    ],
  ])('%s', async (_name, { given, dryRun = false, want }) => {
    const root = await repository(given);
    // A git process costs a fork of this large worker: only the ones each case reads.
    const tagsBefore = want.state === 'created' ? '' : await git(root, 'tag', '--list');

    expect(await tagReleases(root, [DIGA], dryRun)).toEqual([want]);
    if (want.state === 'created') {
      // The tag's object type (an annotated tag) and its message's subject; the commit it points at
      // and HEAD.
      const [kind, tagged, head] = (
        await gitSteps(
          root,
          ['for-each-ref', '--format=%(objecttype)%09%(contents:subject)', 'refs/tags/diga@2.0.1'],
          ['rev-parse', 'diga@2.0.1^{commit}', 'HEAD'],
        )
      ).split('\n');
      expect(kind).toBe('tag\t@voice-agent-sdks/diga 2.0.1');
      expect(tagged).toBe(head);
    } else {
      expect(await git(root, 'tag', '--list')).toBe(tagsBefore);
    }
  });

  it('no commit to tag: not tagged, and git says why', async () => {
    const root = await temporaryDir('tags-');
    await git(root, 'init', '-q', '-b', 'main');

    const [outcome] = await tagReleases(root, [DIGA], false);
    expect(outcome).toMatchObject({ state: 'pending', tag: 'diga@2.0.1' });
    expect((outcome as { reason: string }).reason).toMatch(/^no git commit to tag \(/);
    expect(await git(root, 'tag', '--list')).toBe('');
  });
});
