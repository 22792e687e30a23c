/**
 * Progress lines: one per API with its time, then a summary, e.g.
 *
 *     · [1/4] cozmo     unchanged
 *     ✔ [2/4] diga      1.0.0 → 2.0.0: 1 breaking, 2 additive (38 ms)
 *
 * Colour only where a person reads it (a TTY without NO_COLOR); logs and tests get plain text.
 * Times are rounded milliseconds and never part of any generated file.
 */

export type Status = 'ok' | 'unchanged' | 'failed' | 'stale';

const SYMBOL: Record<Status, string> = { ok: '✔', unchanged: '·', failed: '✖', stale: '✖' };
// SGR codes: green, dim, red, yellow.
const COLOUR: Record<Status, string> = { ok: '32', unchanged: '2', failed: '31', stale: '33' };

export interface Progress {
  line(status: Status, index: number, name: string, detail: string): string;
  paint(status: Status, text: string): string;
}

export function createProgress(color: boolean, total: number, names: readonly string[]): Progress {
  const width = Math.max(0, ...names.map((name) => name.length));
  const counter = (index: number): string => `[${String(index).padStart(String(total).length)}/${total}]`;
  const paint = (status: Status, text: string): string =>
    color ? `\u001b[${COLOUR[status]}m${text}\u001b[0m` : text;
  return {
    paint,
    line: (status, index, name, detail) =>
      `${paint(status, SYMBOL[status])} ${counter(index)} ${name.padEnd(width)}  ${detail}`,
  };
}

export function formatMs(ms: number): string {
  return `${Math.round(ms)} ms`;
}
