/**
 * Documentation-only differences: keywords that describe a contract without changing it.
 */
import { report, type DiffContext } from './context.js';
import { code, isJsonObject, jsonEqual, unionKeys, type JsonObject } from './json.js';

/** Keywords that never change what is sent or received, on any OpenAPI object. */
export const DOCUMENTATION_KEYWORDS: ReadonlySet<string> = new Set([
  'summary',
  'description',
  'title',
  'example',
  'examples',
  'deprecated',
  '$comment',
  'externalDocs',
  'tags',
  'xml',
]);

/** Vendor extensions (`x-...`) carry notes for people and tools, not for the wire. */
export function isExtension(key: string): boolean {
  return key.startsWith('x-');
}

export function isDocumentationKeyword(key: string): boolean {
  return DOCUMENTATION_KEYWORDS.has(key) || isExtension(key);
}

/**
 * Reports each documentation keyword or extension that differs between the two objects.
 * `x-doc-discrepancies` gets one change per entry so the changelog says which record moved.
 * `wording.owner` names what the keywords belong to when the location does not (` of server ...`);
 * `wording.condition` qualifies messages inside conditional schemas (` when ai_provider is "byom"`).
 */
export function compareDocumentation(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  location: string,
  wording: { owner?: string; condition?: string } = {},
): void {
  for (const key of unionKeys(Object.keys(before), Object.keys(after))) {
    if (!isDocumentationKeyword(key) || jsonEqual(before[key], after[key])) continue;
    if (key === 'x-doc-discrepancies') {
      compareDiscrepancies(ctx, before[key], after[key], location);
      continue;
    }
    const change = before[key] === undefined ? 'added' : after[key] === undefined ? 'removed' : 'changed';
    report(
      ctx,
      'docsChanged',
      'input',
      location,
      `${code(key)}${wording.owner ?? ''} ${change}${wording.condition ?? ''}`,
    );
  }
}

/** `x-doc-discrepancies` is a list of `{ field, documented, decided, reason }`, keyed by `field`. */
function compareDiscrepancies(ctx: DiffContext, before: unknown, after: unknown, operation: string): void {
  const location = `${operation} x-doc-discrepancies`;
  const beforeEntries = discrepanciesByField(before);
  const afterEntries = discrepanciesByField(after);
  if (beforeEntries === undefined || afterEntries === undefined) {
    report(ctx, 'docsChanged', 'input', location, 'list changed');
    return;
  }
  for (const field of unionKeys(beforeEntries.keys(), afterEntries.keys())) {
    const was = beforeEntries.get(field);
    const is = afterEntries.get(field);
    if (jsonEqual(was, is)) continue;
    const change = was === undefined ? 'added' : is === undefined ? 'removed' : 'changed';
    report(ctx, 'docsChanged', 'input', location, `entry for ${code(field)} ${change}`);
  }
}

/** The entries by field, or undefined when the list is not in the conventional shape. */
function discrepanciesByField(value: unknown): Map<string, unknown[]> | undefined {
  const entries = new Map<string, unknown[]>();
  if (value === undefined) return entries;
  if (!Array.isArray(value)) return undefined;
  for (const entry of value) {
    if (!isJsonObject(entry) || typeof entry.field !== 'string') return undefined;
    entries.set(entry.field, [...(entries.get(entry.field) ?? []), entry]);
  }
  return entries;
}
