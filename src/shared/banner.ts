/**
 * The banner on every generated file: code, Markdown and the reference pages. It names the
 * generator, the input and a sha256, so a reader knows not to edit the file and what to regenerate
 * it from, and tools find generated files by `GENERATED_MARKER` (as openapi-typescript's
 * `COMMENT_HEADER` and openai-node's `scripts/generated-files.cjs` do).
 */
import { sha256 } from './hash.js';

/** The tag tools search for; it is on the banner's first line of every generated file. */
export const GENERATED_MARKER = '@generated';

/**
 * Under the banner of generated JavaScript without types (the runtime's, the checks'): a checkJs
 * project that includes packages, as this repository's tsconfig does with `generated/`, must not
 * type-check it as hand-written JS.
 */
export const JS_PRAGMA = '// @ts-nocheck\n';

export const GENERATOR_NAME = 'voice-agent-sdks pipeline (npm run generate)';

export interface BannerInput {
  /** The input file, relative to the project root: `specs/diga.yaml`, `src/runtime/client.ts`. */
  source: string;
  /** sha256, hex, of the input file's bytes or, with `bundledAs`, of that file's. */
  sha256: string;
  /** The file a spec was bundled into (`openapi.json`), when the hash is of that. */
  bundledAs?: string;
}

/**
 * A package's banner input: the spec, hashed as bundled into the package's `openapi.json`. Not the
 * YAML's own bytes: a comment or a reformatting there would change every file of the package while
 * its contract, and so its version, stayed (one version, two contents), and the YAML alone misses
 * the files it references. Anyone can check this hash against the shipped `openapi.json`.
 */
export function bundledSource(source: string, openapiJson: string | Uint8Array): BannerInput {
  return { source, sha256: sha256(openapiJson), bundledAs: 'openapi.json' };
}

const hashNote = ({ sha256, bundledAs }: BannerInput): string =>
  `(${bundledAs ? `bundled as ${bundledAs}, ` : ''}sha256 ${sha256})`;

/** A `/** … *\/` banner for `.ts`, `.d.ts` and `.js` files. */
export function codeBanner(input: BannerInput): string {
  return (
    `/**\n` +
    ` * ${GENERATED_MARKER} by ${GENERATOR_NAME} from ${input.source}\n` +
    ` * ${hashNote(input)}. Do not edit: change the input and regenerate.\n` +
    ` */\n`
  );
}

/** The same banner as an HTML comment, for Markdown files. */
export function markdownBanner(input: BannerInput): string {
  return `<!-- ${GENERATED_MARKER} by ${GENERATOR_NAME} from ${input.source} ${hashNote(input)}. Do not edit. -->\n`;
}

/** The text of a generated Markdown file without its banner, to carry it into the next version. */
export function stripMarkdownBanner(text: string): string {
  return text.startsWith(`<!-- ${GENERATED_MARKER} `) ? text.slice(text.indexOf('\n') + 1) : text;
}
