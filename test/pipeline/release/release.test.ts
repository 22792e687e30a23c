/**
 * The release stage on its own: which version and changelog follow from a package's history, with
 * the classifier's test document (`test/changes/helpers.ts`) as the spec, and from its public types.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClassifyOptions } from '../../../src/changes/index.js';
import {
  firstRelease,
  nextRelease,
  releaseShippedFiles,
  type PreviousRelease,
  type PublicTypes,
  type Release,
} from '../../../src/pipeline/release/index.js';
import { sha256 } from '../../../src/shared/hash.js';
import { GENERATOR_NOTES } from '../../../src/pipeline/release/generator-notes.js';
import { exportRoles } from '../../../src/pipeline/release/roles.js';
import { clientNames } from '../../../src/pipeline/emit/client.js';
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

describe('nextRelease with the public types', () => {
  const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
  const pkg = (index: string) => new Map([['index.d.ts', index]]);
  const BEFORE = pkg(
    'export declare function createApiClient(): void;\nexport interface Options { a?: string }',
  );
  const previous: PreviousRelease = {
    version: '1.2.0',
    document: revision('1.0.0'),
    changelog: '# Changelog\n\n## 1.2.0\n',
    declarations: BEFORE,
  };
  const types = (index: string, generatorChanged: boolean): PublicTypes => ({
    declarations: pkg(index),
    generatorChanged,
    roles: new Map([['Options', 'input']]),
    dependenciesFrom: PROJECT_ROOT,
  });
  const SPEC_ONLY =
    "The spec did not change; the generator changed the package's public types (the `export` entries).";
  const ALSO =
    "The generator changed too: the `export` entries compare the package's public types with the previous package's.";

  it.each<[string, { given: { next: Doc; types: PublicTypes }; want: Want & { absent?: string } }]>([
    [
      'the same spec and types: the same version',
      {
        given: { next: revision('1.0.0'), types: types(BEFORE.get('index.d.ts')!, true) },
        want: { version: '1.2.0', headings: ['# Changelog', '## 1.2.0'] },
      },
    ],
    [
      'the same spec, an export removed: major, with the note that explains it',
      {
        given: { next: revision('1.0.0'), types: types('export interface Options { a?: string }', true) },
        want: {
          version: '2.0.0',
          headings: ['# Changelog', '## 2.0.0', '### Breaking changes', '## 1.2.0'],
          line: SPEC_ONLY,
        },
      },
    ],
    [
      'the same spec, an option added: minor',
      {
        given: {
          next: revision('1.0.0'),
          types: types(
            'export declare function createApiClient(): void;\nexport interface Options { a?: string; b?: number }',
            true,
          ),
        },
        want: {
          version: '1.3.0',
          headings: ['# Changelog', '## 1.3.0', '### Additions', '## 1.2.0'],
          line: '- `export Options`: new optional properties: every value written for it still fits',
        },
      },
    ],
    [
      'the spec changed and the generator did not: the types are the spec classifier’s to judge',
      {
        given: {
          next: revision('1.1.0', dryRun),
          types: types('export interface Options { a?: string }', false),
        },
        want: {
          version: '1.3.0',
          headings: ['# Changelog', '## 1.3.0', '### Additions', '## 1.2.0'],
          absent: ALSO,
        },
      },
    ],
    [
      'the spec and the generator changed: both compared, the worse decides',
      {
        given: {
          next: revision('1.1.0', dryRun),
          types: types('export interface Options { a?: string }', true),
        },
        want: {
          version: '2.0.0',
          headings: ['# Changelog', '## 2.0.0', '### Breaking changes', '### Additions', '## 1.2.0'],
          line: ALSO,
        },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const release = nextRelease('api', previous, given.next, {}, given.types);
    expect(release.version).toBe(want.version);
    expect(headingsOf(release.changelog)).toEqual(want.headings);
    const lines = release.changelog.split('\n');
    if (want.line !== undefined) expect(lines).toContain(want.line);
    if (want.absent !== undefined) expect(lines).not.toContain(want.absent);
    // The note about the runtime's removed exports goes with the entry that removes createApiClient.
    const noted = lines.some((line) => line.startsWith('The package exports a surface chosen by hand'));
    expect(noted).toBe(release.changes.some((change) => change.location === 'export createApiClient'));
  });

  it('a note an earlier entry quotes is not quoted again', () => {
    const note = GENERATOR_NOTES.find((each) => each.exports?.includes('createApiClient'))!.text;
    const quoted = { ...previous, changelog: `# Changelog\n\n## 1.2.0\n\n${note}\n` };
    const release = nextRelease(
      'api',
      quoted,
      revision('1.0.0'),
      {},
      types('export interface Options { a?: string }', true),
    );
    expect(release.version).toBe('2.0.0');
    expect(release.changelog.split(note)).toHaveLength(2);
  });
});

describe('releaseShippedFiles: one version never has two contents', () => {
  /** A package's files for a release: its package.json (`fields` and the version), its changelog, `files`. */
  const emitter =
    (files: Record<string, string>, fields: Record<string, unknown> = {}) =>
    (release: Release) =>
      new Map([
        ['package.json', `${JSON.stringify({ name: '@s/api', version: release.version, ...fields })}\n`],
        ['CHANGELOG.md', release.changelog],
        ...Object.entries(files),
      ]);
  const SHIPPED = { 'index.js': 'export {};\n', 'README.md': '# api\n' };
  const CHANGELOG = '# Changelog\n\n## 1.2.0\n';
  /** The previous package at 1.2.0: what `emitter(SHIPPED, fields)` made, hashed as its manifest records it. */
  const previousOf = (fields: Record<string, unknown> = {}): PreviousRelease => {
    const files = emitter(SHIPPED, fields)({ version: '1.2.0', changelog: CHANGELOG, changes: [] });
    return {
      version: '1.2.0',
      document: revision('1.0.0'),
      changelog: CHANGELOG,
      files: Object.fromEntries([...files].map(([path, text]) => [path, sha256(text)])),
      packageJson: JSON.parse(files.get('package.json')!),
    };
  };
  const unchanged: Release = { version: '1.2.0', changelog: CHANGELOG, changes: [] };
  const WHY =
    "The spec and the package's public types did not change; the generator changed files the package ships, so the version moves on: one version never has two contents.";
  const NOTE_START = 'The package is ready for a registry';

  it.each<
    [
      string,
      {
        given: {
          previous?: PreviousRelease;
          release?: Release;
          files: Record<string, string>;
          fields?: Record<string, unknown>;
        };
        want: { version: string; shippedFiles?: string[]; lines?: string[]; note?: boolean };
      },
    ]
  >([
    ['the same files: the same version', { given: { files: SHIPPED }, want: { version: '1.2.0' } }],
    [
      'a file changed (the runtime): the next patch, naming it',
      {
        given: { files: { ...SHIPPED, 'index.js': 'export const a = 1;\n' } },
        want: {
          version: '1.2.1',
          shippedFiles: ['index.js'],
          lines: [
            '## 1.2.1',
            WHY,
            'Changed: `index.js`.',
            'No changes to the API contract or its documentation.',
          ],
        },
      },
    ],
    [
      'a file added and one removed',
      {
        given: { files: { 'index.js': SHIPPED['index.js'], LICENSE: 'MIT License\n' } },
        want: {
          version: '1.2.1',
          shippedFiles: ['LICENSE', 'README.md'],
          lines: ['Changed: `LICENSE` (new), `README.md` (removed).'],
          note: true,
        },
      },
    ],
    [
      "package.json's fields: the ones that changed, not the version",
      {
        given: {
          previous: previousOf({ license: 'UNLICENSED', type: 'module' }),
          files: SHIPPED,
          fields: { license: 'MIT', type: 'module', keywords: ['api'] },
        },
        want: {
          version: '1.2.1',
          shippedFiles: ['package.json'],
          lines: ['Changed: `package.json` (`keywords`, `license`).'],
        },
      },
    ],
    [
      'a version moved by the spec already: nothing more',
      {
        given: {
          release: { version: '1.3.0', changelog: `# Changelog\n\n## 1.3.0\n\n## 1.2.0\n`, changes: [] },
          files: { ...SHIPPED, 'index.js': 'export const a = 1;\n' },
        },
        want: { version: '1.3.0' },
      },
    ],
    [
      'a first release (no previous package): nothing to compare',
      {
        given: {
          previous: undefined,
          release: { version: '1.0.0', changelog: '# Changelog\n\n## 1.0.0\n', changes: [] },
          files: SHIPPED,
        },
        want: { version: '1.0.0' },
      },
    ],
    [
      'a previous package whose files are not known: nothing to compare',
      {
        given: { previous: { ...previousOf(), files: undefined }, files: { ...SHIPPED, 'index.js': '' } },
        want: { version: '1.2.0' },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const previous = 'previous' in given ? given.previous : previousOf();
    const emit = emitter(given.files, given.fields);
    const { release, files } = releaseShippedFiles(
      'api',
      previous,
      given.release ?? unchanged,
      revision('1.0.0'),
      emit,
    );
    expect(release.version).toBe(want.version);
    expect(release.shippedFiles).toEqual(want.shippedFiles);
    // The files are those of the release returned: its version, its changelog.
    expect(files).toEqual(emit(release));
    const lines = release.changelog.split('\n');
    for (const line of want.lines ?? []) expect(lines).toContain(line);
    expect(lines.some((line) => line.startsWith(NOTE_START))).toBe(want.note ?? false);
    if (want.version === (given.release ?? unchanged).version)
      expect(release).toEqual(given.release ?? unchanged);
  });

  it('a note an earlier entry quotes is not quoted again: the same files changed once more', () => {
    const note = GENERATOR_NOTES.find((each) => each.files?.includes('LICENSE'))!.text;
    expect(note.startsWith(NOTE_START)).toBe(true);
    const changelog = `# Changelog\n\n## 1.2.0\n\n${note}\n`;
    const { release } = releaseShippedFiles(
      'api',
      { ...previousOf(), changelog },
      { ...unchanged, changelog },
      revision('1.0.0'),
      emitter({ ...SHIPPED, LICENSE: 'MIT License, again\n' }),
    );
    expect(release.version).toBe('1.2.1');
    expect(release.shippedFiles).toContain('LICENSE');
    expect(release.changelog.split(note)).toHaveLength(2);
  });
});

describe('exportRoles: how consumers use each export', () => {
  const roles = exportRoles(
    clientNames('diga'),
    new Map([
      [
        'updateAgent',
        {
          pathParams: 'UpdateAgentPathParams',
          body: 'UpdateAgentBody',
          response: 'UpdateAgentResponse',
          errors: new Map([[404, 'UpdateAgentError404']]),
        },
      ],
    ]),
    [
      { name: 'ClientOptions', kind: 'type' },
      { name: 'LogDetails', kind: 'type' },
      { name: 'NotFoundError', kind: 'class' },
      { name: 'Client', kind: 'type' },
    ],
  );
  it.each<[string, string | undefined]>([
    ['DigaClientOptions', 'input'],
    ['DigaClient', 'output'],
    ['UpdateAgentPathParams', 'input'],
    ['UpdateAgentBody', 'input'],
    ['UpdateAgentResponse', 'output'],
    ['UpdateAgentError404', 'output'],
    ['ClientOptions', 'input'],
    ['LogDetails', 'output'],
    ['NotFoundError', 'output'],
    // Used both ways, judged the strictest way: openapi-fetch's `Client`, a schema, `paths`.
    ['Client', undefined],
    ['Agent', undefined],
    ['paths', undefined],
  ])('%s: %s', (name, want) => expect(roles.get(name)).toBe(want));
});
