/**
 * What a release does with each package, one rule per line: a stale folder is refused (it is not
 * what the specs and the generator make); a version the registry lacks is published; one it holds
 * with the same tarball is left as it is, and so is one whose tarball differs while every file is
 * the same (another npm packs the same files into other bytes); one it holds with other files is
 * refused: one version never has two contents.
 */
import { sameTarball, type TarballDigest } from './npm.js';

export type Plan = { action: 'publish' } | { action: 'published' } | { action: 'refuse'; reason: string };

export interface PlanInput {
  /** `generated/diga`, as printed. */
  displayDir: string;
  /** `@voice-agent-sdks/diga@2.0.1`. */
  spec: string;
  /** Why the folder is stale (`packageStatus`); empty when it is fresh. */
  stale: readonly string[];
  /** The registry's digest of the version, if it has it. */
  published: TarballDigest | undefined;
  /** The digest of the folder as `npm pack` packs it. */
  packed: TarballDigest;
  /** The published files that differ from the folder's (`contentDifferences`), asked for only when the tarballs differ. */
  differences: () => Promise<string[]>;
}

export async function planPackage(input: PlanInput): Promise<Plan> {
  if (input.stale.length > 0) {
    return {
      action: 'refuse',
      reason: `${input.displayDir} is stale (${input.stale.join('; ')}): run \`npm run generate\``,
    };
  }
  if (input.published === undefined) return { action: 'publish' };
  if (sameTarball(input.published, input.packed)) return { action: 'published' };
  const differences = await input.differences();
  if (differences.length === 0) return { action: 'published' };
  return {
    action: 'refuse',
    reason:
      `${input.spec} is in the registry already, with other contents (${differences.join('; ')}): ` +
      'one version never has two contents; regenerate from the commit it was published from (its tag), or change the spec',
  };
}

/** How the published files differ from the folder's: `README.md differs`, `LICENSE is not published`. */
export function contentDifferences(
  folder: ReadonlyMap<string, Uint8Array>,
  published: ReadonlyMap<string, Uint8Array>,
): string[] {
  const paths = [...new Set([...folder.keys(), ...published.keys()])].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return paths.flatMap((path) => {
    const mine = folder.get(path);
    const theirs = published.get(path);
    if (theirs === undefined) return [`${path} is not in the published package`];
    if (mine === undefined) return [`${path} is only in the published package`];
    return Buffer.from(mine).equals(Buffer.from(theirs)) ? [] : [`${path} differs`];
  });
}
