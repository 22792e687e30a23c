/**
 * An API as the mock and verify commands read it: the parsed spec and the pipeline's model of it
 * (`describeApi`), so operations, statuses and credential names are exactly the ones the generated
 * client uses: `npm run verify -- diga` reads `DIGA_TOKEN` because the client's option is `token`.
 */
import { UsageError, UserError } from '../shared/errors.js';
import { loadSpec } from '../pipeline/load/index.js';
import { describeApi } from '../model/index.js';
import type { ApiModel, OperationModel } from '../model/types.js';
import { getAtPointer, isObject, type JsonObject } from '../shared/openapi.js';
import type { SpecSource } from './spec-source.js';

export interface ApiOperation {
  model: OperationModel;
  /** The operation object as written in the spec. */
  raw: JsonObject;
  /** The keys of `responses`: statuses, ranges such as `4XX`, and `default`. */
  documentedStatuses: string[];
}

export interface LoadedApi {
  source: SpecSource;
  document: JsonObject;
  model: ApiModel;
  operations: ApiOperation[];
}

export async function loadApi(source: SpecSource): Promise<LoadedApi> {
  try {
    const loaded = await loadSpec(source.path, source.displayPath);
    const document = loaded.parsed();
    const model = describeApi(source.api, document, loaded.locate);
    const operations = model.operations.map((operation) => {
      const raw = getAtPointer(document, operation.pointer) as JsonObject;
      const responses = isObject(raw.responses) ? raw.responses : {};
      return { model: operation, raw, documentedStatuses: Object.keys(responses) };
    });
    return { source, document, model, operations };
  } catch (error) {
    // For mock and verify a spec that does not load is wrong input (exit 2), not a finding; its
    // message already says `file:line:column: what`.
    if (error instanceof UserError) throw new UsageError(error.where, error.what);
    throw error;
  }
}

/** Whether the spec documents `status` for the operation, directly, by range (`5XX`) or by `default`. */
export function isDocumentedStatus(status: number, documented: string[]): boolean {
  const keys = new Set(documented.map((key) => key.toUpperCase()));
  return keys.has(String(status)) || keys.has(`${String(status)[0]}XX`) || keys.has('DEFAULT');
}
