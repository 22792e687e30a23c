/** `npm run diff`: see src/pipeline/orchestration/diff.ts. */
import { resolveContext } from '../../pipeline/orchestration/context.js';
import type { DiffArgs } from '../../pipeline/orchestration/diff.js';
import { UsageError } from '../../shared/errors.js';
import { defineCommand } from '../command.js';
import { oneApi } from '../command-line.js';
import { lineReporter } from '../../shared/command-io.js';

export const diff = defineCommand({
  name: 'diff',
  synopsis: '<api> [--base <git ref>]',
  description:
    "Prints how the API's spec (specs/<api>.yaml, or the document in specs/published/<api>/ with its\n" +
    "overlays) differs, for the package's consumers, from the spec its package was generated from (or\n" +
    'from specs/<api>.yaml at a git ref): each change classified as breaking, additive or documentation,\n' +
    'and the version regenerating would give. Writes nothing.',
  arguments: { '<api>': 'the API, by name (specs/<api>.yaml or specs/published/<api>/)' },
  options: {
    base: {
      type: 'string',
      value: '<git ref>',
      description: 'compare with specs/<api>.yaml as it was at this commit, tag or branch (transcribed APIs)',
    },
  },
  exits: {
    0: 'the report is printed, whatever it says',
    1: 'the spec fails to load or lint (a transcribed spec after the report: generate would refuse it)',
    2: 'wrong usage: an unknown option or API, a git ref that does not exist or has no such spec',
  },
  parse({ values, positionals }): DiffArgs {
    const api = oneApi(positionals);
    const { base } = values;
    if (base === undefined) return { api };
    // `--base=` (an unset variable) would otherwise quietly compare with the package instead.
    if (base.trim() === '') throw new UsageError('--base', 'expected a git ref, got ""');
    return { api, base };
  },
  async run(args, io) {
    const { handleDiff } = await import('../../pipeline/orchestration/diff.js');
    return handleDiff(args, resolveContext({ reporter: lineReporter(io) }));
  },
});
