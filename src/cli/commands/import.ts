/** `npm run import`: see src/import/index.ts. */
import { resolveContext } from '../../pipeline/orchestration/context.js';
import type { ImportArgs } from '../../import/index.js';
import { localSource } from '../../import/source.js';
import { prepareThread, worthAThread } from '../../shared/worker.js';
import { UsageError } from '../../shared/errors.js';
import { defineCommand } from '../command.js';
import { lineReporter } from '../../shared/command-io.js';

export const importCommand = defineCommand({
  name: 'import',
  synopsis: '<file or URL> --name <api> [--overlay <file>]',
  description:
    "Brings a vendor's published OpenAPI document (3.0 or 3.1, JSON or YAML) in as specs/published/<api>/:\n" +
    'the document byte for byte, where it came from (source.json), and its apis entry in redocly.yaml with\n' +
    'the published lint preset. It is checked first as generate will read it; what fails is reported at\n' +
    'its file:line and nothing is written. Run again with a newer document to replace it: the change\n' +
    'report (npm run diff) is printed before anything is generated. Then: npm run generate -- <api>.',
  arguments: { '<file or URL>': 'the document: a path (from where npm run was typed) or an http(s) URL' },
  options: {
    name: {
      type: 'string',
      value: '<api>',
      description: 'the API: lower-case letters, digits and dashes (the package is @voice-agent-sdks/<api>)',
    },
    overlay: {
      type: 'string',
      value: '<file>',
      description:
        'an OpenAPI Overlay to apply from now on (our fix to the document), copied into the overlays/ folder',
    },
  },
  exits: {
    0: 'imported (or already the same document); nothing generated yet',
    1: 'the document (or an overlay) fails to load, lint or be read by the generator: nothing written',
    2: 'wrong usage: no file or --name, a name that is not a package name or is taken, a file or URL that cannot be read',
  },
  parse({ values, positionals }, io): ImportArgs {
    const [source, ...extra] = positionals;
    if (source === undefined) throw new UsageError(undefined, 'which document? Give its file or URL');
    if (extra.length > 0) throw new UsageError(undefined, `unexpected argument ${JSON.stringify(extra[0])}`);
    if (values.name === undefined)
      throw new UsageError('--name', 'required: the name of the API (e.g. --name acme)');
    // npm runs scripts in the project root; a relative path starts where `npm run` was typed.
    const cwd = io.env['INIT_CWD'] ?? process.cwd();
    return {
      source,
      name: values.name,
      cwd,
      ...(values.overlay === undefined ? {} : { overlay: values.overlay }),
    };
  },
  async run(args, io) {
    // A large document's lint thread (`lint-thread.ts`) started before the command's modules load
    // (Redocly, TypeScript: about a second), not after: it loads its own beside them, and reads and
    // parses the file for the lint to come.
    const local = localSource(args.source, args.cwd);
    if (local !== undefined && worthAThread(local.bytes)) {
      prepareThread('lint-published', { specPath: local.path });
    }
    const { handleImport } = await import('../../import/index.js');
    return handleImport(args, resolveContext({ reporter: lineReporter(io) }));
  },
});
