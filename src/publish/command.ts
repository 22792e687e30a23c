/**
 * `npm run release`: publishes every package of `generated/` whose version the registry lacks,
 * and tags each release in git. First every package is checked, and nothing is published while
 * one is refused: a stale folder, or a version the registry holds with other contents. Then the
 * rest are published, each by `npm publish` with the user's npm configuration, and each release
 * the registry now holds is tagged (`tags.ts`). A run that stops half way leaves the registry
 * holding some versions with the folder's contents: the next run finds them published, publishes
 * the rest and tags what is not tagged yet.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandIo } from '../shared/command-io.js';
import { UsageError } from '../shared/errors.js';
import { EXIT } from '../shared/exit-codes.js';
import { createProgress, type Status } from '../shared/progress.js';
import type { ReleaseContext } from './context.js';
import {
  describeFailure,
  npmRunner,
  publish,
  registryFlags,
  type NpmFailure,
  type PackedPackage,
} from './npm.js';
import { folderPacker, type PackFolders } from './pack.js';
import { findPackages, type ReleaseCandidate } from './packages.js';
import { contentDifferences, planPackage, type Plan } from './plan.js';
import {
  downloadTarball,
  loadNpmOptions,
  registryDist,
  registryOf,
  type NpmOptions,
  type PublishedVersion,
} from './registry.js';
import { tagReleases, type TagOutcome } from './tags.js';
import { readTarball } from './tarball.js';

/** What happened to one package. */
type Outcome =
  | { kind: 'refused'; reason: string }
  | { kind: 'held back' }
  | { kind: 'published' | 'would publish'; tag: TagOutcome }
  /** No tag when a refusal stopped the run before tagging. */
  | { kind: 'in the registry'; tag?: TagOutcome }
  | { kind: 'not published'; failure: NpmFailure };

export async function handleRelease(ctx: ReleaseContext, io: CommandIo): Promise<number> {
  const started = performance.now();
  await refuseTokenInRepository(ctx.root);
  const candidates = await findPackages(ctx.root, ctx.apis);
  // The command honours `npm run release --dry-run` itself; its npm calls must not inherit it.
  const { npm_config_dry_run: _dryRun, ...env } = io.env;
  const npm = npmRunner(ctx.root, env);
  const scopes = [
    ...new Set(candidates.flatMap((c) => (c.name.startsWith('@') ? [c.name.split('/')[0]!] : []))),
  ];
  const flags = registryFlags(ctx.registry, scopes);
  const options = await loadNpmOptions(ctx.root, env, flags);
  const registry = registryOf(options, scopes[0]);
  const plans = await planRelease(candidates, folderPacker(npm, env, options, flags), options);
  // Without what sits before an `@` in it: a password there must not be printed.
  const shown = registry.replace(/\/\/[^/]*@/, '//…@');
  io.stdout(`Registry: ${shown}${ctx.dryRun ? ' (dry run: nothing is published or tagged)' : ''}\n`);
  const outcomes = plans.some((plan) => plan.action === 'refuse')
    ? plans.map((plan): Outcome => {
        if (plan.action === 'refuse') return { kind: 'refused', reason: plan.reason };
        return plan.action === 'publish' ? { kind: 'held back' } : { kind: 'in the registry' };
      })
    : await carryOut(ctx, candidates, plans, (dir) => publish(npm, dir, publishFlags(ctx, flags)));
  report(ctx, io, candidates, outcomes, started);
  const incomplete = outcomes.some(
    (outcome) =>
      outcome.kind === 'refused' ||
      outcome.kind === 'not published' ||
      ('tag' in outcome && outcome.tag?.state === 'pending'),
  );
  return incomplete ? EXIT.findings : EXIT.ok;
}

/**
 * What to do with each package: the registry's copy of its version and the folder's tarball
 * compared (`planPackage`). The registry is asked first, in-process, then npm's packer packs only
 * the folders whose version it holds, in one call (`folderPacker`): a version it lacks needs no
 * tarball of ours to compare (`npm publish` packs the folder itself), so a release of new versions
 * packs nothing.
 */
export async function planRelease(
  candidates: readonly ReleaseCandidate[],
  pack: PackFolders,
  options: NpmOptions,
): Promise<Plan[]> {
  const fresh = candidates.filter((c) => c.stale.length === 0);
  const published = await Promise.all(fresh.map((c) => registryDist(options, c.name, c.version)));
  const compared = fresh.filter((_, index) => published[index] !== undefined);
  const packed = compared.length === 0 ? [] : await pack(compared.map((c) => c.dir));
  return Promise.all(
    candidates.map((candidate) => {
      const index = fresh.indexOf(candidate);
      const tarball = packed[compared.indexOf(candidate)];
      return planPackage({
        displayDir: candidate.displayDir,
        spec: `${candidate.name}@${candidate.version}`,
        stale: candidate.stale,
        published: published[index],
        packed: tarball ?? {},
        differences: () => publishedDifferences(candidate, tarball!, options, published[index]!),
      });
    }),
  );
}

/**
 * Publishes what the plans say (all at once, each on its own), then tags every release the
 * registry now holds with the folder's contents; with `--dry-run`, says what it would do.
 */
async function carryOut(
  ctx: ReleaseContext,
  candidates: readonly ReleaseCandidate[],
  plans: readonly Plan[],
  publishFolder: (dir: string) => ReturnType<typeof publish>,
): Promise<Outcome[]> {
  const published = await Promise.all(
    candidates.map((candidate, index) =>
      plans[index]!.action === 'publish' && !ctx.dryRun ? publishFolder(candidate.dir) : undefined,
    ),
  );
  const released = candidates.filter((_, index) => published[index]?.ok !== false);
  const tags = await tagReleases(ctx.root, released, ctx.dryRun);
  return candidates.map((candidate, index): Outcome => {
    const result = published[index];
    if (result !== undefined && !result.ok) return { kind: 'not published', failure: result.failure };
    const tag = tags[released.indexOf(candidate)]!;
    if (plans[index]!.action === 'published') return { kind: 'in the registry', tag };
    return { kind: ctx.dryRun ? 'would publish' : 'published', tag };
  });
}

/** The published package's files against the folder's (those `npm pack` would pack), one by one. */
async function publishedDifferences(
  candidate: ReleaseCandidate,
  packed: PackedPackage,
  options: NpmOptions,
  published: PublishedVersion,
): Promise<string[]> {
  const spec = `${candidate.name}@${candidate.version}`;
  const theirs = readTarball(await downloadTarball(options, spec, published));
  const mine = new Map<string, Buffer>();
  for (const file of packed.files) mine.set(file, await readFile(join(candidate.dir, file)));
  return contentDifferences(mine, theirs);
}

function publishFlags(ctx: ReleaseContext, flags: readonly string[]): string[] {
  return [...flags, ...(ctx.provenance ? ['--provenance'] : [])];
}

/** A line per package, then what the run did, what it left undone, and the tags to push. */
function report(
  ctx: ReleaseContext,
  io: CommandIo,
  candidates: readonly ReleaseCandidate[],
  outcomes: readonly Outcome[],
  started: number,
): void {
  const progress = createProgress(
    ctx.color,
    candidates.length,
    candidates.map((c) => c.api),
  );
  const line = (text: string) => io.stdout(`${text}\n`);
  for (const [index, candidate] of candidates.entries()) {
    const [status, detail] = describeOutcome(`${candidate.name}@${candidate.version}`, outcomes[index]!);
    line(progress.line(status, index + 1, candidate.api, detail));
  }
  const count = (kind: Outcome['kind']) => outcomes.filter((outcome) => outcome.kind === kind).length;
  const refused = count('refused');
  if (refused > 0) {
    io.stderr(`✖ ${refused} package${refused === 1 ? ' is' : 's are'} refused: nothing was published\n`);
    return;
  }
  const seconds = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const already = `${count('in the registry')} in the registry already`;
  line(
    ctx.dryRun
      ? `${progress.paint('ok', '✔')} dry run: ${count('would publish')} would be published, ${already}; nothing was published or tagged (${seconds})`
      : `${progress.paint('ok', '✔')} ${count('published')} published, ${already} (${seconds})`,
  );
  const failed = count('not published');
  if (failed > 0) {
    io.stderr(
      `✖ ${failed} not published: run \`npm run release\` again once the registry takes ${failed === 1 ? 'it' : 'them'}\n`,
    );
  }
  const tags = outcomes.flatMap((outcome) => ('tag' in outcome && outcome.tag ? [outcome.tag] : []));
  const created = tags.filter((tag) => tag.state === 'created').map((tag) => tag.tag);
  if (created.length > 0) {
    line(
      `${progress.paint('ok', '✔')} tagged ${created.join(', ')} on HEAD: push with \`git push origin ${created.join(' ')}\``,
    );
  }
  const pending = tags.filter((tag) => tag.state === 'pending').length;
  if (pending > 0)
    io.stderr(`✖ ${pending} release${pending === 1 ? ' is' : 's are'} not tagged (see above)\n`);
}

function describeOutcome(spec: string, outcome: Outcome): [Status, string] {
  switch (outcome.kind) {
    case 'refused':
      return ['failed', `refused: ${outcome.reason}`];
    case 'held back':
      return ['unchanged', `${spec} not published: a package is refused`];
    case 'not published':
      return ['failed', `${spec} not published: ${describeFailure(outcome.failure)}`];
    case 'published':
      return ['ok', `${spec} published${tagNote(outcome.tag)}`];
    case 'would publish':
      return ['ok', `${spec} would be published${tagNote(outcome.tag)}`];
    case 'in the registry':
      return [
        outcome.tag?.state === 'pending' ? 'failed' : 'unchanged',
        `${spec} is in the registry already${outcome.tag ? tagNote(outcome.tag) : ''}`,
      ];
  }
}

function tagNote(tag: TagOutcome): string {
  switch (tag.state) {
    case 'created':
      return `; tagged ${tag.tag}`;
    case 'would create':
      return `; would tag ${tag.tag}`;
    case 'exists':
      return '';
    case 'pending':
      return `; not tagged ${tag.tag}: ${tag.reason}`;
  }
}

/**
 * The project's `.npmrc` may name a registry, never hold a token: it is committed with the code.
 * A token comes from the environment (`//host/:_authToken=${NPM_TOKEN}`, in the user's `.npmrc`).
 */
async function refuseTokenInRepository(root: string): Promise<void> {
  const text = await readFile(join(root, '.npmrc'), 'utf8').catch(() => '');
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const match = /^\s*([^#;\s][^=]*?)\s*=\s*(.*)$/.exec(raw);
    if (match === null || !/(?:^|:)_(?:authToken|auth|password)$/.test(match[1]!)) continue;
    if (/^["']?\$\{[^}]+\}["']?$/.test(match[2]!.trim())) continue;
    throw new UsageError(
      { file: '.npmrc', line: index + 1 },
      'a credential in a file of the repository is committed with it: put it in an environment variable (`' +
        `${match[1]}=\${NPM_TOKEN}\`), in your user .npmrc or CI's, and remove this line`,
    );
  }
}
