/**
 * Text edits collected by the analysis steps and applied in one pass: each ts-morph manipulation
 * re-parses the whole file, which on a spec the size of GitHub's costs about a second per edit.
 */

export interface TextEdit {
  /** Offsets into the text the edit was computed on. */
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping `edits` (any order) to `text`, in one left-to-right pass. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) {
      throw new Error(`overlapping text edits at offset ${edit.start}: a post-processing step is wrong`);
    }
    parts.push(text.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}
