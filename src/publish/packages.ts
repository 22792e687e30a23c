/**
 * The packages a release considers: every folder of `generated/` with a package.json, and every
 * spec's package (missing when never generated), each with what it is called, its version and
 * whether `npm run generate -- --check` would call it stale, judged by its manifest as `--check`
 * judges it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveContext } from '../pipeline/orchestration/context.js';
import { discoverApis } from '../pipeline/orchestration/generate.js';
import { configHash, generatorHash, packageStatus } from '../pipeline/orchestration/manifest.js';
import { displayPathFor } from '../shared/display.js';
import { unknownApiError } from '../shared/errors.js';
import { isObject } from '../shared/openapi.js';

export interface ReleaseCandidate {
  /** `diga`: the folder's name, and the tag's (`diga@2.0.1`). */
  api: string;
  /** Absolute path of `generated/diga`. */
  dir: string;
  /** `generated/diga`, as printed. */
  displayDir: string;
  /** `@voice-agent-sdks/diga`; empty when its package.json cannot say (it is stale then). */
  name: string;
  /** Empty when its package.json cannot say (it is stale then). */
  version: string;
  /** Why the folder is not what generating would write; empty when it is. */
  stale: string[];
}

export async function findPackages(root: string, apis: readonly string[]): Promise<ReleaseCandidate[]> {
  const ctx = resolveContext({ rootDir: root, mode: 'check' });
  const display = displayPathFor(ctx.rootDir);
  const specs = await discoverApis(ctx);
  const folders = (await readdir(ctx.outDir, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  const withManifest = await Promise.all(
    folders.map(async (name) =>
      (await readJson(join(ctx.outDir, name, 'package.json'))) ? name : undefined,
    ),
  );
  const all = [
    ...new Set([...specs.map((spec) => spec.name), ...withManifest.filter((name) => name !== undefined)]),
  ].sort();
  const unknown = apis.filter((api) => !all.includes(api));
  if (unknown.length > 0) throw unknownApiError(unknown, all);
  const generator = await generatorHash(ctx);
  const selected = apis.length === 0 ? all : all.filter((api) => apis.includes(api));
  return Promise.all(
    selected.map(async (api): Promise<ReleaseCandidate> => {
      const dir = join(ctx.outDir, api);
      const manifest = await readJson(join(dir, 'package.json'));
      const spec = specs.find((entry) => entry.name === api);
      const stale =
        spec === undefined
          ? [
              `its spec ${display(join(ctx.specsDir, `${api}.yaml`))} is gone (\`npm run generate\` removes the package)`,
            ]
          : manifest === undefined
            ? ['no readable package.json (`npm run generate` writes it)']
            : await staleness(spec, ctx, generator, display);
      const name = manifest?.['name'];
      const version = manifest?.['version'];
      if (manifest !== undefined && (typeof name !== 'string' || typeof version !== 'string'))
        stale.push('its package.json has no `name` or no `version`');
      return {
        api,
        dir,
        displayDir: display(dir),
        name: typeof name === 'string' ? name : '',
        version: typeof version === 'string' ? version : '',
        stale,
      };
    }),
  );
}

async function staleness(
  spec: { name: string; specPath: string; outDir: string },
  ctx: ReturnType<typeof resolveContext>,
  generator: string,
  display: (path: string) => string,
): Promise<string[]> {
  const identity = { generator, config: await configHash(ctx, spec), configFile: display(ctx.configPath) };
  const status = await packageStatus(spec.outDir, identity, ctx.rootDir, display(spec.specPath));
  return status.fresh ? [] : status.reasons;
}

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
