/**
 * `npm run diff -- <api> [--base <git ref>]`: what regenerating the API would report, without
 * writing anything. The spec in the working tree (a published API's document with its overlays) is
 * compared with the one its package was last generated from (`generated/<api>/openapi.json`), or
 * with a transcribed spec as it was at a git ref. `npm run import` prints the same report.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { classifyChanges, formatChangeReport, nextVersion } from '../../changes/index.js';
import { BaseResolver, type Config } from '@redocly/openapi-core';
import { displayPathFor } from '../../shared/display.js';
import { bundleSpec, loadRedoclyConfig } from '../bundle/index.js';
import type { GenerateContext } from './context.js';
import { reservedTypeNames } from '../emit/client.js';
import { GenerateError, unknownApiError, UsageError } from '../../shared/errors.js';
import { discoverApis } from './generate.js';
import { prepareDocument } from './document.js';
import { loadSpec } from '../load/index.js';
import { lintFailureOf } from '../lint/index.js';
import type { JsonObject } from '../../shared/openapi.js';
import { FIRST_VERSION } from '../release/index.js';
import { rememberedGeneratorHash } from './manifest.js';
import { exists } from '../../shared/files.js';
import { withReleaseFiles } from './release-findings.js';
import { EXIT } from '../../shared/exit-codes.js';

export interface DiffArgs {
  api: string;
  /** A git ref to compare with, instead of the spec the package was generated from. */
  base?: string;
}

const run = promisify(execFile);

/** Prints the report; resolves the exit code (0 whether or not anything changed). */
export async function handleDiff(args: DiffArgs, ctx: GenerateContext): Promise<number> {
  const display = displayPathFor(ctx.rootDir);
  // The APIs `generate` knows, so a typo gets the same list of names as there, and a path that is
  // no API (`history/cozmo-1.0.0`) is refused rather than compared with a package that cannot exist.
  const apis = await discoverApis(ctx);
  const api = apis.find((each) => each.name === args.api);
  if (api === undefined)
    throw unknownApiError(
      [args.api],
      apis.map((each) => each.name),
    );
  if (api.kind === 'published' && args.base !== undefined) {
    throw new UsageError(
      '--base',
      `compares a transcribed spec with its history in git; ${api.name} is published: diff compares ` +
        'its document with its package, and `npm run import` of a newer document prints the same report',
    );
  }
  const specPath = api.specPath;
  const config = await loadRedoclyConfig(ctx.configPath, display(ctx.configPath));
  let after: JsonObject;
  if (api.kind === 'published') {
    // Lint comes first here: a published document that fails it is refused before any report.
    after = (await prepareDocument(api, { config: async () => config, configPath: ctx.configPath, display }))
      .document;
  } else {
    // The generator's loader first: it reports YAML errors, duplicate keys and empty files as
    // `file:line:column`, where Redocly's bundler throws js-yaml's exception.
    await loadSpec(specPath, display(specPath));
    after = (await bundleSpec(specPath, config, display)).document;
  }
  const packageDir = join(ctx.outDir, args.api);
  if (!args.base && !(await exists(packageDir))) {
    // A new API: nothing to compare with, and nothing wrong (it was an ENOENT error and exit 1).
    ctx.reporter.info(
      `${display(specPath)} has no package yet: \`npm run generate\` creates ${display(packageDir)}, ` +
        `starting at ${FIRST_VERSION}` +
        (api.kind === 'transcribed'
          ? ` (replaying specs/history/${args.api}-<version>.yaml, if there are any).`
          : '.'),
    );
    return EXIT.ok;
  }
  const base = args.base
    ? await specAtRef(ctx, config, args.api, args.base)
    : await generatedSpec(ctx, args.api, display);
  await printChangeReport(ctx, { api: args.api, base, after, afterPath: specPath, display });
  if (api.kind === 'published') return EXIT.ok;
  // After the report, which stays useful while a spec is being edited: the version above is only
  // what `generate` would give a spec it accepts.
  const lintFailure = await lintFailureOf(
    specPath,
    ctx.configPath,
    new BaseResolver(config.resolve),
    display,
  );
  if (lintFailure) {
    ctx.reporter.info(
      `\n${display(specPath)} fails lint: \`npm run generate\` refuses it until this is fixed.`,
    );
    throw lintFailure;
  }
  return EXIT.ok;
}

/**
 * Prints what regenerating would mean for the package's consumers: each change of `after` (the
 * document at `afterPath`) from `base`, classified, then the version it leads to (which may fail,
 * naming the package.json to fix, after the report).
 */
export async function printChangeReport(
  ctx: GenerateContext,
  {
    api,
    base,
    after,
    afterPath,
    display,
  }: {
    api: string;
    base: Base;
    after: JsonObject;
    afterPath: string;
    display: (path: string) => string;
  },
): Promise<void> {
  const packageDir = join(ctx.outDir, api);
  // The runtime's exports are names the spec's types cannot take (see `reservedTypeNames`): the
  // runtime as `generate` compiles it, read from its cache rather than transpiled again (a second
  // of CPU cold, a tenth warm).
  const { createRunResources } = await import('./build.js');
  const runtime = await createRunResources(ctx, display, await rememberedGeneratorHash(ctx)).runtime();
  const releaseFiles = {
    before: base.version === undefined ? base.label : display(join(packageDir, 'openapi.json')),
    after: display(afterPath),
    packageJson: display(join(packageDir, 'package.json')),
    changelog: display(join(packageDir, 'CHANGELOG.md')),
  };
  const classify = { reservedTypeNames: reservedTypeNames(api, runtime) };
  const changes = withReleaseFiles(releaseFiles, () => classifyChanges(base.document, after, classify));
  ctx.reporter.info(`${display(afterPath)} compared with ${base.label}:\n`);
  ctx.reporter.info(formatChangeReport(changes).trimEnd());
  const { version } = base;
  if (version) {
    const next = withReleaseFiles(releaseFiles, () => nextVersion(version, changes));
    ctx.reporter.info(`\nPackage version: ${version} → ${next}`);
  }
}

export interface Base {
  document: JsonObject;
  label: string;
  /** The package's version, when the base is the package. */
  version?: string;
}

async function specAtRef(ctx: GenerateContext, config: Config, api: string, ref: string): Promise<Base> {
  // The whole specs folder at that ref, so a spec split over several files bundles as it was.
  const scratch = await mkdtemp(join(tmpdir(), 'spec-diff-'));
  try {
    const folder = relative(ctx.rootDir, ctx.specsDir).split('\\').join('/');
    await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: ctx.rootDir }).catch(
      () => {
        throw new UsageError('--base', `"${ref}" is not a git ref of this repository`);
      },
    );
    // Asked first: `git archive` of a folder the commit does not have fails with git's and tar's
    // own words.
    await run('git', ['cat-file', '-e', `${ref}:./${folder}/${api}.yaml`], { cwd: ctx.rootDir }).catch(() => {
      throw new UsageError('--base', `${folder}/${api}.yaml did not exist at git ref "${ref}"`);
    });
    const extract = `git archive --format=tar "$1" -- "$2" | tar -x -C "$3"`;
    await run('sh', ['-c', extract, 'sh', ref, folder, scratch], { cwd: ctx.rootDir }).catch(
      (error: { stderr?: string }) => {
        throw new UsageError(
          '--base',
          `cannot read ${folder}/ at git ref "${ref}": ${String(error.stderr ?? error).trim()}`,
        );
      },
    );
    const old = join(scratch, folder, `${api}.yaml`);
    const atRef = (path: string) => `${ref}:${relative(scratch, path).split('\\').join('/')}`;
    await loadSpec(old, atRef(old));
    const bundled = await bundleSpec(old, config, atRef);
    return { document: bundled.document, label: `${folder}/${api}.yaml at ${ref}` };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function generatedSpec(
  ctx: GenerateContext,
  api: string,
  display: (path: string) => string,
): Promise<Base> {
  const dir = join(ctx.outDir, api);
  const read = async (file: string): Promise<JsonObject> => {
    try {
      return JSON.parse(await readFile(join(dir, file), 'utf8')) as JsonObject;
    } catch (error) {
      // Node's message ends with the absolute path ("…, open '/home/…'"): the file is named already.
      const reason = (error as Error).message.replace(/, open '.*'$/, '');
      throw new GenerateError(
        { file: display(join(dir, file)) },
        `cannot read the package's ${file} (${reason}); generate it first, or pass --base <git ref>`,
      );
    }
  };
  const document = await read('openapi.json');
  const version = (await read('package.json'))['version'];
  return {
    document,
    label: `the spec ${display(dir)} was generated from`,
    ...(typeof version === 'string' ? { version } : {}),
  };
}
