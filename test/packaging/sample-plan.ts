/**
 * What a consumer's sample does with one generated package, read from the package itself: its
 * bundled `openapi.json`, read as the pipeline reads a spec (operation, statuses, credentials, path
 * parameter values and a request body the spec documents as valid). One plan per package, so one sample generator
 * serves all of them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleValue } from '../../src/mock/sample-requests.js';
import { pascalCase } from '../../src/shared/names.js';
import { deref, getAtPointer, isObject, pointer, type JsonObject } from '../../src/shared/openapi.js';
import { enumUse, type EnumModel } from '../../src/model/enums.js';
import { readPackageModel } from '../../src/model/package-model.js';
import type { ApiModel, OperationModel } from '../../src/model/types.js';
import { ABSOLUTE_HTTP_URL } from '../../src/runtime/context.js';

export interface SamplePlan {
  /** `@voice-agent-sdks/diga`. */
  packageName: string;
  api: ApiModel;
  /** `createDigaClient`. */
  factory: string;
  /** A test value per credential option: `{ token: 'test-token' }`. */
  credentials: Record<string, string>;
  operation: OperationModel;
  /** The named types a consumer imports for the operation: `UpdateAgentBody`, ... */
  types: { body: string; pathParams: string; response: string };
  pathParams: Record<string, string>;
  /** The request example of the spec, else the smallest valid body. */
  body: unknown;
  /** A body property whose type is a primitive, and a value of another type, for the type-error case. */
  wrongField: { name: string; value: unknown } | undefined;
  /** Whether the body schema forbids undocumented properties (`additionalProperties: false`). */
  closedBody: boolean;
  /** Whether an error response of the operation (4xx, 5xx, a range, `default`) documents a body. */
  errorBody: boolean;
  /**
   * A body field holding a closed object (or a list of them), for an unknown field one level down,
   * with a valid object to add it to.
   */
  nestedClosed: { name: string; list: boolean; valid: unknown } | undefined;
  /** A body field that is an enum, with one of its values. */
  bodyEnum: { name: string; value: unknown } | undefined;
  /** The package's first named enum, read from its `types.d.ts`, with one of its values. */
  enumExport: { name: string; value: unknown } | undefined;
  /** A conditional requirement of the body the types express. */
  conditional: { property: string; value: unknown; required: string[] } | undefined;
  /** Success response fields with a `default` that the spec does not require. */
  defaultedResponseFields: string[];
  /** The spec's absolute server URLs. */
  servers: string[];
}

/** Reads `<packageDir>/package.json` and `openapi.json`. */
export async function planSample(packageDir: string): Promise<SamplePlan> {
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { name: string };
  const spec = JSON.parse(await readFile(join(packageDir, 'openapi.json'), 'utf8')) as JsonObject;
  const api = await readPackageModel(packageDir);
  const where = `${packageDir}/openapi.json`;
  const rawOperation = (operation: OperationModel) => {
    const itemAt = pointer('paths', operation.path);
    const at = `${itemAt}/${operation.method}`;
    const item = deref(spec, getAtPointer(spec, itemAt), itemAt);
    const raw = item && deref(spec, item.value[operation.method], at);
    if (!item || !raw) throw new Error(`${packageDir}/openapi.json: no operation at ${at}`);
    return { at, item, raw };
  };
  // The sample sends a body, so it exercises the first operation that takes one. Each page
  // documents one endpoint; a spec that grows a GET beside its PATCH still has its sample.
  const operations = api.operations;
  const operation =
    operations.find((each) => hasJsonBody(spec, rawOperation(each).raw.value)) ?? operations[0];
  if (operation === undefined) throw new Error(`${where}: the sample needs an operation, found none`);
  const Name = pascalCase(api.name);
  const Operation = pascalCase(operation.operationId);
  if (!Name || !Operation) throw new Error(`${where}: no type names can be made from "${api.name}"`);

  const { at, item, raw } = rawOperation(operation);
  const media = requestMedia(spec, raw.value, `${at}/requestBody`);
  const schema = deref(spec, media.value.schema, `${media.pointer}/schema`);
  const conditional = bodyConditional(api, `${media.pointer}/schema`, schema?.pointer);
  const body =
    documentedBody(media.value) ?? sampleValue(spec, media.value.schema, `${media.pointer}/schema`);

  return {
    packageName: manifest.name,
    api,
    factory: `create${Name}Client`,
    credentials: Object.fromEntries(
      Object.values(api.securitySchemes).map(({ credential }) => [credential, `test-${credential}`]),
    ),
    operation,
    types: {
      body: `${Operation}Body`,
      pathParams: `${Operation}PathParams`,
      response: `${Operation}Response`,
    },
    pathParams: pathParamValues(spec, operation, [item.value.parameters, raw.value.parameters], at),
    body,
    wrongField: schema && wrongField(spec, schema.value, schema.pointer),
    closedBody: schema?.value.additionalProperties === false,
    nestedClosed: schema && nestedClosed(spec, schema.value, schema.pointer, body),
    bodyEnum: bodyEnum(api, operation, conditional),
    enumExport: await enumExport(packageDir, api, operation, conditional),
    conditional,
    defaultedResponseFields: defaultedFields(spec, raw.value, operation, at),
    servers: api.servers.map((server) => server.url).filter((url) => ABSOLUTE_HTTP_URL.test(url)),
    errorBody: Object.entries(isObject(raw.value.responses) ? raw.value.responses : {}).some(
      ([status, response]) =>
        /^([45](\d\d|XX)|default)$/.test(status) &&
        isObject(deref(spec, response, `${at}/responses/${status}`)?.value.content),
    ),
  };
}

function hasJsonBody(spec: JsonObject, operation: JsonObject): boolean {
  const body = deref(spec, operation.requestBody, '');
  return (
    body !== undefined && isObject(body.value.content) && isObject(body.value.content['application/json'])
  );
}

function requestMedia(
  spec: JsonObject,
  operation: JsonObject,
  at: string,
): { value: JsonObject; pointer: string } {
  const body = deref(spec, operation.requestBody, at);
  const content = body && isObject(body.value.content) ? body.value.content : {};
  const media = content['application/json'];
  // The sample sends a body of the operation's own type; an endpoint without one needs another sample.
  if (!body || !isObject(media)) throw new Error(`${at}: the sample needs an application/json request body`);
  return { value: media, pointer: `${body.pointer}/content/application~1json` };
}

/** The first request example's value, as the spec documents it. */
function documentedBody(media: JsonObject): unknown {
  if (isObject(media.examples)) {
    for (const example of Object.values(media.examples))
      if (isObject(example) && example.value !== undefined) return example.value;
  }
  return media.example;
}

/** A value per `{name}` of the path template: the parameter's example, else one its schema accepts. */
function pathParamValues(
  spec: JsonObject,
  operation: OperationModel,
  lists: unknown[],
  at: string,
): Record<string, string> {
  const parameters = lists
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .map((parameter) => deref(spec, parameter, at)?.value)
    .filter((parameter) => parameter?.in === 'path');
  const values: Record<string, string> = {};
  for (const [, name] of operation.path.matchAll(/\{([^}]+)\}/g)) {
    // An operation's own parameter overrides its path item's of the same name: the last one wins.
    const parameter = parameters.findLast((p) => p?.name === name);
    if (!parameter) throw new Error(`${at}: path parameter "${name}" is not documented`);
    const examples = isObject(parameter.examples) ? Object.values(parameter.examples) : [];
    const example =
      parameter.example ?? examples.find((e): e is JsonObject => isObject(e) && e.value !== undefined)?.value;
    values[name!] = String(example ?? sampleValue(spec, parameter.schema, `${at}/parameters/${name}/schema`));
  }
  return values;
}

const PRIMITIVES = ['string', 'number', 'integer', 'boolean'];

/** The first property typed as one primitive (or it or null), with a value no such type accepts. */
function wrongField(spec: JsonObject, schema: JsonObject, at: string): SamplePlan['wrongField'] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, raw] of Object.entries(properties)) {
    const property = deref(spec, raw, `${at}/properties/${name}`)?.value;
    const types = [property?.type].flat().filter((type) => type !== 'null');
    if (types.length !== 1 || !PRIMITIVES.includes(types[0] as string) || property?.enum) continue;
    return { name, value: types[0] === 'string' ? 42 : 'not a number or boolean' };
  }
  return undefined;
}

/**
 * The first body field whose object (or list item) is closed (no `additionalProperties` of its
 * own), with a valid such object: the body's own, else one made from the schema.
 */
function nestedClosed(
  spec: JsonObject,
  schema: JsonObject,
  at: string,
  body: unknown,
): SamplePlan['nestedClosed'] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, raw] of Object.entries(properties)) {
    const property = deref(spec, raw, `${at}/properties/${name}`)?.value;
    const list = [property?.type].flat().includes('array');
    const itemAt = list ? `${at}/properties/${name}/items` : `${at}/properties/${name}`;
    const object = list ? deref(spec, property?.items, itemAt)?.value : property;
    const open = object?.additionalProperties !== undefined && object.additionalProperties !== false;
    if (!isObject(object?.properties) || open) continue;
    const given = isObject(body) ? body[name] : undefined;
    const valid =
      (list ? (Array.isArray(given) ? given[0] : undefined) : given) ?? sampleValue(spec, object, itemAt);
    return { name, list, valid };
  }
  return undefined;
}

/** The body's first field (not nested) whose values are an enum. */
function bodyEnumUse(api: ApiModel, operation: OperationModel): EnumModel | undefined {
  const body = `NonNullable<operations[${JSON.stringify(operation.operationId)}]["requestBody"]>`;
  return api.enums.find((use) => use.root.startsWith(body) && use.steps.length === 1);
}

/** A value of an enum that sets off no conditional requirement. */
function quietValue(use: EnumModel, conditional: SamplePlan['conditional']): unknown {
  const field = use.steps[0];
  const tested = conditional && field && 'field' in field && field.field === conditional.property;
  return use.values.find((value) => !tested || value !== conditional.value);
}

function bodyEnum(
  api: ApiModel,
  operation: OperationModel,
  conditional: SamplePlan['conditional'],
): SamplePlan['bodyEnum'] {
  const use = bodyEnumUse(api, operation);
  const step = use?.steps[0];
  return use && step && 'field' in step
    ? { name: step.field, value: quietValue(use, conditional) }
    : undefined;
}

/**
 * The named export of the body's enum (else of the API's first enum): the alias of `types.d.ts`
 * whose comment lists that use, as the pipeline documents each enum's uses.
 */
async function enumExport(
  packageDir: string,
  api: ApiModel,
  operation: OperationModel,
  conditional: SamplePlan['conditional'],
): Promise<SamplePlan['enumExport']> {
  const use = bodyEnumUse(api, operation) ?? api.enums[0];
  if (use === undefined) return undefined;
  const types = await readFile(join(packageDir, 'types.d.ts'), 'utf8');
  const aliases = [...types.matchAll(/\/\*\*\n((?: \*.*\n)+) \*\/\nexport type (\w+) = /g)];
  const name = aliases.find(([, doc]) => doc!.includes(` * - ${enumUse(use)}\n`))?.[2];
  if (name === undefined) throw new Error(`${packageDir}/types.d.ts exports no enum listing ${enumUse(use)}`);
  return { name, value: quietValue(use, conditional) };
}

/** The body's conditional requirement the types express, if it has one. */
function bodyConditional(
  api: ApiModel,
  bodyAt: string,
  resolvedAt: string | undefined,
): SamplePlan['conditional'] {
  const found = api.conditionals.find(
    ({ pointer, shape }) => shape && (pointer === bodyAt || pointer === resolvedAt),
  );
  const shape = found?.shape;
  return shape && shape.then.length > 0 && shape.requiresProperty
    ? { property: shape.property, value: shape.values[0], required: shape.then }
    : undefined;
}

/** The success response's fields with a `default` that its `required` does not list. */
function defaultedFields(
  spec: JsonObject,
  operation: JsonObject,
  model: OperationModel,
  at: string,
): string[] {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const statusAt = `${at}/responses/${model.success.status}`;
  const response = deref(spec, responses[String(model.success.status)], statusAt)?.value;
  const media = model.success.mediaType;
  const content = media && isObject(response?.content) ? response.content[media] : undefined;
  const schema = isObject(content) ? deref(spec, content.schema, `${statusAt}/content`)?.value : undefined;
  const required = new Set(Array.isArray(schema?.required) ? schema.required : []);
  return Object.entries(isObject(schema?.properties) ? schema.properties : {})
    .filter(([name, field]) => !required.has(name) && isObject(field) && field.default !== undefined)
    .map(([name]) => name);
}
