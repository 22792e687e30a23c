/**
 * A large document's contract checks emitted in a worker thread while this one makes its types:
 * on GitHub's 13 MB description the checks (a schema compiler over every operation's schemas,
 * about half a second) and the types stage (openapi-typescript's transform and the printing, two
 * seconds) need nothing of each other, and the types stage was the command's critical path with
 * the checks after it. The thread starts when the package's build does, loading its modules while
 * this one reads the document; it is then sent the document's text (the package's `openapi.json`,
 * in UTF-8, which it parses into its own copy) and what the checks read of the API model, and
 * returns the checks' modules as text, or the schemas they could not be made from, placed in the
 * spec here as in one thread (`checksFailure`).
 */
import { worthAThread, startTask, type RunningTask } from '../../shared/worker.js';
import type { JsonObject } from '../../shared/openapi.js';
import type { ApiModel } from '../../model/types.js';
import {
  checksFailure,
  checksOperations,
  emitChecksOrProblems,
  type ChecksInput,
  type ChecksOperation,
  type ChecksProblem,
  type EmittedChecks,
} from '../emit/checks/index.js';
import type { LoadedSpec } from '../load/index.js';

export interface ChecksThreadInput {
  /** The spec file as banners and errors name it (`BannerInput.source`). */
  file: string;
}

/** What the thread is sent once the document and its model are read. */
export interface ChecksThreadDocument {
  /**
   * `openapiJsonText` of the bundled document in UTF-8 (the package's `openapi.json`): a copy
   * moved to the thread (`sendDocument`) costs this one a few hundredths of a second; GitHub's text
   * as a string, 0.2 s to copy.
   */
  bytes: Uint8Array;
  /** `checksOperations` of the API model. */
  operations: ChecksOperation[];
  /** The checks modules' banner (`codeBanner`). */
  banner: string;
}

export type ChecksThreadResult = EmittedChecks | { problems: ChecksProblem[] };

export type ChecksThread = RunningTask<ChecksThreadResult, ChecksThreadDocument>;

/** Whether a spec's checks are emitted in a thread of their own (as its lint is: `lintBeside`). */
export function checksBeside(spec: LoadedSpec): boolean {
  return worthAThread(spec.bytes.length);
}

/** Starts the thread that emits the checks once it is sent the document (`ChecksThread.send`). */
export function startChecksThread(file: string): ChecksThread {
  return startTask<ChecksThreadInput, ChecksThreadResult, ChecksThreadDocument>('emit-checks', { file });
}

/** Sends the thread the document's text (`openapiJson`, encoded) and what the checks read of its model. */
export function sendDocument(
  thread: ChecksThread,
  openapiJson: Uint8Array,
  model: Pick<ApiModel, 'operations'>,
  banner: string,
): void {
  // A copy of its own, whose memory moves to the thread rather than being copied again.
  const bytes = new Uint8Array(openapiJson);
  thread.send({ bytes, operations: checksOperations(model), banner }, [bytes.buffer]);
}

/** The thread's checks, or the generator error of the schemas they could not be made from. */
export async function checksFromThread(
  thread: ChecksThread,
  where: Pick<ChecksInput, 'file' | 'position'>,
): Promise<EmittedChecks> {
  const emitted = await thread.result;
  if ('problems' in emitted) throw checksFailure(emitted.problems, where);
  return emitted;
}

/** The worker's side: the checks of the document it is sent. */
export async function emitChecksInThread(
  input: ChecksThreadInput,
  inbox: () => Promise<ChecksThreadDocument>,
): Promise<ChecksThreadResult> {
  const { bytes, operations, banner } = await inbox();
  const document = JSON.parse(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'),
  ) as JsonObject;
  return emitChecksOrProblems({ model: { operations }, document, file: input.file }, banner);
}
