/**
 * Requests the spec documents as valid, built from it: the request examples and the smallest
 * valid request of an operation (required parameters and body fields only, each with the value
 * the spec documents: `examples`, `const`, an enum value, `default`, else one made from the type).
 * `npm run verify` sends them through Prism; `npm run mock` prints the smallest one as a curl line.
 */
import { deref, getAtPointer, isObject, type JsonObject } from '../shared/openapi.js';
import type { ApiOperation, LoadedApi } from './api.js';
import { UsageError } from '../shared/errors.js';
import { envVarName } from './credentials.js';

export interface SampleRequest {
  /** How reports name it: `example "page"`, `smallest request`. */
  name: string;
  operationId: string;
  /** Upper-case, as sent. */
  method: string;
  /** The path template, e.g. `/v1/agent/{agent_id}`. */
  pathTemplate: string;
  params: { path: Record<string, string>; query: Record<string, string>; header: Record<string, string> };
  /** The JSON body; `undefined` sends none. */
  body: unknown;
}

const SAMPLE_STRINGS: Record<string, string> = {
  uuid: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  email: 'someone@example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

const typesOf = (schema: JsonObject): string[] =>
  Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];

/** A value `schema` accepts, preferring one the spec itself documents. `at` is the schema's pointer. */
export function sampleValue(document: JsonObject, schema: unknown, at: string): unknown {
  const resolved = deref(document, schema, at);
  if (resolved === undefined) return {}; // `true` or a dangling ref: anything goes, and the linter reports the ref
  const { value: s, pointer } = resolved;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.example !== undefined) return s.example;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) {
    const listed = s.enum.find((value) => value !== null);
    if (listed !== undefined) return listed;
  }
  if (s.default !== undefined && s.default !== null) return s.default;
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = s[keyword];
    if (Array.isArray(branches) && branches.length > 0)
      return sampleValue(document, branches[0], `${pointer}/${keyword}/0`);
  }
  const types = typesOf(s);
  const type =
    types.find((t) => t !== 'null') ??
    (isObject(s.properties) || Array.isArray(s.allOf) ? 'object' : types[0]);
  switch (type) {
    case 'string':
      return sampleString(s, pointer);
    case 'integer':
    case 'number':
      return sampleNumber(s, type);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const count = typeof s.minItems === 'number' ? s.minItems : 0;
      return Array.from({ length: count }, () => sampleValue(document, s.items, `${pointer}/items`));
    }
    default:
      return smallestObject(document, s, pointer);
  }
}

function sampleString(s: JsonObject, pointer: string): string {
  const known = typeof s.format === 'string' ? SAMPLE_STRINGS[s.format] : undefined;
  if (known !== undefined) return known;
  if (typeof s.pattern === 'string') {
    const matching = matchingString(s.pattern);
    const length = matching?.length ?? 0;
    const fits =
      (typeof s.minLength !== 'number' || length >= s.minLength) &&
      (typeof s.maxLength !== 'number' || length <= s.maxLength);
    if (matching !== undefined && fits) return matching;
    throw new UsageError(
      pointer,
      `cannot make up a string matching ${s.pattern}; add \`examples\` to the schema (verify also takes requests from a --requests file)`,
    );
  }
  return 'x'.repeat(typeof s.minLength === 'number' && s.minLength > 0 ? s.minLength : 1);
}

/** What one token of a simple pattern stands for, as the shortest text it matches gives it. */
const CLASS_ESCAPES: Record<string, string> = { d: '0', w: 'a', s: ' ' };

/**
 * The shortest string a simple `pattern` matches (literals, escapes, character classes, counted or
 * optional repeats: Twilio's `^CA[0-9a-fA-F]{32}$` gives `CA000…`), checked against the pattern
 * itself; undefined for anything else (groups, alternatives, negated classes).
 */
export function matchingString(pattern: string): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  let index = 0;
  while (index < body.length) {
    let unit: string;
    const char = body[index]!;
    if (char === '\\') {
      const next = body[index + 1];
      if (next === undefined) return undefined;
      unit = CLASS_ESCAPES[next] ?? (/[A-Za-z0-9]/.test(next) ? '' : next);
      if (unit === '') return undefined; // \b, \D, \uXXXX, …: not worth guessing
      index += 2;
    } else if (char === '[') {
      const end = body.indexOf(']', index + 1);
      const inside = body.slice(index + 1, end);
      if (end === -1 || inside === '' || inside.startsWith('^')) return undefined;
      unit = inside.startsWith('\\') ? (CLASS_ESCAPES[inside[1]!] ?? inside[1]!) : inside[0]!;
      index = end + 1;
    } else if ('()|^$*+?{}'.includes(char)) {
      return undefined;
    } else {
      unit = char === '.' ? 'a' : char;
      index += 1;
    }
    const quantifier = /^(?:\{(\d+)(?:,\d*)?\}|[*+?])/.exec(body.slice(index));
    const times =
      quantifier === null
        ? 1
        : quantifier[1] !== undefined
          ? Number(quantifier[1])
          : quantifier[0] === '+'
            ? 1
            : 0;
    if (times > 1024) return undefined;
    out += unit.repeat(times);
    index += quantifier?.[0].length ?? 0;
  }
  return regex.test(out) ? out : undefined;
}

function sampleNumber(s: JsonObject, type: 'integer' | 'number'): number {
  const step = type === 'integer' ? 1 : 0.5;
  if (typeof s.minimum === 'number') return s.minimum;
  if (typeof s.exclusiveMinimum === 'number') return s.exclusiveMinimum + step;
  if (typeof s.maximum === 'number' && s.maximum < 0) return s.maximum;
  if (typeof s.exclusiveMaximum === 'number' && s.exclusiveMaximum <= 0) return s.exclusiveMaximum - step;
  return 0;
}

/**
 * The object with only its required properties (those of `allOf` branches included), plus what an
 * `if`/`then` asks for when those properties already meet its `if`.
 */
function smallestObject(document: JsonObject, s: JsonObject, pointer: string): Record<string, unknown> {
  const parts = [{ schema: s, pointer }];
  if (Array.isArray(s.allOf)) {
    s.allOf.forEach((branch, index) => {
      const resolved = deref(document, branch, `${pointer}/allOf/${index}`);
      if (resolved) parts.push({ schema: resolved.value, pointer: resolved.pointer });
    });
  }
  const out: Record<string, unknown> = {};
  const add = (names: unknown) => {
    for (const name of Array.isArray(names) ? names : []) {
      if (typeof name !== 'string' || name in out) continue;
      const owner = parts.find((part) => isObject(part.schema.properties) && name in part.schema.properties);
      out[name] = owner
        ? sampleValue(
            document,
            (owner.schema.properties as JsonObject)[name],
            `${owner.pointer}/properties/${name}`,
          )
        : 'x';
    }
  };
  for (const part of parts) add(part.schema.required);
  for (const part of parts) {
    const { if: condition, then } = part.schema;
    if (isObject(condition) && isObject(then) && meets(out, condition)) add(then.required);
  }
  return out;
}

/** Whether `value` meets an `if` written as `required` plus `const`/`enum` properties (what specs use). */
function meets(value: Record<string, unknown>, condition: JsonObject): boolean {
  const required = Array.isArray(condition.required) ? condition.required : [];
  if (!required.every((name) => typeof name === 'string' && name in value)) return false;
  const properties = isObject(condition.properties) ? condition.properties : {};
  return Object.entries(properties).every(([name, schema]) => {
    if (!(name in value) || !isObject(schema)) return true;
    if (schema.const !== undefined) return value[name] === schema.const;
    return !Array.isArray(schema.enum) || schema.enum.includes(value[name]);
  });
}

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  /** Made on demand: a value from the environment needs no sample (which may be impossible to make). */
  sample: () => unknown;
}

/** The operation's parameters merged over its path item's, each with a sample value. */
function parameters(document: JsonObject, operation: ApiOperation): Parameter[] {
  const operationAt = operation.model.pointer;
  const itemAt = operationAt.slice(0, operationAt.lastIndexOf('/'));
  const found = getAtPointer(document, itemAt);
  const item = isObject(found) ? found : {};
  const byKey = new Map<string, Parameter>();
  for (const [list, at] of [
    [item.parameters, `${itemAt}/parameters`],
    [operation.raw.parameters, `${operationAt}/parameters`],
  ] as const) {
    (Array.isArray(list) ? list : []).forEach((raw, index) => {
      const resolved = deref(document, raw, `${at}/${index}`);
      if (!resolved || typeof resolved.value.name !== 'string' || typeof resolved.value.in !== 'string')
        return;
      const p = resolved.value;
      const examples = isObject(p.examples) ? Object.values(p.examples).filter(isObject) : [];
      const sample = () =>
        p.example ??
        examples.find((example) => example.value !== undefined)?.value ??
        sampleValue(document, p.schema, `${resolved.pointer}/schema`);
      byKey.set(`${p.in}:${String(p.name)}`, {
        name: String(p.name),
        in: p.in as string,
        required: p.required === true || p.in === 'path',
        sample,
      });
    });
  }
  return [...byKey.values()];
}

/**
 * Path parameter values: `<API>_<PARAM>` from the environment (`DIGA_AGENT_ID`), so requests reach
 * a real resource of the upstream, else the spec's sample value.
 */
export function pathParameterValues(
  api: LoadedApi,
  operation: ApiOperation,
  env: Readonly<Record<string, string | undefined>>,
): { values: Record<string, string>; fromEnv: Record<string, string> } {
  const values: Record<string, string> = {};
  const fromEnv: Record<string, string> = {};
  for (const p of parameters(api.document, operation)) {
    if (p.in !== 'path') continue;
    const variable = envVarName(api.source.api, p.name);
    const given = env[variable];
    if (given !== undefined && given !== '') {
      const problem = pathValueProblem(given);
      if (problem !== undefined) throw new UsageError(variable, problem);
      values[p.name] = given;
      fromEnv[p.name] = variable;
    } else {
      values[p.name] = String(p.sample());
    }
  }
  return { values, fromEnv };
}

/** The media type object of the body the client sends (`model.requestBody.mediaType`), with its pointer. */
function requestMedia(
  api: LoadedApi,
  operation: ApiOperation,
): { media: JsonObject; at: string } | undefined {
  const mediaType = operation.model.requestBody?.mediaType;
  if (mediaType === undefined) return undefined;
  const body = deref(api.document, operation.raw.requestBody, `${operation.model.pointer}/requestBody`);
  const media = body && isObject(body.value.content) ? body.value.content[mediaType] : undefined;
  return isObject(media)
    ? { media, at: `${body!.pointer}/content/${mediaType.replace(/\//g, '~1')}` }
    : undefined;
}

/** The request examples of the operation's body, then its smallest valid request. */
export function documentedRequests(
  api: LoadedApi,
  operation: ApiOperation,
  pathValues: Record<string, string>,
): SampleRequest[] {
  const base = baseRequest(api, operation, pathValues);
  const requests: SampleRequest[] = [];
  const found = requestMedia(api, operation);
  if (found && isObject(found.media.examples)) {
    for (const [name, raw] of Object.entries(found.media.examples)) {
      const example = deref(api.document, raw, `${found.at}/examples/${name}`)?.value;
      // An `externalValue` example lives outside the spec; there is nothing here to send.
      if (example?.value !== undefined)
        requests.push({ ...base, name: `example "${name}"`, body: example.value });
    }
  } else if (found?.media.example !== undefined) {
    requests.push({ ...base, name: 'example', body: found.media.example });
  }
  requests.push(smallestRequest(api, operation, pathValues));
  return requests;
}

/** Required parameters and, when the body is required, its smallest valid value. */
export function smallestRequest(
  api: LoadedApi,
  operation: ApiOperation,
  pathValues: Record<string, string>,
): SampleRequest {
  const base = baseRequest(api, operation, pathValues);
  const body = operation.model.requestBody;
  if (body === undefined || !body.required) return base;
  if (!/json/i.test(body.mediaType)) {
    throw new UsageError(
      undefined,
      `${operation.model.operationId}: cannot build a ${body.mediaType} body (verify takes such requests from a --requests file)`,
    );
  }
  const found = requestMedia(api, operation);
  return { ...base, body: sampleValue(api.document, found?.media.schema, `${found?.at ?? ''}/schema`) };
}

function baseRequest(
  api: LoadedApi,
  operation: ApiOperation,
  pathValues: Record<string, string>,
): SampleRequest {
  const params: SampleRequest['params'] = { path: { ...pathValues }, query: {}, header: {} };
  for (const p of parameters(api.document, operation)) {
    if (!p.required) continue;
    if (p.in === 'query') params.query[p.name] = String(p.sample());
    if (p.in === 'header') params.header[p.name.toLowerCase()] = String(p.sample());
  }
  return {
    name: 'smallest request',
    operationId: operation.model.operationId,
    method: operation.model.method.toUpperCase(),
    pathTemplate: operation.model.path,
    params,
    body: undefined,
  };
}

/**
 * Why `value` cannot fill a path parameter, or `undefined`. Encoding leaves dots alone, and URL
 * parsing resolves `.` and `..` segments: `/v1/agent/..` is sent as `/v1/`, another endpoint,
 * with the credentials and the request's method. An empty value drops the segment.
 */
export function pathValueProblem(value: string): string | undefined {
  if (value === '') return 'is empty; a path parameter fills a path segment';
  if (value === '.' || value === '..') {
    return `"${value}" is not a path parameter value: the URL would resolve it to another path`;
  }
  return undefined;
}

/** The path with its parameters filled in and encoded, plus the query string. */
export function requestTarget(
  pathTemplate: string,
  path: Record<string, string>,
  query: Record<string, string>,
): string {
  const filled = pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = path[name];
    if (value === undefined)
      throw new UsageError(undefined, `no value for path parameter ${name} of ${pathTemplate}`);
    // Where the value came from is checked earlier, to name it; this catches the spec's own samples.
    const problem = pathValueProblem(value);
    if (problem !== undefined) throw new UsageError(`path parameter ${name} of ${pathTemplate}`, problem);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(query).toString();
  return search ? `${filled}?${search}` : filled;
}
