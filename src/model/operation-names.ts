/**
 * The client's method name for each operation. An operationId that is a camelCase identifier names
 * its method as it is (what transcribed specs write, and what the house lint rule asks for); any
 * other is camelCased (`List_generated_items_v1_history_get` → `listGeneratedItemsV1HistoryGet`,
 * `meta/root` → `metaRoot`), and an operation without one is named from its method and path
 * (`GET /v1/voices/{voice_id}` → `getV1VoicesVoiceId`). A name JavaScript or openapi-fetch already
 * gives a meaning on the client gets `Operation` appended, and a name taken by an earlier operation
 * the lowest free numeric suffix. Operations that keep their operationId as it is claim their
 * names first, so a derived name never takes an operationId's own name from it. Everything is
 * decided from the document alone and in spec order: the same document always gives the same names.
 *
 * The change classifier names both revisions' methods with this module too, so that a rename of
 * an operationId that leaves the method as it was is not a breaking change.
 */
import { words } from '../shared/names.js';
import type { HttpMethod } from './types.js';

/** Members of openapi-fetch's `Client`, which every generated client extends: no operation may shadow one. */
export const CLIENT_MEMBERS = new Set([
  'request',
  'GET',
  'PUT',
  'POST',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PATCH',
  'TRACE',
  'use',
  'eject',
]);

/**
 * Method names JavaScript itself calls on an object, with what would call them: an operation of
 * that name would be sent by code that never meant to (a client returned from an async function
 * is resolved through its `then`). camelCase, so the lint rule lets them through.
 */
export const IMPLICITLY_CALLED: ReadonlyMap<string, string> = new Map([
  ['then', 'returning the client from an async function, or awaiting it, would call the operation'],
  ['toJSON', 'JSON.stringify(client) would call the operation'],
  ...Object.getOwnPropertyNames(Object.prototype).map(
    (name) =>
      [
        name,
        `it would shadow Object.prototype.${name}, which string conversion and libraries rely on`,
      ] as const,
  ),
]);

/** What the house lint rule (`operation-id`) asks of an operationId: kept as the method name as it is. */
export const CAMEL_CASE_IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;

export interface OperationKey {
  method: HttpMethod;
  path: string;
  /** The spec's operationId; undefined when it has none. */
  operationId?: string;
}

/** Why an operation's method is not named by its operationId as it is. */
export type RenameReason =
  /** The operationId is not a camelCase identifier: it is camelCased. */
  | { kind: 'camelCased' }
  /** The operation has no operationId: the name comes from its method and path. */
  | { kind: 'missing' }
  /** The name would shadow something of the client: `Operation` is appended. */
  | { kind: 'reserved'; why: string }
  /** An earlier operation (or a reserved name) took the name: a numeric suffix is added. */
  | { kind: 'collision'; wanted: string; takenBy: string };

export interface OperationName {
  name: string;
  /** Absent when the name is the operationId as the spec writes it. */
  renamed?: RenameReason;
}

/** Why `name` cannot name a method of the client, if it cannot. */
export function reservedMethodName(name: string): string | undefined {
  if (CLIENT_MEMBERS.has(name)) return `it would shadow openapi-fetch's Client.${name}`;
  const implicitly = IMPLICITLY_CALLED.get(name);
  return implicitly === undefined
    ? undefined
    : `JavaScript calls a method of that name by itself: ${implicitly}`;
}

/** `words` joined as camelCase: the first lower-cased whole, the others capitalised (`ID` → `Id`). */
function camelWords(parts: string[]): string {
  return parts
    .map((word, index) =>
      index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(),
    )
    .join('');
}

/** The name an operation without a usable operationId gets: `get /v1/voices/{voice_id}` → `getV1VoicesVoiceId`. */
export function nameFromRoute(method: HttpMethod, path: string): string {
  return camelWords([method, ...words(path)]);
}

/** The name an operation wants, before reserved names and collisions, and why it differs from its operationId. */
function wantedName({ method, path, operationId }: OperationKey): OperationName {
  if (operationId !== undefined && CAMEL_CASE_IDENTIFIER.test(operationId)) return { name: operationId };
  if (operationId === undefined) return { name: nameFromRoute(method, path), renamed: { kind: 'missing' } };
  const parts = words(operationId);
  // No letter or digit to make a name of (`-`, `/`): the route names it.
  if (parts.length === 0) return { name: nameFromRoute(method, path), renamed: { kind: 'camelCased' } };
  // An identifier cannot start with a digit (`2fa_verify`): the HTTP method goes first.
  const name = camelWords(/^\p{N}/u.test(parts[0]!) ? [method, ...parts] : parts);
  return { name, renamed: { kind: 'camelCased' } };
}

/**
 * Every operation's method name, in the order given (spec order); the names are unique.
 * @param operations with their operationIds unique (`describeApi` refuses duplicates first)
 */
export function nameOperations(operations: readonly OperationKey[]): OperationName[] {
  const wanted = operations.map((operation) => {
    const found = wantedName(operation);
    const reserved = reservedMethodName(found.name);
    return reserved === undefined
      ? found
      : { name: `${found.name}Operation`, renamed: { kind: 'reserved', why: reserved } as RenameReason };
  });
  const owner = new Map<string, string>();
  const label = (operation: OperationKey): string =>
    operation.operationId ?? `${operation.method.toUpperCase()} ${operation.path}`;
  const names: OperationName[] = new Array(operations.length);
  // Operations named by their operationId as it is first, then the others, each group in spec order.
  for (const keep of [true, false]) {
    wanted.forEach((want, index) => {
      if ((want.renamed === undefined) !== keep) return;
      let name = want.name;
      for (let suffix = 2; owner.has(name); suffix += 1) name = `${want.name}${suffix}`;
      owner.set(name, label(operations[index]!));
      names[index] =
        name === want.name
          ? want
          : {
              name,
              renamed: { kind: 'collision', wanted: want.name, takenBy: owner.get(want.name)! },
            };
    });
  }
  return names;
}

/** A note about the package the pipeline prints after the API's line, at a place of the spec. */
export interface ModelWarning {
  /** JSON pointer of what it is about. */
  at: string;
  message: string;
}

/**
 * What generate reports of the method names: each name that moved for a clash (a reserved name,
 * another operation's), one line each; the camelCased and the route-named ones counted in one line
 * (a published document may have hundreds), which the package README lists one by one.
 */
export function namingWarnings(
  operations: readonly {
    operationId: string;
    specOperationId?: string;
    renamed?: RenameReason;
    pointer: string;
  }[],
): ModelWarning[] {
  const warnings: ModelWarning[] = [];
  let camelCased = 0;
  let missing = 0;
  for (const operation of operations) {
    const { renamed } = operation;
    const spec = operation.specOperationId;
    const at = spec === undefined ? operation.pointer : `${operation.pointer}/operationId`;
    const subject = spec === undefined ? 'the operation' : `operationId ${spec}`;
    if (renamed?.kind === 'camelCased') camelCased += 1;
    else if (renamed?.kind === 'missing') missing += 1;
    else if (renamed?.kind === 'reserved')
      warnings.push({ at, message: `${subject} is the method ${operation.operationId}: ${renamed.why}` });
    else if (renamed?.kind === 'collision')
      warnings.push({
        at,
        message: `${subject} is the method ${operation.operationId}: ${renamed.wanted} is taken by ${renamed.takenBy}`,
      });
  }
  const counts = [
    camelCased > 0
      ? `${camelCased} operationId${camelCased === 1 ? ' is not a camelCase identifier' : 's are not camelCase identifiers'}`
      : '',
    missing > 0 ? `${missing} operation${missing === 1 ? ' has' : 's have'} no operationId` : '',
  ].filter((part) => part !== '');
  if (counts.length > 0)
    warnings.unshift({
      at: '#/paths',
      message: `${counts.join(' and ')}: their methods are named from them (or from the method and path), as the package README's "Method names" lists`,
    });
  return warnings;
}
