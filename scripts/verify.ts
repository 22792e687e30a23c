/** `npm run verify -- <api> --upstream <url> [--port N] [--requests <file.json>] [--json]`: see src/verify/command.ts. */
import { runCommand } from '../src/mock/cli.js';
import { handleVerify } from '../src/verify/command.js';

await runCommand(handleVerify);
