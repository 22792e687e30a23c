/** `npm run mock -- <api> [--port N] [--dynamic] [--seed S]`: see src/mock/command.ts. */
import { runCommand } from '../src/mock/cli.js';
import { handleMock } from '../src/mock/command.js';

await runCommand(handleMock);
