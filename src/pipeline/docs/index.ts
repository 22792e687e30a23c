/**
 * Docs: one self-contained HTML reference page per API (`generated/<api>/docs/index.html`),
 * rendered by `redocly build-docs` (Redoc 3) from the bundled spec once the packages are written.
 *
 * Each spec is rendered in a scratch directory with its own config and template, by build-docs'
 * handler in a worker thread that loads the CLI once for every page of the process
 * (`build-docs-thread.ts`). When the thread cannot, or the page is asked for in another
 * environment (`env`), the CLI's bin runs as a process per spec: about 1 CPU-s a page, most of it
 * loading the CLI's 15 MB bundle.
 *
 * The page must work offline and fetch nothing when opened:
 * - `--inlineBundle` embeds the Redoc bundle (without it the page imports it from cdn.redocly.com);
 * - Redoc 3's sidebar always shows an "API docs by Redocly" logo loaded from cdn.redoc.ly, with no
 *   option to turn it off, so the template carries a Content-Security-Policy that allows nothing
 *   outside the page (the logo's `onError` then hides it), which also covers whatever remote
 *   resource a later Redoc adds;
 * - telemetry is off, which both stops the CLI reporting the run and renders the page with
 *   `disableTelemetry: true`.
 *
 * The output is deterministic without post-processing: checked byte-identical across runs, time
 * zones, locales, spec locations and scratch directories (styled-components class names are hashes of the CSS,
 * React's server-rendered ids are positional, and build-docs writes no date). The tests in
 * `test/pipeline/docs/` re-check this on every run.
 * @see https://redocly.com/docs/cli/commands/build-docs
 */
import { readFileSync } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { GenerateError, type SourcePosition } from '../../shared/errors.js';
import { fileHasEnds } from '../../shared/files.js';
import { sha256 } from '../../shared/hash.js';
import { DOCS_DIR } from '../write/package-folder.js';
import { GENERATED_MARKER, GENERATOR_NAME } from '../../shared/banner.js';
import { buildDocsEntry, renderInThread, type PageJob } from './build-docs-thread.js';

export interface ReferenceDocsOptions {
  /**
   * How the spec is named in error messages: relative to the project root, `/`-separated.
   * @default the path as given
   */
  displayPath?: string;
  /**
   * Longest a single build-docs run may take before it is stopped and reported.
   * @default 120_000
   */
  timeoutMs?: number;
  /**
   * The environment build-docs runs in (telemetry is switched off whatever it says): given, the
   * CLI runs as a process of its own, which reads its time zone and locale from it.
   * @default this process's, in a thread of this process
   */
  env?: NodeJS.ProcessEnv;
}

interface DocsContext {
  /** Absolute. */
  specPath: string;
  where: SourcePosition;
  timeoutMs: number;
  /** Undefined: this process's. */
  env: NodeJS.ProcessEnv | undefined;
}

function resolveDocsContext(specPath: string, options: ReferenceDocsOptions): DocsContext {
  return {
    specPath: resolve(specPath),
    where: { file: options.displayPath ?? specPath },
    timeoutMs: options.timeoutMs ?? 120_000,
    env: options.env,
  };
}

/**
 * Allows only what the page itself carries: its inline scripts and styles (Redoc hydrates from an
 * inline module script and styled-components injects `<style>` tags), `data:`/`blob:` images and
 * `data:` fonts. Everything else, network included, is refused. So is `eval`: Redoc's search probes
 * `Function(...)` to decide whether to index in a worker, and without it indexes on the page itself.
 */
export const REFERENCE_DOCS_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** build-docs' own template (`template.hbs` in redocly-cli) plus the CSP meta tag. */
const PAGE_TEMPLATE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta http-equiv="Content-Security-Policy" content="${REFERENCE_DOCS_CSP}" />
  <title>{{title}}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <style>
    body {
      padding: 0;
      margin: 0;
    }
  </style>
  {{{redocHead}}}
</head>
<body>
  {{{redocHTML}}}
</body>
</html>
`;

/**
 * A config with nothing but telemetry off: the spec given is already bundled with the project's `redocly.yaml`, so
 * its decorators and plugins must not run a second time, and the page depends on the spec alone.
 */
const SCRATCH_CONFIG = 'telemetry: off\n';

/** What build-docs emits when it was not told to inline Redoc: an import from Redocly's CDN. */
const CDN_IMPORT = /import\s*\{\s*hydrate\s*\}\s*from\s*["']https?:/;

/** Renders the reference page of one bundled spec (`openapi.json` or YAML) and returns its HTML. */
export async function renderReferenceDocs(
  specPath: string,
  options: ReferenceDocsOptions = {},
): Promise<string> {
  const ctx = resolveDocsContext(specPath, options);
  try {
    await access(ctx.specPath);
  } catch {
    throw new GenerateError(ctx.where, 'cannot build the reference docs: the spec file does not exist');
  }

  const scratch = await mkdtemp(join(tmpdir(), 'reference-docs-'));
  try {
    const templatePath = join(scratch, 'template.hbs');
    const configPath = join(scratch, 'redocly.yaml');
    const outFile = join(scratch, 'index.html');
    await writeFile(templatePath, PAGE_TEMPLATE);
    await writeFile(configPath, SCRATCH_CONFIG);
    await buildDocs(ctx, scratch, {
      spec: ctx.specPath,
      output: outFile,
      template: templatePath,
      config: configPath,
    });
    const html = await readFile(outFile, 'utf8').catch((error: unknown) => {
      throw new GenerateError(ctx.where, 'redocly build-docs exited 0 but wrote no page', { cause: error });
    });
    if (CDN_IMPORT.test(html)) {
      throw new GenerateError(
        ctx.where,
        'redocly build-docs did not inline the Redoc bundle: the page would load it from a CDN',
      );
    }
    return html;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Renders one page in the process's build-docs thread if it can, else in a CLI process. */
async function buildDocs(ctx: DocsContext, scratch: string, job: PageJob): Promise<void> {
  const entry = ctx.env === undefined ? buildDocsEntry(redoclyDir(ctx.where)) : undefined;
  const outcome = entry === undefined ? undefined : await renderInThread(entry, job, ctx.timeoutMs);
  if (outcome === undefined || outcome.kind === 'unusable') {
    await runBuildDocs(ctx, scratch, [
      job.spec,
      '--inlineBundle',
      `--output=${job.output}`,
      `--template=${job.template}`,
      `--config=${job.config}`,
      '--lint-config=off',
    ]);
    return;
  }
  if (outcome.kind === 'rendered') return;
  const why =
    outcome.kind === 'timedOut'
      ? `did not finish within ${ctx.timeoutMs} ms`
      : `failed to render the page: ${outcome.message}`;
  throw new GenerateError(ctx.where, `redocly build-docs ${why}`);
}

async function runBuildDocs(
  { where, timeoutMs, env = process.env }: DocsContext,
  cwd: string,
  args: string[],
): Promise<void> {
  const bin = redoclyBin(where);
  // Loaded here: `generate` loads this module on every run, and renders a page on few. Required, not
  // imported: the compiled command line runs from V8's code cache, which keeps no import callback.
  const { execFile } = createRequire(import.meta.url)(
    'node:child_process',
  ) as typeof import('node:child_process');
  await new Promise<void>((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [bin, 'build-docs', ...args],
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        // The environment variable as well as the config: a user-level setting cannot turn it back on.
        env: { ...env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise();
        const detail = cliMessage(`${stderr}\n${stdout}`);
        const why = error.killed
          ? `did not finish within ${timeoutMs} ms`
          : `failed (exit ${error.code ?? 'unknown'})`;
        reject(
          new GenerateError(where, `redocly build-docs ${why}${detail ? `: ${detail}` : ''}`, {
            cause: error,
          }),
        );
      },
    );
  });
}

/** The CLI's entry file, found through its package.json so neither `npx` nor PATH is involved. */
function redoclyBin(where: SourcePosition): string {
  return redoclyPackage(where, ({ dir, manifest }) => {
    const bin = manifest.bin?.['redocly'];
    if (!bin) throw new Error('its package.json names no `redocly` bin');
    return join(dir, bin);
  });
}

/** The CLI's installed folder. */
function redoclyDir(where: SourcePosition): string {
  return redoclyPackage(where, ({ dir }) => dir);
}

function redoclyPackage<T>(
  where: SourcePosition,
  read: (installed: { dir: string; manifest: { bin?: Record<string, string> } }) => T,
): T {
  const require = createRequire(import.meta.url);
  try {
    const manifestPath = require.resolve('@redocly/cli/package.json');
    return read({
      dir: dirname(manifestPath),
      manifest: require(manifestPath) as { bin?: Record<string, string> },
    });
  } catch (error) {
    throw new GenerateError(
      where,
      `cannot build the reference docs: @redocly/cli is not usable (${(error as Error).message}); run \`npm ci\``,
      { cause: error },
    );
  }
}

/**
 * The CLI's own words without its framed notices (Node deprecation, "now renders with Redoc 3")
 * and progress lines, which would bury the one line that says what went wrong.
 */
function cliMessage(output: string): string {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/[╔║╚═]/.test(line))
    .filter((line) => !/^(Found .* and using|Prerendering docs)/.test(line))
    .join(' ');
}

/** The first line of every page: what it was rendered from, so a stale page can be told apart. */
function docsBanner(source: string, sha256: string): string {
  return `<!-- ${GENERATED_MARKER} by ${GENERATOR_NAME} from ${source} (sha256 ${sha256}). Do not edit. -->\n`;
}

export interface DocsTarget {
  /** `generated/diga`, absolute. */
  outDir: string;
  /** How messages name the package folder. */
  displayDir: string;
}

/**
 * Renders `docs/index.html` of every package whose page is missing or was rendered from another
 * `openapi.json`, all at once (each render is a separate CLI process). Resolves the folders whose
 * page was written.
 */
export async function refreshReferenceDocs(targets: DocsTarget[]): Promise<string[]> {
  const stale: { target: DocsTarget; banner: string }[] = [];
  for (const target of targets) {
    const spec = join(target.outDir, 'openapi.json');
    const banner = docsBanner(`${target.displayDir}/openapi.json`, sha256(readFileSync(spec)));
    // A page cut short by a run killed while writing it has the banner, but not the end.
    if (!(await fileHasEnds(join(target.outDir, DOCS_DIR, 'index.html'), banner, '</html>\n')))
      stale.push({ target, banner });
  }
  await Promise.all(
    stale.map(async ({ target, banner }) => {
      const page = join(target.outDir, DOCS_DIR, 'index.html');
      const cannotWrite = (error: unknown) => {
        const reason = (error as Error).message.replace(/, \w+ '[^']*'$/, '');
        return new GenerateError(
          { file: `${target.displayDir}/${DOCS_DIR}/index.html` },
          `cannot write the reference page: ${reason} (the packages were written)`,
        );
      };
      // The folder first: a page that cannot be written is reported before a render is spent on it.
      await mkdir(dirname(page), { recursive: true }).catch((error: unknown) => {
        throw cannotWrite(error);
      });
      const html = await renderReferenceDocs(join(target.outDir, 'openapi.json'), {
        displayPath: `${target.displayDir}/openapi.json`,
      });
      await writeFile(page, banner + html).catch((error: unknown) => {
        throw cannotWrite(error);
      });
    }),
  );
  return stale.map(({ target }) => target.displayDir);
}
