/**
 * The grouping shared by the changelog and the CLI report, so both list the same kinds under the
 * same titles in the same order.
 */
import { sortChanges } from './order.js';
import { CHANGE_KINDS, type ChangeKind, type SpecChange } from './types.js';

export const SECTION_TITLES: Record<ChangeKind, string> = {
  breaking: 'Breaking changes',
  additive: 'Additions',
  docs: 'Documentation',
};

export interface ChangeSection {
  kind: ChangeKind;
  title: string;
  changes: SpecChange[];
}

/** Non-empty sections in kind order, each sorted; callers may pass changes in any order. */
export function groupByKind(changes: readonly SpecChange[]): ChangeSection[] {
  const sorted = sortChanges(changes);
  return CHANGE_KINDS.map((kind) => ({
    kind,
    title: SECTION_TITLES[kind],
    changes: sorted.filter((change) => change.kind === kind),
  })).filter((section) => section.changes.length > 0);
}
