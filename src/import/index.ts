/**
 * `npm run import -- <file or URL> --name <api> [--overlay <file>]`: brings a vendor's published
 * OpenAPI document in as `specs/published/<api>/` (see `layout.ts`), or replaces the one there.
 *
 * The document is checked first as `generate` will read it, with its overlays and the `apis` entry
 * it will have: load, bundle, lint under the `published` preset, upgrade, the API model. Whatever
 * fails is reported at its file:line (the user's file, as given) and nothing is written. Then it
 * prints what `npm run generate -- <api>` will do (for a replaced document, `npm run diff`'s report
 * against the package), and writes the folder and the entry, whole or not at all. Generating is
 * left to `generate`, after the report has been read.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { ApiModel } from '../model/types.js';
import { loadRedoclyConfig } from '../pipeline/bundle/index.js';
import type { GenerateContext } from '../pipeline/orchestration/context.js';
import { generatedSpec, printChangeReport } from '../pipeline/orchestration/diff.js';
import {
  documentCache,
  loadPublished,
  prepareDocument,
  type PreparedDocument,
} from '../pipeline/orchestration/document.js';
import { rememberedGeneratorHash } from '../pipeline/orchestration/manifest.js';
import type { LoadedSpec } from '../pipeline/load/index.js';
import {
  API_NAME,
  listPublished,
  OVERLAYS_DIR,
  publishedDir,
  SOURCE_RECORD,
  type ApiLocation,
} from '../pipeline/orchestration/layout.js';
import { FIRST_VERSION } from '../pipeline/release/index.js';
import { displayPathFor } from '../shared/display.js';
import { GenerateError, GenerateErrors, UsageError, UserError } from '../shared/errors.js';
import { EXIT, exitCodeOf } from '../shared/exit-codes.js';
import { exists } from '../shared/files.js';
import { sha256 } from '../shared/hash.js';
import { prepareThread, worthAThread } from '../shared/worker.js';
import { entryRoot, listedOverlays, withPublishedEntry } from './config-entry.js';
import { readSource } from './source.js';
import { writeImport } from './write.js';

export interface ImportArgs {
  /** The document: a path (relative to `cwd`) or an http(s) URL. */
  source: string;
  name: string;
  /** An overlay to apply from now on: a path relative to `cwd`. */
  overlay?: string;
  /** Where `npm run` was typed. */
  cwd: string;
}

/** What `source.json` records. */
export interface SourceRecord {
  /** The path or URL the document was imported from, as given. */
  source: string;
  /** sha256 of the document's bytes, hex. */
  sha256: string;
  /** When it was imported (ISO 8601). */
  imported: string;
  /** Its file in the folder: `openapi.json` or `openapi.yaml`. */
  document: string;
}

export async function handleImport(args: ImportArgs, ctx: GenerateContext): Promise<number> {
  const display = displayPathFor(ctx.rootDir);
  const configDisplay = display(ctx.configPath);
  const { name } = args;
  await checkName(name, ctx, display);
  const configText = await readFile(ctx.configPath, 'utf8').catch((error: Error) => {
    throw new UsageError(configDisplay, `cannot read it: ${error.message.replace(/, open '.*'$/, '')}`);
  });
  const dir = publishedDir(ctx.specsDir, name);
  const current = (await listPublished(ctx.specsDir)).find(
    (api) => api.name === name && api.problem === undefined,
  );
  const source = await readSource(args.source, args.cwd);
  const overlayPath = args.overlay === undefined ? undefined : resolveFrom(args.cwd, args.overlay);
  if (overlayPath !== undefined && !(await exists(overlayPath))) {
    throw new UsageError('--overlay', `${args.overlay} does not exist`);
  }
  if (current !== undefined && overlayPath === undefined) {
    const now = await readFile(current.specPath).catch(() => undefined);
    if (now !== undefined && now.equals(source.bytes)) {
      ctx.reporter.info(
        `${display(current.specPath)} is already this document (sha256 ${sha256(source.bytes)}): nothing to import.`,
      );
      return EXIT.ok;
    }
  }

  // A large document is linted in a thread of its own (`lint-thread.ts`): started now (a file's as
  // the command started, a download's now), it loads its modules and the lint's while this one
  // loads, checks and bundles the document.
  if (worthAThread(source.bytes.length)) prepareThread('lint-published');

  // The overlays the entry will list, in order: those it lists now, the given one last (or in the
  // place of the one it replaces).
  const configDir = resolve(ctx.configPath, '..');
  const overlays = listedOverlays(configText, name).map((overlay) => resolve(configDir, overlay));
  if (overlayPath !== undefined) {
    const target = join(dir, OVERLAYS_DIR, basename(overlayPath));
    if (!overlays.includes(target)) overlays.push(target);
  }
  const documentFile = `openapi.${source.format}`;
  const scratch = await mkdtemp(join(tmpdir(), 'import-'));
  try {
    // The check reads the document from a scratch copy and the new overlay where it is; messages
    // name both as the user gave them.
    const candidate = join(scratch, documentFile);
    await writeFile(candidate, source.bytes);
    const checkedOverlays = overlays.map((overlay) =>
      overlayPath !== undefined && overlay === join(dir, OVERLAYS_DIR, basename(overlayPath))
        ? overlayPath
        : overlay,
    );
    const checkDisplay = (path: string): string =>
      path === candidate ? args.source : path === overlayPath ? (args.overlay ?? path) : display(path);
    const config = await loadRedoclyConfig(
      ctx.configPath,
      configDisplay,
      withPublishedEntry(configText, configDisplay, name, { root: candidate, overlays: checkedOverlays }),
    );
    const api: ApiLocation = { name, kind: 'published', specPath: candidate };
    const refused = (error: unknown, hint: string): number => {
      if (!(error instanceof UserError)) throw error;
      ctx.reporter.error(error.message);
      ctx.reporter.error(
        `✖ ${args.source} was not ${current === undefined ? 'imported' : 'imported over the current one'}: nothing in ` +
          `${display(ctx.specsDir)}/ or ${configDisplay} changed.${hint}`,
      );
      return exitCodeOf(error);
    };
    let loaded: LoadedSpec;
    try {
      loaded = await loadPublished(api, checkDisplay);
    } catch (error) {
      // Not an OpenAPI 3.0 or 3.1 document at all: no overlay fixes that.
      return refused(error, '');
    }
    let prepared: PreparedDocument;
    let model: ApiModel;
    try {
      prepared = await prepareDocument(
        api,
        {
          config: async () => config,
          configPath: ctx.configPath,
          display: checkDisplay,
          // What `generate` reads next instead of bundling, linting and upgrading it again.
          cache: documentCache(ctx, await rememberedGeneratorHash(ctx)),
        },
        loaded,
      );
      model = await prepared.model();
    } catch (error) {
      // A problem of the vendor's document (not of an overlay) is ours to fix with an overlay.
      const places = error instanceof GenerateErrors ? error.errors : [error];
      const inDocument = places.every(
        (place) => place instanceof GenerateError && place.where?.file === args.source,
      );
      return refused(
        error,
        inDocument
          ? " A vendor's document is fixed with an overlay: " +
              `\`npm run import -- ${args.source} --name ${name} --overlay <file>\` (README, "Published APIs")`
          : '',
      );
    }

    const documentPath = join(dir, documentFile);
    ctx.reporter.info(
      `${args.source}: OpenAPI ${prepared.spec.version} in ${source.format.toUpperCase()}, ` +
        `${formatBytes(source.bytes.length)}, ${plural(model.operations.length, 'operation')}, sha256 ${prepared.spec.sha256}`,
    );
    for (const note of prepared.notes) ctx.reporter.info(`  ${note}`);
    const packageDir = join(ctx.outDir, name);
    const packaged = await exists(join(packageDir, 'openapi.json'));
    if (packaged) {
      ctx.reporter.info('');
      await printChangeReport(ctx, {
        api: name,
        base: await generatedSpec(ctx, name, display),
        after: prepared.document,
        afterPath: documentPath,
        display,
      });
    }

    const record: SourceRecord = {
      source: args.source,
      sha256: prepared.spec.sha256,
      imported: new Date().toISOString(),
      document: documentFile,
    };
    const files = new Map<string, Buffer>([
      [documentFile, source.bytes],
      [SOURCE_RECORD, Buffer.from(`${JSON.stringify(record, null, 2)}\n`)],
    ]);
    if (overlayPath !== undefined) {
      files.set(`${OVERLAYS_DIR}/${basename(overlayPath)}`, await readFile(overlayPath));
    }
    const relativeToConfig = (path: string) => relative(configDir, path).split('\\').join('/');
    await writeImport({
      dir,
      files,
      remove:
        current !== undefined && basename(current.specPath) !== documentFile
          ? [basename(current.specPath)]
          : [],
      configPath: ctx.configPath,
      configText: withPublishedEntry(configText, configDisplay, name, {
        root: relativeToConfig(documentPath),
        overlays: overlays.map(relativeToConfig),
      }),
    });

    ctx.reporter.info(
      `\n✔ wrote ${display(documentPath)}, ${display(join(dir, SOURCE_RECORD))}` +
        `${overlayPath === undefined ? '' : `, ${display(join(dir, OVERLAYS_DIR, basename(overlayPath)))}`}; ` +
        `${configDisplay}: apis.${name}`,
    );
    ctx.reporter.info(nextStep(name, ctx, display, packaged, model));
    return EXIT.ok;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** A name an API can take: a package name, not a transcribed API's, not another entry's. */
async function checkName(
  name: string,
  ctx: GenerateContext,
  display: (path: string) => string,
): Promise<void> {
  if (!API_NAME.test(name)) {
    throw new UsageError(
      '--name',
      `"${name}" cannot name an API: use lower-case letters, digits and dashes (it becomes the package name @${ctx.packageScope.replace(/^@/, '')}/${name})`,
    );
  }
  const transcribed = join(ctx.specsDir, `${name}.yaml`);
  if (await exists(transcribed)) {
    throw new UsageError(
      '--name',
      `${name} is the transcribed API ${display(transcribed)}: one name, one API; import under another name`,
    );
  }
  const text = await readFile(ctx.configPath, 'utf8').catch(() => '');
  const root = entryRoot(text, name);
  if (root !== undefined) {
    const expected = publishedDir(ctx.specsDir, name);
    const rootPath = resolve(ctx.configPath, '..', root);
    if (relative(expected, rootPath).startsWith('..') || isAbsolute(relative(expected, rootPath))) {
      throw new UsageError(
        '--name',
        `${display(ctx.configPath)} has apis.${name} for ${root} already: one name, one API; import under another name`,
      );
    }
  }
}

function nextStep(
  name: string,
  ctx: GenerateContext,
  display: (path: string) => string,
  packaged: boolean,
  model: ApiModel,
): string {
  const packageDir = display(join(ctx.outDir, name));
  if (packaged) {
    return `Next: \`npm run generate -- ${name}\` rewrites ${packageDir}/ from it, at the version above.`;
  }
  const operations = model.operations.map((operation) => operation.operationId);
  const shown =
    operations.slice(0, 5).join(', ') + (operations.length > 5 ? `, … (${operations.length})` : '');
  const credentials = model.credentials.map((credential) => credential.name);
  return (
    `Next: \`npm run generate -- ${name}\` creates ${packageDir}/, ${ctx.packageScope}/${name} ${FIRST_VERSION}: ` +
    `${plural(operations.length, 'operation')} (${shown || 'none'}); credentials: ${credentials.join(', ') || 'none'}.`
  );
}

function resolveFrom(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function formatBytes(bytes: number): string {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
