/**
 * The package README: its "Servers" section when the spec's first server is relative, so that the
 * client has no default (the fixtures cover a default server and an operation with its own), and
 * `emitReadme` on small inline specs for what the fixtures' snapshots do not show.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitReadme } from '../../../src/pipeline/emit/readme/index.js';
import { describeApi } from '../../../src/model/index.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { planNamedExports } from '../../../src/pipeline/postprocess/named-exports.js';
import type { RuntimeExport } from '../../../src/pipeline/runtime/index.js';
import { oneOperationSpec } from '../../support/spec-builder.js';
import { generate, HERE, removeTemporaryDirs, temporaryProject } from '../helpers.js';

afterAll(removeTemporaryDirs);

const PING = join(HERE, 'fixtures', 'minimal', 'ping.yaml');

it('says that the factory needs a baseUrl when the first server is relative, and passes one', async () => {
  const spec = (await readFile(PING, 'utf8')).replace(
    'servers:\n  - url: https://ping.test\n',
    'servers:\n  - url: /v1\n    description: Same origin.\n  - url: https://ping.test\n',
  );
  const root = await temporaryProject({ 'ping.yaml': spec });
  const result = await generate(root);
  expect(result.code, result.output).toBe(0);
  const readme = await readFile(join(root, 'generated', 'ping', 'README.md'), 'utf8');
  expect(readme).toContain('the factory needs a `baseUrl`');
  expect(readme).toContain('| `/v1` | Same origin. |\n| `https://ping.test` |  |\n');
  expect(readme).not.toContain('(default)');
  expect(readme).toContain("const client = createPingClient({\n  baseUrl: 'https://ping.test',\n});\n");
});

/** A one-operation spec whose request body has `example`, and the schema `required`. */
function spec(
  example: JsonObject,
  required: string[],
  extra: { summary?: string; server?: JsonObject } = {},
): JsonObject {
  return oneOperationSpec({
    operation: {
      summary: extra.summary,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { content: { 'application/json': { schema: { type: 'object', required }, example } } },
    },
    document: extra.server === undefined ? {} : { servers: [extra.server] },
  });
}

/** A spec whose one operation takes a body of `mediaType` described by `media` (its schema, examples). */
function bodySpec(media: JsonObject, mediaType = 'application/json'): JsonObject {
  return oneOperationSpec({ operation: { requestBody: { content: { [mediaType]: media } } } });
}

/** A body whose `definitions` is a map of objects with a `label` (Zuora's custom object definitions). */
const DEFINITIONS_MAP = {
  type: 'object',
  required: ['definitions'],
  properties: {
    definitions: {
      type: 'object',
      additionalProperties: { type: 'object', properties: { label: { type: 'string' } } },
    },
  },
};

/** The README `emitReadme` writes for `document`, with `runtime` as the runtime's exports. */
function readmeOf(document: JsonObject, runtime: RuntimeExport[]): string {
  const model = describeApi('t', document, (pointer) => ({ file: pointer }));
  const names = planNamedExports(model, []);
  return emitReadme({
    model,
    packageName: '@s/t',
    specPath: 'specs/t.yaml',
    typeNames: names.operations,
    enums: names.enums,
    runtimeExports: runtime,
    document,
    banner: '',
  });
}

function expectReadme(readme: string, want: { has: string[]; lacks?: string[] }): void {
  for (const text of want.has) expect(readme).toContain(text);
  for (const text of want.lacks ?? []) expect(readme).not.toContain(text);
}

const STATUS_ERROR: RuntimeExport = { name: 'ApiStatusError', kind: 'class' };
const OPTIONS: RuntimeExport[] = [
  {
    name: 'ClientOptions',
    kind: 'type',
    members: [{ name: 'baseUrl', summary: 'Where | to' }],
    extends: [{ name: 'Settings', omit: ['retryDelayMs'] }],
  },
  {
    name: 'Settings',
    kind: 'type',
    members: [{ name: 'timeoutMs', default: '60000' }, { name: 'retryDelayMs' }],
  },
];

describe('emitReadme', () => {
  it.each<
    [
      string,
      {
        given: { document: JsonObject; runtime?: RuntimeExport[] };
        want: { has: string[]; lacks?: string[] };
      },
    ]
  >([
    [
      'the example body is cut to the required fields',
      {
        given: { document: spec({ name: 'Reception', language: 'es', voice: 'v1' }, ['name', 'voice']) },
        want: { has: ["  body: {\n    name: 'Reception',\n    voice: 'v1',\n  },\n"], lacks: ['language'] },
      },
    ],
    [
      'a readOnly field of the example is not sent, required or not',
      {
        given: {
          document: bodySpec({
            schema: {
              type: 'object',
              required: ['id', 'name'],
              properties: {
                id: { type: 'string', readOnly: true },
                name: { type: 'string' },
                owner: { type: 'object', properties: { since: { type: 'string', readOnly: true } } },
              },
            },
            example: { id: 'c1', name: 'Reception', owner: { since: '2024' } },
          }),
        },
        want: { has: ["  body: {\n    name: 'Reception',\n  },\n"], lacks: ["id: 'c1'"] },
      },
    ],
    [
      'without required fields, to the first simple one',
      {
        given: { document: spec({ config: { a: 1 }, name: 'Reception', language: 'es' }, []) },
        want: { has: ["  body: {\n    name: 'Reception',\n  },\n"], lacks: ['config', 'language'] },
      },
    ],
    [
      'keys and strings are written as TypeScript',
      {
        given: { document: spec({ 'x-trace': "it's\na\\b" }, ['x-trace']) },
        want: { has: ["    'x-trace': 'it\\'s\\na\\\\b',\n"] },
      },
    ],
    [
      'pipes in table cells are escaped',
      {
        given: {
          document: spec({}, [], {
            summary: 'Read | write',
            server: { url: 'https://api.test', description: 'EU | US' },
          }),
          runtime: OPTIONS,
        },
        want: {
          has: [
            '| `https://api.test` (default) | EU \\| US |',
            '| `updateA` | `PATCH /a/{id}` | Read \\| write | `UpdateAResponse` |',
            '| `baseUrl` |  | Where \\| to |',
          ],
        },
      },
    ],
    [
      "a summary of several lines is one line of the example's comment",
      {
        given: { document: spec({}, [], { summary: 'Lists them.\nThe first\r\nand\u2028the last. ' }) },
        want: { has: ['\n// Lists them. The first and the last.: PATCH /a/{id}\n'] },
      },
    ],
    [
      'a required field whose pattern is beyond the sampler still gets a value of its type',
      {
        given: {
          document: bodySpec({
            schema: {
              type: 'object',
              required: ['token'],
              properties: { token: { type: 'string', pattern: '^(?!admin)\\w+$', minLength: 2 } },
            },
          }),
        },
        want: { has: ["  body: {\n    token: 'xx',\n  },\n"] },
      },
    ],
    [
      "a parameter's example not of its type gives way to a value of the schema",
      {
        given: {
          document: oneOperationSpec({
            method: 'get',
            path: '/a',
            operation: {
              parameters: [
                {
                  name: 'subType',
                  in: 'query',
                  required: true,
                  schema: {
                    type: 'array',
                    items: { type: 'string', enum: ['CITY', 'AIRPORT'] },
                    minItems: 1,
                  },
                  example: 'CITY',
                },
              ],
            },
          }),
        },
        want: { has: ["query: { subType: [\n  'CITY',\n] }"], lacks: ["subType: 'CITY'"] },
      },
    ],
    [
      // letmc's appointment: an empty list sends nothing, and the mock refused the call for want of it.
      'a required list parameter gets an item, a required date-time a date-time, a plain string its placeholder',
      {
        given: {
          document: oneOperationSpec({
            method: 'get',
            path: '/a',
            operation: {
              parameters: [
                {
                  name: 'ids',
                  in: 'query',
                  required: true,
                  schema: { type: 'array', items: { type: 'string' } },
                },
                {
                  name: 'since',
                  in: 'query',
                  required: true,
                  schema: { type: 'string', format: 'date-time' },
                },
                {
                  name: 'code',
                  in: 'query',
                  required: true,
                  schema: { type: 'string', pattern: '^[A-Z]{2}$' },
                },
                { name: 'name', in: 'query', required: true, schema: { type: 'string', format: 'name' } },
              ],
            },
          }),
        },
        want: {
          has: ["query: { ids: [\n  'x',\n], since: '2024-01-01T00:00:00Z', code: 'AA', name: '<name>' }"],
        },
      },
    ],
    [
      "a required Accept header is the success's media type, not a placeholder that is none (Lufthansa's)",
      {
        given: {
          document: oneOperationSpec({
            method: 'get',
            path: '/a',
            operation: {
              parameters: [{ name: 'Accept', in: 'header', required: true, schema: { type: 'string' } }],
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: {} } } } },
            },
          }),
        },
        want: { has: ["header: { Accept: 'application/json' }"], lacks: ['<Accept>'] },
      },
    ],
    [
      'a body example with a field of another type gives way too',
      {
        given: {
          document: bodySpec({
            schema: {
              type: 'object',
              required: ['name', 'voice'],
              properties: { name: { type: 'string' }, voice: { type: 'string' } },
            },
            example: { name: 7, voice: 'v1' },
          }),
        },
        want: { has: ["  body: {\n    name: 'x',\n    voice: 'x',\n  },\n"], lacks: ['name: 7'] },
      },
    ],
    [
      '… or one the schema does not name',
      {
        given: {
          document: bodySpec({
            schema: { type: 'object', properties: { name: { type: 'string' } } },
            example: { label: 'Reception' },
          }),
        },
        want: { has: ['  body: {\n    /* UpdateABody */\n  },\n'], lacks: ['label'] },
      },
    ],
    [
      "… or the schema's own example, of a field it does not name (Autotask's Filter for filter)",
      {
        given: {
          document: bodySpec({
            schema: {
              type: 'object',
              properties: { filter: { type: 'array', items: { type: 'string' } } },
              examples: [{ Filter: ['id'] }],
            },
          }),
        },
        want: { has: ['  body: {},\n'], lacks: ['Filter'] },
      },
    ],
    [
      // VTEX's simulation body lists its items' fields as its own required ones.
      'a required field its schema does not declare is not written (the type has no such field)',
      {
        given: {
          document: bodySpec({
            schema: { type: 'object', required: ['id', 'name'], properties: { name: { type: 'string' } } },
          }),
        },
        want: { has: ["  body: {\n    name: 'x',\n  },\n"], lacks: ["id: 'x'"] },
      },
    ],
    [
      // e-conomic's: `allOf: [{ $ref }]` with an example of fields the schema it refers to lacks.
      "… or one that an allOf's schemas do not name",
      {
        given: {
          document: bodySpec({
            schema: {
              allOf: [{ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }],
              examples: [{ Description: 'An awesome group' }],
            },
          }),
        },
        want: { has: ["  body: {\n    name: 'x',\n  },\n"], lacks: ['Description'] },
      },
    ],
    [
      "… or one a map's entry does not name (Zuora's definitions, whose entries are additionalProperties)",
      {
        given: {
          document: bodySpec({
            schema: DEFINITIONS_MAP,
            example: { definitions: { Delivery: { label: 'Delivery', description: 'Shipping' } } },
          }),
        },
        want: { has: ['  body: {\n    definitions: {},\n  },\n'], lacks: ["description: 'Shipping'"] },
      },
    ],
    [
      '… but a fitting entry of a map is kept',
      {
        given: {
          document: bodySpec({
            schema: DEFINITIONS_MAP,
            example: { definitions: { Delivery: { label: 'Delivery' } } },
          }),
        },
        want: { has: ["      Delivery: {\n        label: 'Delivery',\n      },\n"] },
      },
    ],
    [
      "a form's required field of no type is a string: `{}` would send no field at all",
      {
        given: {
          document: bodySpec(
            {
              schema: {
                type: 'object',
                required: ['Definition'],
                properties: { Definition: { description: 'JSON of the flow' } },
              },
            },
            'application/x-www-form-urlencoded',
          ),
        },
        want: { has: ["  body: {\n    Definition: 'x',\n  },\n"] },
      },
    ],
    [
      'an XML body described as an object is text, as the types have it',
      {
        given: {
          document: bodySpec(
            {
              schema: { type: 'object', properties: { Status: { type: 'string' } } },
            },
            'application/xml',
          ),
        },
        want: { has: ["  body: '…',\n"], lacks: ['new Blob'] },
      },
    ],
    ...(
      [
        ['text/html', { type: 'object' }, 'text'],
        ['application/pdf', { type: 'string', format: 'binary' }, 'blob'],
        ['text/event-stream', { type: 'string' }, 'stream'],
      ] as const
    ).map(
      ([mediaType, schema, parseAs]): [
        string,
        { given: { document: JsonObject }; want: { has: string[] } },
      ] => [
        `a ${mediaType} success is read by the raw call as ${parseAs}, as its function reads it (not as JSON, which fails)`,
        {
          given: {
            document: oneOperationSpec({
              method: 'get',
              path: '/a',
              operation: {
                responses: { '200': { description: 'ok', content: { [mediaType]: { schema } } } },
              },
            }),
          },
          want: { has: [`await client.GET('/a', {\n  parseAs: '${parseAs}',\n});\n`] },
        },
      ],
    ),
    [
      "a required query parameter that is also the operation's key scheme is the client's to send, in no call",
      {
        given: {
          document: oneOperationSpec({
            method: 'get',
            path: '/a',
            operation: {
              parameters: [
                { name: 'apikey', in: 'query', required: true, schema: { type: 'string' }, example: 'KEY' },
                { name: 'base', in: 'query', required: true, schema: { type: 'string' }, example: 'USD' },
              ],
            },
            document: {
              security: [{ Key: [] }],
              components: { securitySchemes: { Key: { type: 'apiKey', in: 'query', name: 'apikey' } } },
            },
          }),
        },
        want: {
          has: ['  apikey: process.env.T_APIKEY!,\n', "query: { base: 'USD' }"],
          lacks: ["apikey: 'KEY'"],
        },
      },
    ],
    [
      'a JSON success is read as JSON, as openapi-fetch does by default',
      {
        given: {
          document: oneOperationSpec({
            method: 'get',
            path: '/a',
            operation: {
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: {} } } } },
            },
          }),
        },
        want: { has: ["await client.GET('/a');\n"], lacks: ['parseAs'] },
      },
    ],
    [
      "the factory's options include those of what ClientOptions extends, less those it omits",
      {
        given: { document: spec({}, []), runtime: OPTIONS },
        want: { has: ['| `timeoutMs` | `60000` |  |'], lacks: ['retryDelayMs'] },
      },
    ],
    [
      "the example catches the runtime's ApiStatusError",
      {
        given: { document: spec({}, []), runtime: [STATUS_ERROR] },
        want: {
          has: [
            "import { ApiStatusError, createTClient } from '@s/t';",
            '  if (error instanceof ApiStatusError) console.error(error.status, error.body);',
          ],
        },
      },
    ],
    [
      'an ApiStatusError that is only a type is not caught',
      {
        given: { document: spec({}, []), runtime: [{ ...STATUS_ERROR, kind: 'type' }] },
        want: { has: ["import { createTClient } from '@s/t';"], lacks: ['try {'] },
      },
    ],
  ])('%s', (_, { given, want }) => {
    expectReadme(readmeOf(given.document, given.runtime ?? []), want);
  });
});

describe('the Types section', () => {
  const body = (schema: JsonObject): JsonObject => bodySpec({ schema });
  const provider = { type: 'string', enum: ['byom', 'openai'] };
  const conditional = {
    if: { required: ['provider'], properties: { provider: { const: 'byom' } } },
    then: { required: ['webhook'] },
  };

  it.each<[string, { given: JsonObject; want: { has: string[]; lacks?: string[] } }]>([
    [
      'a plain body: what the types promise, no enum, no conditional',
      {
        given: body({ type: 'object', properties: { name: { type: 'string' } } }),
        want: {
          has: [
            'A response field is typed as present only where the spec lists it as `required`.',
            'The spec has no enum of its own beside its named schemas.',
            'The spec states no conditional requirement (`if`/`then`).',
          ],
        },
      },
    ],
    [
      'an enum by name, and a conditional the types express',
      {
        given: body({
          type: 'object',
          properties: { provider, webhook: { type: 'string' } },
          ...conditional,
        }),
        want: {
          has: [
            '- `TUpdateAProvider`: `updateA` request body: `provider`',
            'Conditional requirements the types express (a request that breaks one does not compile):\n\n' +
              '- `updateA` request body: `webhook` is required when `provider` is `byom`.',
          ],
          lacks: ['do not express'],
        },
      },
    ],
    [
      'a conditional the types do not express, named by where it is',
      {
        given: body({
          type: 'object',
          properties: { provider: { type: 'string' }, webhook: { type: 'string' } },
          ...conditional,
        }),
        want: {
          has: [
            '- `updateA` request body: the `if` at `#/paths/~1a~1{id}/patch/requestBody/content/application~1json/schema`',
          ],
          lacks: ['the types express (a request'],
        },
      },
    ],
  ])('%s', (_, { given, want }) => {
    expectReadme(readmeOf(given, []), want);
  });
});

describe("the usage example's credentials", () => {
  /** Operations `GET /<id>`, each with its security (undefined: the document's), over keys A, B and C. */
  const document = (
    operations: [string, JsonObject[] | undefined][],
    security?: JsonObject[],
  ): JsonObject => ({
    openapi: '3.1.0',
    info: { title: 'T', version: '1.0.0' },
    servers: [{ url: 'https://t.test' }],
    ...(security === undefined ? {} : { security }),
    components: {
      securitySchemes: Object.fromEntries(
        ['A', 'B', 'C'].map((name) => [
          name,
          { type: 'apiKey', in: 'header', name: `x-${name.toLowerCase()}` },
        ]),
      ),
    },
    paths: Object.fromEntries(
      operations.map(([id, operationSecurity]) => [
        `/${id}`,
        {
          get: {
            operationId: id,
            ...(operationSecurity === undefined ? {} : { security: operationSecurity }),
            responses: { '200': { description: 'ok' } },
          },
        },
      ]),
    ),
  });
  const factory = (...keys: string[]): string =>
    `const client = createTClient(${keys.length === 0 ? '{}' : `{\n${keys.map((key) => `  ${key}: process.env.T_${key.toUpperCase()}!,\n`).join('')}}`});\n`;

  // The example calls the first operation: it passes what that one needs (its first alternative),
  // the required credentials, and, when the example's operation needs none, what one that needs
  // some takes, so that the factory, which refuses a client that can call none of them, makes it.
  it.each<[string, { given: JsonObject; want: string }]>([
    [
      "only the example operation's credential, not another operation's",
      {
        given: document([
          ['getA', [{ A: [] }]],
          ['getB', [{ B: [] }]],
        ]),
        want: factory('a'),
      },
    ],
    [
      "the example operation's first alternative",
      {
        given: document([
          ['getA', [{ B: [], C: [] }, { A: [] }]],
          ['getB', [{ A: [] }]],
        ]),
        want: factory('b', 'c'),
      },
    ],
    [
      'a credential every operation needs, and the rest of the example operation’s alternative',
      {
        given: document([
          ['getA', [{ A: [], B: [] }]],
          ['getB', [{ A: [] }]],
        ]),
        want: factory('a', 'b'),
      },
    ],
    [
      'an example operation without security, beside one that needs a credential',
      {
        given: document(
          [
            ['getA', []],
            ['getB', [{ C: [] }]],
          ],
          [{ B: [] }],
        ),
        want: factory('c'),
      },
    ],
    [
      'an example operation that may go without, as every other may',
      {
        given: document([
          ['getA', [{}, { A: [] }]],
          ['getB', []],
        ]),
        want: factory(),
      },
    ],
  ])('%s', (_, { given, want }) => {
    expectReadme(readmeOf(given, []), { has: [want] });
  });
});
