/**
 * Stage 5c, the package README: what the package is, how to install it, and a usage example
 * built from the API itself (factory, credentials, the first operation with its path
 * parameters and a body taken from the spec's own request example), then the operations, the
 * credentials and the runtime's error classes.
 */
import type { ApiModel, OperationModel } from '../model.js';
import { deref, isObject, type JsonObject } from '../openapi.js';
import { isIdentifier } from '../names.js';
import type { RuntimeExport } from '../runtime.js';
import { clientNames } from './client.js';
import type { OperationTypeNames } from '../postprocess/named-exports.js';

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

export function emitReadme(input: ReadmeInput): string {
  const { model, packageName } = input;
  const names = clientNames(model.name);
  const first = model.operations[0];
  const sections = [
    `# ${packageName}`,
    `A typed TypeScript client for the **${model.api.title}** (spec version ${model.api.version}), generated from ` +
      `\`${input.specPath}\`. Requests and responses are typed from the spec; the client is ` +
      `[openapi-fetch](https://openapi-ts.dev/openapi-fetch/) with the credentials, servers and error handling ` +
      `of this API built in.` +
      (model.description === undefined ? '' : `\n\n${firstParagraph(model.description)}`),
    `## Install\n\n\`\`\`sh\nnpm install ${packageName}\n\`\`\``,
    `## Usage\n\n\`\`\`ts\n${usageExample(input, names.factory, first)}\`\`\``,
    credentialsSection(model),
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

function usageExample(input: ReadmeInput, factory: string, operation: OperationModel | undefined): string {
  const { model } = input;
  const envPrefix = model.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  // The required credentials, and those the first operation's first alternative needs.
  const firstNeeds = new Set(operation?.security[0] ?? []);
  const credentials = model.credentials.filter(
    (credential) => credential.required || firstNeeds.has(credential.scheme),
  );
  const options =
    credentials.length === 0
      ? '{}'
      : `{\n${credentials
          .map(
            (c) =>
              `  ${c.name}: process.env.${envPrefix}_${c.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}!,\n`,
          )
          .join('')}}`;
  let text = `import { ${factory} } from '${input.packageName}';\n\nconst client = ${factory}(${options});\n`;
  if (operation === undefined) return text;

  const args: string[] = [];
  if (operation.parameters.path.length > 0) {
    const values = operation.parameters.path.map(
      (parameter) =>
        `${key(parameter.name)}: ${literal(parameterExample(input.document, operation, parameter.name) ?? `<${parameter.name}>`, '    ')}`,
    );
    args.push(`  path: { ${values.join(', ')} },\n`);
  }
  const requiredQuery = operation.parameters.query.filter((parameter) => parameter.required);
  if (requiredQuery.length > 0) {
    args.push(
      `  query: { ${requiredQuery.map((p) => `${key(p.name)}: ${literal(`<${p.name}>`, '    ')}`).join(', ')} },\n`,
    );
  }
  if (operation.requestBody !== undefined) {
    const body = bodyExample(input.document, operation);
    args.push(
      body === undefined
        ? `  body: {\n    /* ${input.typeNames.get(operation.operationId)?.body ?? 'the request body'} */\n  },\n`
        : `  body: ${literal(body, '  ')},\n`,
    );
  }
  const call = args.length === 0 ? '' : `{\n${args.join('')}}`;
  text += `\n// ${operation.summary ?? operation.operationId}: ${operation.method.toUpperCase()} ${operation.path}\n`;
  text += `const result = await client.${isIdentifier(operation.operationId) ? operation.operationId : `[${JSON.stringify(operation.operationId)}]`}(${call});\n`;
  return text;
}

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
    const scheme = model.api.securitySchemes[credential.scheme];
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

function operationsSection(model: ApiModel, typeNames: Map<string, OperationTypeNames>): string {
  const rows = model.operations.map((operation) => {
    const types = typeNames.get(operation.operationId);
    const summary = (operation.summary ?? '').replace(/\|/g, '\\|');
    return `| \`${operation.operationId}\` | \`${operation.method.toUpperCase()} ${operation.path}\` | ${summary} | \`${types?.response ?? ''}\` |`;
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
