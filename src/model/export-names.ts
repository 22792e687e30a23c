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
import type { EnumModel } from './enums.js';
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

/** One named enum: the fields and parameters that take the same values under the same name. */
export interface EnumExport {
  name: string;
  /** The first is the one the export's type is read from. */
  uses: [EnumModel, ...EnumModel[]];
}

export interface ExportNames {
  /** The type of one server-sent event, when an operation returns them (see `SERVER_SENT_EVENT`). */
  serverSentEvent?: string;
  /** By component schema name, in the model's order. */
  schemas: Map<string, string>;
  /** By operationId, in the model's order. */
  operations: Map<string, OperationTypeNames>;
  /** In the model's order of their first use. */
  enums: EnumExport[];
}

/**
 * Field names that say nothing without what they belong to: such an enum is named after its owner
 * too (`CozmoAgentType`, not `CozmoType`), as is one whose name another enum already took.
 */
const VAGUE_FIELDS = new Set([
  'action',
  'category',
  'direction',
  'format',
  'kind',
  'level',
  'method',
  'mode',
  'order',
  'provider',
  'role',
  'scope',
  'sort',
  'source',
  'state',
  'status',
  'type',
]);

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
    enums: nameEnums(model, claim),
  };
}

/**
 * Enums are named last, so that they never move another export's name: the API's name, then the
 * field's (`DigaLanguage`), with the owner between them when the field alone is vague or another
 * enum took the name. Fields with the same values under the same name share one export.
 */
function nameEnums(model: ApiModel, claim: (base: string) => string): EnumExport[] {
  const api = pascalCase(model.name) ?? 'Api';
  const byBase = new Map<string, EnumExport & { values: string }>();
  const named: (EnumExport & { values: string })[] = [];
  for (const use of model.enums) {
    const values = JSON.stringify([...use.values].map(String).sort());
    const field = pascalCase(use.field) ?? 'Field';
    const plain = `${api}${field}`;
    const owned = `${api}${use.owner === field ? '' : use.owner}${field}`;
    const bases = VAGUE_FIELDS.has(use.field.toLowerCase()) ? [owned] : [plain, owned];
    const same = bases.map((base) => byBase.get(base)).find((entry) => entry?.values === values);
    if (same) {
      same.uses.push(use);
      continue;
    }
    const base = bases.find((candidate) => !byBase.has(candidate)) ?? owned;
    const entry = { name: claim(base), uses: [use] as EnumExport['uses'], values };
    if (!byBase.has(base)) byBase.set(base, entry);
    named.push(entry);
  }
  return named.map(({ name, uses }) => ({ name, uses }));
}
