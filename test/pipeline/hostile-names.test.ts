/**
 * Names that Object.prototype has (`__proto__`, `constructor`, `toString`, `hasOwnProperty`,
 * `valueOf`) wherever a spec names something: schemas, properties, parameters, security schemes,
 * a form's encoding. Each stage must treat them as any other name: the model, the package
 * (`operations.js`, the declarations, the checks) and its client at run time, the mock's sample
 * requests, verify, the 3.0 upgrader and the change classifier. A plain `{}` keyed by such a name loses it (`__proto__` sets
 * the prototype instead) or finds the inherited member, and `(x[name] ??= {})[k] = v` pollutes
 * Object.prototype for the whole process: each row holds one place that did.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyChanges } from '../../src/changes/index.js';
import { loadApi, type LoadedApi } from '../../src/mock/api.js';
import { mockDocument } from '../../src/mock/mock-document.js';
import { requestTarget, sampleValue, smallestCall, smallestRequest } from '../../src/mock/sample-requests.js';
import { describeApi } from '../../src/model/index.js';
import { readPackageModel } from '../../src/model/package-model.js';
import { upgradeDocument } from '../../src/pipeline/upgrade/index.js';
import { contractChecker } from '../../src/verify/contract-checks.js';
import { planRequests } from '../../src/verify/plan.js';
import { oneOperationSpec } from '../support/spec-builder.js';
import type { ApiModel } from '../../src/model/types.js';
import type { JsonObject } from '../../src/shared/openapi.js';
import {
  generate,
  PROJECT_ROOT,
  removeTemporaryDirs,
  temporaryProject,
  typecheck,
  writeProjectConfig,
} from './helpers.js';

/** What Object.prototype holds before anything ran: nothing may add to it. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const FUNCTION_KEYS = Object.getOwnPropertyNames(Object).sort();

// `hasOwnProperty` is a header parameter's name, not a property's: Redocly's lint (its getOwn,
// `obj.hasOwnProperty(key)`) stops at a schema whose `properties` has that key, which the lint
// stage then reports there (test/lint/lint-stage.test.ts).
const HOSTILE = `openapi: 3.1.0
info:
  title: Hostile API
  version: 1.0.0
  description: Names that Object.prototype has, wherever a spec names something.
servers:
  - url: https://hostile.test
security:
  - constructor: []
paths:
  /things/{constructor}:
    parameters:
      - name: constructor
        in: path
        required: true
        schema:
          type: string
    post:
      operationId: createThing
      summary: Create a thing
      parameters:
        - name: __proto__
          in: query
          required: true
          style: pipeDelimited
          explode: false
          schema:
            type: array
            items:
              type: string
        - name: toString
          in: query
          required: true
          schema:
            type: array
            items:
              type: string
        - name: hasOwnProperty
          in: header
          required: true
          schema:
            type: string
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/constructor'
              unevaluatedProperties: false
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/constructor'
  /uploads:
    post:
      operationId: upload
      summary: Upload
      security:
        - __proto__: []
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [__proto__, constructor, valueOf]
              properties:
                __proto__:
                  type: string
                  format: binary
                constructor:
                  type: array
                  items:
                    type: string
                valueOf:
                  type: string
              unevaluatedProperties: false
            encoding:
              __proto__:
                contentType: image/png
              constructor:
                contentType: application/json
      responses:
        '204':
          description: Uploaded.
components:
  schemas:
    constructor:
      type: object
      required: [constructor, __proto__, toString]
      properties:
        constructor:
          type: string
        __proto__:
          $ref: '#/components/schemas/__proto__'
        toString:
          type: integer
        valueOf:
          type: string
          enum: [__proto__, constructor, toString]
      unevaluatedProperties: false
    __proto__:
      type: object
      required: [polluted]
      properties:
        polluted:
          type: string
      unevaluatedProperties: false
  securitySchemes:
    constructor:
      type: apiKey
      in: header
      name: x-api-key
    __proto__:
      type: http
      scheme: bearer
`;

/** A body of `#/components/schemas/constructor` that keeps every rule, as JSON.parse makes it. */
const THING = '{"constructor":"c","__proto__":{"polluted":"no"},"toString":1,"valueOf":"__proto__"}';

const own = (object: unknown, key: string): unknown =>
  Object.hasOwn(object as object, key) ? (object as JsonObject)[key] : 'absent';

let root: string;
let packageDir: string;
let model: ApiModel;
let generated: string;
let api: LoadedApi;
beforeAll(async () => {
  root = await temporaryProject({ 'hostile.yaml': HOSTILE });
  const configPath = await writeProjectConfig(root, ['hostile']);
  const result = await generate(root, { configPath, runtimeDir: join(PROJECT_ROOT, 'src', 'runtime') });
  if (result.code !== 0) throw new Error(result.output);
  packageDir = join(root, 'generated', 'hostile');
  model = await readPackageModel(packageDir);
  generated = await readFile(join(packageDir, 'operations.js'), 'utf8');
  const path = join(packageDir, 'openapi.json');
  api = await loadApi({ api: 'hostile', path, displayPath: 'generated/hostile/openapi.json', bundled: true });
});
afterAll(removeTemporaryDirs);

/** One request the client sent, as the server would read it. */
interface Sent {
  url: URL;
  headers: Headers;
  form?: FormData;
  json?: unknown;
}

/**
 * The generated client, its fetch answering each request with `respond`'s status and JSON text,
 * both sides checked (`throw`); what it sent is pushed onto `sent`.
 */
async function client(
  sent: Sent[],
  respond: () => [number, string] = () => [200, THING],
  validate: object = { request: 'throw', response: 'throw' },
) {
  const { createHostileClient } = (await import(pathToFileURL(join(packageDir, 'index.js')).href)) as {
    createHostileClient: (options: object) => Record<string, (args: object) => Promise<unknown>>;
  };
  return createHostileClient({
    apiKey: 'key',
    token: 'tok',
    maxRetries: 0,
    validate,
    fetch: async (request: Request) => {
      const type = request.headers.get('content-type') ?? '';
      sent.push({
        url: new URL(request.url),
        headers: request.headers,
        ...(type.startsWith('multipart/') ? { form: await request.formData() } : {}),
        ...(type.startsWith('application/json') ? { json: JSON.parse(await request.text()) } : {}),
      });
      const [status, text] = respond();
      return new Response(status === 204 ? null : text, {
        status,
        headers: status === 204 ? {} : { 'content-type': 'application/json' },
      });
    },
  });
}

const createArgs = () => ({
  path: { constructor: 'c 1' },
  query: { __proto__: ['a', 'b'], toString: ['c', 'd'] },
  header: { hasOwnProperty: 'h' },
  body: JSON.parse(THING) as unknown,
});
// `__proto__` in a literal sets the prototype: the query above has no such key of its own.
const ownQuery = (): object => JSON.parse('{"__proto__":["a","b"],"toString":["c","d"]}') as object;

/** A violation's place and rule, or what came back. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { returned: await call() };
  } catch (error) {
    const violations = (
      error as { violations?: { side: string; in: string; pointer: string; rule: string }[] }
    ).violations;
    if (violations === undefined) throw error;
    return violations.map((v) => `${v.side} ${v.in} ${v.pointer} ${v.rule}`);
  }
}

describe('the model and the package', () => {
  it.each<[string, () => unknown, unknown]>([
    [
      'a security scheme named __proto__ is a scheme of its own (credential token)',
      () => own(model.securitySchemes, '__proto__'),
      { type: 'http', scheme: 'bearer', credential: 'token' },
    ],
    [
      "operations.js gives upload the __proto__ scheme's bearer token, not schemes[undefined]",
      () => /"upload": \{[^\n]*security: \[\[schemes\[(\d+)\]\]\]/.exec(generated)?.[1],
      '1',
    ],
    [
      'the query parameter __proto__ keeps its own way (pipeDelimited), beside toString in the default one',
      () => model.operations.find((operation) => operation.operationId === 'createThing')?.query,
      { parameters: JSON.parse('{"__proto__":{"array":{"style":"pipeDelimited","explode":false}}}') },
    ],
    [
      'an operation with no query parameter has no query serialisation (none leaked from another)',
      () => model.operations.find((operation) => operation.operationId === 'upload')?.query,
      undefined,
    ],
    [
      "a form's encoding of the part __proto__ is the part's own",
      () => model.operations.find((operation) => operation.operationId === 'upload')?.requestBody?.encoding,
      JSON.parse('{"__proto__":{"type":"image/png"},"constructor":{"type":"application/json"}}'),
    ],
  ])('%s', (_, got, want) => {
    expect(got()).toEqual(want);
  });
});

describe('the generated declarations', () => {
  it('type each name as declared, for a consumer under strict settings', async () => {
    const consumer = join(packageDir, 'consumer.mts');
    await writeFile(
      consumer,
      [
        "import { createHostileClient, type Constructor, type Proto } from './index.js';",
        'declare const thing: Constructor;',
        "export const texts: [string, Proto, number, string | undefined] = [thing.constructor, thing['__proto__'], thing.toString, thing.valueOf];",
        "export const polluted: string = thing['__proto__'].polluted;",
        "const client = createHostileClient({ apiKey: 'k', token: 't' });",
        "export const created: Promise<Constructor> = client.createThing({ path: { constructor: 'c' }, query: { ['__proto__']: ['a'], toString: ['b'] }, header: { hasOwnProperty: 'h' }, body: thing });",
        '// @ts-expect-error: toString is a number',
        'export const wrong: string = thing.toString;',
        '',
      ].join('\n'),
    );
    expect(typecheck([consumer])).toEqual([]);
  });
});

describe('the generated client at run time', () => {
  it('sends each parameter, credential and form part under its name, as an ordinary name goes', async () => {
    const sent: Sent[] = [];
    const hostile = await client(sent);
    await hostile.createThing!({ ...createArgs(), query: ownQuery() });
    await hostile.upload!({
      body: Object.assign(Object.create(null) as object, {
        ['__proto__']: new Blob(['png'], { type: 'image/png' }),
        constructor: ['x'],
        valueOf: 'v',
      }),
    });
    const [create, upload] = sent;
    expect(create!.url.pathname).toBe('/things/c%201');
    expect(create!.url.search).toBe('?__proto__=a|b&toString=c&toString=d');
    expect([create!.headers.get('x-api-key'), create!.headers.get('hasownproperty')]).toEqual(['key', 'h']);
    expect(create!.json).toEqual(JSON.parse(THING));
    expect(upload!.headers.get('authorization')).toBe('Bearer tok');
    const part = (name: string) =>
      upload!.form!.getAll(name).map((each) => (each instanceof Blob ? each.type : each));
    // The encoding of __proto__ reaches its part only: `valueOf` goes as text.
    expect([part('__proto__'), part('constructor'), part('valueOf')]).toEqual([
      ['image/png'],
      ['application/json'],
      ['v'],
    ]);
  });

  it.each<[string, string, unknown]>([
    ['a body that keeps every rule comes back with __proto__ its own', THING, 'ok'],
    [
      'a required __proto__ is not met by the prototype',
      '{"constructor":"c","toString":1}',
      ['response body /__proto__ required'],
    ],
    [
      'a required constructor is not met by the prototype',
      '{"__proto__":{"polluted":"no"},"toString":1}',
      ['response body /constructor required'],
    ],
    [
      "the property __proto__ is checked against its schema's",
      '{"constructor":"c","__proto__":{"polluted":1},"toString":1}',
      ['response body /__proto__/polluted type'],
    ],
    [
      'unevaluatedProperties: false refuses an undeclared __proto__',
      '{"constructor":"c","__proto__":{"polluted":"no","__proto__":{}},"toString":1}',
      ['response body /__proto__/__proto__ unevaluatedProperties'],
    ],
    [
      'an enum of prototype names takes them as values',
      '{"constructor":"c","__proto__":{"polluted":"no"},"toString":1,"valueOf":"hasOwnProperty"}',
      ['response body /valueOf enum'],
    ],
  ])('response checks: %s', async (_, text, want) => {
    const hostile = await client([], () => [200, text]);
    const got = await outcome(() => hostile.createThing!({ ...createArgs(), query: ownQuery() }));
    if (want === 'ok') {
      const returned = (got as { returned: unknown }).returned;
      expect([own(returned, '__proto__'), Object.getPrototypeOf(returned) === Object.prototype]).toEqual([
        { polluted: 'no' },
        true,
      ]);
    } else expect(got).toEqual(want);
  });

  it.each<[string, () => object, unknown]>([
    [
      'a path parameter constructor left out is missing, not the inherited function',
      () => ({ ...createArgs(), path: {}, query: ownQuery() }),
      ['request path /constructor required'],
    ],
    [
      'a query parameter __proto__ left out is missing, not Object.prototype',
      () => ({ ...createArgs(), query: { toString: ['c'] } }),
      ['request query /__proto__ required'],
    ],
  ])('request checks: %s', async (_, args, want) => {
    const sent: Sent[] = [];
    const hostile = await client(sent);
    expect(await outcome(() => hostile.createThing!(args()))).toEqual(want);
    expect(sent).toEqual([]);
  });
});

describe('the generated client without a path parameter', () => {
  it.each<[string, object]>([
    ['no path at all', {}],
    ['a path without constructor', { path: {} }],
  ])('refuses a call with %s, not sending the inherited function as constructor', async (_, given) => {
    const sent: Sent[] = [];
    // Unchecked, as a client with `validate.request` off (the default) sends it.
    const hostile = await client(sent, undefined, { request: 'off' });
    const { path: _path, ...rest } = createArgs();
    await expect(hostile.createThing!({ ...rest, query: ownQuery(), ...given })).rejects.toThrow(
      /path parameter \{constructor\} is missing/,
    );
    expect(sent).toEqual([]);
  });
});

describe("the mock's sample requests", () => {
  const operation = (id: string) => api.operations.find((each) => each.model.operationId === id)!;
  it.each<[string, () => unknown, unknown]>([
    [
      "the smallest request's body has each required property, its own",
      () => {
        const { body } = smallestRequest(api, operation('createThing'), { constructor: 'c' });
        return ['constructor', '__proto__', 'toString'].map((name) => typeof own(body, name));
      },
      ['string', 'object', 'number'],
    ],
    [
      "the smallest request's query and headers have each required parameter, by its own name",
      () => {
        const { query, header } = smallestRequest(api, operation('createThing'), { constructor: 'c' }).params;
        return [Object.keys(query), Object.keys(header)];
      },
      [['__proto__', 'toString'], ['hasownproperty']],
    ],
    [
      "the smallest call's form has a file for __proto__ and a list for constructor",
      () => {
        const { body } = smallestCall(api, operation('upload'), {});
        const form = own(body, '__proto__');
        return [form instanceof Blob, Array.isArray(own(body, 'constructor')), typeof own(body, 'valueOf')];
      },
      [true, true, 'string'],
    ],
    [
      'a path without a value for constructor is refused, not filled with the inherited function',
      () => () => requestTarget('/things/{constructor}', {}, {}),
      /no value for path parameter constructor/,
    ],
    [
      'a string of a format named toString is a string, not the inherited function',
      () => sampleValue(api.document, { type: 'string', format: 'toString' }, ''),
      'x',
    ],
    [
      "the mock's copy of a form takes one item for the list constructor and keeps __proto__",
      () => {
        const copy = mockDocument(api.document) as JsonObject;
        const form = (copy.paths as JsonObject)['/uploads'] as {
          post: { requestBody: { content: JsonObject } };
        };
        const schema = form.post.requestBody.content['multipart/form-data'] as { schema: JsonObject };
        const properties = schema.schema.properties as JsonObject;
        return [Object.keys(properties), own(properties, 'constructor')];
      },
      [
        ['__proto__', 'constructor', 'valueOf'],
        { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] },
      ],
    ],
  ])('%s', (_, got, want) => {
    if (want instanceof RegExp) expect(got()).toThrow(want);
    else expect(got()).toEqual(want);
  });
});

describe('the model of other documents', () => {
  const described = (document: JsonObject): ApiModel => describeApi('t', document, (at) => ({ file: at }));
  const scheme = (value: JsonObject) =>
    oneOperationSpec({
      document: { components: { securitySchemes: { Key: value } }, security: [{ Key: [] }] },
    });
  it.each<[string, () => unknown, unknown]>([
    [
      "an API key whose name derives an Object.prototype member's (valueOf) takes its scheme's name",
      () => described(scheme({ type: 'apiKey', in: 'header', name: 'X-Value-Of' })).credentials,
      [{ name: 'key', scheme: 'Key', required: true }],
    ],
    [
      "an x-credential-name of an Object.prototype member's is refused: every options object has one",
      () => () => described(scheme({ type: 'http', scheme: 'bearer', 'x-credential-name': 'toString' })),
      /#\/components\/securitySchemes\/Key\/x-credential-name: x-credential-name toString is a member of every object/,
    ],
    [
      'a conditional requiring toString, which the schema does not declare, is not one the types express',
      () =>
        described(
          oneOperationSpec({
            operation: {
              requestBody: {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { kind: { enum: ['a', 'b'] } },
                      if: { properties: { kind: { const: 'a' } }, required: ['kind'] },
                      then: { required: ['toString'] },
                    },
                  },
                },
              },
            },
          }),
        ).conditionals.map((conditional) => conditional.shape),
      [undefined],
    ],
    [
      'a query parameter of style toString is a style that does not apply, not a crash',
      () => () =>
        described(
          oneOperationSpec({
            operation: {
              parameters: [
                { name: 'q', in: 'query', style: 'toString', schema: { type: 'array', items: {} } },
              ],
            },
          }),
        ),
      /parameters\/0\/style: style toString does not apply to the query parameter q/,
    ],
  ])('%s', (_, got, want) => {
    if (want instanceof RegExp) expect(got()).toThrow(want);
    else expect(got()).toEqual(want);
  });
});

describe('the 3.0 upgrader', () => {
  // Nullability is what it rewrites: under names Object.prototype has, at each level.
  const document = (): JsonObject =>
    JSON.parse(`{
      "openapi": "3.0.3",
      "info": { "title": "T", "version": "1" },
      "paths": {},
      "components": {
        "schemas": {
          "__proto__": {
            "type": "object",
            "properties": {
              "constructor": { "$ref": "#/components/schemas/toString", "nullable": true },
              "__proto__": { "type": "string", "enum": ["a"], "nullable": true }
            }
          },
          "toString": { "type": "integer", "minimum": 0, "exclusiveMinimum": true }
        },
        "securitySchemes": { "__proto__": { "type": "http", "scheme": "bearer" } }
      }
    }`) as JsonObject;
  it('keeps every name, each schema read as 3.1 reads it', () => {
    const { document: upgraded } = upgradeDocument(document(), (at) => ({ file: at }));
    const components = upgraded.components as { schemas: JsonObject; securitySchemes: JsonObject };
    const proto = own(components.schemas, '__proto__') as { properties: JsonObject };
    expect([
      Object.keys(components.schemas),
      own(proto.properties, 'constructor'),
      own(proto.properties, '__proto__'),
      own(components.schemas, 'toString'),
      Object.keys(components.securitySchemes),
    ]).toEqual([
      ['__proto__', 'toString'],
      { anyOf: [{ $ref: '#/components/schemas/toString' }, { type: 'null' }] },
      { type: ['string', 'null'], enum: ['a', null] },
      { type: 'integer', exclusiveMinimum: 0 },
      ['__proto__'],
    ]);
  });
});

describe('the change classifier', () => {
  /** A response whose body is `allOf` of a field `a` and the field `name` of `type`. */
  const document = (name: string, type: string) =>
    oneOperationSpec({
      operation: {
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { type: 'object', properties: { a: { type: 'string' } } },
                    { properties: JSON.parse(`{"${name}": {"type": "${type}"}}`) as JsonObject },
                  ],
                },
              },
            },
          },
        },
      },
    });
  it.each(['__proto__', 'constructor', 'toString', 'ordinary'])(
    'sees a field %s of an allOf branch change type, as any field',
    (name) => {
      const changes = classifyChanges(document(name, 'string'), document(name, 'integer'));
      expect(changes.map(({ kind, location, message }) => [kind, location, message])).toEqual([
        ['breaking', `PATCH /a/{id} response 200.${name}`, 'type changed from `string` to `integer`'],
      ]);
    },
  );

  it('sees the security scheme named __proto__ change, as any scheme', () => {
    const after = structuredClone(api.document);
    const schemes = (after.components as { securitySchemes: JsonObject }).securitySchemes;
    Object.defineProperty(schemes, '__proto__', {
      value: { type: 'apiKey', in: 'header', name: 'x-token' },
      enumerable: true,
    });
    expect(
      classifyChanges(api.document, after).map(
        ({ kind, location, message }) => `${kind} ${location}: ${message}`,
      ),
    ).toEqual([
      'breaking POST /uploads security: requirement `__proto__` (HTTP bearer) replaced by `__proto__` (API key in header x-token)',
    ]);
  });

  it('sees a change under a schema named __proto__ of the hostile spec', () => {
    const after = structuredClone(api.document);
    const schemas = (after.components as { schemas: JsonObject }).schemas;
    (own(schemas, '__proto__') as { properties: { polluted: JsonObject } }).properties.polluted.type =
      'integer';
    expect(classifyChanges(api.document, after).map(({ kind, location }) => [kind, location])).toContainEqual(
      ['breaking', expect.stringContaining('polluted')],
    );
  });
});

describe('verify', () => {
  it("plans a request that gives no path parameter with the spec's value for constructor, and says so", () => {
    const plan = planRequests(api, { HOSTILE_API_KEY: 'k', HOSTILE_TOKEN: 't' }, [
      {
        operation: 'createThing',
        params: { query: JSON.parse('{"__proto__":"a|b","toString":"c"}') },
        body: {},
      },
    ]);
    expect([plan.requests.map((request) => request.target), plan.notes]).toEqual([
      ['/things/x?__proto__=a%7Cb&toString=c'],
      [
        'these requests change data upstream (POST): use a test resource',
        'path parameter constructor = x from the spec (set HOSTILE_CONSTRUCTOR to use one of yours)',
        'constructor credential from HOSTILE_API_KEY',
      ],
    ]);
  });

  it('reads each parameter of a planned request under its own name: none missing, none inherited', async () => {
    const checker = contractChecker(api, 'generated/hostile/openapi.json', () => undefined);
    const planned = (query: string) => ({
      name: 'row',
      operationId: 'createThing',
      method: 'POST',
      target: '/things/c',
      pathTemplate: '/things/{constructor}',
      params: { path: { constructor: 'c' }, query: JSON.parse(query) as Record<string, string | string[]> },
      headers: { hasownproperty: 'h' },
      bodyValue: JSON.parse(THING) as unknown,
      documentedStatuses: ['200'],
    });
    const found = async (query: string) =>
      (await checker.request(planned(query))).violations.map((each) => `${each.location} ${each.kind}`);
    expect([
      await found('{"__proto__":"a|b","toString":["c"]}'),
      await found('{"toString":["c"]}'),
      await found('{"__proto__":"a|b"}'),
    ]).toEqual([[], ['query.__proto__ required'], ['query.toString required']]);
  });
});

describe('Object.prototype after every stage', () => {
  it('has nothing added, and Object no member of a spec', () => {
    expect([Object.getOwnPropertyNames(Object.prototype).sort(), ({} as JsonObject).polluted]).toEqual([
      PROTOTYPE_KEYS,
      undefined,
    ]);
    expect(Object.getOwnPropertyNames(Object).sort()).toEqual(FUNCTION_KEYS);
  });
});
