/**
 * The names of the types a package exports: one per component schema, and per operation its
 * parameters, request body, success response and documented error responses. The pipeline's
 * post-processing (`postprocess/named-exports.ts`) declares them; this module only names them,
 * without ts-morph, so the change classifier can name the exports of two revisions the same way
 * and notice a name that moves to something else.
 *
 * Names are PascalCase of the schema name or operationId. A name that is taken (by another
 * export, a declaration of the file, a runtime export or a global type the file uses) gets the
 * lowest free numeric suffix, in spec order, so the outcome is deterministic.
 */
import type { ApiModel } from './types.js';
import { pascalCase } from '../shared/names.js';

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

/** The name of the type of one server-sent event, unless a name it needs is taken (then numbered). */
export const SERVER_SENT_EVENT = 'ServerSentEvent';

export interface OperationTypeNames {
  pathParams?: string;
  queryParams?: string;
  headerParams?: string;
  body?: string;
  response: string;
  /** By status. */
  errors: Map<number, string>;
}

export interface ExportNames {
  /** The type of one server-sent event, when an operation returns them (see `SERVER_SENT_EVENT`). */
  serverSentEvent?: string;
  /** By component schema name, in the model's order. */
  schemas: Map<string, string>;
  /** By operationId, in the model's order. */
  operations: Map<string, OperationTypeNames>;
}

/** @param taken names the exports must not take: see the module comment */
export function nameExports(model: ApiModel, taken: Iterable<string>): ExportNames {
  const used = new Set(taken);
  const claim = (base: string): string => {
    let name = base;
    for (let suffix = 2; used.has(name); suffix += 1) name = `${base}${suffix}`;
    used.add(name);
    return name;
  };

  // Claimed first: the operations' types name it.
  const serverSentEvent = model.operations.some((operation) => operation.returns === 'events')
    ? claim(SERVER_SENT_EVENT)
    : undefined;

  // Schemas already named in PascalCase keep their name; the others are derived after them, so
  // `Shop_Item` next to `ShopItem` becomes `ShopItem2`, never the other way round.
  const schemas = new Map<string, string>();
  for (const schema of model.schemas) {
    if (pascalCase(schema.name) === schema.name && !used.has(schema.name))
      schemas.set(schema.name, claim(schema.name));
  }
  for (const schema of model.schemas) {
    // A schema name with no letter or digit (`-`, `_`) still gets a valid, stable name.
    schemas.set(schema.name, schemas.get(schema.name) ?? claim(pascalCase(schema.name) ?? 'Schema'));
  }
  // Rebuilt in the model's order (the first loop claimed some out of it).
  const ordered = new Map(model.schemas.map((schema) => [schema.name, schemas.get(schema.name)!] as const));

  const operations = new Map<string, OperationTypeNames>();
  for (const operation of model.operations) {
    const base = pascalCase(operation.operationId) ?? 'Operation';
    const names: OperationTypeNames = { response: '', errors: new Map() };
    if (operation.parameters.path.length > 0) names.pathParams = claim(`${base}PathParams`);
    if (operation.parameters.query.length > 0) names.queryParams = claim(`${base}QueryParams`);
    if (operation.parameters.header.length > 0) names.headerParams = claim(`${base}HeaderParams`);
    if (operation.requestBody !== undefined) names.body = claim(`${base}Body`);
    names.response = claim(`${base}Response`);
    for (const error of operation.errors)
      names.errors.set(error.status, claim(`${base}Error${error.status}`));
    operations.set(operation.operationId, names);
  }
  return {
    ...(serverSentEvent === undefined ? {} : { serverSentEvent }),
    schemas: ordered,
    operations,
  };
}
