/**
 * A large document's types (openapi-typescript's transform, then the post-processing: `types.d.ts`
 * and its named exports) made in a worker thread while this one emits the contract checks: on
 * GitHub's 13 MB description the types are about half of `generate`'s time, the checks a sixth.
 * The thread starts with the build, loading its modules while the document is prepared, and is
 * sent `openapi.json`'s text rather than the document (a string crosses threads as one copy; the
 * thread parses its own, which the transform may change), the model and the banner; it returns the
 * text and the names, as the post-processing does here.
 */
import { availableParallelism } from 'node:os';
import type { ApiModel } from '../../model/types.js';
import type { Locate } from '../../shared/errors.js';
import type { JsonObject } from '../../shared/openapi.js';
import { startTask, type RunningTask } from '../../shared/worker.js';
import type { LoadedSpec } from '../load/index.js';
import { postprocessTypes, type PostprocessResult } from '../postprocess/index.js';
import { typeNodesOf, typesError } from '../types/index.js';

/** Below this, a thread's start-up (about 0.3 s) costs more than the checks it lets run beside. */
const WORTH_A_THREAD_BYTES = 2_000_000;

export interface PackageTypesInput {
  /** The bundled document as `openapi.json` holds it. */
  openapiJson: string;
  model: ApiModel;
  /** Names the package exports besides `types.d.ts` (see `reservedTypeNames`). */
  reserved: string[];
  banner: string;
}

/** The post-processed types, or the message of the transform's failure (placed by this thread). */
export type PackageTypesResult = PostprocessResult | { failure: string };

export type TypesBeside = RunningTask<PackageTypesResult, PackageTypesInput>;

/** Whether a spec's types are made in a thread of their own. */
export function typesBeside(spec: LoadedSpec): boolean {
  return spec.bytes.length >= WORTH_A_THREAD_BYTES && availableParallelism() > 1;
}

/** Starts the thread that makes the types once it is sent what they are made from (`packageTypes`). */
export function startTypesBeside(): TypesBeside {
  return startTask<undefined, PackageTypesResult, PackageTypesInput>('package-types', undefined);
}

/** Sends the thread what the types are made from; resolves them, or rejects as the types stage would. */
export async function packageTypes(
  thread: TypesBeside,
  input: PackageTypesInput,
  locate: Locate,
  file: string,
): Promise<PostprocessResult> {
  thread.send(input);
  const result = await thread.result;
  if ('failure' in result) throw typesError(new Error(result.failure), locate, file);
  return result;
}

/** The thread's side: the types of the document it is sent. */
export async function makePackageTypes(inbox: () => Promise<PackageTypesInput>): Promise<PackageTypesResult> {
  const { openapiJson, model, reserved, banner } = await inbox();
  let types;
  try {
    types = typeNodesOf(JSON.parse(openapiJson) as JsonObject);
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
  return postprocessTypes({ types, model, reserved, banner });
}
