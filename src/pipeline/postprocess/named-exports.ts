/**
 * Post-processing step: named exports. openapi-typescript nests everything under `paths`,
 * `components` and `operations`; people import `VadConfig` or `UpdateAgentBody`. Each component
 * schema and each operation's parameters, request body, success response and documented error
 * responses get an exported alias into those trees, documented with the spec's own text.
 *
 * Names are PascalCase of the schema name or operationId. A name that is taken (by another
 * alias, a declaration of the file, a runtime export or a global type the file uses) gets the
 * lowest free numeric suffix, in spec order, so the outcome is deterministic.
 */
import { StructureKind, type CodeBlockWriter, type TypeAliasDeclarationStructure } from 'ts-morph';
import type { ApiModel, OperationModel, ResponseModel } from '../model.js';
import { jsDocText, pascalCase } from '../names.js';

/** Global types the generated declarations refer to by name: a local alias must not shadow them. */
export const GLOBAL_TYPE_NAMES: readonly string[] = [
  'Array',
  'Blob',
  'Date',
  'Error',
  'File',
  'NonNullable',
  'Omit',
  'Partial',
  'Pick',
  'Promise',
  'Readonly',
  'ReadonlyArray',
  'Record',
  'Required',
];

export interface OperationTypeNames {
  pathParams?: string;
  queryParams?: string;
  headerParams?: string;
  body?: string;
  response: string;
  /** By status. */
  errors: Map<number, string>;
}

export interface NamedExportsPlan {
  aliases: TypeAliasDeclarationStructure[];
  /** By operationId. */
  operations: Map<string, OperationTypeNames>;
  /** By component schema name. */
  schemas: Map<string, string>;
}

export function planNamedExports(model: ApiModel, taken: Iterable<string>): NamedExportsPlan {
  const used = new Set(taken);
  const claim = (base: string): string => {
    let name = base;
    for (let suffix = 2; used.has(name); suffix += 1) name = `${base}${suffix}`;
    used.add(name);
    return name;
  };
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

  // Schemas already named in PascalCase keep their name; the others are derived after them, so
  // `Shop_Item` next to `ShopItem` becomes `ShopItem2`, never the other way round.
  const schemas = new Map<string, string>();
  for (const schema of model.schemas) {
    if (pascalCase(schema.name) === schema.name && !used.has(schema.name))
      schemas.set(schema.name, claim(schema.name));
  }
  for (const schema of model.schemas) {
    // A schema name with no letter or digit (`-`, `_`) still gets a valid, stable name.
    const name = schemas.get(schema.name) ?? claim(pascalCase(schema.name) ?? 'Schema');
    schemas.set(schema.name, name);
    const doc = [schema.title, schema.description, schema.deprecated ? '@deprecated' : undefined]
      .filter((line) => line !== undefined)
      .join('\n\n');
    alias(name, `components["schemas"][${JSON.stringify(schema.name)}]`, doc === '' ? undefined : doc);
  }

  const operations = new Map<string, OperationTypeNames>();
  for (const operation of model.operations) {
    const base = pascalCase(operation.operationId) ?? 'Operation';
    const ref = `operations[${JSON.stringify(operation.operationId)}]`;
    const about = describeOperation(operation);
    const names: OperationTypeNames = { response: '', errors: new Map() };

    if (operation.parameters.path.length > 0) {
      names.pathParams = claim(`${base}PathParams`);
      alias(names.pathParams, `${ref}["parameters"]["path"]`, `Path parameters of ${about}`);
    }
    if (operation.parameters.query.length > 0) {
      names.queryParams = claim(`${base}QueryParams`);
      alias(names.queryParams, `NonNullable<${ref}["parameters"]["query"]>`, `Query parameters of ${about}`);
    }
    if (operation.parameters.header.length > 0) {
      names.headerParams = claim(`${base}HeaderParams`);
      alias(
        names.headerParams,
        `NonNullable<${ref}["parameters"]["header"]>`,
        `Header parameters of ${about}`,
      );
    }
    if (operation.requestBody !== undefined) {
      names.body = claim(`${base}Body`);
      alias(
        names.body,
        `NonNullable<${ref}["requestBody"]>["content"][${JSON.stringify(operation.requestBody.mediaType)}]`,
        [operation.requestBody.description, `Request body (${operation.requestBody.mediaType}) of ${about}`]
          .filter((line) => line !== undefined)
          .join('\n\n'),
      );
    }
    names.response = claim(`${base}Response`);
    alias(
      names.response,
      responseType(ref, operation.success, operation.success.undocumented ? 'unknown' : 'void'),
      responseDoc(operation.success, about),
    );
    for (const error of operation.errors) {
      const name = claim(`${base}Error${error.status}`);
      names.errors.set(error.status, name);
      alias(name, responseType(ref, error, 'unknown'), responseDoc(error, about));
    }
    operations.set(operation.operationId, names);
  }
  return { aliases, operations, schemas };
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
