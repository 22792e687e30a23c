/**
 * `npm run generate [-- --check | --watch | --force] [api ...]`: see `src/pipeline/orchestration/generate.ts`.
 */
import { parseGenerateArgs, USAGE } from '../src/pipeline/orchestration/cli.js';
import { resolveContext } from '../src/pipeline/orchestration/context.js';
import { UsageError } from '../src/shared/errors.js';
import { handleGenerate } from '../src/pipeline/orchestration/generate.js';

try {
  const args = parseGenerateArgs(process.argv.slice(2));
  if (args.help) console.log(USAGE);
  else process.exitCode = await handleGenerate(resolveContext(args.overrides));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${USAGE}`);
  process.exitCode = 1;
}
