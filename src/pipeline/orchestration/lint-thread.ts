/**
 * A large published document linted in a worker thread while this one upgrades it and describes
 * its API: on GitHub's 13 MB description the lint (Redocly's walk of the whole document) and the
 * upgrade with the API model are the two halves of the work after bundling. The thread starts
 * before the bundle stage, loading its modules and the Redocly config meanwhile, and is sent the
 * bundled document (its text and parsed value, the same Redocly config) rather than reading and
 * bundling the spec a second time; it returns its findings as plain data, and nothing is kept or
 * written until both halves are in.
 */
import { readFileSync } from 'node:fs';
import { createConfig, Source, type Config, type Document } from '@redocly/openapi-core';
import { sha256 } from '../../shared/hash.js';
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
 * or, when it is a JSON spec's text parsed with a few `$ref`s replaced (`BundledSpec.local`), those
 * `$ref`s: the thread was told the text's sha256 first (`sendSpec`), and read and parsed the file
 * there while this thread bundled it. Parsed there, GitHub's 13 MB take that thread 0.2 s and this one a few hundredths, where a
 * copy of the bundle took 0.15 s to send and 0.4 s to receive; parsed before the bundle comes, the
 * lint starts as soon as it does.
 */
export type BundledDocument =
  | { absoluteRef: string; mimeType: string | undefined; body: string; parsed: unknown }
  | { absoluteRef: string; mimeType: string | undefined; inlined: InlinedRef[] };

/** What the thread is sent, in order: the sha256 of a JSON spec's bytes (`sendSpec`), then its bundle. */
export type ToLintThread = { spec: { sha256: string } } | BundledDocument;

export type LintThread = RunningTask<LintFindings, ToLintThread>;

/** Whether a document is linted in a thread of its own. */
export function lintBeside(spec: LoadedSpec): boolean {
  return worthAThread(spec.bytes.length);
}

/** Starts the thread that lints the spec once it is sent the bundle (`sendBundle`). */
export function startLintThread(specPath: string, config: Config): LintThread {
  return startTask<LintThreadInput, LintFindings, ToLintThread>('lint-published', {
    specPath,
    configPath: config.configPath,
    configText: config.document?.source.body ?? '',
    ignore: config.ignore,
  });
}

/**
 * Tells the thread the sha256 of a JSON spec's bytes as they were read (`LoadedSpec.takeDocument`),
 * as soon as it is started: it reads and parses the same bytes while this one bundles them, for
 * the bundle that is the same text with a few `$ref`s replaced (`BundledSpec.local`). Another
 * bundle is sent whole, and the thread's parse is then unused. Not the bytes: a copy of GitHub's
 * 13 MB took this thread 50 to 80 ms to send, and the thread had read the file already
 * (`prepareLint`).
 */
export function sendSpec(thread: LintThread, spec: Pick<LoadedSpec, 'sha256'>): void {
  thread.send({ spec: { sha256: spec.sha256 } });
}

/**
 * Sends the thread the document as this one bundled it: before anything changes it in place.
 * `specSent`: whether the spec's sha256 was sent first (`sendSpec`): the thread's parse of those
 * bytes is then the bundle's when it is local.
 */
export function sendBundle(
  thread: LintThread,
  { bundle, local }: Pick<BundledSpec, 'bundle' | 'local'>,
  specSent: boolean,
): void {
  const { absoluteRef, body, mimeType } = bundle.source;
  thread.send(
    specSent && local !== undefined
      ? { absoluteRef, mimeType, inlined: local.inlined }
      : { absoluteRef, body, mimeType, parsed: bundle.parsed },
  );
}

/** What a thread started for the lint is told before the task (`prepareThread`): the spec's file, when known. */
export interface LintThreadHint {
  specPath?: string;
}

/** The spec a thread read and parsed before its task (`prepareLint`), until a task takes it. */
let prepared: { sha256: string; spec: ReadSpec } | undefined;

/**
 * Reads, hashes and parses the spec's file before the task starts (`import` of a large document
 * starts the thread first, and the command's own load and parse of it then run beside this one):
 * the task takes that parse when the sha256 it is told (`sendSpec`) is the same.
 */
export function prepareLint(hint: LintThreadHint | undefined): void {
  prepared = undefined;
  if (hint?.specPath === undefined) return;
  try {
    const bytes = readFileSync(hint.specPath);
    prepared = { sha256: sha256(bytes), spec: readSpecBytes(bytes) };
  } catch {
    // Unreadable, or no JSON: the command reports it, and the task (if any) reads the file itself.
  }
}

/**
 * The parse of the bytes whose sha256 the command read from `specPath`: the one prepared when it
 * was of the same bytes, else read now. A file changed since the command read it is not linted in
 * place of what the command bundled.
 */
function specOf(specPath: string, { sha256: wanted }: { sha256: string }): ReadSpec {
  const taken = prepared;
  prepared = undefined;
  if (taken?.sha256 === wanted) return taken.spec;
  const bytes = readFileSync(specPath);
  if (sha256(bytes) !== wanted)
    throw new Error(`${specPath} changed while it was read: run the command again`);
  return readSpecBytes(bytes);
}

/** A JSON spec's bytes, as the loader reads them: its text, and the value parsed without its byte order mark. */
export interface ReadSpec {
  text: string;
  parsed: unknown;
}

export function readSpecBytes(bytes: Uint8Array): ReadSpec {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  return { text, parsed: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
}

/**
 * The bundled document `sendBundle` sent, as Redocly reads it; `spec`: the bytes `sendSpec` named,
 * read (`readSpecBytes`), which a local bundle is made of.
 */
export function receivedBundle(sent: BundledDocument, spec?: ReadSpec): Document {
  if ('parsed' in sent) {
    return { source: new Source(sent.absoluteRef, sent.body, sent.mimeType), parsed: sent.parsed };
  }
  if (spec === undefined) throw new Error('a local bundle was sent before the sha256 of its spec');
  // As the loader reads a JSON spec and hands it to the resolver (`takeDocument`): its line breaks
  // made `\n` in the body.
  inlineRefs(spec.parsed, sent.inlined);
  return {
    source: new Source(sent.absoluteRef, spec.text.replace(/\r\n/g, '\n'), sent.mimeType),
    parsed: spec.parsed,
  };
}

/**
 * The worker's side: the bundled document it is sent, linted with every rule of its `apis` entry.
 * A JSON spec's bytes, named first by their sha256, are read and parsed while the config loads and
 * the bundle is made.
 */
export async function lintInThread(
  input: LintThreadInput,
  inbox: () => Promise<ToLintThread>,
): Promise<LintFindings> {
  const config = createConfig(input.configText, {
    ...(input.configPath === undefined ? {} : { configPath: input.configPath }),
    ignore: input.ignore,
  });
  // Unhandled while the bytes are parsed, its rejection would end the thread before it is awaited.
  config.catch(() => undefined);
  let message = await inbox();
  let spec: ReadSpec | undefined;
  if ('spec' in message) {
    spec = specOf(input.specPath, message.spec);
    message = await inbox();
  }
  if ('spec' in message) throw new Error("a spec's bytes were sent twice");
  const bundle = receivedBundle(message, spec);
  const lintConfig = await config;
  return lintPublishedFindings({
    bundle,
    config: lintConfig,
    specPath: input.specPath,
    // What the bundle leaves unresolved is read again, as the command's lint reads it.
    resolver: new PipelineResolver(lintConfig.resolve),
    display: (path) => path,
  });
}
