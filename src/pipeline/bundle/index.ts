/**
 * Bundle: one resolved document per spec, with Redocly's `bundle` and the project's
 * `redocly.yaml` (so its decorators apply exactly as in `redocly bundle`, and the overlays its
 * `apis` entry lists, in order, as Redocly CLI 2.56+ applies them). References stay as
 * `#/components/...` (no dereferencing): openapi-typescript turns them into named types, and the
 * mocks read the same `openapi.json`. Key order is the source's, as Redocly keeps it.
 * @see https://redocly.com/docs/cli/commands/bundle
 * @see https://spec.openapis.org/overlay/v1.0.0.html
 */
import { dirname, posix, relative, resolve, sep } from 'node:path';
import {
  bundle,
  ConfigTypes,
  createConfig,
  getLineColLocation,
  HandledError,
  lintConfig,
  loadConfig,
  type BaseResolver,
  type Config,
  type Document,
  type NormalizedProblem,
} from '@redocly/openapi-core';
import { paths } from 'jsonpath-rfc9535';
import { GenerateError, GenerateErrors, type Locate } from '../../shared/errors.js';
import { isObject, type JsonObject } from '../../shared/openapi.js';
import { loadDocument } from '../load/index.js';
import { ignoreFileText, keepConfig, keptConfig } from './loaded-configs.js';
import { PipelineResolver } from './resolver.js';
import { inlineRefs, localBundle, type InlinedRef } from './local.js';

export interface BundledSpec {
  document: JsonObject;
  /** The same document as Redocly holds it (with its source), for linting it. */
  bundle: Document;
  /** Absolute paths of every file the spec pulled in, itself included. */
  dependencies: string[];
  /**
   * Set when the document was not bundled: it is the spec file as the resolver parsed it, these
   * `$ref`s replaced by their targets (`inlineRefs`), all that Redocly's bundle would have done
   * (`localBundle`).
   */
  local?: { inlined: InlinedRef[] };
}

/**
 * Loads `redocly.yaml` once per run and validates it as `redocly lint` would: a config that does
 * not load or does not validate is an error of its own, named by path and position, reported
 * once rather than as a lint error of every spec. One that did is used again by the next run in
 * the process while its files are unchanged (`loaded-configs.ts`).
 */
export async function loadRedoclyConfig(
  configPath: string,
  displayPath: string,
  /** The config's text as it would be (`npm run import` checks an `apis` entry before writing it). @default the file's */
  text?: string,
): Promise<Config> {
  // Problems may sit in a file the config extends: named relative to the config, as it is.
  const display = (file: string): string =>
    resolve(file) === resolve(configPath)
      ? displayPath
      : posix.join(
          posix.dirname(displayPath),
          relative(dirname(resolve(configPath)), file)
            .split(sep)
            .join('/'),
        );
  const kept = keptConfig(configPath, text);
  if (kept !== undefined) return kept;
  const ignoreText = text === undefined ? ignoreFileText(configPath) : undefined;
  let config: Config;
  try {
    config = text === undefined ? await loadConfig({ configPath }) : await createConfig(text, { configPath });
  } catch (error) {
    // js-yaml ends its message with where: ` in "/abs/path/redocly.yaml" (11:32)`.
    const message = (error as Error).message;
    const at = / in "([^"]+)" \((\d+):(\d+)\)$/.exec(message);
    const where = at
      ? { file: display(at[1]!), line: Number(at[2]), column: Number(at[3]) }
      : { file: displayPath };
    throw new GenerateError(
      where,
      `cannot load the Redocly config: ${at ? message.slice(0, at.index) : message}`,
      { cause: error },
    );
  }
  // Redocly builds the config's node types again for each lint (about 15 ms, a watch run or a test
  // loads hundreds of configs); they differ from the ones it built once only by a plugin's types.
  const extended = config.plugins.some((plugin) => plugin.typeExtension !== undefined);
  const problems = await lintConfig({ config, ...(extended ? {} : { externalConfigTypes: ConfigTypes }) });
  if (problems.length > 0) {
    const errors = problems.map((problem) => {
      const location = problem.location[0];
      const { start } = location ? getLineColLocation(location) : { start: undefined };
      return new GenerateError(
        {
          file: location ? display(location.source.absoluteRef) : displayPath,
          ...(start ? { line: start.line, column: start.col } : {}),
        },
        `invalid Redocly config: ${problem.message}`,
      );
    });
    throw errors.length === 1 ? errors[0]! : new GenerateErrors(errors);
  }
  keepConfig(configPath, text, config, ignoreText);
  return config;
}

/** The config of the `apis:` entry whose `root` is this spec, else the config's top level. */
export function configForSpec(config: Config, specPath: string): Config {
  const base = config.configPath === undefined ? process.cwd() : dirname(resolve(config.configPath));
  for (const [alias, api] of Object.entries(config.resolvedConfig.apis ?? {})) {
    if (typeof api.root === 'string' && resolve(base, api.root) === resolve(specPath))
      return config.forAlias(alias);
  }
  return config;
}

export interface BundleOptions {
  /**
   * Reads and parses the spec and the files it references; passing the one the lint stage used
   * means each file is parsed once per run (GitHub's 13 MB description: half a second).
   * @default a new `PipelineResolver`
   */
  resolver?: BaseResolver;
  /**
   * Where a JSON pointer into the spec file is (the loader's `locate`): problems there are placed
   * with it rather than by Redocly, which parses the whole file as YAML again to place one.
   */
  locate?: Locate;
  /**
   * A lint of the bundle follows (a published document's): unresolved `$ref`s are left for it to
   * report, in words that name the ref and what is missing, which the bundler's do not.
   * @default false
   */
  lintFollows?: boolean;
}

export async function bundleSpec(
  specPath: string,
  config: Config,
  display: (absolutePath: string) => string,
  options: BundleOptions = {},
): Promise<BundledSpec> {
  const apiConfig = configForSpec(config, specPath);
  const resolver = options.resolver ?? new PipelineResolver(config.resolve);
  const overlays = await loadOverlays(apiConfig, display);
  if (overlays.length === 0) {
    // Read (or taken from the resolver) as `bundle` reads it; a file that does not read is its to report.
    const root = await resolver.resolveDocument(null, specPath, true).catch(() => undefined);
    const inlined =
      root === undefined || root instanceof Error ? undefined : localBundle(apiConfig, root.parsed);
    if (root !== undefined && !(root instanceof Error) && inlined !== undefined) {
      inlineRefs(root.parsed, inlined);
      return {
        document: root.parsed as JsonObject,
        bundle: root,
        dependencies: [...resolver.getFiles()].map((path) => resolve(path)).sort(),
        local: { inlined },
      };
    }
  }
  // The document before the overlays change it, for the check of their targets below.
  const original = overlays.length === 0 ? undefined : await documentBefore(resolver, specPath);
  let result: Awaited<ReturnType<typeof bundle>>;
  try {
    result = await bundle({
      ref: specPath,
      config: apiConfig,
      dereference: false,
      externalRefResolver: resolver,
      overlays: overlays.map((overlay) => overlay.path),
    });
  } catch (error) {
    // An overlay Redocly cannot read; the checks in `loadOverlays` leave little for this.
    if (error instanceof HandledError) throw new GenerateError({ file: display(specPath) }, error.message);
    throw error;
  }
  const problems = result.problems.filter(
    (problem) =>
      !problem.ignored && !(options.lintFollows && problem.message.startsWith("Can't resolve $ref")),
  );
  if (problems.length > 0) {
    const errors = problems.map((problem) => toGenerateError(problem, display, specPath, options.locate));
    throw errors.length === 1 ? errors[0]! : new GenerateErrors(errors);
  }
  const document = result.bundle.parsed as JsonObject;
  if (original !== undefined) checkOverlayTargets(overlays, original, document, display(specPath));
  return {
    document,
    bundle: result.bundle,
    dependencies: [...result.fileDependencies].map((path) => resolve(path)).sort(),
  };
}

/** The overlays an API's config lists, in order, as absolute paths (relative to the config, as Redocly CLI reads them). */
export function listedOverlayPaths(apiConfig: Config): string[] {
  const configDir =
    apiConfig.configPath === undefined ? process.cwd() : dirname(resolve(apiConfig.configPath));
  return (apiConfig.resolvedConfig.overlays ?? []).map((entry) => resolve(configDir, entry));
}

interface LoadedOverlay {
  /** Absolute path (or URL, as Redocly takes them). */
  path: string;
  displayPath: string;
  actions: unknown[];
  locate: Locate;
}

/**
 * The overlays an `apis` entry lists, paths relative to the config as Redocly CLI reads them,
 * each checked to be an Overlay document with actions before Redocly applies it: its own errors for
 * a file that is not one name no line.
 */
async function loadOverlays(
  apiConfig: Config,
  display: (absolutePath: string) => string,
): Promise<LoadedOverlay[]> {
  const overlays: LoadedOverlay[] = [];
  for (const path of listedOverlayPaths(apiConfig)) {
    const displayPath = display(path);
    const loaded = await loadDocument(path, displayPath, 'an OpenAPI Overlay document');
    const parsed = loaded.parsed();
    if (!isObject(parsed) || typeof parsed.overlay !== 'string') {
      throw new GenerateError(
        loaded.root.at,
        'not an OpenAPI Overlay document: the `overlay` field (its version, e.g. 1.0.0) is missing',
      );
    }
    if (!Array.isArray(parsed.actions) || parsed.actions.length === 0) {
      throw new GenerateError(loaded.locate('#/actions'), 'an overlay needs a list of `actions`');
    }
    // Redocly applies such an action as nothing, without a word.
    const idle = parsed.actions.findIndex(
      (action) => isObject(action) && !('update' in action) && action.remove !== true,
    );
    if (idle >= 0) {
      throw new GenerateError(
        loaded.locate(`#/actions/${idle}`),
        `overlay action ${idle + 1}: it has neither \`update\` nor \`remove: true\`, so it would change nothing`,
      );
    }
    overlays.push({ path, displayPath, actions: parsed.actions, locate: loaded.locate });
  }
  return overlays;
}

/** A copy of the spec as the resolver parsed it, before bundling changes it in place. */
async function documentBefore(resolver: BaseResolver, specPath: string): Promise<unknown> {
  const document = await resolver.resolveDocument(null, specPath, true);
  if (document instanceof Error) throw document;
  return structuredClone(document.parsed);
}

/**
 * An action whose `target` selects nothing changes nothing, silently (Overlay 1.0, "Action
 * Object"): after the vendor renames what it fixed, the fix would be gone without a word. Each
 * target must select something in the document before the overlays or after them (an action may
 * target what an earlier one added).
 */
function checkOverlayTargets(
  overlays: LoadedOverlay[],
  before: unknown,
  after: JsonObject,
  specDisplay: string,
): void {
  const errors: GenerateError[] = [];
  for (const overlay of overlays) {
    overlay.actions.forEach((action, index) => {
      if (!isObject(action) || typeof action.target !== 'string') return; // Redocly's to report
      const target = action.target;
      const selects = (document: unknown): boolean => {
        try {
          return paths(document as Parameters<typeof paths>[0], target).length > 0;
        } catch {
          return true; // not JSONPath: Redocly has reported it
        }
      };
      if (selects(before) || selects(after)) return;
      errors.push(
        new GenerateError(
          overlay.locate(`#/actions/${index}/target`),
          `overlay action ${index + 1}: the target ${target} selects nothing in ${specDisplay}, so the action ` +
            'would change nothing: has the vendor renamed or removed what it fixes? Correct the target, or remove the action',
        ),
      );
    });
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0]! : new GenerateErrors(errors);
}

function toGenerateError(
  problem: NormalizedProblem,
  display: (absolutePath: string) => string,
  specPath: string,
  locate: Locate | undefined,
): GenerateError {
  const location = problem.location[0];
  if (location === undefined) return new GenerateError(undefined, `bundle: ${problem.message}`);
  const file = display(location.source.absoluteRef);
  if (
    locate !== undefined &&
    location.pointer !== undefined &&
    resolve(location.source.absoluteRef) === resolve(specPath)
  ) {
    return new GenerateError(
      locate(location.pointer),
      `${problem.ruleId}: ${problem.message} (at ${location.pointer})`,
    );
  }
  try {
    const { start } = getLineColLocation(location);
    return new GenerateError(
      { file, line: start.line, column: start.col },
      `${problem.ruleId}: ${problem.message}`,
    );
  } catch {
    return new GenerateError({ file }, `${problem.ruleId}: ${problem.message} (at ${location.pointer})`);
  }
}
