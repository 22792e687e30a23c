/**
 * Post-processing step: named exports. openapi-typescript nests everything under `paths`,
 * `components` and `operations`; people import `VadConfig` or `UpdateAgentBody`. Each component
 * schema, each operation's parameters, request body, success response and documented error
 * responses, and each inline enum (`DigaLanguage`) get an exported alias into those trees,
 * documented with the spec's own text, under the name the model's `export-names.ts` gives it.
 */
import type CodeBlockWriter from 'code-block-writer';
import type { OptionalKind, TypeAliasDeclarationStructure } from 'ts-morph';
import { sentByClient } from '../../model/header-credentials.js';
import type { ApiModel, OperationModel, ResponseModel } from '../../model/types.js';
import { jsDocText } from '../../shared/names.js';
import { nameExports, type EnumExport, type OperationTypeNames } from '../../model/export-names.js';
import { enumUse } from '../../model/enums.js';

export { GLOBAL_TYPE_NAMES, type OperationTypeNames } from '../../model/export-names.js';

/**
 * What a component schema's named export says of its view, when the schema holds readOnly or
 * writeOnly properties (the model's `read-write.ts` picks the view from where the spec uses it).
 */
const VIEW_DOC = {
  read:
    'As a response carries it: its readOnly fields included, its writeOnly ones left out. A request ' +
    "body's type is its operation's `…Body`.",
  write:
    'As a request sends it: its writeOnly fields included, its readOnly ones left out (the server ' +
    "sets them). A response's type is its operation's `…Response`.",
} as const;

/** An alias to print: a ts-morph structure, its kind implied (ts-morph's enum is not loaded for it). */
export type TypeAlias = OptionalKind<TypeAliasDeclarationStructure>;

export interface NamedExportsPlan {
  aliases: TypeAlias[];
  /** The type of one server-sent event, declared when an operation returns them. */
  serverSentEvent?: string;
  /** By operationId. */
  operations: Map<string, OperationTypeNames>;
  /** By component schema name. */
  schemas: Map<string, string>;
  enums: EnumExport[];
}

export function planNamedExports(model: ApiModel, taken: Iterable<string>): NamedExportsPlan {
  const { schemas, operations, serverSentEvent, enums } = nameExports(model, taken);
  const aliases: TypeAlias[] = [];
  const alias = (name: string, type: string, doc: string | undefined): void => {
    aliases.push({
      name,
      isExported: true,
      type,
      docs: doc === undefined ? [] : [jsDocText(doc)],
    });
  };

  if (serverSentEvent !== undefined)
    alias(
      serverSentEvent,
      '{\n  /** The `event:` field; `message` when the server names none. */\n  event: string;\n' +
        '  /** The `data:` lines, joined by newlines: text, which the API may document as JSON. */\n  data: string;\n' +
        '  /** The last `id:` the stream set, if any. */\n  id?: string;\n' +
        '  /** A `retry:` the event carried: the reconnection time the server asks for, in milliseconds. */\n  retry?: number;\n}',
      'One server-sent event of a `text/event-stream` response, as the client parses it.',
    );

  for (const schema of model.schemas) {
    const doc = [
      schema.title,
      schema.description,
      schema.view === undefined ? undefined : VIEW_DOC[schema.view],
      schema.deprecated ? '@deprecated' : undefined,
    ]
      .filter((line) => line !== undefined)
      .join('\n\n');
    const type = `components["schemas"][${JSON.stringify(schema.name)}]`;
    alias(
      schemas.get(schema.name)!,
      schema.view === undefined ? type : `${schema.view === 'read' ? 'Readable' : 'Writable'}<${type}>`,
      doc === '' ? undefined : doc,
    );
  }

  for (const operation of model.operations) {
    // openapi-typescript keys `operations` by the spec's operationId, each '#' a '/' (Box's
    // `put_files_id#add_shared_link`), and types one without in `paths`.
    const ref =
      operation.specOperationId === undefined
        ? `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method)}]`
        : `operations[${JSON.stringify(operation.specOperationId.replace(/#/g, '/'))}]`;
    const about = describeOperation(operation);
    const names = operations.get(operation.operationId)!;
    if (names.pathParams !== undefined)
      alias(names.pathParams, `${ref}["parameters"]["path"]`, `Path parameters of ${about}`);
    if (names.queryParams !== undefined)
      alias(names.queryParams, paramsType(ref, operation, 'query'), `Query parameters of ${about}`);
    if (names.headerParams !== undefined)
      alias(names.headerParams, paramsType(ref, operation, 'header'), `Header parameters of ${about}`);
    if (names.body !== undefined && operation.requestBody !== undefined) {
      alias(
        names.body,
        `NonNullable<${ref}["requestBody"]>["content"][${JSON.stringify(operation.requestBody.mediaType)}]`,
        [operation.requestBody.description, `Request body (${operation.requestBody.mediaType}) of ${about}`]
          .filter((line) => line !== undefined)
          .join('\n\n'),
      );
    }
    alias(
      names.response,
      successType(ref, operation, serverSentEvent),
      responseDoc(operation.success, about),
    );
    for (const error of operation.errors) {
      alias(names.errors.get(error.status)!, responseType(ref, error, 'unknown'), responseDoc(error, about));
    }
  }
  for (const { name, uses } of enums) {
    const doc = [`The values of \`${uses[0].field}\`, for:`, ...uses.map((use) => `- ${enumUse(use)}`)];
    // Its values written out: what a field wants, and nothing for a consumer's compiler to resolve
    // (an indexed access per enum costs GitHub's consumers a few percent).
    alias(name, uses[0].values.map((value) => JSON.stringify(value)).join(' | '), doc.join('\n'));
  }
  return {
    aliases,
    operations,
    schemas,
    enums,
    ...(serverSentEvent === undefined ? {} : { serverSentEvent }),
  };
}

/**
 * An operation's query or header parameters; one that carries the client's credential (see the
 * model's header-credentials.ts) is optional, whatever the spec says: the client sends it.
 */
function paramsType(ref: string, operation: OperationModel, where: 'query' | 'header'): string {
  const type = `NonNullable<${ref}["parameters"]["${where}"]>`;
  const sent = operation.parameters[where]
    .filter(sentByClient)
    .map((parameter) => JSON.stringify(parameter.name));
  if (sent.length === 0) return type;
  const keys = sent.join(' | ');
  return `Omit<${type}, ${keys}> & Partial<Pick<${type}, ${keys}>>`;
}

/** "`updateAgent` (`PATCH /v1/agent/{agent_id}`): Update agent." */
export function describeOperation(operation: OperationModel): string {
  const head = `\`${operation.operationId}\` (\`${operation.method.toUpperCase()} ${operation.path}\`)`;
  return operation.summary === undefined
    ? `${head}.`
    : `${head}: ${operation.summary}${/[.!?]$/.test(operation.summary) ? '' : '.'}`;
}

/**
 * What the operation function resolves with (see the model's `returnsOf`): the JSON body's schema,
 * else what the runtime's reader of its kind gives.
 */
function successType(ref: string, operation: OperationModel, serverSentEvent: string | undefined): string {
  const { success } = operation;
  switch (operation.returns) {
    case 'text':
      return 'string';
    case 'bytes':
      return 'Blob';
    case 'events':
      return `AsyncIterable<${serverSentEvent}>`;
    default:
      return responseType(ref, success, success.undocumented ? 'unknown' : 'void');
  }
}

function responseType(ref: string, response: ResponseModel, withoutBody: string): string {
  if (response.mediaType === undefined) return withoutBody;
  return `${ref}["responses"][${response.status}]["content"][${JSON.stringify(response.mediaType)}]`;
}

function responseDoc(response: ResponseModel, about: string): string {
  if (response.undocumented) return `The response of ${about} The spec documents no 2xx response for it.`;
  const body = response.mediaType === undefined ? ' The spec documents no body for it.' : '';
  const lines = [`The ${response.status} response of ${about}${body}`];
  if (response.description !== undefined) lines.push(response.description);
  return lines.join('\n\n');
}

/** Prints `export type Name = Type;` aliases, each after its JSDoc, as ts-morph's structure printer would. */
export function printTypeAliases(writer: CodeBlockWriter, aliases: readonly TypeAlias[]): void {
  for (const alias of aliases) {
    for (const doc of alias.docs ?? []) {
      const lines = String(typeof doc === 'string' ? doc : (doc.description ?? '')).split('\n');
      if (lines.length === 1) writer.writeLine(`/** ${lines[0]} */`);
      else {
        writer.writeLine('/**');
        for (const line of lines) writer.writeLine(line === '' ? ' *' : ` * ${line}`);
        writer.writeLine(' */');
      }
    }
    writer.writeLine(`${alias.isExported ? 'export ' : ''}type ${alias.name} = ${String(alias.type)};`);
  }
}
