/**
 * Which spec file Prism serves for an API. The pipeline's bundled spec
 * (`generated/<api>/openapi.json`) is what the published package was generated from, so it wins
 * when it exists; before the first `npm run generate` a transcribed API's `specs/<api>.yaml` is
 * used. A published API's document is not served as it is: its overlays, and the upgrade of a 3.0
 * document to the 3.1 the mock reads, are in the bundle only.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHED_DIR } from '../pipeline/orchestration/layout.js';
import { unknownApiError, UsageError } from '../shared/errors.js';

/** The repository root: `src/mock/` is two levels below it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SpecSource {
  api: string;
  /** Absolute path. */
  path: string;
  /** Relative to the project root, as printed. */
  displayPath: string;
  /** Whether this is the pipeline's bundled output rather than the hand-written spec. */
  bundled: boolean;
}

const bundledPath = (root: string, api: string) => join(root, 'generated', api, 'openapi.json');
const sourcePath = (root: string, api: string) => join(root, 'specs', `${api}.yaml`);

/**
 * Every API with a spec: `specs/<api>.yaml` files, the folders of `specs/published/`, plus generated
 * packages that carry a bundled spec.
 */
export function knownApis(root = PROJECT_ROOT): string[] {
  const names = new Set<string>();
  for (const file of safeReaddir(join(root, 'specs'))) {
    if (file.endsWith('.yaml')) names.add(file.slice(0, -'.yaml'.length));
  }
  for (const dir of safeReaddir(join(root, 'specs', PUBLISHED_DIR))) {
    if (!dir.startsWith('.')) names.add(dir);
  }
  for (const dir of safeReaddir(join(root, 'generated'))) {
    if (existsSync(bundledPath(root, dir))) names.add(dir);
  }
  return [...names].sort();
}

export function specSource(api: string, root = PROJECT_ROOT): SpecSource {
  const known = knownApis(root);
  // The name becomes a path: anything but a listed API (`../x`, `history`) is refused.
  if (!known.includes(api)) {
    throw unknownApiError([api], known);
  }
  const bundled = bundledPath(root, api);
  if (!existsSync(bundled) && !existsSync(sourcePath(root, api))) {
    throw new UsageError(
      undefined,
      `${api} is a published API: its mock serves the document as its package has it (overlays applied, ` +
        `in OpenAPI 3.1), and there is no generated/${api}/openapi.json yet: run \`npm run generate -- ${api}\` first`,
    );
  }
  const path = existsSync(bundled) ? bundled : sourcePath(root, api);
  return { api, path, displayPath: relative(root, path).split('\\').join('/'), bundled: path === bundled };
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
