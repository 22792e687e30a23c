/**
 * `npm run generate`: every API's package rebuilt from its spec, all in memory first; only when
 * every selected API succeeded is anything in `generated/` written. APIs whose inputs and
 * generator are unchanged are skipped (their manifest says so), `--check` only reports, and
 * `--watch` repeats the run for the spec that changed.
 *
 * Everything this module imports statically is light: whether a package is stale is decided from
 * the manifests alone, and the build stages (typescript, openapi-typescript, two copies of
 * Redocly: seconds of start-up) are imported only once a package needs building, so a run that
 * finds nothing to do costs little more than starting Node. That decision reads synchronously
 * (here and in the modules it calls): each of its few dozen small reads, awaited one after the
 * other, was a thread-pool round trip that took longer than the read, several times over on a busy
 * machine. The hashes it needs are remembered between runs (`Run.hashes`).
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CHANGE_KINDS, type SpecChange } from '../../changes/types.js';
import type { GenerateContext } from './context.js';
import { displayPathFor } from '../../shared/display.js';
import { readFileOrUndefined } from '../../shared/files.js';
import { refreshReferenceDocs } from '../docs/index.js';
import { describeError, EXIT, exitCodeOf } from '../../shared/exit-codes.js';
import { GenerateError, GenerateErrors, unknownApiError } from '../../shared/errors.js';
import {
  configHasher,
  createManifest,
  generatorHash,
  MANIFEST_FILE,
  packageStatus,
  projectHashes,
  readManifest,
} from './manifest.js';
import type { ApiEntry, BuiltPackage, RunResources } from './build.js';
import { once } from '../../shared/once.js';
import type { FileHashes } from '../../shared/file-hashes.js';
import { createProgress, formatMs, type Progress } from '../../shared/progress.js';
import { API_NAME, listPublished, PUBLISHED_DIR } from './layout.js';
import { checkRegistration } from './registry.js';
import { readConfigFile } from './config-file.js';
import { watchSpecs } from './watch.js';
import { witnessNoop, type NoopWitness } from './noop.js';
import { recoverInterruptedWrites, writePackages, WriteError } from '../write/index.js';
import { listPackageFiles } from '../write/package-folder.js';
import { loadedVersion } from './document-cache-entry.js';
import {
  loadSpec,
  PUBLISHED_VERSIONS,
  TRANSCRIBED_VERSIONS,
  type LoadedSpec,
  type OpenApiVersion,
} from '../load/index.js';

/** Runs the command the context describes; resolves the process exit code. */
export async function handleGenerate(ctx: GenerateContext): Promise<number> {
  if (ctx.mode === 'watch') return watchSpecs(ctx, (apis) => generateOnce({ ...ctx, mode: 'write', apis }));
  return generateOnce(ctx);
}

/** What every step of one run shares. */
interface Run {
  ctx: GenerateContext;
  display: (absolutePath: string) => string;
  /** The selected APIs, in name order. */
  selected: ApiEntry[];
  /** Package folders whose spec is gone (full runs only). */
  orphans: string[];
  /**
   * The generator's hash, computed on first use: a `--force` run needs it only once every spec
   * has loaded, so a spec broken in its first line is reported without hashing the generator.
   */
  generator(): Promise<string>;
  /** An API's `configHash`; redocly.yaml read and parsed once per run. */
  configHash(api: ApiEntry): Promise<string>;
  /** How the files deciding whether a package is fresh are hashed: remembered between runs. */
  hashes: FileHashes;
  progress: Progress;
  started: number;
  /** Whether a package was restored from a run stopped while replacing it. */
  restored: boolean;
  /** Records the run if it finds nothing to do (for the launcher; see `noop.ts`). */
  witness: NoopWitness | undefined;
}

/** One run in `write` or `check` mode. Every problem is reported; the result is the exit code. */
export async function generateOnce(given: GenerateContext): Promise<number> {
  const started = performance.now();
  const witness = given.mode === 'write' && !given.force ? witnessNoop(given) : undefined;
  const ctx = witness === undefined ? given : { ...given, reporter: witness.reporter };
  const hashes = projectHashes(ctx);
  try {
    let restored = false;
    if (ctx.mode !== 'check') {
      // Before anything reads a package: a run killed while swapping may have left one missing.
      const display = displayPathFor(ctx.rootDir);
      for (const dir of await recoverInterruptedWrites(ctx.outDir, { fs: ctx.fs, display })) {
        ctx.reporter.info(`✔ restored ${display(dir)}: a run was stopped while replacing it`);
        restored = true;
      }
    }
    const all = await discoverApis(ctx);
    const selected = selectApis(all, ctx.apis);
    const config = once(() => readConfigFile(ctx.configPath));
    const hasher = once(() => configHasher(ctx, config));
    const run: Run = {
      ctx,
      display: displayPathFor(ctx.rootDir),
      selected,
      orphans: ctx.apis.length === 0 ? await findOrphans(ctx, all) : [],
      generator: once(() => generatorHash(ctx, hashes)),
      configHash: async (api) => (await hasher())(api),
      hashes,
      progress: createProgress(
        ctx.color,
        selected.length,
        selected.map((api) => api.name),
      ),
      started,
      restored,
      witness,
    };
    // The specs and redocly.yaml's `apis` must agree before anything is written or called up to
    // date; when packages are built, after the build, whose config loading reports a redocly.yaml
    // that does not load or validate in its own words.
    const checkRegistered = () => checkRegistration(ctx, all, run.display, config);
    if (ctx.mode === 'check' && !ctx.force) {
      await checkRegistered();
      return await checkManifests(run);
    }
    const outcome = await buildStale(run);
    if (outcome === undefined) return EXIT.findings;
    // A spec that does not load ends the run as it is reported: nothing would be written.
    if (!outcome.stopped) await checkRegistered();
    if (ctx.mode === 'check') return await checkBytes(run, outcome);
    return await writeAll(run, outcome);
  } catch (error) {
    reportError(ctx, error);
    return exitCodeOf(error);
  } finally {
    await hashes.save();
  }
}

/**
 * Every API, sorted by name (not by the file system's order): each top-level `*.yaml` of the specs
 * folder but hidden ones (transcribed), and each folder of `specs/published/` (published).
 */
export async function discoverApis(ctx: GenerateContext): Promise<ApiEntry[]> {
  const display = displayPathFor(ctx.rootDir);
  let entries;
  try {
    entries = readdirSync(ctx.specsDir, { withFileTypes: true });
  } catch (error) {
    throw new GenerateError(
      { file: display(ctx.specsDir) },
      `cannot list the specs: ${(error as Error).message}`,
    );
  }
  const apis: ApiEntry[] = [];
  // Every misplaced or clashing one at once: fixing them one run at a time is slow.
  const problems: GenerateError[] = [];
  const named = (name: string, specPath: string, where: string, kind: ApiEntry['kind']): void => {
    if (!API_NAME.test(name)) {
      problems.push(
        new GenerateError(
          { file: where },
          `"${name}" cannot name an API: use lower-case letters, digits and dashes (it becomes the package name)`,
        ),
      );
      return;
    }
    const clash = apis.find((api) => api.name === name);
    if (clash !== undefined) {
      problems.push(
        new GenerateError(
          { file: where },
          `the API ${name} is also ${display(clash.specPath)}: one name, one API (rename or remove one)`,
        ),
      );
      return;
    }
    apis.push({ name, kind, specPath, outDir: join(ctx.outDir, name) });
  };
  // In name order, so that the problems are reported in the same order on every machine.
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    // Hidden files (`.draft.yaml`, an editor's) are no specs, as for --watch: a maintainer's
    // scratch copy must not fail the run nor become a package.
    if (entry.name.startsWith('.') || !entry.isFile()) continue;
    const specPath = join(ctx.specsDir, entry.name);
    if (entry.name.endsWith('.yml') || entry.name.endsWith('.json')) {
      const misplaced = await misplacedSpec(specPath, display);
      if (misplaced !== undefined) problems.push(misplaced);
    }
    if (!entry.name.endsWith('.yaml')) continue;
    named(basename(entry.name, '.yaml'), specPath, display(specPath), 'transcribed');
  }
  for (const api of await listPublished(ctx.specsDir)) {
    const folder = display(dirname(api.specPath));
    if (api.problem !== undefined) problems.push(new GenerateError({ file: folder }, api.problem));
    else named(api.name, api.specPath, folder, 'published');
  }
  if (problems.length > 0) throw problems.length === 1 ? problems[0]! : new GenerateErrors(problems);
  if (apis.length === 0) {
    throw new GenerateError(
      { file: display(ctx.specsDir) },
      `no APIs found: no *.yaml specs, nor folders in ${PUBLISHED_DIR}/`,
    );
  }
  return apis.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * A top-level `<name>.yml` or `<name>.json` that is an OpenAPI document is an API in the wrong
 * place: Redocly lints it when `redocly.yaml` lists it, but skipping it here would leave it without
 * a package and the run green. Which place depends on who wrote it. A fragment that other specs
 * reference (no top-level `openapi` field) stays one.
 */
async function misplacedSpec(
  path: string,
  display: (absolutePath: string) => string,
): Promise<GenerateError | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const json = path.endsWith('.json');
  if (!(json ? /^\s*\{[\s\S]*?"(openapi|swagger)"\s*:/ : /^(openapi|swagger)\s*:/m).test(text))
    return undefined;
  const name = basename(path).replace(/\.(yml|json)$/, '');
  const transcribed = display(join(dirname(path), `${name}.yaml`));
  const importIt = `import it with \`npm run import -- ${display(path)} --name ${name}\` (it moves to specs/${PUBLISHED_DIR}/${name}/)`;
  return new GenerateError(
    { file: display(path) },
    json
      ? `an OpenAPI document in JSON is read only as a vendor's published one: ${importIt}; a spec we transcribe is ${transcribed}`
      : `not read from here: if it is a vendor's published document, ${importIt}; if we transcribed it, rename it ${transcribed}`,
  );
}

function selectApis(all: ApiEntry[], names: readonly string[]): ApiEntry[] {
  if (names.length === 0) return all;
  const unknown = names.filter((name) => !all.some((api) => api.name === name));
  if (unknown.length > 0) {
    throw unknownApiError(
      unknown,
      all.map((api) => api.name),
    );
  }
  return all.filter((api) => names.includes(api.name));
}

/** Package folders made by this pipeline (they have a manifest) whose spec no longer exists. */
async function findOrphans(ctx: GenerateContext, all: ApiEntry[]): Promise<string[]> {
  let entries;
  try {
    entries = readdirSync(ctx.outDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const orphans: string[] = [];
  for (const entry of entries) {
    // Dot-folders are no packages: the write stage's work folders are named so.
    if (!entry.isDirectory() || entry.name.startsWith('.') || all.some((api) => api.name === entry.name))
      continue;
    if ((await readManifest(join(ctx.outDir, entry.name))) !== undefined) orphans.push(entry.name);
  }
  return orphans.sort();
}

/** `--check`: every selected package against its manifest; nothing is built. */
async function checkManifests(run: Run): Promise<number> {
  let stale = 0;
  for (const [index, api] of run.selected.entries()) {
    const status = await packageStatus(
      api.outDir,
      await identityOf(run, api),
      run.ctx.rootDir,
      run.display(api.specPath),
      run.hashes,
    );
    if (status.fresh) {
      run.ctx.reporter.info(run.progress.line('unchanged', index + 1, api.name, 'up to date'));
    } else {
      stale += 1;
      run.ctx.reporter.info(
        run.progress.line('stale', index + 1, api.name, `stale: ${status.reasons.join('; ')}`),
      );
    }
  }
  return summariseCheck(run, stale);
}

/** `--check --force`: every selected package built in memory and compared byte for byte. */
async function checkBytes(run: Run, { built, failed }: BuildOutcome): Promise<number> {
  if (failed > 0) {
    run.ctx.reporter.error(`✖ ${failed} of ${run.selected.length} failed`);
    return EXIT.findings;
  }
  let stale = 0;
  for (const pkg of built) {
    const { generator, config } = await identityOf(run, pkg.api);
    const differences = await compareWithDisk(pkg, createManifest(generator, config, pkg.inputs, pkg.files));
    if (differences.length > 0) {
      stale += 1;
      run.ctx.reporter.info(`✖ ${pkg.api.name}: ${differences.join('; ')}`);
    }
  }
  return summariseCheck(run, stale);
}

function summariseCheck(run: Run, stale: number): number {
  const { ctx, display, orphans } = run;
  for (const orphan of orphans) {
    ctx.reporter.info(
      `✖ ${display(join(ctx.outDir, orphan))} has no spec any more (${display(join(ctx.specsDir, `${orphan}.yaml`))})`,
    );
  }
  const total = run.selected.length;
  if (stale + orphans.length === 0) {
    ctx.reporter.info(
      `✔ ${plural(total, 'package')} up to date (${formatMs(performance.now() - run.started)})`,
    );
    return EXIT.ok;
  }
  const count = stale + orphans.length;
  ctx.reporter.error(`✖ ${count} package${count === 1 ? ' is' : 's are'} stale: run \`npm run generate\``);
  return EXIT.findings;
}

interface BuildOutcome {
  built: BuiltPackage[];
  failed: number;
  unchanged: number;
  /** A spec did not load: nothing after it was read or built. */
  stopped: boolean;
}

/**
 * Builds, in memory, every selected API whose package is stale (all of them with `--force`),
 * reporting each. `undefined` when the Redocly config does not load or validate, or the runtime
 * does not compile: every API needs both, so that is reported once, not once per API.
 *
 * Every stale spec is loaded first, in order, before the build stages are imported (seconds): the
 * first that is not YAML or not OpenAPI 3.1 is reported at once, and nothing else is read or built,
 * since nothing would be written.
 */
async function buildStale(run: Run): Promise<BuildOutcome | undefined> {
  const { ctx, display, progress } = run;
  const outcome: BuildOutcome = { built: [], failed: 0, unchanged: 0, stopped: false };
  const reportUnchanged = (index: number, api: ApiEntry): void => {
    outcome.unchanged += 1;
    ctx.reporter.info(progress.line('unchanged', index + 1, api.name, 'unchanged'));
  };
  // Each selected API in order: undefined when its package is fresh, else its spec.
  const specs: (LoadedSpec | undefined)[] = [];
  for (const [index, api] of run.selected.entries()) {
    const fresh =
      !ctx.force &&
      (
        await packageStatus(
          api.outDir,
          await identityOf(run, api),
          ctx.rootDir,
          display(api.specPath),
          run.hashes,
        )
      ).fresh;
    try {
      const loadedBefore = (sha256: string) => loadedByThisGenerator(run, api, sha256);
      const hash = (bytes: Buffer) => run.hashes.hashRead(api.specPath, bytes);
      specs.push(
        fresh
          ? undefined
          : await loadSpec(api.specPath, display(api.specPath), versionsOf(api), { loadedBefore, hash }),
      );
    } catch (error) {
      for (const [before, each] of run.selected.slice(0, index).entries()) {
        if (specs[before] === undefined) reportUnchanged(before, each);
      }
      outcome.failed += 1;
      outcome.stopped = true;
      ctx.reporter.info(progress.line('failed', index + 1, api.name, 'does not load'));
      reportError(ctx, error);
      return outcome;
    }
  }

  let stages: Stages | undefined;
  for (const [index, api] of run.selected.entries()) {
    const spec = specs[index];
    if (spec === undefined) {
      reportUnchanged(index, api);
      continue;
    }
    const apiStarted = performance.now();
    const { buildPackage, resources } = (stages ??= await loadStages(run));
    // What every API needs: reported once if broken, not once per API.
    const shared: [string, () => Promise<unknown>][] = [
      [`${display(ctx.configPath)} does not load`, resources.redoclyConfig],
      ['the runtime does not compile', resources.runtime],
    ];
    for (const [what, load] of shared) {
      try {
        await load();
      } catch (error) {
        reportError(ctx, error);
        ctx.reporter.error(`✖ ${what}: nothing in ${display(ctx.outDir)}/ was changed`);
        return undefined;
      }
    }
    try {
      const pkg = await buildPackage(api, resources, spec);
      outcome.built.push(pkg);
      ctx.reporter.info(
        progress.line(
          'ok',
          index + 1,
          api.name,
          `${releaseNote(pkg.release)}(${formatMs(performance.now() - apiStarted)})`,
        ),
      );
      for (const note of pkg.notes) ctx.reporter.info(`  ${note}`);
      for (const warning of pkg.warnings) ctx.reporter.info(warning);
    } catch (error) {
      outcome.failed += 1;
      ctx.reporter.info(
        progress.line('failed', index + 1, api.name, `(${formatMs(performance.now() - apiStarted)})`),
      );
      reportError(ctx, error);
    }
  }
  return outcome;
}

/**
 * What the build means for the package's consumers, before its time: `1.0.0 → 2.0.0: 1 breaking,
 * 2 documentation `, `2.0.0 → 2.0.1: 3 files changed by the generator `, or `new at 1.0.0 `;
 * nothing when the version stays. Without it a major bump looked like any other run, and only
 * `git diff` showed it.
 */
export function releaseNote(release: BuiltPackage['release']): string {
  if (release.from === undefined) return `new at ${release.version} `;
  if (release.from === release.version) return '';
  const words: Record<SpecChange['kind'], string> = {
    breaking: 'breaking',
    additive: 'additive',
    docs: 'documentation',
  };
  const counts = CHANGE_KINDS.map(
    (kind) => [kind, release.changes.filter((c) => c.kind === kind).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${words[kind]}`);
  const files = release.shippedFiles?.length ?? 0;
  if (files > 0) counts.push(`${files} file${files === 1 ? '' : 's'} changed by the generator`);
  return `${release.from} → ${release.version}: ${counts.join(', ')} `;
}

/**
 * Whether the API's package was built from a spec with these bytes by this generator, whose loader
 * then read it without a problem. Its manifest is read first: the generator is hashed only when the
 * bytes match (not for a spec just broken).
 */
async function builtByThisGenerator(run: Run, api: ApiEntry, sha256: string): Promise<boolean> {
  const manifest = await readManifest(api.outDir);
  return (
    manifest?.inputs[run.display(api.specPath)] === sha256 && manifest.generator === (await run.generator())
  );
}

/**
 * The version in which these bytes of the API's spec loaded before, by this generator: its
 * package's manifest records them (a kind read in one version), or `import` kept what it made of
 * them (a published document, read in either).
 */
async function loadedByThisGenerator(
  run: Run,
  api: ApiEntry,
  sha256: string,
): Promise<OpenApiVersion | undefined> {
  const versions = versionsOf(api);
  if (versions.length === 1 && (await builtByThisGenerator(run, api, sha256))) return versions[0];
  return api.kind === 'published'
    ? loadedVersion(run.ctx.cacheDir, api.name, await run.generator(), sha256)
    : undefined;
}

/** The OpenAPI versions an API's kind is read in (as `prepareDocument` would load it). */
function versionsOf(api: ApiEntry): readonly OpenApiVersion[] {
  return api.kind === 'published' ? PUBLISHED_VERSIONS : TRANSCRIBED_VERSIONS;
}

interface Stages {
  buildPackage: (typeof import('./build.js'))['buildPackage'];
  resources: RunResources;
}

/** The build stages, imported when the first package needs building (see the module comment). */
async function loadStages(run: Run): Promise<Stages> {
  const { buildPackage, createRunResources } = await import('./build.js');
  return { buildPackage, resources: createRunResources(run.ctx, run.display, await run.generator()) };
}

/** Writes every built package, but only when none failed; removes orphaned packages. */
async function writeAll(run: Run, { built, failed, unchanged }: BuildOutcome): Promise<number> {
  const { ctx, display } = run;
  if (failed > 0) {
    ctx.reporter.error(
      `✖ ${failed} of ${plural(run.selected.length, 'API')} failed: nothing in ${display(ctx.outDir)}/ was changed`,
    );
    return EXIT.findings;
  }
  const writes = [];
  for (const pkg of built) {
    const { generator, config } = await identityOf(run, pkg.api);
    const manifest = createManifest(generator, config, pkg.inputs, pkg.files);
    writes.push({ dir: pkg.api.outDir, files: new Map([...pkg.files, [MANIFEST_FILE, manifest]]) });
  }
  let result;
  try {
    result = await writePackages(
      ctx.outDir,
      writes,
      run.orphans.map((orphan) => join(ctx.outDir, orphan)),
      { fs: ctx.fs, display },
    );
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    ctx.reporter.error(
      error.undoFailed === undefined
        ? `✖ ${error.message}: nothing in ${display(ctx.outDir)}/ was changed`
        : `✖ ${error.message}; undoing the packages already replaced failed too (${error.undoFailed}): ` +
            `some are new, some old; the next \`npm run generate\` puts that right`,
    );
    return EXIT.findings;
  }
  for (const dir of result.removed) ctx.reporter.info(`✔ removed ${display(dir)}: its spec is gone`);
  let rendered: string[] = [];
  if (ctx.docs) {
    const docsStarted = performance.now();
    rendered = await refreshReferenceDocs(
      run.selected.map((api) => ({ outDir: api.outDir, displayDir: display(api.outDir) })),
    );
    if (rendered.length > 0) {
      ctx.reporter.info(
        `✔ reference docs: ${rendered.map((dir) => `${dir}/docs/index.html`).join(', ')} (${formatMs(performance.now() - docsStarted)})`,
      );
    }
  }
  const { filesWritten: written, filesRemoved: removed } = result;
  const files =
    written + removed === 0 ? 'no file changed' : `${plural(written, 'file')} written, ${removed} removed`;
  const summary = `✔ ${built.length} generated, ${unchanged} unchanged; ${files}`;
  ctx.reporter.info(`${summary} (${formatMs(performance.now() - run.started)})`);
  // Nothing built, removed, restored or rendered: the launcher may answer the same run from now on.
  if (built.length === 0 && result.removed.length === 0 && rendered.length === 0 && !run.restored)
    await run.witness?.record(summary, run.selected);
  return EXIT.ok;
}

/** What a package's manifest must record to be fresh: the generator, and the config as it applies to the API. */
async function identityOf(
  run: Run,
  api: ApiEntry,
): Promise<{ generator: string; config: string; configFile: string }> {
  return {
    generator: await run.generator(),
    config: await run.configHash(api),
    configFile: run.display(run.ctx.configPath),
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What differs between a freshly built package and its folder: for `--check --force`. */
async function compareWithDisk(pkg: BuiltPackage, manifest: Buffer): Promise<string[]> {
  const wanted = new Map([...pkg.files, [MANIFEST_FILE, manifest]]);
  const differences: string[] = [];
  for (const [file, bytes] of wanted) {
    const current = readFileOrUndefined(join(pkg.api.outDir, file));
    if (current === undefined) differences.push(`${file} is missing`);
    else if (!current.equals(bytes)) differences.push(`${file} differs`);
  }
  for (const file of await listPackageFiles(pkg.api.outDir)) {
    if (!wanted.has(file)) differences.push(`${file} is not generated`);
  }
  return differences;
}

function reportError(ctx: GenerateContext, error: unknown): void {
  if (error instanceof GenerateErrors) for (const each of error.errors) ctx.reporter.error(each.message);
  else if (error instanceof WriteError) ctx.reporter.error(`✖ ${error.message}`);
  else ctx.reporter.error(describeError(error));
}
