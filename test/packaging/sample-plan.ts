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
import { readPackageModel } from '../../src/model/package-model.js';
import type { ApiModel, OperationModel } from '../../src/model/types.js';

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
    body: documentedBody(media.value) ?? sampleValue(spec, media.value.schema, `${media.pointer}/schema`),
    wrongField: schema && wrongField(spec, schema.value, schema.pointer),
    closedBody: schema?.value.additionalProperties === false,
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
