/** `npm run generate | diff | import | mock | verify | bench | release`: every command is a module of src/cli/commands/. */
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
