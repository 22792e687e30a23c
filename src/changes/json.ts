/**
 * Small JSON helpers shared by the comparison modules. Specs are compared as parsed JSON, so
 * equality is structural and key order never matters.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value of an own key, or undefined. Spec authors choose property and component names, and a
 * field called `constructor` must not find `Object.prototype.constructor`.
 */
export function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** JSON text with object keys sorted, so two equal values always give the same string. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value)) ?? 'undefined';
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isJsonObject(value)) return value;
  // No prototype: a key `__proto__` (JSON.parse makes it an own property) is then kept, not taken
  // as the object's prototype and left out.
  const sorted: JsonObject = Object.create(null);
  for (const key of Object.keys(value).sort(compareText)) sorted[key] = sortKeysDeep(value[key]);
  return sorted;
}

/**
 * `canonicalJson(a) === canonicalJson(b)`, without serialising: the classifier compares every
 * level of a schema with the levels below it, and serialising each subtree again at each level
 * made comparing two documents quadratic in their depth.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(inArray(item), inArray(b[index])));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a).filter((key) => isWritten(a[key]));
    return (
      keys.length === Object.keys(b).filter((key) => isWritten(b[key])).length &&
      keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
    );
  }
  return canonicalJson(a) === canonicalJson(b);
}

/** Whether JSON.stringify writes an object's property with this value. */
function isWritten(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** What JSON.stringify writes for an array item: `null` for what it leaves out of objects. */
function inArray(value: unknown): unknown {
  return isWritten(value) ? value : null;
}

/**
 * Code-point order. `localeCompare` depends on the machine's locale, and the changelog must be
 * byte-identical wherever it is generated.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sorted union of two key lists, each key once. */
export function unionKeys(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compareText);
}

/** Describes a value for an error message: its JSON, shortened. */
export function describeValue(value: unknown): string {
  const text = canonicalJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Wraps a value as a markdown code span, for messages. A fence longer than any backtick run
 * inside keeps values such as regular expressions intact in the changelog.
 */
export function code(value: unknown): string {
  const text = typeof value === 'string' ? value : canonicalJson(value);
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** `a`, `b` and `c` as code spans joined with commas. */
export function codeList(values: readonly unknown[]): string {
  return values.map(code).join(', ');
}
