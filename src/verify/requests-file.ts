/**
 * The `--requests` file: a JSON array of requests to send instead of the spec's own, shaped like a
 * generated client's call so it reads the same:
 *
 * ```json
 * [{ "name": "rename", "operation": "updateAgent", "params": { "path": { "agent_id": "…" } },
 *    "body": { "name": "Reception" } }]
 * ```
 *
 * Every field is optional: `operation` may be left out when the API has one; path parameters not
 * given come from `<API>_<PARAM>` or the spec; a query parameter given a list is sent once per item;
 * credentials come from the environment unless `headers` carries them. Each mistake is reported as `file[index].field: what`.
 */
import { readFile } from 'node:fs/promises';
import { listProblems, ProblemList, UsageError } from '../shared/errors.js';
import { headerValueProblem } from '../mock/credentials.js';

export interface RequestEntry {
  /** How the report names it. @default `request <index>` */
  name?: string;
  /** An operationId of the spec. */
  operation?: string;
  /** A query parameter given a list is sent once per item (`ids=1&ids=2`). */
  params?: { path?: Record<string, string>; query?: Record<string, string | string[]> };
  /** Sent as given, after the credentials (so they can replace them). Names are case-insensitive. */
  headers?: Record<string, string>;
  /** The JSON body; absent sends none. */
  body?: unknown;
}

/** RFC 9110's token: what a header name may hold. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~\w]+$/;
const FIELDS = ['name', 'operation', 'params', 'headers', 'body'];
const FIELD_LIST = FIELDS.join(', ');
const PARAM_LOCATIONS = ['path', 'query'];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export async function readRequestsFile(path: string, displayPath = path): Promise<RequestEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError('--requests', `cannot read ${displayPath}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    // Editors on Windows may save a byte order mark, which JSON.parse takes for an unexpected token.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(displayPath, `not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(displayPath, 'expected a JSON array of requests');
  if (parsed.length === 0) throw new UsageError(displayPath, 'the array is empty; there is nothing to send');
  const problems = new ProblemList();
  const entries = parsed.map((raw, index) => readEntry(raw, `${displayPath}[${index}]`, problems));
  if (problems.count > 0) throw new UsageError(undefined, listProblems(problems));
  return entries;
}

function readEntry(raw: unknown, at: string, problems: ProblemList): RequestEntry {
  if (!isPlainObject(raw)) {
    problems.push(`${at}: expected an object with ${FIELD_LIST}`);
    return {};
  }
  for (const key of Object.keys(raw)) {
    if (!FIELDS.includes(key)) problems.push(`${at}: unknown field "${key}" (fields: ${FIELD_LIST})`);
  }
  const entry: RequestEntry = {};
  for (const key of ['name', 'operation'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value === 'string' && value !== '') entry[key] = value;
    else problems.push(`${at}.${key}: expected a non-empty string`);
  }
  if (raw.params !== undefined) {
    if (!isPlainObject(raw.params)) problems.push(`${at}.params: expected an object with path and query`);
    else {
      entry.params = {};
      for (const [location, values] of Object.entries(raw.params)) {
        if (!PARAM_LOCATIONS.includes(location)) {
          problems.push(
            `${at}.params: unknown location "${location}" (path, query; headers go in "headers")`,
          );
          continue;
        }
        const where = `${at}.params.${location}`;
        if (location === 'query') {
          const read = readStrings(values, where, problems, true);
          if (read) entry.params.query = read;
        } else {
          const read = readStrings(values, where, problems);
          if (read) entry.params.path = read;
        }
      }
    }
  }
  if (raw.headers !== undefined) {
    const headers = readStrings(raw.headers, `${at}.headers`, problems);
    for (const [name, value] of Object.entries(headers ?? {})) {
      // Caught here, not by fetch after Prism started, whose error would quote the value (a secret).
      if (!HEADER_NAME.test(name)) problems.push(`${at}.headers.${name}: not a header name`);
      const problem = headerValueProblem(value);
      if (problem !== undefined) problems.push(`${at}.headers.${name}: ${problem}`);
    }
    if (headers) {
      entry.headers = Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
      );
    }
  }
  if ('body' in raw) {
    const problem = bodyProblem(raw.body);
    if (problem !== undefined) problems.push(`${at}.body: ${problem}`);
    else entry.body = raw.body;
  }
  return entry;
}

/**
 * Why Prism's proxy cannot forward `body` as written, or `undefined`. Prism (5.x) parses the JSON
 * body and serialises it again: `null`, `false` and `0` are dropped while the Content-Length stays,
 * so the upstream waits for a body that never comes, and a string loses its quotes.
 */
export function bodyProblem(body: unknown): string | undefined {
  if (body === null) return 'null is not a request body; leave "body" out to send none';
  if (body === false || body === 0 || typeof body === 'string') {
    return `Prism's proxy cannot forward ${JSON.stringify(body).slice(0, 40)} as a JSON body (it drops false and 0, and sends a string without its quotes); send an object or array`;
  }
  return undefined;
}

const isScalar = (item: unknown): item is string | number | boolean =>
  typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean';

/**
 * A map of names to values; numbers and booleans are accepted and sent as text, and with `lists`
 * a list of them too (a query parameter given more than once).
 */
function readStrings(value: unknown, at: string, problems: ProblemList): Record<string, string> | undefined;
function readStrings(
  value: unknown,
  at: string,
  problems: ProblemList,
  lists: true,
): Record<string, string | string[]> | undefined;
function readStrings(
  value: unknown,
  at: string,
  problems: ProblemList,
  lists = false,
): Record<string, string | string[]> | undefined {
  if (!isPlainObject(value)) {
    problems.push(`${at}: expected an object of names to values`);
    return undefined;
  }
  // No prototype while filled: a parameter named `__proto__` is then a key, not the prototype.
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [name, item] of Object.entries(value)) {
    if (isScalar(item)) out[name] = String(item);
    else if (lists && Array.isArray(item) && item.every(isScalar)) out[name] = item.map(String);
    else
      problems.push(
        `${at}.${name}: expected a string, number or boolean${lists ? ', or a list of them' : ''}, got ${JSON.stringify(item)}`,
      );
  }
  return { ...out };
}
