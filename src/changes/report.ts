/**
 * The plain-text report `npm run diff` prints: one block per kind, one line per change.
 */
import { groupByKind } from './sections.js';
import type { SpecChange } from './types.js';

export function formatChangeReport(changes: readonly SpecChange[]): string {
  const sections = groupByKind(changes);
  if (sections.length === 0) return 'No changes.\n';
  const blocks = sections.map((section) =>
    [
      `${section.title} (${section.changes.length}):`,
      ...section.changes.map((change) => `  ${change.location}: ${change.message}`),
    ].join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}
