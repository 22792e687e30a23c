/**
 * `npm run diff -- <api> [--base <git ref>]`: see `src/pipeline/orchestration/diff.ts`.
 */
import { resolveContext } from '../src/pipeline/orchestration/context.js';
import {
  DIFF_USAGE,
  diffErrorMessage,
  handleDiff,
  parseDiffArgs,
} from '../src/pipeline/orchestration/diff.js';

try {
  const args = parseDiffArgs(process.argv.slice(2));
  if (args === 'help') console.log(DIFF_USAGE);
  else process.exitCode = await handleDiff(args, resolveContext());
} catch (error) {
  const message = diffErrorMessage(error);
  if (message === undefined) throw error;
  console.error(message);
  process.exitCode = 1;
}
