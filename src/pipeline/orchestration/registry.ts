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
import { access, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type { GenerateContext } from './context.js';
import { GenerateError, GenerateErrors, type SourcePosition } from '../../shared/errors.js';

export interface RegisteredSpec {
  name: string;
  /** Absolute path of `specs/<name>.yaml`. */
  specPath: string;
}

/** Throws every disagreement between `specs` (every top-level spec) and the config's `apis`. */
export async function checkRegistration(
  ctx: GenerateContext,
  specs: readonly RegisteredSpec[],
  display: (absolutePath: string) => string,
): Promise<void> {
  const fromRoot = relative(ctx.rootDir, ctx.configPath);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return; // not the project's own
  const configFile = display(ctx.configPath);
  const configDir = dirname(ctx.configPath);
  const text = await readFile(ctx.configPath, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) return;
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
  const errors: GenerateError[] = [];
  if (isMap(apis)) {
    for (const pair of apis.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const alias = String(pair.key.value);
      const rootNode = pair.value.items.find(
        (item) => isScalar(item.key) && item.key.value === 'root',
      )?.value;
      if (!isScalar(rootNode) || typeof rootNode.value !== 'string') continue; // Redocly's to report
      const specPath = resolve(configDir, rootNode.value);
      listed.add(specPath);
      const exists = await access(specPath).then(
        () => true,
        () => false,
      );
      if (!exists) {
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
    if (listed.has(spec.specPath)) continue;
    errors.push(
      new GenerateError(
        at((apisPair?.key as Node | undefined) ?? (root as Node | null)),
        `${display(spec.specPath)} is not listed in \`apis\`, so \`npm run lint\` does not check it and ` +
          `it would be generated under the top-level rules: add \`${spec.name}: { root: ${relative(configDir, spec.specPath).split('\\').join('/')} }\``,
      ),
    );
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0]! : new GenerateErrors(errors);
}
