/** Reading our specs in tests: parse, follow local `$ref`s, list the fields of a body. */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: Json };
export type OpenApi = { [key: string]: Json } & { paths: Record<string, Record<string, Operation>> };
export type Operation = { [key: string]: Json };

/**
 * The transcribed APIs, as the pipeline tells them by their place (`src/pipeline/orchestration/
 * layout.ts`): the top-level `specs/*.yaml`, by name. Not a list kept by hand, which a new spec's
 * tests would silently be missing from. A published API (`specs/published/<api>/`) is the vendor's
 * document: no page of ours to hold it to, so the page inventory and example counts are not its.
 */
export const TRANSCRIBED_APIS: readonly string[] = readdirSync(new URL('../../specs/', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml') && !entry.name.startsWith('.'))
  .map((entry) => entry.name.slice(0, -'.yaml'.length))
  .sort();

/** The APIs whose transcribed specs the contract tests read: the transcribed ones. */
export const API_NAMES: readonly string[] = TRANSCRIBED_APIS;

export function loadSpec(path: string): OpenApi {
  return parse(readFileSync(path, 'utf8')) as OpenApi;
}

export function specPath(api: string): string {
  return new URL(`../../specs/${api}.yaml`, import.meta.url).pathname;
}

/** Follows a local `$ref` (only `#/...` refs exist in our specs); siblings of the `$ref` are kept. */
export function deref(doc: OpenApi, schema: Json | undefined): Schema {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return {};
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  let target: Json = doc as unknown as Json;
  for (const raw of ref.replace(/^#\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    target = (target as { [key: string]: Json })[key] as Json;
    if (target === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  const { $ref: _ref, ...siblings } = schema;
  return { ...deref(doc, target), ...siblings };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export interface SpecOperation {
  path: string;
  method: string;
  operation: Operation;
}

/**
 * Every operation of a spec, in document order. Each page documents one endpoint, but a spec may
 * grow another (a vendor's GET beside its PATCH): tests go over them all rather than assume one.
 * A path item's other keys (`parameters`, `summary`, …) are not operations.
 */
export function operationsOf(doc: OpenApi): SpecOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
}

export function requestSchema(doc: OpenApi, operation: Operation): Schema {
  const body = deref(doc, operation['requestBody']);
  const content = body['content'] as { [type: string]: { schema?: Json } } | undefined;
  return deref(doc, content?.['application/json']?.schema);
}

export function successStatus(operation: Operation): string {
  const status = Object.keys(operation['responses'] as object).find((code) => code.startsWith('2'));
  if (!status) throw new Error('no 2xx response');
  return status;
}

export function responseSchema(doc: OpenApi, operation: Operation): Schema {
  const responses = operation['responses'] as { [status: string]: Json };
  const response = deref(doc, responses[successStatus(operation)]);
  const content = response['content'] as { [type: string]: { schema?: Json } } | undefined;
  return deref(doc, content?.['application/json']?.schema);
}

function types(schema: Schema): string[] {
  const type = schema['type'];
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

/**
 * Every field of a body as a dotted path, array items written `name[]`: `tools[].parameters[].name`.
 * Free-form objects contribute their own name only.
 */
export function fieldPaths(doc: OpenApi, schema: Schema, prefix = ''): string[] {
  const out: string[] = [];
  const properties = (schema['properties'] ?? {}) as { [name: string]: Json };
  for (const [name, raw] of Object.entries(properties)) {
    const field = deref(doc, raw);
    const path = prefix ? `${prefix}.${name}` : name;
    out.push(path);
    out.push(...nestedPaths(doc, field, path));
  }
  return out;
}

/**
 * Every required field of a body at every level, as `fieldPaths` writes it: a field is listed when
 * its object's `required` names it (`gapBetweenEachAttemptForSmartCallback[].days`).
 */
export function requiredPaths(doc: OpenApi, schema: Schema, prefix = ''): string[] {
  const out = ((schema['required'] ?? []) as string[]).map((name) => (prefix ? `${prefix}.${name}` : name));
  const properties = (schema['properties'] ?? {}) as { [name: string]: Json };
  for (const [name, raw] of Object.entries(properties)) {
    const field = deref(doc, raw);
    const path = prefix ? `${prefix}.${name}` : name;
    if (types(field).includes('array'))
      out.push(...requiredPaths(doc, deref(doc, field['items']), `${path}[]`));
    else out.push(...requiredPaths(doc, field, path));
  }
  return out;
}

function nestedPaths(doc: OpenApi, field: Schema, path: string): string[] {
  if (types(field).includes('array')) {
    const items = deref(doc, field['items']);
    return 'properties' in items ? fieldPaths(doc, items, `${path}[]`) : [];
  }
  return 'properties' in field ? fieldPaths(doc, field, path) : [];
}
