/**
 * Requests the spec documents as valid, built from it: the request examples and the smallest
 * valid request of an operation (required parameters and body fields only, each with the value
 * the spec documents: `examples`, `const`, an enum value, `default`, else one made from the type).
 * `npm run verify` sends them through Prism; `npm run mock` prints the smallest one as a curl line.
 */
import { isBinarySchema, requestBodyKind } from '../model/media-type-object.js';
import { deref, isObject, mergedParameters, type JsonObject } from '../shared/openapi.js';
import type { ApiOperation, LoadedApi } from './api.js';
import { UsageError } from '../shared/errors.js';
import { envVarName } from './credentials.js';
import { formFieldSample, mediaTypeHeaderSample, sampleValue, typesOf } from '../model/sample-value.js';

export interface SampleRequest {
  /** How reports name it: `example "page"`, `smallest request`. */
  name: string;
  operationId: string;
  /** Upper-case, as sent. */
  method: string;
  /** The path template, e.g. `/v1/agent/{agent_id}`. */
  pathTemplate: string;
  /** A query parameter given a list is sent once per item (`ids=1&ids=2`). */
  params: {
    path: Record<string, string>;
    query: Record<string, string | string[]>;
    header: Record<string, string>;
  };
  /** The JSON body; `undefined` sends none. */
  body: unknown;
}

export { sampleValue };

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  /** The parameter object as the spec writes it (`$ref` resolved): its `schema`, `style`, `explode`. */
  definition: JsonObject;
  /** Made on demand: a value from the environment needs no sample (which may be impossible to make). */
  sample: () => unknown;
}

/**
 * How a parameter goes on the wire (OpenAPI's defaults filled in): its `style`, whether it is
 * exploded, and what joins an array's items when it is not (`undefined`: each item is a query
 * pair of its own, `ids=1&ids=2`).
 */
export function parameterStyle(parameter: JsonObject): {
  style: string;
  explode: boolean;
  delimiter?: string;
} {
  const location = parameter.in;
  const style =
    typeof parameter.style === 'string' ? parameter.style : location === 'query' ? 'form' : 'simple';
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
  if (location !== 'query') return { style, explode, delimiter: ',' };
  const delimiter = explode
    ? undefined
    : ({ form: ',', spaceDelimited: ' ', pipeDelimited: '|' } as Record<string, string>)[style];
  return { style, explode, ...(delimiter === undefined ? {} : { delimiter }) };
}

/** A query parameter's sample as sent: an array's items each a pair of their own, or joined as its style says. */
function queryText(parameter: JsonObject, sample: unknown): string | string[] {
  if (!Array.isArray(sample)) return String(sample);
  const { delimiter } = parameterStyle(parameter);
  return delimiter === undefined ? sample.map(String) : sample.map(String).join(delimiter);
}

/** The operation's parameters merged over its path item's, each with a sample value. */
export function operationParameters(document: JsonObject, operation: ApiOperation): Parameter[] {
  return [...mergedParameters(document, operation.model.pointer).values()].map(({ value: p, pointer }) => {
    const examples = isObject(p.examples) ? Object.values(p.examples).filter(isObject) : [];
    const sample = () =>
      p.example ??
      examples.find((example) => example.value !== undefined)?.value ??
      mediaTypeHeaderSample(document, p, operation.model) ??
      sampleValue(document, p.schema, `${pointer}/schema`, { present: true });
    return {
      name: String(p.name),
      in: p.in as string,
      required: p.required === true || p.in === 'path',
      definition: p,
      sample,
    };
  });
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
  // By parameter name, no prototype: a parameter named `__proto__` is a key like any other.
  const values: Record<string, string> = Object.create(null);
  const fromEnv: Record<string, string> = Object.create(null);
  for (const p of operationParameters(api.document, operation)) {
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
  for (const p of operationParameters(api.document, operation)) {
    if (!p.required) continue;
    // Defined, not assigned: a parameter named `__proto__` would set the object's prototype.
    if (p.in === 'query') params.query = { ...params.query, [p.name]: queryText(p.definition, p.sample()) };
    if (p.in === 'header') params.header = { ...params.header, [p.name.toLowerCase()]: String(p.sample()) };
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
  query: Record<string, string | readonly string[]>,
): string {
  const filled = pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = Object.hasOwn(path, name) ? path[name] : undefined;
    if (value === undefined)
      throw new UsageError(undefined, `no value for path parameter ${name} of ${pathTemplate}`);
    // Where the value came from is checked earlier, to name it; this catches the spec's own samples.
    const problem = pathValueProblem(value);
    if (problem !== undefined) throw new UsageError(`path parameter ${name} of ${pathTemplate}`, problem);
    return encodeURIComponent(value);
  });
  const pairs = Object.entries(query).flatMap(([name, value]) =>
    (typeof value === 'string' ? [value] : value).map((item) => [name, item]),
  );
  const search = new URLSearchParams(pairs).toString();
  return search ? `${filled}?${search}` : filled;
}

/** The arguments of a generated client's method: parameters by location, and the body. */
export interface ClientCall {
  path?: Record<string, string>;
  query?: Record<string, string | string[]>;
  header?: Record<string, string>;
  body?: unknown;
}

/**
 * The smallest valid call of the operation's method of the generated client: its required
 * parameters, and its body when required, as the client takes it for the media type it sends (a
 * form's properties with a Blob for each file, bytes as a Blob, text, JSON).
 */
export function smallestCall(
  api: LoadedApi,
  operation: ApiOperation,
  pathValues: Record<string, string>,
): ClientCall {
  const { params } = baseRequest(api, operation, pathValues);
  const call: ClientCall = {};
  if (Object.keys(params.path).length > 0) call.path = params.path;
  if (Object.keys(params.query).length > 0) call.query = params.query;
  if (Object.keys(params.header).length > 0) call.header = params.header;
  const body = operation.model.requestBody;
  if (body === undefined || !body.required) return call;
  const found = requestMedia(api, operation);
  const at = `${found?.at ?? ''}/schema`;
  const value = sampleValue(api.document, found?.media.schema, at);
  const kind = requestBodyKind(body.mediaType);
  if (kind === 'json') call.body = value;
  else if (kind === 'raw')
    call.body =
      isBytes(api.document, found?.media.schema) || typeof value !== 'string'
        ? sampleFile(body.mediaType)
        : value;
  else call.body = withFiles(api.document, found?.media.schema, value);
  return call;
}

/** What a sample file holds: one byte. */
export const SAMPLE_FILE_CONTENT = 'x';

/** A sample file of the media type given. */
const sampleFile = (type: string): Blob =>
  new Blob([SAMPLE_FILE_CONTENT], { type: /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : '' });

/** Whether a schema is bytes (see `isBinarySchema`), `$ref`s followed. */
function isBytes(document: JsonObject, schema: unknown): boolean {
  const s = deref(document, schema, '')?.value;
  return s !== undefined && isBinarySchema(s);
}

/** Whether a form field's schema is bytes, a scalar, or a list: no object, whose part is JSON. */
const isPlainField = (schema: JsonObject): boolean =>
  isBinarySchema(schema) || typesOf(schema).some((type) => type !== 'object' && type !== 'null');

/** A form's sample properties with each file (or each item of a list of files) a Blob. */
function withFiles(document: JsonObject, schema: unknown, value: unknown): unknown {
  const s = deref(document, schema, '')?.value;
  if (!isObject(value) || s === undefined) return value;
  const properties = [s, ...(Array.isArray(s.allOf) ? s.allOf : [])]
    .map((part) => deref(document, part, '')?.value?.properties)
    .filter(isObject);
  // No prototype: a field `__proto__` is written as a field, not as the form's prototype.
  const form: Record<string, unknown> = Object.assign(Object.create(null), value);
  // A form with no field sends no body at all from curl, and is no form to Prism (a 400): one
  // without required fields gets its first plain one (a file, a scalar, or a list of either).
  if (Object.keys(form).length === 0) {
    for (const [name, property] of properties.flatMap((all) => Object.entries(all))) {
      const field = deref(document, property, '')?.value;
      const item = deref(document, field?.items, '')?.value;
      if (field === undefined || !isPlainField(field) || (item !== undefined && !isPlainField(item)))
        continue;
      try {
        form[name] = sampleValue(document, property, '');
        break;
      } catch {
        // A pattern nothing can follow: the next field may do.
      }
    }
  }
  for (const [name, item] of Object.entries(form)) {
    const property = properties.find((all) => Object.hasOwn(all, name))?.[name];
    const items = deref(document, property, '')?.value?.items;
    // A form has no empty list, and one part cannot be told from a plain value: a list sends two
    // items where the schema allows them (one where it allows one), so the call shows how a list goes out.
    const maxItems = deref(document, property, '')?.value?.maxItems;
    const length = typeof maxItems == 'number' ? Math.min(2, maxItems) : 2;
    const list =
      Array.isArray(item) && item.length < length
        ? [...item, ...Array.from({ length: length - item.length }, () => sampleValue(document, items, ''))]
        : item;
    if (isBytes(document, property)) form[name] = sampleFile('application/octet-stream');
    else if (Array.isArray(list))
      form[name] = isBytes(document, items) ? list.map(() => sampleFile('application/octet-stream')) : list;
    else form[name] = formFieldSample(document, property, item);
  }
  return { ...form };
}
