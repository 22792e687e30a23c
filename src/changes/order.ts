/**
 * The one order changes are listed in, so the same specs always give the same bytes.
 */
import { compareText } from './json.js';
import { CHANGE_KINDS, type SpecChange } from './types.js';

/**
 * By kind (breaking, additive, docs), then location, then message, in code-point order; a change
 * reported twice (a description shown by both a media type and its schema) is kept once.
 */
export function sortChanges(changes: readonly SpecChange[]): SpecChange[] {
  const unique = new Map<string, SpecChange>();
  for (const change of changes)
    unique.set(`${change.kind}\u0000${change.location}\u0000${change.message}`, change);
  return [...unique.values()].sort(
    (a, b) =>
      CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) ||
      compareText(a.location, b.location) ||
      compareText(a.message, b.message),
  );
}
