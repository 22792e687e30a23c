/**
 * Post-processing step: named exports. openapi-typescript nests everything under `paths`,
 * `components` and `operations`; people import `VadConfig` or `UpdateAgentBody`. Each component
 * schema, each operation's parameters, request body, success response and documented error
 * responses, and each inline enum (`DigaLanguage`) get an exported alias into those trees,
 * documented with the spec's own text, under the name the model's `export-names.ts` gives it.
 */
import { StructureKind, type CodeBlockWriter, type TypeAliasDeclarationStructure } from 'ts-morph';
import type { ApiModel, OperationModel, ResponseModel } from '../../model/types.js';
import { jsDocText } from '../../shared/names.js';
import { nameExports, type EnumExport, type OperationTypeNames } from '../../model/export-names.js';
import { enumUse } from '../../model/enums.js';

export { GLOBAL_TYPE_NAMES, type OperationTypeNames } from '../../model/export-names.js';

export interface NamedExportsPlan {
  aliases: TypeAliasDeclarationStructure[];
  /** By operationId. */
  operations: Map<string, OperationTypeNames>;
  /** By component schema name. */
  schemas: Map<string, string>;
  enums: EnumExport[];
}

export function planNamedExports(model: ApiModel, taken: Iterable<string>): NamedExportsPlan {
  const { schemas, operations, enums } = nameExports(model, taken);
  const aliases: TypeAliasDeclarationStructure[] = [];
  const alias = (name: string, type: string, doc: string | undefined): void => {
    aliases.push({
      kind: StructureKind.TypeAlias,
      name,
      isExported: true,
      type,
      docs: doc === undefined ? [] : [jsDocText(doc)],
    });
  };

  for (const schema of model.schemas) {
    const doc = [schema.title, schema.description, schema.deprecated ? '@deprecated' : undefined]
      .filter((line) => line !== undefined)
      .join('\n\n');
    alias(
      schemas.get(schema.name)!,
      `components["schemas"][${JSON.stringify(schema.name)}]`,
      doc === '' ? undefined : doc,
    );
  }

  for (const operation of model.operations) {
    const ref = `operations[${JSON.stringify(operation.operationId)}]`;
    const about = describeOperation(operation);
    const names = operations.get(operation.operationId)!;
    if (names.pathParams !== undefined)
      alias(names.pathParams, `${ref}["parameters"]["path"]`, `Path parameters of ${about}`);
    if (names.queryParams !== undefined)
      alias(names.queryParams, `NonNullable<${ref}["parameters"]["query"]>`, `Query parameters of ${about}`);
    if (names.headerParams !== undefined)
      alias(
        names.headerParams,
        `NonNullable<${ref}["parameters"]["header"]>`,
        `Header parameters of ${about}`,
      );
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
      responseType(ref, operation.success, operation.success.undocumented ? 'unknown' : 'void'),
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
  return { aliases, operations, schemas, enums };
}

/** "`updateAgent` (`PATCH /v1/agent/{agent_id}`): Update agent." */
export function describeOperation(operation: OperationModel): string {
  const head = `\`${operation.operationId}\` (\`${operation.method.toUpperCase()} ${operation.path}\`)`;
  return operation.summary === undefined
    ? `${head}.`
    : `${head}: ${operation.summary}${/[.!?]$/.test(operation.summary) ? '' : '.'}`;
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
export function printTypeAliases(
  writer: CodeBlockWriter,
  aliases: readonly TypeAliasDeclarationStructure[],
): void {
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
