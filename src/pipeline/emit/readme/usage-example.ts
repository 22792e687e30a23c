/**
 * The README's usage example, printed as TypeScript from the model (single quotes, bare keys,
 * two-space indentation), with path parameters and a body from the spec's own examples.
 */
import { isBinarySchema, requestBodyKind, responseKind } from '../../../model/media-type-object.js';
import {
  documentedValueFits,
  formFieldSample,
  isSampledFormat,
  mediaTypeHeaderSample,
  sampleValue,
  withoutReadOnly,
  type SampleOptions,
} from '../../../model/sample-value.js';
import { givenByCall } from '../../../model/header-credentials.js';
import type { ApiModel, BodyModel, OperationModel, ResponseKind } from '../../../model/types.js';
import { ABSOLUTE_HTTP_URL } from '../../../runtime/context.js';
import { isIdentifier } from '../../../shared/names.js';
import { deref, getAtPointer, isObject, mergedParameters, type JsonObject } from '../../../shared/openapi.js';
import type { OperationTypeNames } from '../../postprocess/named-exports.js';
import type { RuntimeExport } from '../../runtime/index.js';

/** What the example is printed from. */
export interface UsageInput {
  model: ApiModel;
  packageName: string;
  typeNames: Map<string, OperationTypeNames>;
  runtimeExports: RuntimeExport[];
  /**
   * The bundled document, whose schemas give the example's arguments a value of their type where
   * the spec has no example (without it: placeholders, which need not compile).
   */
  document?: JsonObject;
}

/**
 * The factory with the credentials it needs, then the first operation called both ways: as its
 * function (with the runtime's ApiStatusError caught, when the runtime exports it) and raw. The
 * packaging test compiles this block against the installed package.
 */
export function usageExample(
  input: UsageInput,
  factory: string,
  operation: OperationModel | undefined,
): string {
  const catchStatus =
    operation !== undefined &&
    input.runtimeExports.some((entry) => entry.kind === 'class' && entry.name === STATUS_ERROR);
  const imports = catchStatus ? `${STATUS_ERROR}, ${factory}` : factory;
  const text =
    `import { ${imports} } from '${input.packageName}';\n\n` +
    `const client = ${factory}(${factoryOptions(input.model, operation)});\n`;
  return operation === undefined ? text : `${text}${callExamples(input, operation, catchStatus)}`;
}

/** The factory's options in the example: the credentials it needs, and a `baseUrl` when the spec has no default. */
function factoryOptions(model: ApiModel, operation: OperationModel | undefined): string {
  const envPrefix = model.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const given = exampleCredentials(model, operation);
  const env = (name: string): string =>
    `process.env.${envPrefix}_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}!`;
  const entries: [string, string][] = model.credentials
    .filter((credential) => given.has(credential.scheme))
    .map(({ name, scheme }) => {
      const info = model.securitySchemes[scheme];
      // HTTP basic takes `{ username, password }`, which the client joins and encodes.
      const basic = info?.type === 'http' && info.scheme === 'basic';
      return [
        name,
        basic ? `{ username: ${env(`${name}Username`)}, password: ${env(`${name}Password`)} }` : env(name),
      ];
    });
  // No default server: the example names one, the first absolute one the spec lists if any.
  if (!hasDefaultServer(model)) {
    // The document's first absolute server, else the example operation's (a document that gives
    // each path its servers and itself none: Resemble's): a client's baseUrl is every call's.
    const absolute = [...model.servers, ...(operation?.servers ?? [])].find((server) =>
      ABSOLUTE_HTTP_URL.test(server.url),
    );
    entries.unshift(['baseUrl', literal(absolute?.url ?? 'https://<server>', '')]);
  }
  return objectLiteral(entries, '') || '{}';
}

/**
 * The schemes whose credentials the example passes: the required ones, then those of the first
 * alternative of the example's operation when they do not satisfy it, so that the call it shows
 * is planned (the runtime's `planAuth`). An operation whose credentials were not given rejects only
 * when called; the factory throws when no operation that needs credentials is satisfied, so when
 * the example's operation needs none, the first alternative of the first that does is added too.
 */
function exampleCredentials(model: ApiModel, operation: OperationModel | undefined): Set<string> {
  const given = new Set(model.credentials.filter((c) => c.required).map((c) => c.scheme));
  const met = ({ security }: OperationModel): boolean =>
    security.some((alternative) => alternative.every((scheme) => given.has(scheme)));
  const add = ({ security }: OperationModel): void => {
    for (const scheme of security[0] ?? []) given.add(scheme);
  };
  if (operation !== undefined && !met(operation)) add(operation);
  // The factory wants one of these satisfied.
  const authenticated = model.operations.filter(needsCredentials);
  if (authenticated[0] !== undefined && !authenticated.some(met)) add(authenticated[0]);
  return given;
}

/** Whether an operation cannot be called without credentials. */
const needsCredentials = ({ security }: OperationModel): boolean =>
  security[0] !== undefined && security.every((alternative) => alternative[0] !== undefined);

/** The operation called as the client's function, then as openapi-fetch's raw method. */
function callExamples(input: UsageInput, operation: OperationModel, catchStatus: boolean): string {
  const { path, query, header, body } = exampleArguments(input, operation);
  const functionArgs = (indent: string): string =>
    objectLiteral(
      [
        ['path', path],
        ['query', query],
        ['header', header],
        ['body', body(`${indent}  `)],
      ],
      indent,
    );
  const name = isIdentifier(operation.operationId)
    ? `.${operation.operationId}`
    : `[${JSON.stringify(operation.operationId)}]`;
  const method = operation.method.toUpperCase();
  // A line comment: a summary written over several lines (Airbyte's) would end it and leave its
  // next lines as code. Every line terminator JavaScript has is a space here.
  const title = (operation.summary ?? operation.operationId).replace(/\s+/g, ' ').trim();
  let text = `\n// ${title}: ${method} ${operation.path}\n`;
  if (catchStatus) {
    text +=
      `// Resolves with the response body; any other outcome rejects with one of the errors below.\n` +
      `try {\n  const result = await client${name}(${functionArgs('  ')});\n  console.log(result);\n} catch (error) {\n` +
      `  // A response with an error status: its status, parsed body and headers.\n` +
      `  if (error instanceof ${STATUS_ERROR}) console.error(error.status, error.body);\n  else throw error;\n}\n`;
  } else {
    text += `const result = await client${name}(${functionArgs('')});\n`;
  }
  const params = objectLiteral(
    [
      ['path', path],
      ['query', query],
      ['header', header],
    ],
    '  ',
  );
  const rawInit = objectLiteral(
    [
      ['params', params || undefined],
      ['body', body('  ')],
      ['parseAs', operation.returns === undefined ? undefined : RAW_PARSE_AS[operation.returns]],
    ],
    '',
  );
  return (
    `${text}\n// The same request in openapi-fetch's style: \`{ data, error, response }\`, whatever the status.\n` +
    `const { data, error, response } = await client.${method}('${operation.path.replace(/'/g, "\\'")}'${rawInit ? `, ${rawInit}` : ''});\n`
  );
}

/**
 * The example's arguments as TypeScript: path parameters, required query and header parameters
 * (the spec's examples, else a value of the schema's type, else placeholders), and the body (the
 * spec's request example, cut short, with any required field it lacks; else a value of the
 * schema) at an indent. Values of the schema's type keep the example compiling where the spec
 * gives none: a placeholder string is no number, and `{}` lacks the required fields.
 */
function exampleArguments(
  input: UsageInput,
  operation: OperationModel,
): { path?: string; query?: string; header?: string; body: (indent: string) => string | undefined } {
  const parameters =
    input.document === undefined ? undefined : mergedParameters(input.document, operation.pointer);
  const value = (location: string, parameter: { name: string; example?: unknown }): unknown => {
    const found = parameters?.get(`${location}:${parameter.name}`);
    // The spec's example, unless it is not of the parameter's type (Amadeus' `subType`, a list,
    // has the example "CITY"): the call would not compile.
    if (
      parameter.example !== undefined &&
      (found === undefined || documentedValueFits(input.document!, found.value.schema, parameter.example))
    )
      return parameter.example;
    const placeholder = `<${parameter.name}>`;
    if (found === undefined) return placeholder;
    // An Accept or Content-Type header: the operation's media type, which a placeholder is not.
    const media = mediaTypeHeaderSample(input.document!, found.value, operation);
    if (media !== undefined) return media;
    // A required parameter goes out: a list of one item at least.
    const sample = sampleOf(input.document!, found.value.schema, `${found.pointer}/schema`, {
      present: true,
    });
    // Any string is a string to TypeScript: one it does not narrow to listed values reads better
    // as a placeholder that names the parameter, unless the placeholder breaks the schema's format
    // or pattern (a date-time, a uuid: the server, and the mock, would refuse the call as written).
    const s = deref(input.document!, found.value.schema, '')?.value;
    const listed = s !== undefined && (s.enum !== undefined || s.const !== undefined);
    const placeholderFits =
      s !== undefined &&
      !isSampledFormat(s.format) &&
      documentedValueFits(input.document!, found.value.schema, placeholder);
    return sample === undefined || (typeof sample === 'string' && !listed && placeholderFits)
      ? placeholder
      : sample;
  };
  const inline = (entries: [string, unknown][]): string | undefined =>
    entries.length === 0
      ? undefined
      : `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v, '')}`).join(', ')} }`;
  const path = inline(operation.parameters.path.map((p) => [p.name, value('path', p)]));
  // A parameter that carries a credential is the client's option, in no call.
  const query = inline(
    operation.parameters.query.filter(givenByCall).map((p) => [p.name, value('query', p)]),
  );
  const header = inline(
    operation.parameters.header.filter(givenByCall).map((p) => [p.name, value('header', p)]),
  );
  const bodyValue =
    operation.requestBody === undefined ? undefined : exampleBody(input, operation, operation.requestBody);
  const body = (indent: string): string | undefined =>
    operation.requestBody === undefined
      ? undefined
      : bodyValue === undefined
        ? `{\n${indent}  /* ${input.typeNames.get(operation.operationId)?.body ?? 'the request body'} */\n${indent}}`
        : literal(bodyValue, indent);
  return {
    ...(path === undefined ? {} : { path }),
    ...(query === undefined ? {} : { query }),
    ...(header === undefined ? {} : { header }),
    body,
  };
}

/**
 * A value `schema` accepts (see `sampleValue`); where a pattern is beyond the sampler, a value of
 * its type still (the example must compile, and TypeScript reads no pattern), or `undefined`.
 */
function sampleOf(document: JsonObject, schema: unknown, at: string, options: SampleOptions = {}): unknown {
  for (const patterns of ['refuse', 'ignore'] as const) {
    try {
      return sampleValue(document, schema, at, { ...options, patterns, closed: true });
    } catch {
      // the next way, if any
    }
  }
  return undefined;
}

/**
 * The body of the example: the spec's example cut short, with the required fields a JSON one lacks
 * made from the schema; without an example, a value of the schema: JSON, a form with its files as
 * Blobs (`withBlobs`), text, or bytes as a Blob.
 */
function exampleBody(input: UsageInput, operation: OperationModel, body: BodyModel): unknown {
  const { document } = input;
  if (document === undefined) return shortBody(body);
  const holder = getAtPointer(document, operation.pointer);
  const requestBody = isObject(holder) ? deref(document, holder.requestBody, '')?.value : undefined;
  const media = isObject(requestBody?.content) ? requestBody.content[body.mediaType] : undefined;
  if (!isObject(media)) return shortBody(body);
  // A request sends no readOnly property, whatever the spec's example shows (the types refuse it).
  const example = withoutReadOnly(document, media.schema, shortBody(body));
  const kind = requestBodyKind(body.mediaType);
  if (kind === 'raw') {
    const s = deref(document, media.schema, '')?.value;
    if (example !== undefined && typeof example === 'string') return example;
    // Text of a schema that is no string is typed as text (see types/raw-bodies.ts).
    if (responseKind(body.mediaType) === 'text' && s?.type !== 'string') return '…';
    if (s === undefined || isBinarySchema(s) || s.type !== 'string') return new Code("new Blob(['…'])");
    return sampleOf(document, media.schema, '') ?? example;
  }
  const sample =
    kind === 'json' ? sampleOf(document, media.schema, '') : withBlobs(document, media.schema, example);
  if (example !== undefined && kind === 'json') {
    const merged = isObject(example) && isObject(sample) ? { ...sample, ...example } : example;
    // An example the body's type does not take (a field of another type, or one it does not
    // name) would not compile: the value of the schema then.
    if (documentedValueFits(document, media.schema, merged) || sample === undefined) return merged;
  }
  // An empty object says less than the placeholder, which names the body's type.
  return isObject(sample) && Object.keys(sample).length === 0 ? undefined : sample;
}

/**
 * A form's fields: the example's, else the required ones made from the schema, with each file (a
 * field of bytes, or a list of them) a Blob, as the client takes it.
 */
function withBlobs(document: JsonObject, schema: unknown, example: unknown): unknown {
  const s = deref(document, schema, '')?.value;
  const fitting =
    example !== undefined && documentedValueFits(document, schema, example) ? example : undefined;
  const value = fitting ?? sampleOf(document, schema, '');
  if (s === undefined || !isObject(value)) return value;
  const properties = isObject(s.properties) ? s.properties : {};
  const isBytes = (field: unknown): boolean => {
    const resolved = deref(document, field, '')?.value;
    return resolved !== undefined && isBinarySchema(resolved);
  };
  const blob = new Code("new Blob(['…'])");
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => {
      const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
      if (isBytes(property)) return [name, blob];
      const items = deref(document, property, '')?.value?.items;
      return [
        name,
        Array.isArray(field) && isBytes(items) ? [blob] : formFieldSample(document, property, field),
      ];
    }),
  );
}

/** TypeScript written as it is in the example, not as a literal. */
class Code {
  constructor(readonly text: string) {}
}

/** An object literal of the entries that have a value, one per line at `indent`; '' when none has. */
function objectLiteral(entries: [string, string | undefined][], indent: string): string {
  const present = entries.filter(([, value]) => value !== undefined);
  return present.length === 0
    ? ''
    : `{\n${present.map(([k, v]) => `${indent}  ${k}: ${v},\n`).join('')}${indent}}`;
}

/** The spec's request example, cut to the required fields (or the first simple one) to stay short. */
function shortBody({ example, requiredProperties }: BodyModel): unknown {
  if (!isObject(example)) return example;
  const keys = requiredProperties.filter((name) => Object.hasOwn(example, name));
  if (keys.length === 0) {
    const simple = Object.keys(example).find((name) =>
      ['string', 'number', 'boolean'].includes(typeof example[name]),
    );
    if (simple !== undefined) keys.push(simple);
  }
  return Object.fromEntries(keys.map((name) => [name, example[name]]));
}

/**
 * How the raw call reads a success that is not JSON, as the operation function does (openapi-fetch
 * parses JSON unless told otherwise, and a text, bytes or events body is none); nothing: as JSON,
 * which an empty body is read as.
 */
const RAW_PARSE_AS: Record<ResponseKind, string | undefined> = {
  nothing: undefined,
  text: "'text'",
  bytes: "'blob'",
  events: "'stream'",
};

/** The runtime's class for every response with an error status, caught in the usage example. */
const STATUS_ERROR = 'ApiStatusError';

function key(name: string): string {
  return isIdentifier(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A TypeScript literal in the house style (single quotes, bare keys, two-space indentation). */
function literal(value: unknown, indent: string): string {
  if (value instanceof Code) return value.text;
  if (typeof value === 'string')
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${indent}  ${literal(item, `${indent}  `)},\n`).join('')}${indent}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${indent}  ${key(k)}: ${literal(v, `${indent}  `)},\n`).join('')}${indent}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Whether the client can default to the spec's first server (else it needs a `baseUrl`). */
export function hasDefaultServer(model: ApiModel): boolean {
  return ABSOLUTE_HTTP_URL.test(model.servers[0]?.url ?? '');
}
