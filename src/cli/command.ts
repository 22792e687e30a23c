/**
 * What a command is, and how every command runs: help, argument errors and thrown errors all in
 * one style. A command module (`commands/<name>.ts`) declares its options with their help and
 * parses them into its arguments; its `run` imports the modules that do the work, so `--help`
 * and a wrong option answer before any heavy module (Redocly, TypeScript) loads.
 */
import { UsageError } from '../shared/errors.js';
import { describeError, EXIT, exitCodeOf } from '../shared/exit-codes.js';
import { asksForHelp, parseCommandLine, type CommandLine, type OptionSpecs } from './command-line.js';
import type { CommandIo } from '../shared/command-io.js';

export interface Command<O extends OptionSpecs = OptionSpecs, A = unknown> {
  /** `npm run <name>`. */
  name: string;
  /** What follows `npm run <name> --` in the usage line: `<api> [--port N]`. */
  synopsis: string;
  /** What the command does, in a few lines. */
  description: string;
  /** Each positional argument as the synopsis shows it, and what it is. */
  arguments: Record<string, string>;
  options: O;
  /** What each exit code means for this command (the README's table has them all). */
  exits: Record<number, string>;
  /** The arguments of `run`, from the command line; a mistake is a `UsageError`. */
  parse(line: CommandLine<O>, io: CommandIo): A;
  /** Does the work; resolves the exit code. */
  run(args: A, io: CommandIo): Promise<number>;
}

/** A command, its option names checked against its `parse`. */
export function defineCommand<const O extends OptionSpecs, A>(command: Command<O, A>): Command<O, A> {
  return command;
}

/** The help's own line: `--help` and `-h` are answered before parsing, by every command. */
const HELP_ROW = ['-h, --help', 'print this help'];

export function usageLine(command: Command): string {
  return `Usage: npm run ${command.name} -- ${command.synopsis}`;
}

export function helpText(command: Command): string {
  const options = Object.entries(command.options).map(([name, option]) => [
    `--${name}${option.value === undefined ? '' : ` ${option.value}`}`,
    option.description,
  ]);
  const sections: [string, string[][]][] = [
    ['Arguments', Object.entries(command.arguments)],
    ['Options', [...options, HELP_ROW]],
    ['Exit codes', Object.entries(command.exits)],
  ];
  const lines = [usageLine(command), '', command.description];
  for (const [title, rows] of sections) {
    if (rows.length === 0) continue;
    const width = Math.max(...rows.map(([term]) => term!.length));
    lines.push('', `${title}:`, ...rows.map(([term, text]) => `  ${term!.padEnd(width)}  ${text}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The command's arguments from `argv`; throws a `UsageError` naming the mistake. */
export function parseCommand<O extends OptionSpecs, A>(
  command: Command<O, A>,
  argv: readonly string[],
  io: CommandIo,
): A {
  return command.parse(parseCommandLine(argv, command.options), io);
}

/**
 * Runs a command from its arguments, as `npm run` gives them: `--help` prints the help; a wrong
 * command line prints the mistake and the usage line (exit 2); a `UserError` from the work prints
 * its `where: what` (exit 1, or 2 for a `UsageError`); anything else is a bug, printed with its stack.
 */
export async function runCommand<O extends OptionSpecs, A>(
  command: Command<O, A>,
  argv: readonly string[],
  io: CommandIo,
): Promise<number> {
  if (asksForHelp(argv)) {
    io.stdout(helpText(command));
    return EXIT.ok;
  }
  let args: A;
  try {
    args = parseCommand(command, argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(
      `error: ${error.message}\n${usageLine(command)}\n` +
        `(\`npm run ${command.name} -- --help\` explains every option)\n`,
    );
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return exitCodeOf(error);
  }
}
