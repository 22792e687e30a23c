/**
 * The generated packages as a consumer uses them, pointed at the mocks: a client per API with test
 * credentials, the bundled spec it was generated from, and a validator for its responses.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readPackageModel } from '../../src/model/package-model.js';
import { clientNames } from '../../src/pipeline/emit/client.js';
import type { ApiModel } from '../../src/model/types.js';
import type { FetchFunction } from '../../src/runtime/index.js';
import {
  API_NAMES,
  operationsOf,
  successStatus,
  type Json,
  type OpenApi,
  type SpecOperation,
} from '../support/spec.js';
import type { RequestCase } from './constraints.js';
import { mockReady } from './mocks.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const generated = (api: string, file: string) => new URL(`../../generated/${api}/${file}`, import.meta.url);

export type OperationCall = (
  args: { path?: Record<string, unknown>; body?: unknown },
  options?: { headers?: Record<string, string> },
) => Promise<unknown>;

export interface GeneratedPackage {
  /** What the pipeline reads from the package's spec: statuses, schemes and where credentials go. */
  api: ApiModel;
  create(options: Record<string, unknown>): Record<string, unknown>;
}

/** The package `generated/<api>/` of this repository, or of the project at `root`. */
export async function loadPackage(api: string, root?: string): Promise<GeneratedPackage> {
  const dir = root === undefined ? fileURLToPath(generated(api, '.')) : join(root, 'generated', api);
  const module = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Record<string, unknown>;
  const factoryName = clientNames(api).factory;
  const create = module[factoryName];
  if (typeof create !== 'function') throw new Error(`generated/${api} exports no ${factoryName}`);
  return {
    api: await readPackageModel(dir),
    create: create as GeneratedPackage['create'],
  };
}

/** One test value per credential the API's schemes ask for: `{ token: 'test-token' }`. */
export function testCredentials(api: ApiModel): Record<string, unknown> {
  return Object.fromEntries(
    Object.values(api.securitySchemes).map((scheme) => [
      scheme.credential,
      scheme.type === 'http' && scheme.scheme === 'basic'
        ? { username: `test-${scheme.credential}`, password: 'secret' }
        : `test-${scheme.credential}`,
    ]),
  );
}

/** A fetch that edits each request's headers before it leaves, to send what the client never would. */
export function fetchEditingHeaders(edit: (headers: Headers) => void): FetchFunction {
  return (input, init) => {
    const request = new Request(input);
    edit(request.headers);
    return fetch(request, init);
  };
}

export function bundledSpec(api: string): OpenApi {
  return JSON.parse(readFileSync(generated(api, 'openapi.json'), 'utf8')) as OpenApi;
}

/** One validator per document, by its text: each compiles the schemas it is asked for once. */
const validators = new Map<string, Ajv2020>();

function validatorOf(doc: OpenApi): Ajv2020 {
  const key = JSON.stringify(doc);
  let ajv = validators.get(key);
  if (!ajv) {
    ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    ajv.addSchema({ ...(doc as object), $id: 'spec.json' });
    validators.set(key, ajv);
  }
  return ajv;
}

/** Validates a value against the success response schema of one of the API's operations. */
export function responseValidator(
  doc: OpenApi,
  { path, method, operation }: SpecOperation,
): (value: unknown) => string[] {
  const ajv = validatorOf(doc);
  const pointer = `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${successStatus(operation)}/content/application~1json/schema`;
  const validate = ajv.getSchema(`spec.json#${pointer}`);
  if (!validate) throw new Error(`no response schema at ${pointer}`);
  return (value) =>
    validate(value as Json)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** One row per operation of every API, named `<api> <operationId>` (an API with one operation alone). */
export function operationRows(): (readonly [
  string,
  { api: string; op: SpecOperation; operationId: string },
])[] {
  return API_NAMES.flatMap((api) => {
    const operations = operationsOf(bundledSpec(api));
    return operations.map((op) => {
      const operationId = String(op.operation['operationId']);
      return [operations.length === 1 ? api : `${api} ${operationId}`, { api, op, operationId }] as const;
    });
  });
}

/**
 * One operation of an API's generated client, called against the API's mock with test credentials
 * and no retries, and the package's own error classes.
 */
export async function operationClient(api: string, operationId: string) {
  const [pkg, baseUrl] = await Promise.all([loadPackage(api), mockReady(api)]);
  const errors = (await import(generated(api, 'index.js').href)) as Record<
    string,
    new (...a: never[]) => Error
  >;
  const client = (options: Record<string, unknown> = {}) =>
    pkg.create({ ...testCredentials(pkg.api), baseUrl, maxRetries: 0, ...options });
  const call = (c: RequestCase, options: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    (client(options)[operationId] as OperationCall)(
      { path: c.request.path, ...(c.request.body === undefined ? {} : { body: c.request.body }) },
      headers ? { headers } : undefined,
    );
  return { pkg, errors, client, call };
}
