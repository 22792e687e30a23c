/**
 * Release: the package's version and CHANGELOG.md. The bundled spec the package was
 * last generated from (its `openapi.json`) is compared with the new one; what changed for
 * consumers decides the bump (breaking → major, additive → minor, documentation → patch) and is
 * prepended to the changelog. A package generated for the first time starts at 1.0.0 from the
 * oldest revision in `specs/history/` and replays each later revision, so its history can be
 * rebuilt from the specs alone.
 */
import {
  classifyChanges,
  nextVersion,
  prependChangelogEntry,
  renderChangelogEntry,
  renderFirstEntry,
  type ClassifyOptions,
  type SpecChange,
} from '../../changes/index.js';
import type { JsonObject } from '../../shared/openapi.js';

export const FIRST_VERSION = '1.0.0';

export interface Revision {
  document: JsonObject;
}

export interface PreviousRelease {
  version: string;
  /** The `openapi.json` it was generated from. */
  document: JsonObject;
  changelog?: string;
}

export interface Release {
  version: string;
  changelog: string;
  /** What changed since the previous package (the last replayed step for a first generation). */
  changes: SpecChange[];
}

const specVersion = (document: JsonObject): string =>
  String((document['info'] as JsonObject | undefined)?.['version'] ?? 'unknown');

function firstChangelog(api: string, version: string, document: JsonObject): string {
  return prependChangelogEntry(
    undefined,
    renderFirstEntry(version, { api, specVersion: specVersion(document) }),
  );
}

/**
 * The release that follows `previous` when the spec becomes `next`.
 * @param classify what the classifier needs besides the two documents (see `reservedTypeNames`)
 */
export function nextRelease(
  api: string,
  previous: PreviousRelease,
  next: JsonObject,
  classify: ClassifyOptions = {},
): Release {
  const changes = classifyChanges(previous.document, next, classify);
  const changelog = previous.changelog ?? firstChangelog(api, previous.version, previous.document);
  if (changes.length === 0) return { version: previous.version, changelog, changes };
  const version = nextVersion(previous.version, changes);
  const entry = renderChangelogEntry(version, changes, { api, specVersion: specVersion(next) });
  return { version, changelog: prependChangelogEntry(changelog, entry), changes };
}

/** The release of a package generated for the first time: its history replayed, oldest first. */
export function firstRelease(
  api: string,
  history: Revision[],
  current: JsonObject,
  classify: ClassifyOptions = {},
): Release {
  const [first = current, ...later] = [...history.map((revision) => revision.document), current];
  let release: Release = {
    version: FIRST_VERSION,
    changelog: firstChangelog(api, FIRST_VERSION, first),
    changes: [],
  };
  let previous = first;
  for (const document of later) {
    release = nextRelease(
      api,
      { version: release.version, document: previous, changelog: release.changelog },
      document,
      classify,
    );
    previous = document;
  }
  return release;
}
