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
import type { BundledSpec } from '../bundle/index.js';
import { inlineRefs, type InlinedRef } from '../bundle/local.js';
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

/**
 * A bundled document as plain data (a Redocly `Document` is a class instance with private state),
 * or, when it is a JSON spec's text parsed with a few `$ref`s replaced (`BundledSpec.local`), that
 * text's bytes and the `$ref`s: parsed here, GitHub's 13 MB take this thread 0.2 s and the command's
 * a few hundredths, where a copy of the bundle took 0.15 s to send and 0.4 s to receive.
 */
export type BundledDocument =
  | { absoluteRef: string; mimeType: string | undefined; body: string; parsed: unknown }
  | { absoluteRef: string; mimeType: string | undefined; bytes: Uint8Array; inlined: InlinedRef[] };

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

/**
 * Sends the thread the document as this one bundled it: before anything changes it in place. `text`:
 * the bytes of the spec's JSON, when the bundle's parse is theirs (`LoadedSpec.takeDocument`).
 */
export function sendBundle(
  thread: LintThread,
  { bundle, local }: Pick<BundledSpec, 'bundle' | 'local'>,
  text?: Buffer,
): void {
  const { absoluteRef, body, mimeType } = bundle.source;
  thread.send(
    text !== undefined && local !== undefined
      ? { absoluteRef, mimeType, bytes: text, inlined: local.inlined }
      : { absoluteRef, body, mimeType, parsed: bundle.parsed },
  );
}

/** The bundled document `sendBundle` sent, as Redocly reads it. */
export function receivedBundle(sent: BundledDocument): Document {
  if ('parsed' in sent) {
    return { source: new Source(sent.absoluteRef, sent.body, sent.mimeType), parsed: sent.parsed };
  }
  // As the loader reads a JSON spec and hands it to the resolver (`takeDocument`): parsed without
  // its byte order mark, its line breaks made `\n` in the body.
  const text = Buffer.from(sent.bytes.buffer, sent.bytes.byteOffset, sent.bytes.length).toString('utf8');
  const parsed: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  inlineRefs(parsed, sent.inlined);
  return { source: new Source(sent.absoluteRef, text.replace(/\r\n/g, '\n'), sent.mimeType), parsed };
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
  const bundle = receivedBundle(await inbox());
  return lintPublishedFindings({
    bundle,
    config,
    specPath: input.specPath,
    // What the bundle leaves unresolved is read again, as the command's lint reads it.
    resolver: new PipelineResolver(config.resolve),
    display: (path) => path,
  });
}
