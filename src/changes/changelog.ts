/**
 * CHANGELOG.md entries. Nothing time- or machine-dependent goes in (no dates, no paths, no host):
 * regenerating from the same specs must give the same bytes.
 */
import { code } from './json.js';
import { groupByKind } from './sections.js';
import type { SpecChange } from './types.js';

export const CHANGELOG_TITLE = '# Changelog';

export interface ChangelogMeta {
  /** The API's short name, the spec file's base name: `cozmo`. */
  api: string;
  /** `info.version` of the spec the entry was generated from. */
  specVersion: string;
  /** Said after the line that names the revision: why the version changed, when not the spec alone. */
  paragraphs?: readonly string[];
}

/**
 * One entry: `## <version>`, a line naming the spec revision and any paragraphs of `meta`, then a
 * section per kind present. Ends with exactly one newline.
 */
export function renderChangelogEntry(
  version: string,
  changes: readonly SpecChange[],
  meta: ChangelogMeta,
): string {
  const lines = [
    `## ${version}`,
    '',
    `Generated from the ${code(meta.api)} spec, revision ${code(meta.specVersion)}.`,
  ];
  for (const paragraph of meta.paragraphs ?? []) lines.push('', paragraph);
  const sections = groupByKind(changes);
  if (sections.length === 0) lines.push('', 'No changes to the API contract or its documentation.');
  for (const section of sections) {
    lines.push('', `### ${section.title}`, '');
    for (const change of section.changes) lines.push(`- ${code(change.location)}: ${change.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The entry of a package's first release, which has nothing to compare with. */
export function renderFirstEntry(version: string, meta: ChangelogMeta): string {
  return `## ${version}\n\nFirst release, generated from the ${code(meta.api)} spec, revision ${code(meta.specVersion)}.\n`;
}

export class ChangelogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangelogError';
  }
}

/**
 * Puts `entry` first, under the changelog's title (any `# ` heading on its first non-empty line,
 * `# Changelog` when it has none) and any introduction that follows it, above older entries.
 * Line endings become `\n`; the result ends with exactly one.
 * @throws ChangelogError when the changelog already has an entry for the entry's version, which
 *   means the version was not bumped (or the entry was added twice).
 */
export function prependChangelogEntry(existing: string | undefined, entry: string): string {
  const normalizedEntry = entry.replace(/\r\n?/g, '\n').trim();
  const heading = normalizedEntry.split('\n', 1)[0]!;
  if (!/^## \S/.test(heading)) {
    throw new ChangelogError(
      `a changelog entry must start with a "## <version>" heading, got ${JSON.stringify(heading)}`,
    );
  }

  const lines = (existing ?? '').replace(/\r\n?/g, '\n').split('\n');
  if (lines.some((line) => line.trimEnd() === heading)) {
    throw new ChangelogError(`the changelog already has an entry "${heading}"; was the version bumped?`);
  }
  const titleIndex = lines.findIndex((line) => line.trim() !== '');
  const hasTitle = titleIndex !== -1 && lines[titleIndex]!.startsWith('# ');
  const title = hasTitle ? lines[titleIndex]!.trimEnd() : CHANGELOG_TITLE;
  const body = hasTitle ? lines.slice(titleIndex + 1) : lines;
  const firstEntry = body.findIndex((line) => line.startsWith('## '));
  const introduction = (firstEntry === -1 ? body : body.slice(0, firstEntry)).join('\n').trim();
  const olderEntries = firstEntry === -1 ? '' : body.slice(firstEntry).join('\n').trim();

  const parts = [title, introduction, normalizedEntry, olderEntries].filter((part) => part !== '');
  return `${parts.join('\n\n')}\n`;
}
