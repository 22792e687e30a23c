/**
 * The options of `npm run release` with their documented defaults (parsed in
 * src/cli/commands/release.ts).
 */
import { GENERATOR_ROOT } from '../pipeline/orchestration/context.js';
import { quote, UsageError } from '../shared/errors.js';
import { stdoutIsTerminal } from '../shared/stdio.cjs';

export interface ReleaseContext {
  /**
   * The packages to release, by API name; empty means every package in `generated/`.
   * @default []
   */
  apis: string[];
  /**
   * Ask the registry and compare, but publish and tag nothing.
   * @default false
   */
  dryRun: boolean;
  /**
   * The registry to publish to, for every package (the scope's registry too).
   * @default npm's configuration: `@<scope>:registry`, else `registry`
   */
  registry?: string;
  /**
   * `npm publish --provenance`: a signed statement of the CI run and commit that built each
   * package (needs an OIDC token, which GitHub Actions gives with `id-token: write`).
   * @default false
   */
  provenance: boolean;
  /**
   * The project: its `generated/` is published, its git repository tagged.
   * @default the repository root
   */
  root: string;
  /**
   * ANSI colours in the progress lines.
   * @default stdout is a TTY and NO_COLOR is not set
   */
  color: boolean;
}

export const DEFAULT_RELEASE_CONTEXT: ReleaseContext = {
  apis: [],
  dryRun: false,
  provenance: false,
  root: GENERATOR_ROOT,
  color: stdoutIsTerminal() && !process.env.NO_COLOR,
};

/** The `--registry` value: an http(s) URL without credentials (a token goes in npm's configuration). */
export function parseRegistry(value: string): string {
  // Shown without what sits before an `@`: a password there must not be printed.
  const wrong = () =>
    new UsageError(
      '--registry',
      `expected an http(s) URL, got ${quote(value.replace(/\/\/[^/]*@/, '//…@'))}`,
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw wrong();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw wrong();
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(
      '--registry',
      'credentials do not go in the URL: put `//<host>/:_authToken=${NPM_TOKEN}` in your user .npmrc',
    );
  }
  return url.href;
}
