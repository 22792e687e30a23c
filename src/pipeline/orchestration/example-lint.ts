/**
 * A large published document's request and response examples (`MEDIA_TYPE_EXAMPLES_RULE`), linted
 * in a worker thread while this one bundles, lints with the other rules and upgrades: on GitHub's
 * 13 MB description that rule is three quarters of the lint. The thread reads what this one reads
 * (the spec, its overlays, the same Redocly config) and bundles it the same way, then returns its
 * findings as plain data; nothing is kept or written until both halves are in.
 */
import { availableParallelism } from 'node:os';
import { createConfig, type Config } from '@redocly/openapi-core';
import { startTask, type RunningTask } from '../../shared/worker.js';
import { bundleSpec } from '../bundle/index.js';
import { PipelineResolver } from '../bundle/resolver.js';
import { MEDIA_TYPE_EXAMPLES_RULE, lintPublishedFindings, type LintFindings } from '../lint/index.js';
import type { LoadedSpec } from '../load/index.js';

/** Below this, a thread's start-up (about 0.3 s) costs more than the rule. */
const WORTH_A_THREAD_BYTES = 1_000_000;

export interface ExampleLintInput {
  specPath: string;
  /** The Redocly config as the command loaded it: its path, its text, the problems it ignores. */
  configPath: string | undefined;
  configText: string;
  ignore: Config['ignore'];
}

/** Whether a document's examples are linted in a thread of their own. */
export function examplesBeside(spec: LoadedSpec): boolean {
  return spec.bytes.length >= WORTH_A_THREAD_BYTES && availableParallelism() > 1;
}

/** Starts linting the spec's examples in a worker thread. */
export function startExampleLint(specPath: string, config: Config): RunningTask<LintFindings> {
  return startTask<ExampleLintInput, LintFindings>('lint-examples', {
    specPath,
    configPath: config.configPath,
    configText: config.document?.source.body ?? '',
    ignore: config.ignore,
  });
}

/** The worker's side: the spec bundled as the command bundles it, linted with that rule only. */
export async function lintExamples(input: ExampleLintInput): Promise<LintFindings> {
  const config = await createConfig(input.configText, {
    ...(input.configPath === undefined ? {} : { configPath: input.configPath }),
    ignore: input.ignore,
  });
  const resolver = new PipelineResolver(config.resolve);
  const display = (path: string) => path;
  const bundled = await bundleSpec(input.specPath, config, display, { resolver, lintFollows: true });
  return lintPublishedFindings({
    bundle: bundled.bundle,
    config,
    specPath: input.specPath,
    resolver,
    display,
    rules: (ruleId) => ruleId === MEDIA_TYPE_EXAMPLES_RULE,
  });
}
