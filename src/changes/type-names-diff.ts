/**
 * The names of the types the package exports. They are not the spec's names: each is derived, and
 * a name already taken gets a numeric suffix in spec order, so a change in one place can move a
 * name elsewhere. diga adding the schema `UpdateAgentResponse` takes that name from the operation's
 * 200 response, which becomes `UpdateAgentResponse2`: code importing `UpdateAgentResponse` still
 * compiles, against a different type, or stops compiling.
 *
 * Both documents' exports are named with the generator's own code (`describeApi`, `nameExports`),
 * and every name that now denotes something else, or that disappeared while what it denoted is
 * still exported under another name, is reported. A name that disappeared with what it denoted (a
 * schema, an operation, a request body removed) is reported where that was removed.
 */
import { GenerateError, GenerateErrors } from '../shared/errors.js';
import { describeApi } from '../model/index.js';
import type { ApiModel, OperationModel } from '../model/types.js';
import { GLOBAL_TYPE_NAMES, nameExports } from '../model/export-names.js';
import { report, type DiffContext } from './context.js';
import { code } from './json.js';
import type { OpenApiDocument } from './types.js';

/** What an exported type name denotes. */
interface Meaning {
  /** The same on both sides for the same thing: `schema Agent`, `updateAgent body`. */
  key: string;
  /** For messages: `components.schemas.Agent`, "the 200 response of `updateAgent`". */
  label: string;
}

export function compareTypeNames(ctx: DiffContext): void {
  const before = exportedTypes(ctx.before, ctx.reservedTypeNames);
  const after = exportedTypes(ctx.after, ctx.reservedTypeNames);
  if (before === undefined || after === undefined) return;
  const nameOf = new Map([...after].map(([name, meaning]) => [meaning.key, name] as const));
  for (const [name, was] of before) {
    const is = after.get(name);
    if (is?.key === was.key) continue;
    const movedTo = nameOf.get(was.key);
    if (is === undefined && movedTo === undefined) continue;
    const elsewhere =
      movedTo === undefined
        ? `${was.label}, which it named, is gone`
        : `${was.label} is now ${code(movedTo)}`;
    const message =
      is === undefined ? `no longer exported: ${elsewhere}` : `now names ${is.label}; ${elsewhere}`;
    report(ctx, 'exportedTypeRenamed', 'input', `type ${name}`, message);
  }
}

/**
 * Every exported type name with what it denotes, or undefined for a document the generator rejects
 * (it makes no package, so there are no names to keep).
 *
 * `nameExports` is given the names the generated file reserves besides the spec's types: the
 * globals it uses and `reserved` (the runtime's exports, the client's names). openapi-typescript's
 * own declarations (`paths`, `components`, ...) are left out: they start with a lower-case letter
 * or `$`, and a derived name never does.
 */
function exportedTypes(
  document: OpenApiDocument,
  reserved: readonly string[],
): Map<string, Meaning> | undefined {
  let model: ApiModel;
  try {
    model = describeApi('api', document, (pointer) => ({ file: pointer }));
  } catch (error) {
    if (error instanceof GenerateError || error instanceof GenerateErrors) return undefined;
    throw error;
  }
  const names = nameExports(model, [...GLOBAL_TYPE_NAMES, ...reserved]);
  const exported = new Map<string, Meaning>();
  for (const [schema, name] of names.schemas) {
    exported.set(name, { key: `schema ${schema}`, label: code(`components.schemas.${schema}`) });
  }
  for (const operation of model.operations) {
    const typeNames = names.operations.get(operation.operationId)!;
    const id = operation.operationId;
    const of = (what: string) => `the ${what} of ${code(id)}`;
    const roles: [string | undefined, string, string][] = [
      [typeNames.pathParams, 'pathParams', of('path parameters')],
      [typeNames.queryParams, 'queryParams', of('query parameters')],
      [typeNames.headerParams, 'headerParams', of('header parameters')],
      [typeNames.body, 'body', of('request body')],
      [typeNames.response, 'response', of(successLabel(operation))],
      ...[...typeNames.errors].map(
        ([status, name]) => [name, `error ${status}`, of(`${status} response`)] as [string, string, string],
      ),
    ];
    for (const [name, role, label] of roles) {
      if (name !== undefined) exported.set(name, { key: `${id} ${role}`, label });
    }
  }
  // An enum is the values of its owner's field, wherever that field is (a request body, a
  // response) and whatever its values are now.
  for (const { name, uses } of names.enums) {
    const [{ owner, field }] = uses;
    exported.set(name, { key: `enum ${owner} ${field}`, label: `the values of ${code(field)}` });
  }
  return exported;
}

/** "200 response"; the success type is one per operation, whatever its status. */
function successLabel(operation: OperationModel): string {
  return operation.success.undocumented ? 'response' : `${operation.success.status} response`;
}
