/**
 * The spec-change classifier: compare two bundled specs, pick the next package version, and write
 * the CHANGELOG entry and the CLI report. Everything here is pure; reading and writing files is
 * the pipeline's job.
 */
export { classifyChanges } from './classify.js';
export { sortChanges } from './order.js';
export { nextVersion, InvalidVersionError } from './version.js';
export {
  renderChangelogEntry,
  renderFirstEntry,
  prependChangelogEntry,
  ChangelogError,
  CHANGELOG_TITLE,
  type ChangelogMeta,
} from './changelog.js';
export { formatChangeReport } from './report.js';
export { SpecShapeError, type DocumentSide } from './errors.js';
export { RULES, type RuleId, type Direction } from './rules.js';
export {
  CHANGE_KINDS,
  type ChangeKind,
  type ClassifyOptions,
  type SpecChange,
  type OpenApiDocument,
} from './types.js';
export {
  compareDeclarations,
  missingDeclarations,
  type CompareDeclarationsOptions,
  type DeclarationSets,
  type ExportRole,
} from './declarations.js';
