import { describe, expect, it } from 'vitest';
import { describeApi } from '../../../src/model/index.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { GLOBAL_TYPE_NAMES, planNamedExports } from '../../../src/pipeline/postprocess/named-exports.js';
import { postprocessTypes } from '../../../src/pipeline/postprocess/index.js';
import { printWithFreeFormObjects } from '../../../src/pipeline/postprocess/free-form-objects.js';
import { generateTypeNodes } from '../../../src/pipeline/types/index.js';
import { enumUse } from '../../../src/model/enums.js';
import { oneOperationSpec } from '../../support/spec-builder.js';

const locate = (pointer: string) => ({ file: pointer });

function api(schemas: JsonObject, operation: JsonObject = {}): JsonObject {
  return oneOperationSpec({
    method: 'put',
    path: '/things/{id}',
    pathItem: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] },
    operation: {
      operationId: 'putThing',
      summary: 'Put a thing',
      responses: { '200': { description: 'The thing.', content: { 'application/json': { schema: {} } } } },
      ...operation,
    },
    document: { components: { schemas } },
  });
}

/** `Name = type` per alias, the form the tables below compare. */
function aliases(document: JsonObject, taken: string[] = []): string[] {
  return planNamedExports(describeApi('t', document, locate), taken).aliases.map(
    (alias) => `${alias.name} = ${String(alias.type)}`,
  );
}

describe('planNamedExports', () => {
  it.each<[string, { given: { document: JsonObject; taken?: string[] }; want: string[] }]>([
    [
      'schemas, path parameters and the success response',
      {
        given: { document: api({ VadConfig: { type: 'object' } }) },
        want: [
          'VadConfig = components["schemas"]["VadConfig"]',
          'PutThingPathParams = operations["putThing"]["parameters"]["path"]',
          'PutThingResponse = operations["putThing"]["responses"][200]["content"]["application/json"]',
        ],
      },
    ],
    [
      // Box's `put_files_id#add_shared_link`: openapi-typescript keys `operations` with each '#' a '/'.
      "an operationId with a '#', as openapi-typescript keys it",
      {
        given: { document: api({}, { operationId: 'put_things_id#share' }) },
        want: [
          'PutThingsIdSharePathParams = operations["put_things_id/share"]["parameters"]["path"]',
          'PutThingsIdShareResponse = operations["put_things_id/share"]["responses"][200]["content"]["application/json"]',
        ],
      },
    ],
    [
      'query and header parameters, body, and error responses with and without a body',
      {
        given: {
          document: api(
            {},
            {
              parameters: [
                { name: 'q', in: 'query', schema: { type: 'string' } },
                { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
              ],
              requestBody: { content: { 'application/json': { schema: {} } } },
              responses: {
                '204': { description: 'Done.' },
                '404': { description: 'No.', content: { 'application/problem+json': { schema: {} } } },
                '409': { description: 'Conflict.' },
              },
            },
          ),
        },
        want: [
          'PutThingPathParams = operations["putThing"]["parameters"]["path"]',
          'PutThingQueryParams = NonNullable<operations["putThing"]["parameters"]["query"]>',
          'PutThingHeaderParams = NonNullable<operations["putThing"]["parameters"]["header"]>',
          'PutThingBody = NonNullable<operations["putThing"]["requestBody"]>["content"]["application/json"]',
          'PutThingResponse = void',
          'PutThingError404 = operations["putThing"]["responses"][404]["content"]["application/problem+json"]',
          'PutThingError409 = unknown',
        ],
      },
    ],
    [
      'non-identifier schema names become PascalCase; an exact name keeps it, the derived one gets a suffix',
      {
        given: { document: api({ 'simple-user': {}, Simple_User: {}, SimpleUser: {}, '--': {} }) },
        want: [
          'SimpleUser2 = components["schemas"]["simple-user"]',
          'SimpleUser3 = components["schemas"]["Simple_User"]',
          'SimpleUser = components["schemas"]["SimpleUser"]',
          'Schema = components["schemas"]["--"]',
          'PutThingPathParams = operations["putThing"]["parameters"]["path"]',
          'PutThingResponse = operations["putThing"]["responses"][200]["content"]["application/json"]',
        ],
      },
    ],
    [
      'a PascalCase name already taken competes with the derived names in spec order',
      {
        given: { document: api({ record: {}, Record: {} }), taken: [...GLOBAL_TYPE_NAMES] },
        want: [
          'Record2 = components["schemas"]["record"]',
          'Record3 = components["schemas"]["Record"]',
          'PutThingPathParams = operations["putThing"]["parameters"]["path"]',
          'PutThingResponse = operations["putThing"]["responses"][200]["content"]["application/json"]',
        ],
      },
    ],
    [
      'a path and a query parameter of one name are two parameters',
      {
        given: {
          document: api({}, { parameters: [{ name: 'id', in: 'query', schema: { type: 'string' } }] }),
        },
        want: [
          'PutThingPathParams = operations["putThing"]["parameters"]["path"]',
          'PutThingQueryParams = NonNullable<operations["putThing"]["parameters"]["query"]>',
          'PutThingResponse = operations["putThing"]["responses"][200]["content"]["application/json"]',
        ],
      },
    ],
    [
      'names taken by globals, the file and the runtime get the next free suffix',
      {
        given: {
          document: api({ Record: {}, paths: {}, ClientOptions: {}, PutThingResponse: {} }),
          taken: [...GLOBAL_TYPE_NAMES, 'paths', 'ClientOptions'],
        },
        want: [
          'Record2 = components["schemas"]["Record"]',
          'Paths = components["schemas"]["paths"]',
          'ClientOptions2 = components["schemas"]["ClientOptions"]',
          'PutThingResponse = components["schemas"]["PutThingResponse"]',
          'PutThingPathParams = operations["putThing"]["parameters"]["path"]',
          'PutThingResponse2 = operations["putThing"]["responses"][200]["content"]["application/json"]',
        ],
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(aliases(given.document, given.taken)).toEqual(want);
  });

  it('documents each alias with the spec text', () => {
    const plan = planNamedExports(
      describeApi(
        't',
        api(
          { Thing: { title: 'A thing', description: 'Made */ of parts.', deprecated: true } },
          { requestBody: { description: 'The new thing.', content: { 'application/json': { schema: {} } } } },
        ),
        locate,
      ),
      [],
    );
    expect(Object.fromEntries(plan.aliases.map((alias) => [alias.name, alias.docs]))).toEqual({
      Thing: ['A thing\n\nMade *\\/ of parts.\n\n@deprecated'],
      PutThingPathParams: ['Path parameters of `putThing` (`PUT /things/{id}`): Put a thing.'],
      PutThingBody: [
        'The new thing.\n\nRequest body (application/json) of `putThing` (`PUT /things/{id}`): Put a thing.',
      ],
      PutThingResponse: ['The 200 response of `putThing` (`PUT /things/{id}`): Put a thing.\n\nThe thing.'],
    });
  });
});

describe('the doc comment of a response', () => {
  it.each<[string, { given: JsonObject; want: string }]>([
    [
      'a summary without a full stop gets one',
      {
        given: { summary: 'Put a thing' },
        want: 'The 200 response of `putThing` (`PUT /things/{id}`): Put a thing.\n\nThe thing.',
      },
    ],
    [
      'a summary that ends a sentence keeps its own ending',
      {
        given: { summary: 'Put a thing!' },
        want: 'The 200 response of `putThing` (`PUT /things/{id}`): Put a thing!\n\nThe thing.',
      },
    ],
    [
      'a success without a body says so',
      {
        given: { responses: { '204': { description: 'Done.' } } },
        want: 'The 204 response of `putThing` (`PUT /things/{id}`): Put a thing. The spec documents no body for it.\n\nDone.',
      },
    ],
    [
      'no 2xx documented says so',
      {
        given: { responses: { '404': { description: 'No.' } } },
        want: 'The response of `putThing` (`PUT /things/{id}`): Put a thing. The spec documents no 2xx response for it.',
      },
    ],
  ])('%s', (_, { given, want }) => {
    const plan = planNamedExports(describeApi('t', api({}, given), locate), []);
    expect(plan.aliases.find((alias) => alias.name === 'PutThingResponse')?.docs).toEqual([want]);
  });
});

describe('postprocessTypes', () => {
  it('prints banner, widened types and aliases once, in that order', async () => {
    const document = api({ Config: { type: 'object' } });
    const model = describeApi('t', document, locate);
    const types = await generateTypeNodes(document, locate, 't');
    const { text, names } = postprocessTypes({ types, model, reserved: [], banner: '/** banner */\n' });
    // The types as the free-form-objects step prints them (its own tests), between banner and aliases.
    expect(text).toContain('        Config: { [key: string]: unknown };\n');
    expect(text).toBe(
      [
        `/** banner */\n${printWithFreeFormObjects(types)}`,
        'export type Config = components["schemas"]["Config"];',
        '/** Path parameters of `putThing` (`PUT /things/{id}`): Put a thing. */',
        'export type PutThingPathParams = operations["putThing"]["parameters"]["path"];',
        '/**',
        ' * The 200 response of `putThing` (`PUT /things/{id}`): Put a thing.',
        ' *',
        ' * The thing.',
        ' */',
        'export type PutThingResponse = operations["putThing"]["responses"][200]["content"]["application/json"];',
        '',
      ].join('\n'),
    );
    expect(names.operations.get('putThing')).toEqual({
      pathParams: 'PutThingPathParams',
      response: 'PutThingResponse',
      errors: new Map(),
    });
  });
});

describe('planNamedExports: enums', () => {
  const language = { type: 'string', enum: ['es', 'en'] };
  const agent = (properties: JsonObject) => ({ Agent: { type: 'object', properties } });
  const body = (schema: JsonObject) => ({
    requestBody: { content: { 'application/json': { schema } } },
    responses: {
      '200': {
        description: 'The agent.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Agent' } } },
      },
    },
  });
  /** `Name = values: uses` per enum export. */
  const enumAliases = (document: JsonObject, taken: string[] = []) => {
    const plan = planNamedExports(describeApi('t', document, locate), taken);
    return plan.enums.map(({ name, uses }) => {
      const alias = plan.aliases.find((candidate) => candidate.name === name)!;
      return `${name} = ${String(alias.type)}: ${uses.map(enumUse).join('; ')}`;
    });
  };

  it.each<[string, { given: JsonObject; taken?: string[]; want: string[] }]>([
    [
      'a field of a schema and of a body with the same values: one export, read from the schema',
      {
        given: api(
          agent({ language }),
          body({
            type: 'object',
            properties: { language: { ...language, type: ['string', 'null'], enum: ['es', 'en', null] } },
          }),
        ),
        want: ['TLanguage = "es" | "en": `Agent`: `language`; `putThing` request body: `language`'],
      },
    ],
    [
      'a vague field is named after what holds it: the body of an operation returning Agent',
      {
        given: api(
          agent({}),
          body({ type: 'object', properties: { type: { type: 'string', enum: ['voice', 'chat'] } } }),
        ),
        want: ['TAgentType = "voice" | "chat": `putThing` request body: `type`'],
      },
    ],
    [
      'the same field with other values elsewhere is named after its owner',
      {
        given: api({
          ...agent({ language }),
          Voice: { type: 'object', properties: { language: { type: 'string', enum: ['fr'] } } },
        }),
        want: ['TLanguage = "es" | "en": `Agent`: `language`', 'TVoiceLanguage = "fr": `Voice`: `language`'],
      },
    ],
    [
      "array items, a nested object's field, and a query parameter",
      {
        given: api(
          {
            Agent: {
              type: 'object',
              properties: {
                tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
                settings: {
                  type: 'object',
                  properties: { mode: { type: 'string', enum: ['free', 'path'] } },
                },
              },
            },
          },
          { parameters: [{ name: 'sort', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'] } }] },
        ),
        want: [
          'TTags = "a" | "b": `Agent`: `tags[]`',
          'TSettingsMode = "free" | "path": `Agent`: `settings.mode`',
          'TPutThingSort = "asc" | "desc": `putThing` query parameters: `sort`',
        ],
      },
    ],
    [
      "a field beside a composition is not reached: openapi-typescript's type may not have it",
      {
        given: api({
          Setup: {
            type: 'object',
            properties: { state: { type: 'string', enum: ['on', 'off'] } },
            anyOf: [{ required: ['state'] }],
          },
        }),
        want: [],
      },
    ],
    [
      'a schema that is an enum already has its name; an enum never takes a name from another export',
      {
        given: api({ Language: language, TLanguage: { type: 'object' }, ...agent({ language }) }),
        want: ['TLanguage2 = "es" | "en": `Agent`: `language`'],
      },
    ],
  ])('%s', (_name, { given, taken, want }) => {
    expect(enumAliases(given, taken)).toEqual(want);
  });
});
