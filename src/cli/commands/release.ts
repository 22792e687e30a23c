/** `npm run release`: see src/publish/command.ts. */
import { DEFAULT_RELEASE_CONTEXT, parseRegistry, type ReleaseContext } from '../../publish/context.js';
import { defineCommand } from '../command.js';

export const release = defineCommand({
  name: 'release',
  synopsis: '[api ...] [--dry-run] [--registry <url>] [--provenance]',
  description:
    'Publishes every package in generated/ whose version the registry does not have yet, with npm\n' +
    "and the user's npm configuration (.npmrc, npm_config_*, a token as ${NPM_TOKEN}), and tags\n" +
    'each release <api>@<version> on HEAD (annotated; pushing the tags is yours). Nothing is\n' +
    'published while a package is refused: stale (npm run generate -- --check fails for it), or a\n' +
    'version the registry holds with other contents. A rerun completes a run that stopped half way.',
  arguments: { 'api ...': 'the packages to release, by API name (default: every package in generated/)' },
  options: {
    'dry-run': {
      type: 'boolean',
      description: 'ask the registry and compare, but publish and tag nothing: print what would be done',
    },
    registry: {
      type: 'string',
      value: '<url>',
      description: "the registry for every package (default: npm's configuration, a scope's registry first)",
    },
    provenance: {
      type: 'boolean',
      description: 'npm publish --provenance: from CI with an OIDC token (README: "Releasing")',
    },
  },
  exits: {
    0: 'every package is in the registry and tagged (or, --dry-run, would be)',
    1: 'a package refused (nothing published), not published (the registry refused it, the connection failed) or not tagged',
    2: 'wrong usage: an unknown option or API, a bad --registry, a token in the repository, npm missing or a registry that cannot be asked',
  },
  parse({ values, positionals }, io): ReleaseContext {
    return {
      ...DEFAULT_RELEASE_CONTEXT,
      apis: [...new Set(positionals)],
      // `npm run release --dry-run` (before the `--`) is npm's flag, which npm hands on as this.
      dryRun: values['dry-run'] === true || io.env['npm_config_dry_run'] === 'true',
      provenance: values.provenance ?? false,
      ...(values.registry === undefined ? {} : { registry: parseRegistry(values.registry) }),
    };
  },
  async run(ctx, io) {
    const { handleRelease } = await import('../../publish/command.js');
    return handleRelease(ctx, io);
  },
});
