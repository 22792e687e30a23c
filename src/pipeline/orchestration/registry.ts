/**
 * Registration, checked before a run writes anything or calls a package up to date: the specs and
 * `redocly.yaml`'s `apis` agree. `npm run lint` checks what `apis` lists, and the lint stage picks
 * each spec's rules from its entry, so a spec without an entry would be generated under the
 * top-level rules and never linted by `npm run lint`, and an entry without its spec would fail
 * `npm run lint` while `generate` removed the package. Adding an API is adding both, removing one
 * is removing both (README, "Changing a spec").
 *
 * Only the project's own config is held to this: one outside the project (the tests lint
 * temporary projects with the repository's rules) lists another project's APIs. The config is
 * read with the `yaml` parser for positions; one that does not parse is the lint stage's to report.
 * @see https://redocly.com/docs/cli/configuration/reference/apis
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { readConfigFile, type ConfigFile } from './config-file.js';
import type { GenerateContext } from './context.js';
import { GenerateError, GenerateErrors, type SourcePosition } from '../../shared/errors.js';
import { OVERLAYS_DIR, PUBLISHED_PRESET, type ApiLocation } from './layout.js';

export type RegisteredSpec = ApiLocation;

/**
 * Throws every disagreement between `specs` (every top-level spec) and the config's `apis`.
 * `readConfig` reads `ctx.configPath` (a run passes the copy it has read already).
 */
export async function checkRegistration(
  ctx: GenerateContext,
  specs: readonly RegisteredSpec[],
  display: (absolutePath: string) => string,
  readConfig: () => ConfigFile | undefined = () => readConfigFile(ctx.configPath),
): Promise<void> {
  const fromRoot = relative(ctx.rootDir, ctx.configPath);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return; // not the project's own
  const configFile = display(ctx.configPath);
  const configDir = dirname(ctx.configPath);
  const file = readConfig();
  if (file === undefined || file.document.errors.length > 0) return;
  const { document, lineCounter } = file;
  const at = (node: Node | null | undefined): SourcePosition => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { file: configFile, line, column: col };
  };

  const root = document.contents;
  const apisPair = isMap(root)
    ? root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'apis')
    : undefined;
  const apis = apisPair?.value;
  const listed = new Set<string>();
  /** Spec path → the overlays its entry lists, resolved. */
  const overlaysOf = new Map<string, Set<string>>();
  const errors: GenerateError[] = [];
  if (isMap(apis)) {
    for (const pair of apis.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const alias = String(pair.key.value);
      const field = (name: string) =>
        (pair.value as typeof apis).items.find((item) => isScalar(item.key) && item.key.value === name)
          ?.value;
      const rootNode = field('root');
      if (!isScalar(rootNode) || typeof rootNode.value !== 'string') continue; // Redocly's to report
      const specPath = resolve(configDir, rootNode.value);
      listed.add(specPath);
      const overlays = field('overlays');
      const paths = isSeq(overlays)
        ? overlays.items.flatMap((item) =>
            isScalar(item) && typeof item.value === 'string' ? [resolve(configDir, item.value)] : [],
          )
        : [];
      overlaysOf.set(specPath, new Set(paths));
      if (!existsSync(specPath)) {
        errors.push(
          new GenerateError(
            at(rootNode as Node),
            `apis.${alias}.root: ${display(specPath)} does not exist. Removing an API is removing its ` +
              `spec and this entry (then its package is removed); to keep it, restore the spec with git`,
          ),
        );
      }
    }
  }
  for (const spec of specs) {
    if (listed.has(spec.specPath)) {
      if (spec.kind === 'published') errors.push(...(await unlistedOverlays(spec, overlaysOf, display)));
      continue;
    }
    const rootPath = relative(configDir, spec.specPath).split('\\').join('/');
    const entry =
      spec.kind === 'published'
        ? `${spec.name}: { root: ${rootPath}, extends: [${PUBLISHED_PRESET}] }\` (\`npm run import\` writes it)`
        : `${spec.name}: { root: ${rootPath} }\``;
    errors.push(
      new GenerateError(
        at((apisPair?.key as Node | undefined) ?? (root as Node | null)),
        `${display(spec.specPath)} is not listed in \`apis\`, so \`npm run lint\` does not check it and ` +
          `it would be generated under the top-level rules: add \`${entry}`,
      ),
    );
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0]! : new GenerateErrors(errors);
}

/**
 * Files in a published API's `overlays/` that its entry does not list: Redocly applies only the
 * listed ones, so the fix in such a file would silently not be made.
 */
async function unlistedOverlays(
  spec: RegisteredSpec,
  overlaysOf: Map<string, Set<string>>,
  display: (absolutePath: string) => string,
): Promise<GenerateError[]> {
  const dir = join(dirname(spec.specPath), OVERLAYS_DIR);
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    files = [];
  }
  const listed = overlaysOf.get(spec.specPath) ?? new Set<string>();
  return files
    .filter((file) => /\.(ya?ml|json)$/.test(file) && !file.startsWith('.'))
    .map((file) => join(dir, file))
    .filter((path) => !listed.has(path))
    .map(
      (path) =>
        new GenerateError(
          { file: display(path) },
          `this overlay is not applied: list it under \`apis.${spec.name}.overlays\` in redocly.yaml (in the order to apply it)`,
        ),
    );
}
