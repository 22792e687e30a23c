/**
 * The README's usage example, printed as TypeScript from the model (single quotes, bare keys,
 * two-space indentation), with path parameters and a body from the spec's own examples.
 */
import type { ApiModel, BodyModel, OperationModel } from '../../../model/types.js';
import { ABSOLUTE_HTTP_URL } from '../../../runtime/context.js';
import { isIdentifier } from '../../../shared/names.js';
import { isObject } from '../../../shared/openapi.js';
import type { OperationTypeNames } from '../../postprocess/named-exports.js';
import type { RuntimeExport } from '../../runtime/index.js';

/** What the example is printed from. */
export interface UsageInput {
  model: ApiModel;
  packageName: string;
  typeNames: Map<string, OperationTypeNames>;
  runtimeExports: RuntimeExport[];
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
  // The required credentials, and those the first operation's first alternative needs.
  const firstNeeds = new Set(operation?.security[0] ?? []);
  const entries: [string, string][] = model.credentials
    .filter((credential) => credential.required || firstNeeds.has(credential.scheme))
    .map((c) => [
      c.name,
      `process.env.${envPrefix}_${c.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}!`,
    ]);
  // No default server: the example names one, the first absolute one the spec lists if any.
  if (!hasDefaultServer(model)) {
    const absolute = model.servers.find((server) => ABSOLUTE_HTTP_URL.test(server.url));
    entries.unshift(['baseUrl', literal(absolute?.url ?? 'https://<server>', '')]);
  }
  return objectLiteral(entries, '') || '{}';
}

/** The operation called as the client's function, then as openapi-fetch's raw method. */
function callExamples(input: UsageInput, operation: OperationModel, catchStatus: boolean): string {
  const { path, query, body } = exampleArguments(input, operation);
  const functionArgs = (indent: string): string =>
    objectLiteral(
      [
        ['path', path],
        ['query', query],
        ['body', body(`${indent}  `)],
      ],
      indent,
    );
  const name = isIdentifier(operation.operationId)
    ? `.${operation.operationId}`
    : `[${JSON.stringify(operation.operationId)}]`;
  const method = operation.method.toUpperCase();
  let text = `\n// ${operation.summary ?? operation.operationId}: ${method} ${operation.path}\n`;
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
    ],
    '  ',
  );
  const rawInit = objectLiteral(
    [
      ['params', params || undefined],
      ['body', body('  ')],
    ],
    '',
  );
  return (
    `${text}\n// The same request in openapi-fetch's style: \`{ data, error, response }\`, whatever the status.\n` +
    `const { data, error, response } = await client.${method}('${operation.path.replace(/'/g, "\\'")}'${rawInit ? `, ${rawInit}` : ''});\n`
  );
}

/**
 * The example's arguments as TypeScript: path parameters (the spec's examples, else placeholders),
 * required query parameters, and the body (the spec's request example, cut short) at an indent.
 */
function exampleArguments(
  input: UsageInput,
  operation: OperationModel,
): { path?: string; query?: string; body: (indent: string) => string | undefined } {
  const inline = (entries: [string, unknown][]): string | undefined =>
    entries.length === 0
      ? undefined
      : `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v, '')}`).join(', ')} }`;
  const path = inline(
    operation.parameters.path.map((parameter) => [
      parameter.name,
      parameter.example ?? `<${parameter.name}>`,
    ]),
  );
  const query = inline(
    operation.parameters.query.filter((p) => p.required).map((p) => [p.name, `<${p.name}>`]),
  );
  const bodyValue = operation.requestBody === undefined ? undefined : shortBody(operation.requestBody);
  const body = (indent: string): string | undefined =>
    operation.requestBody === undefined
      ? undefined
      : bodyValue === undefined
        ? `{\n${indent}  /* ${input.typeNames.get(operation.operationId)?.body ?? 'the request body'} */\n${indent}}`
        : literal(bodyValue, indent);
  return { ...(path === undefined ? {} : { path }), ...(query === undefined ? {} : { query }), body };
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

/** The runtime's class for every response with an error status, caught in the usage example. */
const STATUS_ERROR = 'ApiStatusError';

function key(name: string): string {
  return isIdentifier(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A TypeScript literal in the house style (single quotes, bare keys, two-space indentation). */
function literal(value: unknown, indent: string): string {
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
