/**
 * The error classes of the pipeline, the API model and the commands. Every wrong input (spec,
 * config, CLI argument) becomes a `GenerateError` naming where (`file:line:column` when a position
 * is known) and what is wrong, so the CLI can print it as is and exit 1 without a stack trace.
 */

export interface SourcePosition {
  /** Path as printed: relative to the project root, `/`-separated. */
  file: string;
  /** 1-based; absent when the problem has no position (a missing file, a CLI argument). */
  line?: number;
  column?: number;
}

/** Where a problem in a bundled document is: maps a JSON pointer back to the spec file. */
export type Locate = (pointer: string) => SourcePosition;

export class GenerateError extends Error {
  override name = 'GenerateError';
  readonly where: SourcePosition | undefined;
  readonly what: string;

  constructor(where: SourcePosition | undefined, what: string, options?: { cause?: unknown }) {
    super(where ? `${formatPosition(where)}: ${what}` : what, options);
    this.where = where;
    this.what = what;
  }
}

/** Thrown for a wrong command line; the CLI prints it with the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function formatPosition({ file, line, column }: SourcePosition): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** Several problems of one run (every failing spec), reported together. */
export class GenerateErrors extends Error {
  override name = 'GenerateErrors';
  constructor(readonly errors: GenerateError[]) {
    super(errors.map((error) => error.message).join('\n'));
  }
}

/** The longest value a message quotes: a binary or minified file would otherwise be printed whole. */
const QUOTE_LIMIT = 80;

/** `value` in double quotes, cut after 80 characters (`"abc…"`). */
export function quote(value: string): string {
  return JSON.stringify(value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value);
}

/** A library's message (the yaml parser quotes whole tokens) with its quoted values cut likewise. */
export function shortenQuoted(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => {
    if (quoted.length <= QUOTE_LIMIT + 2) return quoted;
    try {
      return quote(String(JSON.parse(quoted)));
    } catch {
      return `${quoted.slice(0, QUOTE_LIMIT + 1).replace(/\\[^"]{0,5}$/, '')}…"`;
    }
  });
}
