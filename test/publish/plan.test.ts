/** What a release does with each package, rule by rule; and how two packages' files differ. */
import { describe, expect, it } from 'vitest';
import { contentDifferences, planPackage, type Plan, type PlanInput } from '../../src/publish/plan.js';

const FRESH: Omit<PlanInput, 'differences'> = {
  displayDir: 'generated/diga',
  spec: '@s/diga@2.0.1',
  stale: [],
  published: undefined,
  packed: { integrity: 'sha512-mine', shasum: 'aaa' },
};

describe('planPackage', () => {
  it.each<[string, { given: Partial<PlanInput> & { files?: string[] }; want: Plan & { asked?: boolean } }]>([
    ['not in the registry: published', { given: {}, want: { action: 'publish' } }],
    [
      'stale: refused with its reasons, the registry not compared',
      {
        given: {
          stale: ['README.md was edited', 'specs/diga.yaml changed'],
          published: { integrity: 'sha512-x' },
        },
        want: {
          action: 'refuse',
          reason:
            'generated/diga is stale (README.md was edited; specs/diga.yaml changed): run `npm run generate`',
          asked: false,
        },
      },
    ],
    [
      'in the registry with the same tarball: left as it is, the files not compared',
      { given: { published: { integrity: 'sha512-mine' } }, want: { action: 'published', asked: false } },
    ],
    [
      'a registry that gives a shasum only: compared by it',
      { given: { published: { shasum: 'aaa' } }, want: { action: 'published', asked: false } },
    ],
    [
      'another tarball of the same files (another npm packed it): left as it is',
      {
        given: { published: { integrity: 'sha512-theirs' }, files: [] },
        want: { action: 'published', asked: true },
      },
    ],
    [
      'other files: refused, naming them',
      {
        given: {
          published: { integrity: 'sha512-theirs' },
          files: ['README.md differs', 'LICENSE is not in the published package'],
        },
        want: {
          action: 'refuse',
          reason:
            '@s/diga@2.0.1 is in the registry already, with other contents (README.md differs; LICENSE is not in the published package): ' +
            'one version never has two contents; regenerate from the commit it was published from (its tag), or change the spec',
          asked: true,
        },
      },
    ],
  ])('%s', async (_name, { given: { files, ...given }, want: { asked, ...want } }) => {
    let wasAsked = false;
    const plan = await planPackage({
      ...FRESH,
      ...given,
      differences: async () => {
        wasAsked = true;
        return files ?? [];
      },
    });
    expect(plan).toEqual(want);
    if (asked !== undefined) expect(wasAsked).toBe(asked);
  });
});

describe('contentDifferences', () => {
  const files = (entries: Record<string, string>) =>
    new Map(Object.entries(entries).map(([path, text]) => [path, Buffer.from(text)]));
  it.each<[string, { given: [Record<string, string>, Record<string, string>]; want: string[] }]>([
    [
      'the same files',
      {
        given: [
          { a: '1', b: '2' },
          { b: '2', a: '1' },
        ],
        want: [],
      },
    ],
    ['a file that differs', { given: [{ a: '1' }, { a: '2' }], want: ['a differs'] }],
    [
      'a file on one side only, either side, in path order',
      {
        given: [
          { b: '1', c: '1' },
          { a: '1', c: '1' },
        ],
        want: ['a is only in the published package', 'b is not in the published package'],
      },
    ],
    [
      'an empty file against a missing one',
      { given: [{ a: '' }, {}], want: ['a is not in the published package'] },
    ],
  ])('%s', (_name, { given: [folder, published], want }) => {
    expect(contentDifferences(files(folder), files(published))).toEqual(want);
  });
});
