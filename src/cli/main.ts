/**
 * The one entry point: `npm run <command> -- <args>` runs `scripts/cli.cjs <command> <args>`
 * (this module compiled, see `compiled/`), and this finds the command and runs it.
 */
import type { Command } from './command.js';
import { runCommand } from './command.js';
import * as commands from './commands/index.js';
import { EXIT } from '../shared/exit-codes.js';
import { dropOutputOnceStdoutCloses, processIo, type CommandIo } from '../shared/command-io.js';

export const COMMANDS: readonly Command[] = Object.values(commands);

export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((each) => each.name === name);
  if (command === undefined) {
    const names = COMMANDS.map((each) => each.name).join(', ');
    io.stderr(`error: unknown command ${JSON.stringify(name ?? '')}: the commands are ${names}\n`);
    return EXIT.usage;
  }
  if (io === processIo) dropOutputOnceStdoutCloses();
  return runCommand(command, args, io);
}

/** What a worker thread of a command runs (`src/cli/worker.mjs`). */
export { loadTask, runTask } from './tasks.js';
