/**
 * `nextVersion`: the package version that follows from a list of changes, by semver.
 */
import type { SpecChange } from './types.js';

/** semver.org's grammar: MAJOR.MINOR.PATCH, optional -prerelease and +build, no leading zeros. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][\dA-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][\dA-Za-z-]*))*))?(?:\+([\dA-Za-z-]+(?:\.[\dA-Za-z-]+)*))?$/;

export class InvalidVersionError extends Error {
  constructor(readonly version: string) {
    super(
      `current version ${JSON.stringify(version)} is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)`,
    );
    this.name = 'InvalidVersionError';
  }
}

/**
 * Any breaking change bumps the major version, else any additive change the minor, else any
 * documentation change the patch; no changes leave the version as it is.
 *
 * Breaking bumps the major even below 1.0.0: these packages promise semver to their users from the
 * first release, and a 0.x minor that breaks would be missed by `^` ranges' readers.
 * A pre-release is completed the way `npm version` does it: 2.0.0-rc.1 with a breaking change
 * becomes 2.0.0, since that release has not shipped yet. Build metadata is dropped.
 */
export function nextVersion(current: string, changes: readonly SpecChange[]): string {
  const match = SEMVER.exec(current);
  if (match === null) throw new InvalidVersionError(current);
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  const prerelease = match[4] !== undefined;
  const bump = changes.some((change) => change.kind === 'breaking')
    ? 'major'
    : changes.some((change) => change.kind === 'additive')
      ? 'minor'
      : changes.some((change) => change.kind === 'docs')
        ? 'patch'
        : undefined;
  switch (bump) {
    case undefined:
      return current;
    case 'major':
      return prerelease && minor === 0 && patch === 0 ? `${major}.0.0` : `${major + 1}.0.0`;
    case 'minor':
      return prerelease && patch === 0 ? `${major}.${minor}.0` : `${major}.${minor + 1}.0`;
    case 'patch':
      return prerelease ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
  }
}
