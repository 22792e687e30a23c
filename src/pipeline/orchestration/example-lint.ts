/**
 * A large published document's request and response examples (`MEDIA_TYPE_EXAMPLES_RULE`), linted
 * in a worker thread while this one lints with the other rules and upgrades: on GitHub's 13 MB
 * description that rule is three quarters of the lint. The thread starts before the bundle stage,
 * loading its modules and the Redocly config meanwhile, and is sent the bundled document (its text
 * and parsed value, the same Redocly config) rather than reading and bundling the spec a second
 * time; it returns its findings as plain data, and nothing is kept or written until both halves
 * are in.
 */
import { availableParallelism } from 'node:os';
import { createConfig, Source, type Config, type Document } from '@redocly/openapi-core';
import { startTask, type RunningTask } from '../../shared/worker.js';
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

/** A bundled document as plain data (a Redocly `Document` is a class instance with private state). */
export interface BundledDocument {
  absoluteRef: string;
  body: string;
  mimeType: string | undefined;
  parsed: unknown;
}

export type ExampleLint = RunningTask<LintFindings, BundledDocument>;

/** Whether a document's examples are linted in a thread of their own. */
export function examplesBeside(spec: LoadedSpec): boolean {
  return spec.bytes.length >= WORTH_A_THREAD_BYTES && availableParallelism() > 1;
}

/** Starts the thread that lints the spec's examples once it is sent the bundle (`sendBundle`). */
export function startExampleLint(specPath: string, config: Config): ExampleLint {
  return startTask<ExampleLintInput, LintFindings, BundledDocument>('lint-examples', {
    specPath,
    configPath: config.configPath,
    configText: config.document?.source.body ?? '',
    ignore: config.ignore,
  });
}

/** Sends the thread the document as this one bundled it: before anything changes it in place. */
export function sendBundle(examples: ExampleLint, bundle: Document): void {
  const { absoluteRef, body, mimeType } = bundle.source;
  examples.send({ absoluteRef, body, mimeType, parsed: bundle.parsed });
}

/** The worker's side: the bundled document it is sent, linted with that rule only. */
export async function lintExamples(
  input: ExampleLintInput,
  inbox: () => Promise<BundledDocument>,
): Promise<LintFindings> {
  const config = await createConfig(input.configText, {
    ...(input.configPath === undefined ? {} : { configPath: input.configPath }),
    ignore: input.ignore,
  });
  const { absoluteRef, body, mimeType, parsed } = await inbox();
  return lintPublishedFindings({
    bundle: { source: new Source(absoluteRef, body, mimeType), parsed },
    config,
    specPath: input.specPath,
    // What the bundle leaves unresolved is read again, as the command's lint reads it.
    resolver: new PipelineResolver(config.resolve),
    display: (path) => path,
    rules: (ruleId) => ruleId === MEDIA_TYPE_EXAMPLES_RULE,
  });
}
