import { deref, isObject, pointer, type JsonObject } from '../shared/openapi.js';
import { readOperation } from './operation-object.js';
import { nameOperations, nameFromRoute, type OperationKey } from './operation-names.js';
import { operationTarget, overlayAction } from './overlay-fix.js';
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

/** One operation object of `paths`, found where it is, before it is read. */
interface FoundOperation extends OperationKey {
  raw: JsonObject;
  at: string;
  item: JsonObject;
  itemServers: ServerInfo[] | undefined;
}

/**
 * Every operation object of `paths`, in spec order, with its operationId checked: a string, and
 * used once (openapi-typescript keys its `operations` by it, so two operations cannot share one).
 */
function findOperations(document: JsonObject, fail: Fail): FoundOperation[] {
  const found: FoundOperation[] = [];
  const byId = new Map<string, FoundOperation>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    // A specification extension, not a path (Apicurio's `x-codegen-contextRoot`: a string).
    if (path.startsWith('x-')) continue;
    const itemPointer = pointer('paths', path);
    const item = deref(document, rawItem, itemPointer);
    if (item === undefined) {
      fail(itemPointer, `path item ${path} cannot be resolved`);
      continue;
    }
    // Pointers lead to where the objects are written: a path item that is a `$ref` to another has
    // its operations there (the checks, the samples and the mock read them through the pointer).
    const itemServers = readServers(item.value.servers, `${item.pointer}/servers`, fail, true);
    for (const method of HTTP_METHODS) {
      const raw = item.value[method];
      if (raw === undefined) continue;
      const at = `${item.pointer}/${method}`;
      if (!isObject(raw)) {
        fail(at, `${method.toUpperCase()} ${path} is not an operation object`);
        continue;
      }
      const { operationId } = raw;
      if (operationId !== undefined && typeof operationId !== 'string') {
        fail(`${at}/operationId`, `the operationId of ${method.toUpperCase()} ${path} must be a string`);
        continue;
      }
      const operation: FoundOperation = { method, path, raw, at, item: item.value, itemServers };
      // An empty operationId names nothing: the operation is named as one without.
      if (operationId !== undefined && operationId !== '') {
        const earlier = byId.get(operationId);
        if (earlier !== undefined) {
          fail(`${at}/operationId`, duplicateMessage(operationId, earlier, operation));
          continue;
        }
        byId.set(operationId, operation);
        operation.operationId = operationId;
      }
      found.push(operation);
    }
  }
  return found;
}

/** Two operations with one operationId: the overlay action that gives the second another. */
function duplicateMessage(operationId: string, earlier: OperationKey, operation: OperationKey): string {
  const route = (key: OperationKey) => `${key.method.toUpperCase()} ${key.path}`;
  return (
    `operationId ${operationId} is also used by ${route(earlier)}; an operationId names one operation ` +
    `(its method of the client and its types). Give this one another, in the API's overlay for a ` +
    `published document or in the spec itself:\n` +
    overlayAction(operationTarget(operation.path, operation.method), {
      operationId: nameFromRoute(operation.method, operation.path),
    })
  );
}

/**
 * Every operation of `paths`, in spec order, with what it inherits from its path item and the
 * document, and the name of its method of the client (see `operation-names.ts`).
 * @see https://spec.openapis.org/oas/v3.1.0#paths-object
 * @see https://spec.openapis.org/oas/v3.1.0#path-item-object
 */
export function readOperations(
  document: JsonObject,
  defaults: { servers: ServerInfo[]; security: string[][]; declared: Set<string>; fail: Fail },
): OperationModel[] {
  const { servers, declared, fail } = defaults;
  const found = findOperations(document, fail);
  const names = nameOperations(found);
  const operations: OperationModel[] = [];
  found.forEach(({ raw, method, path, at, item, itemServers, operationId }, index) => {
    const operation = readOperation(document, {
      operation: raw,
      ...names[index]!,
      ...(operationId === undefined ? {} : { specOperationId: operationId }),
      method,
      path,
      at,
      pathParameters: item.parameters,
      pathParametersAt: pointer('paths', path, 'parameters'),
      servers: readServers(raw.servers, `${at}/servers`, fail, true) ?? itemServers ?? servers,
      security:
        raw.security === undefined
          ? defaults.security
          : (readSecurity(raw.security, `${at}/security`, declared, fail) ?? []),
      fail,
    });
    if (operation !== undefined) operations.push(operation);
  });
  return operations;
}

/**
 * Each operation's method name, by `<method> <path>` (`get /v1/voices`), for the change classifier,
 * which compares two documents that need not be valid: what `readOperations` would name them,
 * problems ignored.
 */
export function methodNames(document: JsonObject): Map<string, string> {
  const found = findOperations(document, () => undefined);
  const names = nameOperations(found);
  return new Map(
    found.map((operation, index) => [`${operation.method} ${operation.path}`, names[index]!.name]),
  );
}
