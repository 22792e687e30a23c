/**
 * A large published document linted in a worker thread while this one upgrades it and describes
 * its API: on GitHub's 13 MB description the lint (Redocly's walk of the whole document) and the
 * upgrade with the API model are the two halves of the work after bundling. The thread starts
 * before the bundle stage, loading its modules and the Redocly config meanwhile, and is sent the
 * bundled document (its text and parsed value, the same Redocly config) rather than reading and
 * bundling the spec a second time; it returns its findings as plain data, and nothing is kept or
 * written until both halves are in.
 */
import { createConfig, Source, type Config, type Document } from '@redocly/openapi-core';
import { startTask, worthAThread, type RunningTask } from '../../shared/worker.js';
import { PipelineResolver } from '../bundle/resolver.js';
import { lintPublishedFindings, type LintFindings } from '../lint/index.js';
import type { LoadedSpec } from '../load/index.js';

export interface LintThreadInput {
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

export type LintThread = RunningTask<LintFindings, BundledDocument>;

/** Whether a document is linted in a thread of its own. */
export function lintBeside(spec: LoadedSpec): boolean {
  return worthAThread(spec.bytes.length);
}

/** Starts the thread that lints the spec once it is sent the bundle (`sendBundle`). */
export function startLintThread(specPath: string, config: Config): LintThread {
  return startTask<LintThreadInput, LintFindings, BundledDocument>('lint-published', {
    specPath,
    configPath: config.configPath,
    configText: config.document?.source.body ?? '',
    ignore: config.ignore,
  });
}

/** Sends the thread the document as this one bundled it: before anything changes it in place. */
export function sendBundle(thread: LintThread, bundle: Document): void {
  const { absoluteRef, body, mimeType } = bundle.source;
  thread.send({ absoluteRef, body, mimeType, parsed: bundle.parsed });
}

/** The worker's side: the bundled document it is sent, linted with every rule of its `apis` entry. */
export async function lintInThread(
  input: LintThreadInput,
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
  });
}
