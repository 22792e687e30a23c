/**
 * The change classifier's errors as findings that name their file, for `generate` and `diff`: a
 * package.json whose version is not semver, a document the classifier cannot read, a changelog
 * that already has the new version. They were "internal error" and a stack before.
 */
import { ChangelogError, InvalidVersionError, SpecShapeError } from '../../changes/index.js';
import { GenerateError } from '../../shared/errors.js';

/** The files behind a release, as printed. */
export interface ReleaseFiles {
  /** The document compared with: the package's openapi.json, or the spec at a git ref. */
  before: string;
  /** The spec. */
  after: string;
  packageJson: string;
  changelog: string;
}

export function withReleaseFiles<T>(files: ReleaseFiles, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const finding = asFinding(error, files);
    throw finding ?? error;
  }
}

function asFinding(error: unknown, files: ReleaseFiles): GenerateError | undefined {
  const cause = { cause: error };
  if (error instanceof SpecShapeError) {
    return new GenerateError({ file: files[error.side] }, `${error.where}: ${error.problem}`, cause);
  }
  if (error instanceof InvalidVersionError)
    return new GenerateError({ file: files.packageJson }, error.message, cause);
  if (error instanceof ChangelogError)
    return new GenerateError({ file: files.changelog }, error.message, cause);
  return undefined;
}
