/**
 * The one argument parser of every command: `node:util`'s `parseArgs` in strict mode, with what it
 * lacks. Unknown options, a value for a switch, a missing value and an option given twice are
 * `UsageError`s (parseArgs would keep the last value silently); a typo in `--chek` must not
 * rewrite `generated/`. Value checks shared by several commands live here too.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../shared/errors.js';

export interface OptionSpec {
  /** `boolean`: a switch; `string`: takes a value. */
  type: 'boolean' | 'string';
  /** How the value is shown in the help: `--port N`. */
  value?: string;
  /** What it does, and its default: a line of the help. */
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed options: a string per `string` option given, `true` per switch given. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean;
};

export interface CommandLine<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
}

/** `--help` or `-h` anywhere before `--`: help wins over every other mistake on the line. */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const own = end === -1 ? argv : argv.slice(0, end);
  return own.includes('--help') || own.includes('-h');
}

export function parseCommandLine<O extends OptionSpecs>(argv: readonly string[], options: O): CommandLine<O> {
  const config = Object.fromEntries(Object.entries(options).map(([name, { type }]) => [name, { type }]));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: config,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    // Node's messages end with advice about `--` that does not apply here: the first sentence says it.
    throw new UsageError(undefined, (error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, ''));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || options[token.name]?.type !== 'string') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name}`, 'given twice; give it once');
    seen.add(token.name);
  }
  // After `--`, parseArgs takes `--check` as a name; no name of ours starts with a dash.
  const option = parsed.positionals.find((value) => value.startsWith('-'));
  if (option !== undefined) throw new UsageError(undefined, `Unknown option '${option}'`);
  return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
}

/** The one API a command works on: its only positional argument. */
export function oneApi(positionals: readonly string[]): string {
  const [api, ...extra] = positionals;
  if (api === undefined) throw new UsageError(undefined, 'which API? Give its name');
  if (extra.length > 0) throw new UsageError(undefined, `unexpected argument ${JSON.stringify(extra[0])}`);
  return api;
}

/** A TCP port from an option's value: 0 asks for any free port. */
export function parsePort(value: string | undefined, flag = '--port'): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new UsageError(flag, `expected a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

/** A count of at least `min` from an option's value (`--runs 3`). */
export function parseCount(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count) || count < min) {
    throw new UsageError(flag, `expected a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  }
  return count;
}
