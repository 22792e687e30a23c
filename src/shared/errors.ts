/**
 * The error classes of every command. A problem the user can put right (a spec, the config, a
 * file, a command-line argument, an API name) is a `UserError` naming where and what is wrong: the
 * command line (`src/cli/`) prints its message as it is, never with a stack trace, and exits with
 * the code its class calls for (`exit-codes.ts`). Any other error is a bug.
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

/** A place in a file, or a command-line option or variable (`--port`, `DIGA_TOKEN`). */
export type Where = SourcePosition | string;

/** What the user can put right: printed as `where: what`. */
export class UserError extends Error {
  override name = 'UserError';

  constructor(
    readonly where: Where | undefined,
    readonly what: string,
    options?: { cause?: unknown },
  ) {
    super(where === undefined ? what : `${formatWhere(where)}: ${what}`, options);
  }
}

/** A spec, the Redocly config or a generated package that is wrong: a finding (exit 1). */
export class GenerateError extends UserError {
  override name = 'GenerateError';
  declare readonly where: SourcePosition | undefined;

  constructor(where: SourcePosition | undefined, what: string, options?: { cause?: unknown }) {
    super(where, what, options);
  }
}

/** Several findings of one run (every failing spec), reported together, one per line. */
export class GenerateErrors extends UserError {
  override name = 'GenerateErrors';
  constructor(readonly errors: GenerateError[]) {
    super(undefined, errors.map((error) => error.message).join('\n'));
  }
}

/**
 * The command cannot do what it was asked (exit 2): an unknown or malformed option, a bad value, an
 * unknown API, or a file, variable or server it was pointed at that cannot be used.
 */
export class UsageError extends UserError {
  override name = 'UsageError';
}

/** The one wording of an unknown API name, for every command. */
export function unknownApiError(names: readonly string[], known: readonly string[]): UsageError {
  const listed = names.map(quote).join(', ');
  return new UsageError(
    undefined,
    `unknown API${names.length === 1 ? '' : 's'} ${listed}: known APIs are ${known.join(', ') || '(none: specs/ has no .yaml file)'}`,
  );
}

export function formatPosition({ file, line, column }: SourcePosition): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

function formatWhere(where: Where): string {
  return typeof where === 'string' ? where : formatPosition(where);
}

/** At most this many problems are listed; a file of 200,000 bad entries gives a screenful, not 200,000 lines. */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * Problems collected for `listProblems`, one at a time: the first `MAX_LISTED_PROBLEMS` kept, the
 * rest only counted. A `--requests` file of 200,000 bad entries kept as many messages (0.4 CPU-s,
 * 60 MB touched) to print 20 of them.
 */
export class ProblemList {
  readonly listed: string[] = [];
  count = 0;

  push(problem: string): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
    this.count++;
  }
}

/** One problem per line, the first `MAX_LISTED_PROBLEMS` of them, then how many more there are. */
export function listProblems(problems: readonly string[] | ProblemList): string {
  const [all, count] =
    problems instanceof ProblemList ? [problems.listed, problems.count] : [problems, problems.length];
  const listed = all.slice(0, MAX_LISTED_PROBLEMS);
  const more = count - listed.length;
  return [...listed, ...(more > 0 ? [`… and ${more} more`] : [])].join('\n');
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
