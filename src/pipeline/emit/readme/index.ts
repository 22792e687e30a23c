/**
 * The package README: what the package is, how to install it, and a usage example
 * built from the API itself (factory, credentials, the first operation with its path
 * parameters and a body taken from the spec's own request example), then the operations, the
 * credentials and the runtime's error classes.
 */
import type { ApiModel, OperationModel } from '../../../model/types.js';
import { deref, isObject, type JsonObject } from '../../../shared/openapi.js';
import { isIdentifier } from '../../../shared/names.js';
import { ABSOLUTE_HTTP_URL } from '../../../runtime/options.js';
import type { RuntimeExport, RuntimeMember } from '../../runtime/index.js';
import { clientNames } from '../client.js';
import type { OperationTypeNames } from '../../postprocess/named-exports.js';

export interface ReadmeInput {
  model: ApiModel;
  document: JsonObject;
  packageName: string;
  /** `specs/diga.yaml` */
  specPath: string;
  typeNames: Map<string, OperationTypeNames>;
  runtimeExports: RuntimeExport[];
  banner: string;
}

/**
 * What a consumer needs. Node 20.19 is where \`require()\` of ES modules is unflagged, and
 * TypeScript 5.8 where \`nodenext\` compiles one (\`node16\` never does: TS1479, "cannot be imported
 * with 'require'"); TypeScript before 5.4 rejects openapi-fetch's own declarations unless
 * \`skipLibCheck\` is on. test/packaging/commonjs.test.ts holds the README to the CommonJS part.
 */
const REQUIREMENTS =
  'An ES module with its types. It runs wherever `fetch` does: Node.js 20 or later (`require()` from ' +
  'CommonJS needs 20.19), browsers and edge runtimes. The types need TypeScript 5.4 or later; a ' +
  'CommonJS project compiles its `require()` under `"module": "nodenext"` from TypeScript 5.8 on, or ' +
  'under `"commonjs"`, while `"node16"` rejects it (TS1479): use a dynamic `import()` there.';

export function emitReadme(input: ReadmeInput): string {
  const { model, packageName } = input;
  const names = clientNames(model.name);
  const first = model.operations[0];
  const sections = [
    `# ${packageName}`,
    `A typed TypeScript client for the **${model.title}** (spec version ${model.version}), generated from ` +
      `\`${input.specPath}\`. Requests and responses are typed from the spec; the client is ` +
      `[openapi-fetch](https://openapi-ts.dev/openapi-fetch/) with the credentials, servers and error handling ` +
      `of this API built in.` +
      (model.description === undefined ? '' : `\n\n${firstParagraph(model.description)}`),
    `## Install\n\n\`\`\`sh\nnpm install ${packageName}\n\`\`\`\n\n${REQUIREMENTS}`,
    `## Usage\n\n\`\`\`ts\n${usageExample(input, names.factory, first)}\`\`\``,
    credentialsSection(model),
    serversSection(model),
    optionsSection(input.runtimeExports),
    operationsSection(model, input.typeNames),
    errorsSection(input.runtimeExports, model, input.typeNames),
    `## The spec\n\nThe bundled OpenAPI document ships with the package (TypeScript types it from its ` +
      `content with \`resolveJsonModule\`):\n\n` +
      `\`\`\`ts\nimport spec from '${packageName}/openapi.json' with { type: 'json' };\n\`\`\``,
  ];
  return `${input.banner}\n${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function firstParagraph(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)[0]!
    .trim();
}

/**
 * The factory with the credentials it needs, then the first operation called both ways: as its
 * function (with the runtime's ApiStatusError caught, when the runtime exports it) and raw. The
 * packaging test compiles this block against the installed package.
 */
function usageExample(input: ReadmeInput, factory: string, operation: OperationModel | undefined): string {
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
function callExamples(input: ReadmeInput, operation: OperationModel, catchStatus: boolean): string {
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
  input: ReadmeInput,
  operation: OperationModel,
): { path?: string; query?: string; body: (indent: string) => string | undefined } {
  const inline = (entries: [string, unknown][]): string | undefined =>
    entries.length === 0
      ? undefined
      : `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v, '')}`).join(', ')} }`;
  const path = inline(
    operation.parameters.path.map((parameter) => [
      parameter.name,
      parameterExample(input.document, operation, parameter.name) ?? `<${parameter.name}>`,
    ]),
  );
  const query = inline(
    operation.parameters.query.filter((p) => p.required).map((p) => [p.name, `<${p.name}>`]),
  );
  const bodyValue = operation.requestBody === undefined ? undefined : bodyExample(input.document, operation);
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

/** The runtime's class for every response with an error status, caught in the usage example. */
const STATUS_ERROR = 'ApiStatusError';

function operationObject(document: JsonObject, operation: OperationModel): JsonObject | undefined {
  const item = deref(document, isObject(document.paths) ? document.paths[operation.path] : undefined, '');
  const value = item?.value[operation.method];
  return isObject(value) ? value : undefined;
}

function parameterExample(document: JsonObject, operation: OperationModel, name: string): unknown {
  const item = deref(document, isObject(document.paths) ? document.paths[operation.path] : undefined, '');
  const lists = [operationObject(document, operation)?.parameters, item?.value.parameters];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = deref(document, raw, '')?.value;
      if (parameter?.name !== name || parameter.in !== 'path') continue;
      const schema = deref(document, parameter.schema, '')?.value;
      return (
        parameter.example ??
        firstExample(document, parameter.examples) ??
        schema?.example ??
        firstOf(schema?.examples)
      );
    }
  }
  return undefined;
}

/** The spec's request example, cut to the required fields (or the first simple one) to stay short. */
function bodyExample(document: JsonObject, operation: OperationModel): unknown {
  const body = deref(document, operationObject(document, operation)?.requestBody, '')?.value;
  const media = isObject(body?.content) ? body.content[operation.requestBody?.mediaType ?? ''] : undefined;
  if (!isObject(media)) return undefined;
  const schema = deref(document, media.schema, '')?.value;
  const example =
    media.example ?? firstExample(document, media.examples) ?? schema?.example ?? firstOf(schema?.examples);
  if (!isObject(example)) return example;
  const required = Array.isArray(schema?.required)
    ? schema.required.filter((k): k is string => typeof k === 'string')
    : [];
  const keys = required.filter((name) => Object.hasOwn(example, name));
  if (keys.length === 0) {
    const simple = Object.keys(example).find((name) =>
      ['string', 'number', 'boolean'].includes(typeof example[name]),
    );
    if (simple !== undefined) keys.push(simple);
  }
  return Object.fromEntries(keys.map((name) => [name, example[name]]));
}

function firstExample(document: JsonObject, examples: unknown): unknown {
  if (!isObject(examples)) return undefined;
  for (const example of Object.values(examples)) {
    const value = deref(document, example, '')?.value;
    if (value !== undefined && 'value' in value) return value.value;
  }
  return undefined;
}

function firstOf(values: unknown): unknown {
  return Array.isArray(values) ? values[0] : undefined;
}

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

function credentialsSection(model: ApiModel): string {
  if (model.credentials.length === 0) return '';
  const rows = model.credentials.map((credential) => {
    const scheme = model.securitySchemes[credential.scheme];
    const sent =
      scheme === undefined
        ? ''
        : scheme.type === 'http'
          ? scheme.scheme === 'bearer'
            ? '`Authorization: Bearer …` header'
            : '`Authorization: Basic …` header'
          : `\`${scheme.name}\` ${scheme.in === 'query' ? 'query parameter' : scheme.in}`;
    return `| \`${credential.name}\` | ${sent} | ${credential.required ? 'yes' : 'no'} |`;
  });
  return (
    `## Credentials\n\nPassed once to the factory; the client attaches them to every request that needs them.\n\n` +
    `| option | sent as | required |\n| --- | --- | --- |\n${rows.join('\n')}`
  );
}

/** Whether the client can default to the spec's first server (else it needs a `baseUrl`). */
function hasDefaultServer(model: ApiModel): boolean {
  return ABSOLUTE_HTTP_URL.test(model.servers[0]?.url ?? '');
}

/** Where requests go: the spec's servers, the first the default, and operations with servers of their own. */
function serversSection(model: ApiModel): string {
  const { servers } = model;
  const urls = (list: { url: string }[]): string => list.map((server) => server.url).join(' ');
  const hasDefault = hasDefaultServer(model);
  const rows = servers.map(
    (server, index) =>
      `| \`${server.url}\`${index === 0 && hasDefault ? ' (default)' : ''} | ${tableCell(server.description)} |`,
  );
  const lead = hasDefault
    ? 'Requests go to the first server unless the factory is given a `baseUrl`:'
    : 'The spec names no absolute server first, so the factory needs a `baseUrl`. Its servers:';
  const own = model.operations
    .filter((operation) => urls(operation.servers) !== urls(servers))
    .map(
      (operation) =>
        `- \`${operation.operationId}\` goes to \`${operation.servers[0]?.url}\` (its own server).`,
    );
  return (
    `## Servers\n\n${lead}\n\n| server | description |\n| --- | --- |\n${rows.join('\n')}` +
    (own.length === 0 ? '' : `\n\nUnless \`baseUrl\` is given:\n\n${own.join('\n')}`)
  );
}

/**
 * The factory's other options and the per-call ones, as the runtime documents them in
 * `ClientOptions` and `CallOptions` (with what those extend); nothing when it exports neither.
 */
function optionsSection(runtimeExports: RuntimeExport[]): string {
  const options = interfaceMembers(runtimeExports, 'ClientOptions');
  if (options.length === 0) return '';
  // A one-word default (`60000`, `globalThis.fetch`) is code; a sentence is not.
  const defaultCell = (text: string | undefined): string =>
    text !== undefined && !/\s/.test(text) ? `\`${text}\`` : tableCell(text);
  const rows = options.map(
    (option) => `| \`${option.name}\` | ${defaultCell(option.default)} | ${tableCell(option.summary)} |`,
  );
  const perCall = interfaceMembers(runtimeExports, 'CallOptions').map((option) => `\`${option.name}\``);
  return (
    `## Options\n\nBesides the credentials, the factory takes these, all optional:\n\n` +
    `| option | default | meaning |\n| --- | --- | --- |\n${rows.join('\n')}` +
    (perCall.length === 0
      ? ''
      : `\n\nEach operation function takes options for that call as its second argument: ${perCall.join(', ')}.`)
  );
}

/** An exported interface's properties, its own first, then those of what it extends (less any `Omit`ted). */
function interfaceMembers(
  runtimeExports: RuntimeExport[],
  name: string,
  omit: string[] = [],
): RuntimeMember[] {
  const entry = runtimeExports.find((candidate) => candidate.name === name);
  const inherited = (entry?.extends ?? []).flatMap((base) =>
    interfaceMembers(runtimeExports, base.name, base.omit),
  );
  return [...(entry?.members ?? []), ...inherited].filter((member) => !omit.includes(member.name));
}

/** Text for one cell of a Markdown table: on one line, its pipes escaped. */
function tableCell(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

function operationsSection(model: ApiModel, typeNames: Map<string, OperationTypeNames>): string {
  const rows = model.operations.map((operation) => {
    const types = typeNames.get(operation.operationId);
    return `| \`${operation.operationId}\` | \`${operation.method.toUpperCase()} ${operation.path}\` | ${tableCell(operation.summary)} | \`${types?.response ?? ''}\` |`;
  });
  return (
    `## Operations\n\nEach is a method of the client; openapi-fetch's \`GET\`, \`PATCH\`, … remain available too. ` +
    `Every component schema and each operation's parameters, body, response and error bodies are exported as ` +
    `types from the package.\n\n` +
    `| method | request | summary | resolves with |\n| --- | --- | --- | --- |\n${rows.join('\n')}`
  );
}

function errorsSection(
  runtimeExports: RuntimeExport[],
  model: ApiModel,
  typeNames: Map<string, OperationTypeNames>,
): string {
  const classes = runtimeExports.filter((entry) => entry.kind === 'class' && /Error$/.test(entry.name));
  const lines = classes.map(
    (entry) => `- \`${entry.name}\`${entry.summary === undefined ? '' : `: ${entry.summary}`}`,
  );
  const documented = model.operations.flatMap((operation) =>
    operation.errors.map(
      (error) =>
        `- \`${operation.operationId}\` ${error.status}: body \`${typeNames.get(operation.operationId)?.errors.get(error.status) ?? 'unknown'}\`` +
        (error.description === undefined ? '' : ` (${error.description.replace(/\s+/g, ' ')})`),
    ),
  );
  return (
    `## Errors\n\nA failed call rejects with one of the runtime's error classes, all exported by this package:\n\n` +
    (lines.length > 0 ? lines.join('\n') : '- (the runtime exports no error classes)') +
    (documented.length > 0 ? `\n\nError responses the spec documents:\n\n${documented.join('\n')}` : '')
  );
}
