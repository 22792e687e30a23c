/**
 * Bundle: one resolved document per spec, with Redocly's `bundle` and the project's
 * `redocly.yaml` (so its decorators apply exactly as in `redocly bundle`). References stay as
 * `#/components/...` (no dereferencing): openapi-typescript turns them into named types, and the
 * mocks read the same `openapi.json`. Key order is the source's, as Redocly keeps it.
 * @see https://redocly.com/docs/cli/commands/bundle
 */
import { dirname, posix, relative, resolve, sep } from 'node:path';
import {
  bundle,
  getLineColLocation,
  lintConfig,
  loadConfig,
  type BaseResolver,
  type Config,
  type NormalizedProblem,
} from '@redocly/openapi-core';
import { GenerateError, GenerateErrors } from '../../shared/errors.js';
import type { JsonObject } from '../../shared/openapi.js';

export interface BundledSpec {
  document: JsonObject;
  /** Absolute paths of every file the spec pulled in, itself included. */
  dependencies: string[];
}

/**
 * Loads `redocly.yaml` once per run and validates it as `redocly lint` would: a config that does
 * not load or does not validate is an error of its own, named by path and position, reported
 * once rather than as a lint error of every spec.
 */
export async function loadRedoclyConfig(configPath: string, displayPath: string): Promise<Config> {
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
  let config: Config;
  try {
    config = await loadConfig({ configPath });
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
  const problems = await lintConfig({ config });
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

/**
 * `resolver` reads and parses the spec and the files it references; passing the one the lint
 * stage used means each file is parsed once per run (GitHub's 13 MB description: half a second).
 */
export async function bundleSpec(
  specPath: string,
  config: Config,
  display: (absolutePath: string) => string,
  resolver?: BaseResolver,
): Promise<BundledSpec> {
  const result = await bundle({
    ref: specPath,
    config: configForSpec(config, specPath),
    dereference: false,
    ...(resolver === undefined ? {} : { externalRefResolver: resolver }),
  });
  const problems = result.problems.filter((problem) => !problem.ignored);
  if (problems.length > 0) {
    const errors = problems.map((problem) => toGenerateError(problem, display));
    throw errors.length === 1 ? errors[0]! : new GenerateErrors(errors);
  }
  return {
    document: result.bundle.parsed as JsonObject,
    dependencies: [...result.fileDependencies].map((path) => resolve(path)).sort(),
  };
}

function toGenerateError(
  problem: NormalizedProblem,
  display: (absolutePath: string) => string,
): GenerateError {
  const location = problem.location[0];
  if (location === undefined) return new GenerateError(undefined, `bundle: ${problem.message}`);
  const file = display(location.source.absoluteRef);
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
