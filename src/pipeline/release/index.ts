/**
 * Release: the package's version and CHANGELOG.md. What changed for consumers decides the bump
 * (breaking → major, additive → minor, documentation → patch) and is prepended to the changelog:
 * the bundled spec the package was last generated from (its `openapi.json`) compared with the new
 * one, and its public types (the declaration files it ships) compared with the new ones whenever
 * the generator may have changed them: when the spec did not change, or the generator did. A
 * package generated for the first time starts at 1.0.0 from the oldest revision in
 * `specs/history/` and replays each later revision, so its history can be rebuilt from the specs
 * alone.
 */
import {
  classifyChanges,
  compareDeclarations,
  type ExportRole,
  nextVersion,
  prependChangelogEntry,
  renderChangelogEntry,
  renderFirstEntry,
  type ClassifyOptions,
  type SpecChange,
} from '../../changes/index.js';
import type { JsonObject } from '../../shared/openapi.js';
import { GENERATOR_NOTES } from './generator-notes.js';

export const FIRST_VERSION = '1.0.0';

export interface Revision {
  document: JsonObject;
}

export interface PreviousRelease {
  version: string;
  /** The `openapi.json` it was generated from. */
  document: JsonObject;
  changelog?: string;
  /** Package-relative path → text of every declaration file it ships. */
  declarations?: ReadonlyMap<string, string>;
}

/** The package's public types now, for comparison with the previous package's. */
export interface PublicTypes {
  /** Package-relative path → text of every declaration file the package will ship. */
  declarations: ReadonlyMap<string, string>;
  /** Whether the generator changed since the previous package was made (see the module comment). */
  generatorChanged: boolean;
  /** How consumers use each export (see `exportRoles`). */
  roles: ReadonlyMap<string, ExportRole>;
  /** Where the packages' dependency, openapi-fetch, resolves from. */
  dependenciesFrom: string;
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
 * @param types the package's public types now; without them (or the previous package's) only the
 *   spec is compared
 */
export function nextRelease(
  api: string,
  previous: PreviousRelease,
  next: JsonObject,
  classify: ClassifyOptions = {},
  types?: PublicTypes,
): Release {
  const specChanges = classifyChanges(previous.document, next, classify);
  // With the generator unchanged, a spec change changes the types as the classifier says.
  const typeChanges =
    types && previous.declarations && (specChanges.length === 0 || types.generatorChanged)
      ? compareDeclarations(
          { before: previous.declarations, after: types.declarations },
          { dependenciesFrom: types.dependenciesFrom, roles: types.roles },
        )
      : [];
  const changes = [...specChanges, ...typeChanges];
  const changelog = previous.changelog ?? firstChangelog(api, previous.version, previous.document);
  if (changes.length === 0) return { version: previous.version, changelog, changes };
  const version = nextVersion(previous.version, changes);
  const entry = renderChangelogEntry(version, changes, {
    api,
    specVersion: specVersion(next),
    paragraphs: typeChanges.length === 0 ? [] : typeParagraphs(specChanges.length === 0, typeChanges),
  });
  return { version, changelog: prependChangelogEntry(changelog, entry), changes };
}

/** Why an entry lists `export` changes, and the generator's notes about them. */
function typeParagraphs(specUnchanged: boolean, typeChanges: readonly SpecChange[]): string[] {
  const exports = new Set(typeChanges.map((change) => change.location.replace(/^export /, '')));
  return [
    specUnchanged
      ? "The spec did not change; the generator changed the package's public types (the `export` entries)."
      : "The generator changed too: the `export` entries compare the package's public types with the previous package's.",
    ...GENERATOR_NOTES.filter((note) => note.exports.some((name) => exports.has(name))).map(
      (note) => note.text,
    ),
  ];
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
