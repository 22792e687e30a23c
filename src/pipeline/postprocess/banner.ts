/**
 * Post-processing step: the banner on every generated code file. It names the generator, the
 * input and the input's sha256, so a reader knows not to edit the file and what to regenerate it
 * from, and tools find generated files by `GENERATED_MARKER` (as openapi-typescript's
 * `COMMENT_HEADER` and openai-node's `scripts/generated-files.cjs` do).
 */

/** The tag tools search for; it is on the banner's first line of every generated file. */
export const GENERATED_MARKER = '@generated';

export const GENERATOR_NAME = 'voice-agent-sdks pipeline (npm run generate)';

export interface BannerInput {
  /** The input file, relative to the project root: `specs/diga.yaml`, `src/runtime/client.ts`. */
  source: string;
  /** sha256 of the input file's bytes, hex. */
  sha256: string;
}

/** A `/** … *\/` banner for `.ts`, `.d.ts` and `.js` files. */
export function codeBanner({ source, sha256 }: BannerInput): string {
  return (
    `/**\n` +
    ` * ${GENERATED_MARKER} by ${GENERATOR_NAME} from ${source}\n` +
    ` * (sha256 ${sha256}). Do not edit: change the input and regenerate.\n` +
    ` */\n`
  );
}

/** The same banner as an HTML comment, for Markdown files. */
export function markdownBanner({ source, sha256 }: BannerInput): string {
  return `<!-- ${GENERATED_MARKER} by ${GENERATOR_NAME} from ${source} (sha256 ${sha256}). Do not edit. -->\n`;
}

/** The text of a generated Markdown file without its banner, to carry it into the next version. */
export function stripMarkdownBanner(text: string): string {
  return text.startsWith(`<!-- ${GENERATED_MARKER} `) ? text.slice(text.indexOf('\n') + 1) : text;
}
