/** The change classifier's errors, as findings naming the file to fix (they were "internal error"). */
import { describe, expect, it } from 'vitest';
import { ChangelogError, InvalidVersionError, SpecShapeError } from '../../../src/changes/index.js';
import { withReleaseFiles } from '../../../src/pipeline/orchestration/release-findings.js';
import { GenerateError } from '../../../src/shared/errors.js';

const FILES = {
  before: 'generated/diga/openapi.json',
  after: 'specs/diga.yaml',
  packageJson: 'generated/diga/package.json',
  changelog: 'generated/diga/CHANGELOG.md',
};

describe('withReleaseFiles', () => {
  it.each<[string, { given: Error; want: string }]>([
    [
      'a document the classifier cannot read: the side it is on',
      {
        given: new SpecShapeError(
          'before',
          'PATCH /v1/agent/{agent_id} request.name',
          '"maxLength" must be a number',
        ),
        want: 'generated/diga/openapi.json: PATCH /v1/agent/{agent_id} request.name: "maxLength" must be a number',
      },
    ],
    [
      'the spec itself',
      {
        given: new SpecShapeError('after', 'the document', 'must be a parsed OpenAPI object'),
        want: 'specs/diga.yaml: the document: must be a parsed OpenAPI object',
      },
    ],
    [
      'a version that is not semver: the package.json',
      {
        given: new InvalidVersionError('banana'),
        want: 'generated/diga/package.json: current version "banana" is not a semantic version',
      },
    ],
    [
      'a changelog that has the new version already',
      {
        given: new ChangelogError('the changelog already has an entry "## 2.0.0"; was the version bumped?'),
        want: 'generated/diga/CHANGELOG.md: the changelog already has an entry "## 2.0.0"',
      },
    ],
  ])('%s', (_name, { given, want }) => {
    let caught: unknown;
    try {
      withReleaseFiles(FILES, () => {
        throw given;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GenerateError);
    expect((caught as Error).message).toContain(want);
    expect((caught as Error).cause).toBe(given);
  });

  it('leaves any other error as it is, and a result alone', () => {
    const bug = new TypeError('x is undefined');
    expect(() =>
      withReleaseFiles(FILES, () => {
        throw bug;
      }),
    ).toThrow(bug);
    expect(withReleaseFiles(FILES, () => 42)).toBe(42);
  });
});
