/**
 * Typed reads from a parsed document. A keyword of the wrong type is a spec error, reported with the
 * side and the place instead of surfacing later as `undefined is not iterable`.
 */
import { SpecShapeError, type DocumentSide } from './errors.js';
import { describeValue, isJsonObject, type JsonObject } from './json.js';

/** Where a value was read: which document and which readable location (see `location.ts`). */
export interface Where {
  readonly side: DocumentSide;
  readonly at: string;
}

export function fail(where: Where, problem: string): never {
  throw new SpecShapeError(where.side, where.at, problem);
}

export function asObject(value: unknown, where: Where, what: string): JsonObject {
  if (!isJsonObject(value)) fail(where, `${what} must be an object, got ${describeValue(value)}`);
  return value;
}

function wrongType(where: Where, key: string, expected: string, value: unknown): never {
  return fail(where, `"${key}" must be ${expected}, got ${describeValue(value)}`);
}

export function getObject(owner: JsonObject, key: string, where: Where): JsonObject | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  return isJsonObject(value) ? value : wrongType(where, key, 'an object', value);
}

export function getString(owner: JsonObject, key: string, where: Where): string | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : wrongType(where, key, 'a string', value);
}

export function getNumber(owner: JsonObject, key: string, where: Where): number | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : wrongType(where, key, 'a number', value);
}

export function getBoolean(owner: JsonObject, key: string, where: Where): boolean | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  return typeof value === 'boolean' ? value : wrongType(where, key, 'a boolean', value);
}

export function getArray(owner: JsonObject, key: string, where: Where): unknown[] | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : wrongType(where, key, 'an array', value);
}

export function getStringArray(owner: JsonObject, key: string, where: Where): string[] | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return wrongType(where, key, 'an array of strings', value);
}

/** An array whose items must all be objects, e.g. `parameters` or `servers`. */
export function getObjectArray(owner: JsonObject, key: string, where: Where): JsonObject[] | undefined {
  const value = getArray(owner, key, where);
  return value?.map((item, index) => asObject(item, where, `"${key}"[${index}]`));
}
