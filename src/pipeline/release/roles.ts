/**
 * How consumers use each export of a package, which decides whether a change of its type breaks
 * them (see `compareDeclarations`): what they write (the factory's options, an operation's
 * parameters and body, the logger or fetch they pass, an error's constructor arguments) and what
 * they read (the client, responses, error bodies, the runtime's errors and log details). Anything
 * not named here, the spec's schemas and openapi-typescript's `paths` among them, is used both
 * ways: any change of it breaks.
 */
import type { ExportRole } from '../../changes/index.js';
import type { ClientNames } from '../emit/client.js';
import type { OperationTypeNames } from '../postprocess/named-exports.js';
import type { RuntimeExport } from '../runtime/index.js';

/** The runtime's public types that consumers write values of. */
const RUNTIME_INPUTS = [
  'ClientOptions',
  'CallOptions',
  'Logger',
  'FetchFunction',
  'RequestTarget',
  'ResponseInfo',
];

/** The runtime's public types that consumers only read (its error classes read too). */
const RUNTIME_OUTPUTS = ['LogDetails'];

export function exportRoles(
  client: ClientNames,
  operations: ReadonlyMap<string, OperationTypeNames>,
  runtime: readonly RuntimeExport[],
): Map<string, ExportRole> {
  const roles = new Map<string, ExportRole>([
    [client.options, 'input'],
    [client.client, 'output'],
  ]);
  for (const entry of runtime) {
    if (RUNTIME_INPUTS.includes(entry.name)) roles.set(entry.name, 'input');
    else if (RUNTIME_OUTPUTS.includes(entry.name) || entry.kind === 'class') roles.set(entry.name, 'output');
  }
  for (const names of operations.values()) {
    for (const name of [names.pathParams, names.queryParams, names.headerParams, names.body])
      if (name !== undefined) roles.set(name, 'input');
    for (const name of [names.response, ...names.errors.values()]) roles.set(name, 'output');
  }
  return roles;
}
