import { deref, isObject, pointer, type JsonObject } from '../shared/openapi.js';
import { readOperation, reservedOperationId } from './operation-object.js';
import { readSecurity } from './security-requirement-object.js';
import { readServers } from './server-object.js';
import type { Fail, HttpMethod, OperationModel, ServerInfo } from './types.js';

/** The fixed fields of a path item that hold an operation. */
export const HTTP_METHODS: readonly HttpMethod[] = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

/**
 * Every operation of `paths`, in spec order, with what it inherits from its path item and the
 * document; operationIds, which name the client's methods, are checked across all of them.
 * @see https://spec.openapis.org/oas/v3.1.0#paths-object
 * @see https://spec.openapis.org/oas/v3.1.0#path-item-object
 */
export function readOperations(
  document: JsonObject,
  defaults: { servers: ServerInfo[]; security: string[][]; declared: Set<string>; fail: Fail },
): OperationModel[] {
  const { servers, declared, fail } = defaults;
  const defaultSecurity = defaults.security;
  const operations: OperationModel[] = [];
  const byId = new Map<string, string>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemPointer = pointer('paths', path);
    const item = deref(document, rawItem, itemPointer);
    if (item === undefined) {
      fail(itemPointer, `path item ${path} cannot be resolved`);
      continue;
    }
    const itemServers = readServers(item.value.servers, pointer('paths', path, 'servers'), fail, true);
    for (const method of HTTP_METHODS) {
      const raw = item.value[method];
      if (raw === undefined) continue;
      const at = pointer('paths', path, method);
      if (!isObject(raw)) {
        fail(at, `${method.toUpperCase()} ${path} is not an operation object`);
        continue;
      }
      const operationId = raw.operationId;
      if (typeof operationId !== 'string' || operationId === '') {
        fail(at, `${method.toUpperCase()} ${path} has no operationId: the client method is named after it`);
        continue;
      }
      const earlier = byId.get(operationId);
      if (earlier !== undefined) {
        fail(
          pointer('paths', path, method, 'operationId'),
          `operationId ${operationId} is also used by ${earlier}`,
        );
        continue;
      }
      byId.set(operationId, `${method.toUpperCase()} ${path}`);
      const reserved = reservedOperationId(operationId);
      if (reserved !== undefined) {
        fail(pointer('paths', path, method, 'operationId'), reserved);
        continue;
      }
      const operation = readOperation(document, {
        operation: raw,
        operationId,
        method,
        path,
        at,
        pathParameters: item.value.parameters,
        pathParametersAt: pointer('paths', path, 'parameters'),
        servers:
          readServers(raw.servers, pointer('paths', path, method, 'servers'), fail, true) ??
          itemServers ??
          servers,
        security:
          raw.security === undefined
            ? defaultSecurity
            : (readSecurity(raw.security, pointer('paths', path, method, 'security'), declared, fail) ?? []),
        fail,
      });
      if (operation !== undefined) operations.push(operation);
    }
  }

  return operations;
}
