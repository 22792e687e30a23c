/**
 * The release stage on its own: which version and changelog follow from a package's history, with
 * the classifier's test document (`test/changes/helpers.ts`) as the spec.
 */
import { describe, expect, it } from 'vitest';
import type { ClassifyOptions } from '../../../src/changes/index.js';
import { firstRelease, nextRelease, type PreviousRelease } from '../../../src/pipeline/release/index.js';
import { documentWith, operation, type Doc, type Mutator } from '../../changes/helpers.js';

/** A spec revision: the base document at `info.version` `version`, changed by `mutate`. */
const revision = (version: string, mutate: Mutator = () => {}): Doc =>
  documentWith((doc) => {
    doc.info.version = version;
    mutate(doc);
  });

const dryRun: Mutator = (doc) =>
  operation(doc).parameters.push({ name: 'dry_run', in: 'query', schema: { type: 'boolean' } });
const described: Mutator = (doc) => {
  dryRun(doc);
  doc.info.description = 'Agents.';
};

/** What a release is judged by: its version, its changelog's headings and a line it must hold. */
interface Want {
  version: string;
  headings: string[];
  line?: string;
}

const headingsOf = (changelog: string) => changelog.match(/^#+ .*/gm);

describe('firstRelease: the history replayed, oldest first, each revision against the one before', () => {
  it.each<[string, { given: { history: Doc[]; current: Doc; options?: ClassifyOptions }; want: Want }]>([
    [
      'no history: the current spec is 1.0.0',
      {
        given: { history: [], current: revision('3.0.0') },
        want: {
          version: '1.0.0',
          headings: ['# Changelog', '## 1.0.0'],
          line: 'First release, generated from the `api` spec, revision `3.0.0`.',
        },
      },
    ],
    [
      'an addition, then documentation',
      {
        given: {
          history: [revision('1.0.0'), revision('1.1.0', dryRun)],
          current: revision('1.2.0', described),
        },
        want: {
          version: '1.1.1',
          headings: ['# Changelog', '## 1.1.1', '### Documentation', '## 1.1.0', '### Additions', '## 1.0.0'],
          line: 'First release, generated from the `api` spec, revision `1.0.0`.',
        },
      },
    ],
    [
      'the names the package reserves count in every replayed step',
      {
        given: {
          history: [revision('1.0.0', (doc) => (doc.components.schemas.ServerError = { type: 'object' }))],
          current: revision('1.1.0', (doc) => {
            doc.components.schemas.ServerError = { type: 'object' };
            doc.components.schemas.ServerError2 = { type: 'object' };
          }),
          options: { reservedTypeNames: ['ServerError'] },
        },
        want: {
          version: '2.0.0',
          headings: ['# Changelog', '## 2.0.0', '### Breaking changes', '### Additions', '## 1.0.0'],
          line: '- `type ServerError2`: now names `components.schemas.ServerError2`; `components.schemas.ServerError` is now `ServerError3`',
        },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const release = firstRelease(
      'api',
      given.history.map((document) => ({ document })),
      given.current,
      given.options,
    );
    expect(release.version).toBe(want.version);
    expect(headingsOf(release.changelog)).toEqual(want.headings);
    if (want.line !== undefined) expect(release.changelog.split('\n')).toContain(want.line);
  });
});

describe('nextRelease', () => {
  it.each<[string, { given: { previous: PreviousRelease; next: Doc }; want: Want }]>([
    [
      'no changes: the same version and changelog',
      {
        given: {
          previous: { version: '1.2.0', document: revision('1.0.0'), changelog: '# Changelog\n\n## 1.2.0\n' },
          next: revision('1.0.0'),
        },
        want: { version: '1.2.0', headings: ['# Changelog', '## 1.2.0'] },
      },
    ],
    [
      'an addition: the next minor, its entry naming the new revision',
      {
        given: {
          previous: { version: '1.2.0', document: revision('1.0.0'), changelog: '# Changelog\n\n## 1.2.0\n' },
          next: revision('1.1.0', dryRun),
        },
        want: {
          version: '1.3.0',
          headings: ['# Changelog', '## 1.3.0', '### Additions', '## 1.2.0'],
          line: 'Generated from the `api` spec, revision `1.1.0`.',
        },
      },
    ],
    [
      'a package without a changelog gets one whose first entry names the revision it was built from',
      {
        given: {
          previous: { version: '1.2.0', document: revision('1.0.0') },
          next: revision('1.1.0', dryRun),
        },
        want: {
          version: '1.3.0',
          headings: ['# Changelog', '## 1.3.0', '### Additions', '## 1.2.0'],
          line: 'First release, generated from the `api` spec, revision `1.0.0`.',
        },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const release = nextRelease('api', given.previous, given.next);
    expect(release.version).toBe(want.version);
    expect(headingsOf(release.changelog)).toEqual(want.headings);
    if (want.line !== undefined) expect(release.changelog.split('\n')).toContain(want.line);
  });
});
