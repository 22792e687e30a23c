/**
 * Release: the package's version and CHANGELOG.md. What changed for consumers decides the bump
 * (breaking → major, additive → minor, documentation → patch) and is prepended to the changelog:
 * the bundled spec the package was last generated from (its `openapi.json`) compared with the new
 * one, and its public types (the declaration files it ships) compared with the new ones whenever
 * the generator may have changed them: when the spec did not change, or the generator did. When
 * neither moves the version but a file the package ships changed all the same (the generator's
 * runtime, README or package.json), the patch moves on: one version never has two contents
 * (`releaseShippedFiles`). A package generated for the first time starts at 1.0.0 from the oldest
 * revision in `specs/history/` and replays each later revision, so its history can be rebuilt
 * from the specs alone.
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
import { sha256 } from '../../shared/hash.js';
import type { JsonObject } from '../../shared/openapi.js';
import { GENERATOR_NOTES, type GeneratorNote } from './generator-notes.js';

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
  /** Package-relative path → sha256 of every file it ships, as it was released. */
  files?: Readonly<Record<string, string>>;
  /** Its package.json, parsed: a changelog entry names the fields that changed. */
  packageJson?: JsonObject;
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
  /** The files the generator changed, when they alone moved the version (`releaseShippedFiles`). */
  shippedFiles?: string[];
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
    paragraphs:
      typeChanges.length === 0 ? [] : typeParagraphs(specChanges.length === 0, typeChanges, changelog),
  });
  return { version, changelog: prependChangelogEntry(changelog, entry), changes };
}

/** Why an entry lists `export` changes, and the generator's notes about them not in `changelog` yet. */
function typeParagraphs(
  specUnchanged: boolean,
  typeChanges: readonly SpecChange[],
  changelog: string,
): string[] {
  const exports = new Set(typeChanges.map((change) => change.location.replace(/^export /, '')));
  return [
    specUnchanged
      ? "The spec did not change; the generator changed the package's public types (the `export` entries)."
      : "The generator changed too: the `export` entries compare the package's public types with the previous package's.",
    ...notesAbout(changelog, (note) => note.exports?.some((name) => exports.has(name))),
  ];
}

/**
 * The texts of the generator's notes that `about` picks, but for those `changelog` quotes already: a
 * later release that changes the same files or exports again is not explained by the same note twice.
 */
function notesAbout(changelog: string, about: (note: GeneratorNote) => boolean | undefined): string[] {
  return GENERATOR_NOTES.filter((note) => about(note) && !changelog.includes(note.text)).map(
    (note) => note.text,
  );
}

/** What moves the version when only shipped files changed: a patch, as `nextVersion` counts one. */
const SHIPPED_FILES_CHANGE: SpecChange = { kind: 'docs', location: 'files', message: 'changed' };

/**
 * One version never has two contents: when `release` keeps the previous package's version but the
 * files it would ship differ from those the previous package shipped (a generator change that
 * alters no public type: the runtime, a README's wording, package.json's fields), the patch moves
 * on, with an entry that names those files and quotes the generator's notes about them. A registry
 * refuses a version it already has, and a consumer's lock file pins a version's integrity.
 * @param emit the package's files for a release, every one but the manifest
 */
export function releaseShippedFiles(
  api: string,
  previous: PreviousRelease | undefined,
  release: Release,
  next: JsonObject,
  emit: (release: Release) => Map<string, string>,
): { release: Release; files: Map<string, string> } {
  const files = emit(release);
  if (previous?.files === undefined || release.version !== previous.version) return { release, files };
  const changed = changedFiles(previous.files, files);
  if (changed.length === 0) return { release, files };
  const version = nextVersion(previous.version, [SHIPPED_FILES_CHANGE]);
  const described = changed.map((file) => describeFileChange(file, previous, files));
  const entry = renderChangelogEntry(version, [], {
    api,
    specVersion: specVersion(next),
    paragraphs: [
      "The spec and the package's public types did not change; the generator changed files the package " +
        'ships, so the version moves on: one version never has two contents.',
      `Changed: ${described.join(', ')}.`,
      ...notesAbout(release.changelog, (note) => note.files?.some((file) => changed.includes(file))),
    ],
  });
  const bumped: Release = {
    version,
    changelog: prependChangelogEntry(release.changelog, entry),
    changes: release.changes,
    shippedFiles: changed,
  };
  return { release: bumped, files: emit(bumped) };
}

/** The files added, removed or changed since `before` (path → sha256), sorted. */
export function changedFiles(
  before: Readonly<Record<string, string>>,
  after: ReadonlyMap<string, string>,
): string[] {
  const paths = new Set([...Object.keys(before), ...after.keys()]);
  return [...paths]
    .filter((path) => {
      const text = after.get(path);
      return text === undefined || before[path] !== sha256(text);
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `LICENSE` (new), `runtime/x.js` (removed), `package.json` (`keywords`, `license`), `README.md`. */
function describeFileChange(
  file: string,
  previous: PreviousRelease,
  files: ReadonlyMap<string, string>,
): string {
  const text = files.get(file);
  if (text === undefined) return `\`${file}\` (removed)`;
  if (previous.files?.[file] === undefined) return `\`${file}\` (new)`;
  if (file !== 'package.json' || previous.packageJson === undefined) return `\`${file}\``;
  const before = previous.packageJson;
  const after = JSON.parse(text) as JsonObject;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => key !== 'version' && JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .sort();
  return fields.length === 0
    ? `\`${file}\``
    : `\`${file}\` (${fields.map((key) => `\`${key}\``).join(', ')})`;
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
