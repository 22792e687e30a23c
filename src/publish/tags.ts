/**
 * Each release is recorded as an annotated git tag `<api>@<version>` (`diga@2.0.1`) on HEAD, made
 * by the command for a version the registry now holds with the folder's contents: published by
 * this run, or by one that stopped before tagging it. Only when the package's folder is what HEAD
 * holds (no change, nothing untracked), so that the tag names the commit the package was built
 * from. The command never pushes: the maintainer, or the CI job, pushes the tags it prints.
 */
import { execFile } from 'node:child_process';

export type TagOutcome =
  | { state: 'created' | 'exists' | 'would create'; tag: string }
  | { state: 'pending'; tag: string; reason: string };

export interface Release {
  /** `diga`: the tag is `diga@<version>`. */
  api: string;
  /** `@voice-agent-sdks/diga`, for the tag's message. */
  name: string;
  version: string;
  /** `generated/diga`, relative to the root. */
  displayDir: string;
}

type GitResult = { ok: true; stdout: string } | { ok: false; reason: string };

/** `git <args>` in `cwd`: its stdout, or the last line of what it said when it failed. */
function git(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd }, (error, stdout, stderr) => {
      if (error === null) resolve({ ok: true, stdout });
      else resolve({ ok: false, reason: stderr.trim().split('\n').at(-1) || error.message });
    });
  });
}

export function tagName(release: Pick<Release, 'api' | 'version'>): string {
  return `${release.api}@${release.version}`;
}

/**
 * Tags each release on HEAD whose folder matches HEAD, and says why not for the others: git is
 * asked everything at once, then makes one `git tag -a` at a time.
 * @param dryRun say what would be done, and do nothing
 */
export async function tagReleases(
  root: string,
  releases: readonly Release[],
  dryRun: boolean,
): Promise<TagOutcome[]> {
  if (releases.length === 0) return [];
  const [head, tags, status] = await Promise.all([
    // The root's path in the work tree first: status names files from the work tree's top.
    git(root, ['rev-parse', '--show-prefix', '--verify', 'HEAD']),
    git(root, ['tag', '--list']),
    // Every folder in one call (a git process apiece cost a spawn each from a large process).
    git(root, [
      'status',
      '--porcelain',
      '-z',
      '--untracked-files=all',
      '--',
      ...releases.map((release) => release.displayDir),
    ]),
  ]);
  const [prefix = ''] = head.ok ? head.stdout.split('\n') : [];
  const changed = status.ok ? changedPaths(status.stdout) : [];
  const differs = (release: Release) => {
    const folder = `${prefix}${release.displayDir}/`;
    return changed.some((path) => path.startsWith(folder));
  };
  const existing = new Set(tags.ok ? tags.stdout.split('\n') : []);
  const outcomes: TagOutcome[] = [];
  // One at a time: each `git tag` writes to the same repository.
  for (const release of releases) {
    const tag = tagName(release);
    if (!head.ok) outcomes.push({ state: 'pending', tag, reason: `no git commit to tag (${head.reason})` });
    else if (existing.has(tag)) outcomes.push({ state: 'exists', tag });
    else if (!status.ok) outcomes.push({ state: 'pending', tag, reason: `git status: ${status.reason}` });
    else if (differs(release)) {
      outcomes.push({
        state: 'pending',
        tag,
        reason: `${release.displayDir} differs from HEAD: commit it, then run \`npm run release\` again to tag it`,
      });
    } else if (dryRun) outcomes.push({ state: 'would create', tag });
    else {
      const created = await git(root, ['tag', '-a', tag, '-m', `${release.name} ${release.version}`, 'HEAD']);
      outcomes.push(
        created.ok
          ? { state: 'created', tag }
          : { state: 'pending', tag, reason: `git tag: ${created.reason}` },
      );
    }
  }
  return outcomes;
}

/**
 * The paths `git status --porcelain -z` names: `XY path`, and after a rename's or a copy's entry
 * the path it came from, which is a change of the folder it lies in too.
 */
function changedPaths(output: string): string[] {
  const fields = output.split('\0');
  const paths: string[] = [];
  for (let index = 0; index < fields.length; index++) {
    const entry = fields[index]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    if (/[RC]/.test(entry.slice(0, 2))) paths.push(fields[++index] ?? '');
  }
  return paths;
}
