import { describe, expect, test } from 'vitest';
import { classifyChanges, SpecShapeError, type ClassifyOptions } from '../../src/changes/index.js';
import {
  documentWith,
  OP,
  operation,
  requestSchema,
  responseSchema,
  summarize,
  type Doc,
  type Expected,
  type Mutator,
} from './helpers.js';

const REQUEST = `${OP} request`;
const RESPONSE = `${OP} response 200`;

/**
 * Each row changes the base document (`after`, and sometimes `before`) and lists every change
 * expected; `options` are the classifier's, when the row needs them.
 */
const cases: Array<
  [string, { given: { before?: Mutator; after: Mutator; options?: ClassifyOptions }; want: Expected[] }]
> = [
  // --- nothing ---
  ['identical documents', { given: { after: () => {} }, want: [] }],
  [
    'info.version is not a change of its own beside real changes',
    {
      given: {
        after: (doc) => {
          doc.info.version = '9.9.9';
          doc.info.description = 'Now described.';
        },
      },
      want: [['docs', 'info', '`description` added']],
    },
  ],
  [
    'key order and info.version alone change no contract, but the package: documentation, a patch',
    {
      given: {
        after: (doc) => {
          doc.info = { version: '9.9.9', title: 'Test API' };
          requestSchema(doc).properties = Object.fromEntries(
            Object.entries(requestSchema(doc).properties).reverse(),
          );
        },
      },
      want: [
        [
          'docs',
          'info',
          '`version` changed from `1.0.0` to `9.9.9`, and nothing else a consumer can tell apart',
        ],
        [
          'docs',
          'paths',
          'other changes to the spec, none to the contract (such as the order of keys or of list items)',
        ],
      ],
    },
  ],
  [
    'only the order of required fields changed: documentation, a patch',
    {
      given: {
        before: (doc) => (responseSchema(doc).required = ['name', 'id']),
        after: () => {},
      },
      want: [['docs', 'paths', 'other changes to the spec, none to the contract']],
    },
  ],

  // --- documentation ---
  [
    'request field description changed',
    {
      given: { after: (doc) => (requestSchema(doc).properties.name.description = 'The name people see.') },
      want: [['docs', `${REQUEST}.name`, '`description` changed']],
    },
  ],
  [
    'operation summary changed and info title changed',
    {
      given: {
        after: (doc) => {
          operation(doc).summary = 'Update an agent';
          doc.info.title = 'Test API v2';
        },
      },
      want: [
        ['docs', OP, '`summary` changed'],
        ['docs', 'info', '`title` changed'],
      ],
    },
  ],
  [
    'x-doc-discrepancies entry added',
    {
      given: {
        after: (doc) =>
          (operation(doc)['x-doc-discrepancies'] = [
            { field: 'request.name', documented: 'int', decided: 'string', reason: 'example' },
          ]),
      },
      want: [['docs', `${OP} x-doc-discrepancies`, 'entry for `request.name` added']],
    },
  ],
  [
    'request example changed',
    {
      given: {
        after: (doc) => (operation(doc).requestBody.content['application/json'].example = { name: 'Sales' }),
      },
      want: [['docs', REQUEST, '`example` changed']],
    },
  ],
  [
    'component description changed is reported at every use',
    {
      given: { after: (doc) => (doc.components.schemas.Voice.description = 'A TTS voice.') },
      want: [
        ['docs', `${REQUEST}.voice`, '`description` changed'],
        ['docs', `${RESPONSE}.voice`, '`description` changed'],
      ],
    },
  ],
  [
    'unused response component added',
    {
      given: { after: (doc) => (doc.components.responses = { NotFound: { description: 'Not found' } }) },
      want: [['docs', 'components.responses.NotFound', 'added; no operation uses it']],
    },
  ],
  [
    'component schema added is a new exported type',
    {
      given: { after: (doc) => (doc.components.schemas.Unused = { type: 'string' }) },
      want: [['additive', 'components.schemas.Unused', 'named schema added; no operation uses it']],
    },
  ],
  [
    'component schema removed takes its exported type away',
    {
      given: { before: (doc) => (doc.components.schemas.Old = { type: 'string' }), after: () => {} },
      want: [['breaking', 'components.schemas.Old', 'named schema removed']],
    },
  ],

  // --- exported type names ---
  [
    "a new schema takes the name of the operation's response type, which moves to UpdateAgentResponse2",
    {
      given: { after: (doc) => (doc.components.schemas.UpdateAgentResponse = { type: 'object' }) },
      want: [
        [
          'breaking',
          'type UpdateAgentResponse',
          'now names `components.schemas.UpdateAgentResponse`; the 200 response of `updateAgent` is now `UpdateAgentResponse2`',
        ],
        ['additive', 'components.schemas.UpdateAgentResponse', 'named schema added; no operation uses it'],
      ],
    },
  ],
  [
    'a schema removed frees its name for a schema that had a suffix',
    {
      given: {
        before: (doc) => {
          doc.components.schemas.ShopItem = { type: 'string' };
          doc.components.schemas.Shop_Item = { type: 'integer' };
        },
        after: (doc) => (doc.components.schemas.Shop_Item = { type: 'integer' }),
      },
      want: [
        ['breaking', 'components.schemas.ShopItem', 'named schema removed'],
        [
          'breaking',
          'type ShopItem',
          'now names `components.schemas.Shop_Item`; `components.schemas.ShopItem`, which it named, is gone',
        ],
        [
          'breaking',
          'type ShopItem2',
          'no longer exported: `components.schemas.Shop_Item` is now `ShopItem`',
        ],
      ],
    },
  ],
  [
    'names the package reserves (runtime exports) count as taken',
    {
      given: {
        before: (doc) => (doc.components.schemas.ServerError = { type: 'object' }),
        after: (doc) => {
          doc.components.schemas.ServerError = { type: 'object' };
          doc.components.schemas.ServerError2 = { type: 'object' };
        },
        options: { reservedTypeNames: ['ServerError'] },
      },
      want: [
        [
          'breaking',
          'type ServerError2',
          'now names `components.schemas.ServerError2`; `components.schemas.ServerError` is now `ServerError3`',
        ],
        ['additive', 'components.schemas.ServerError2', 'named schema added; no operation uses it'],
      ],
    },
  ],

  [
    'a schema no operation uses changed: its exported type changed',
    {
      given: {
        before: (doc) => (doc.components.schemas.Unused = { type: 'string' }),
        after: (doc) => (doc.components.schemas.Unused = { type: 'integer' }),
      },
      want: [
        [
          'breaking',
          'components.schemas.Unused',
          'changed; no operation uses it (not analysed in detail, counted as breaking)',
        ],
      ],
    },
  ],

  // --- operations ---
  [
    'path renamed is an operation removed plus one added',
    {
      given: {
        after: (doc) => {
          doc.paths['/v2/agents/{agent_id}'] = doc.paths['/v1/agents/{agent_id}'];
          delete doc.paths['/v1/agents/{agent_id}'];
        },
      },
      want: [
        ['breaking', OP, 'operation removed'],
        ['additive', 'PATCH /v2/agents/{agent_id}', 'operation added'],
      ],
    },
  ],
  [
    'operation added',
    {
      given: {
        after: (doc) =>
          (doc.paths['/v1/agents/{agent_id}'].get = {
            operationId: 'getAgent',
            responses: { '200': { description: 'OK' } },
          }),
      },
      want: [['additive', 'GET /v1/agents/{agent_id}', 'operation added']],
    },
  ],
  [
    'operationId changed renames the client function',
    {
      given: { after: (doc) => (operation(doc).operationId = 'patchAgent') },
      want: [['breaking', OP, 'operationId changed from `updateAgent` to `patchAgent`']],
    },
  ],
  [
    'an operationId spelt otherwise that names the same method: documentation',
    {
      given: {
        before: (doc) => (operation(doc).operationId = 'Update_agent'),
        after: (doc) => (operation(doc).operationId = 'update-agent'),
      },
      want: [
        [
          'docs',
          OP,
          'operationId changed from `Update_agent` to `update-agent`; the method stays `updateAgent`',
        ],
      ],
    },
  ],
  [
    'an operationId camelCased into the method it already was: documentation',
    {
      given: { after: (doc) => (operation(doc).operationId = 'update_agent') },
      want: [
        [
          'docs',
          OP,
          'operationId changed from `updateAgent` to `update_agent`; the method stays `updateAgent`',
        ],
      ],
    },
  ],
  [
    "an operation added with the method name another operation had derived: that one's method is renamed",
    {
      given: {
        before: (doc) => (operation(doc).operationId = 'get-agent'),
        after: (doc) => {
          operation(doc).operationId = 'get-agent';
          doc.paths['/v1/agents/{agent_id}'].get = {
            operationId: 'getAgent',
            responses: { '200': { description: 'OK' } },
          };
        },
      },
      want: [
        [
          'breaking',
          OP,
          'method renamed from `getAgent` to `getAgent2`: the names of the other operations moved it',
        ],
        ['additive', 'GET /v1/agents/{agent_id}', 'operation added'],
      ],
    },
  ],

  [
    'callbacks added to an operation are not analysed: breaking',
    {
      given: {
        after: (doc) =>
          (operation(doc).callbacks = {
            onDone: { '{$request.body#/url}': { post: { responses: { '200': { description: 'OK' } } } } },
          }),
      },
      want: [['breaking', OP, '`callbacks` changed (not analysed in detail, counted as breaking)']],
    },
  ],
  [
    'webhooks added to the document are not analysed: breaking',
    {
      given: {
        after: (doc) =>
          (doc.webhooks = { agentUpdated: { post: { responses: { '200': { description: 'OK' } } } } }),
      },
      want: [['breaking', 'webhooks', 'changed (not analysed in detail, counted as breaking)']],
    },
  ],
  [
    'a callback component changed is not analysed, used or not',
    {
      given: {
        before: (doc) => (doc.components.callbacks = { onDone: { '{$url}': { post: { responses: {} } } } }),
        after: (doc) =>
          (doc.components.callbacks = {
            onDone: { '{$url}': { post: { responses: { '200': { description: 'OK' } } } } },
          }),
      },
      want: [
        ['breaking', 'components.callbacks.onDone', 'changed (not analysed in detail, counted as breaking)'],
      ],
    },
  ],

  // --- parameters ---
  [
    'optional query parameter added',
    {
      given: {
        after: (doc) =>
          operation(doc).parameters.push({ name: 'dry_run', in: 'query', schema: { type: 'boolean' } }),
      },
      want: [['additive', `${OP} parameter query.dry_run`, 'optional parameter added']],
    },
  ],
  [
    'required header parameter added',
    {
      given: {
        after: (doc) =>
          operation(doc).parameters.push({
            name: 'X-Trace',
            in: 'header',
            required: true,
            schema: { type: 'string' },
          }),
      },
      want: [['breaking', `${OP} parameter header.X-Trace`, 'required parameter added']],
    },
  ],
  [
    'query parameter removed',
    {
      given: {
        before: (doc) =>
          operation(doc).parameters.push({ name: 'dry_run', in: 'query', schema: { type: 'boolean' } }),
        after: () => {},
      },
      want: [['breaking', `${OP} parameter query.dry_run`, 'parameter removed']],
    },
  ],
  [
    'parameter schema gains a pattern',
    {
      given: { after: (doc) => (operation(doc).parameters[0].schema.pattern = '^[a-f0-9-]+$') },
      want: [['breaking', `${OP} parameter path.agent_id`, 'pattern added: `^[a-f0-9-]+$`']],
    },
  ],

  [
    'optional query parameter becomes required',
    {
      given: {
        before: (doc) =>
          operation(doc).parameters.push({ name: 'dry_run', in: 'query', schema: { type: 'boolean' } }),
        after: (doc) =>
          operation(doc).parameters.push({
            name: 'dry_run',
            in: 'query',
            required: true,
            schema: { type: 'boolean' },
          }),
      },
      want: [['breaking', `${OP} parameter query.dry_run`, 'became required']],
    },
  ],
  [
    'header parameter renamed in letter case only: the same header, but a renamed key in the type',
    {
      given: {
        before: (doc) =>
          operation(doc).parameters.push({ name: 'X-Request-Id', in: 'header', schema: { type: 'string' } }),
        after: (doc) =>
          operation(doc).parameters.push({ name: 'x-request-id', in: 'header', schema: { type: 'string' } }),
      },
      want: [
        [
          'breaking',
          `${OP} parameter header.x-request-id`,
          'header name spelling changed from `X-Request-Id` to `x-request-id`: the same header on the wire, but the key of the generated header parameters type is renamed',
        ],
      ],
    },
  ],

  [
    'required query parameter becomes optional',
    {
      given: {
        before: (doc) =>
          operation(doc).parameters.push({
            name: 'dry_run',
            in: 'query',
            required: true,
            schema: { type: 'boolean' },
          }),
        after: (doc) =>
          operation(doc).parameters.push({ name: 'dry_run', in: 'query', schema: { type: 'boolean' } }),
      },
      want: [['additive', `${OP} parameter query.dry_run`, 'became optional']],
    },
  ],
  [
    'query parameter explode changed: the same array is sent differently',
    {
      given: {
        before: (doc) =>
          operation(doc).parameters.push({
            name: 'ids',
            in: 'query',
            schema: { type: 'array', items: { type: 'string' } },
          }),
        after: (doc) =>
          operation(doc).parameters.push({
            name: 'ids',
            in: 'query',
            explode: false,
            schema: { type: 'array', items: { type: 'string' } },
          }),
      },
      want: [
        ['breaking', `${OP} parameter query.ids`, '`explode` changed, so the same value is sent differently'],
      ],
    },
  ],
  [
    'query parameter renamed in letter case only: another parameter on the wire',
    {
      given: {
        before: (doc) =>
          operation(doc).parameters.push({ name: 'Limit', in: 'query', schema: { type: 'integer' } }),
        after: (doc) =>
          operation(doc).parameters.push({ name: 'limit', in: 'query', schema: { type: 'integer' } }),
      },
      want: [
        ['breaking', `${OP} parameter query.Limit`, 'parameter removed'],
        ['additive', `${OP} parameter query.limit`, 'optional parameter added'],
      ],
    },
  ],
  [
    'a path parameter is required whether or not the spec says so',
    {
      given: {
        before: (doc) => delete operation(doc).parameters[0].required,
        after: () => {},
      },
      want: [['docs', 'paths', 'other changes to the spec, none to the contract']],
    },
  ],
  [
    'a parameter described by content: its schema is compared',
    {
      given: {
        before: (doc) =>
          operation(doc).parameters.push({
            name: 'filter',
            in: 'query',
            content: { 'application/json': { schema: { type: 'object' } } },
          }),
        after: (doc) =>
          operation(doc).parameters.push({
            name: 'filter',
            in: 'query',
            content: { 'application/json': { schema: { type: 'object', maxProperties: 3 } } },
          }),
      },
      want: [['breaking', `${OP} parameter query.filter`, '`maxProperties` added: `3`']],
    },
  ],
  [
    'a parameter declared on the path item removed',
    {
      given: {
        before: (doc) =>
          (doc.paths['/v1/agents/{agent_id}'].parameters = [
            { name: 'X-Org', in: 'header', schema: { type: 'string' } },
          ]),
        after: () => {},
      },
      want: [['breaking', `${OP} parameter header.X-Org`, 'parameter removed']],
    },
  ],

  // --- request body ---
  [
    'request body removed',
    {
      given: { after: (doc) => delete operation(doc).requestBody },
      want: [['breaking', REQUEST, 'request body removed']],
    },
  ],
  [
    'required request body added',
    {
      given: { before: (doc) => delete operation(doc).requestBody, after: () => {} },
      want: [['breaking', REQUEST, 'required request body added']],
    },
  ],
  [
    'optional request body added',
    {
      given: {
        before: (doc) => delete operation(doc).requestBody,
        after: (doc) => (operation(doc).requestBody.required = false),
      },
      want: [['additive', REQUEST, 'optional request body added']],
    },
  ],
  [
    'request body becomes optional',
    {
      given: { after: (doc) => delete operation(doc).requestBody.required },
      want: [['additive', REQUEST, 'request body became optional']],
    },
  ],
  [
    'request body becomes required',
    {
      given: { before: (doc) => (operation(doc).requestBody.required = false), after: () => {} },
      want: [['breaking', REQUEST, 'request body became required']],
    },
  ],
  [
    'media type removed from the request body: callers sending it are rejected',
    {
      given: {
        before: (doc) => (operation(doc).requestBody.content['text/plain'] = { schema: { type: 'string' } }),
        after: () => {},
      },
      want: [['breaking', REQUEST, 'media type `text/plain` removed']],
    },
  ],

  // --- request fields ---
  [
    'request field removed',
    {
      given: { after: (doc) => delete requestSchema(doc).properties.tags },
      want: [['breaking', `${REQUEST}.tags`, 'field removed']],
    },
  ],
  [
    'request field renamed is a removal plus an addition',
    {
      given: {
        after: (doc) => {
          const properties = requestSchema(doc).properties;
          properties.labels = properties.tags;
          delete properties.tags;
        },
      },
      want: [
        ['breaking', `${REQUEST}.tags`, 'field removed'],
        ['additive', `${REQUEST}.labels`, 'optional field added'],
      ],
    },
  ],
  [
    'optional request field added',
    {
      given: {
        after: (doc) =>
          (requestSchema(doc).properties.default_functions = { type: 'array', items: { type: 'string' } }),
      },
      want: [['additive', `${REQUEST}.default_functions`, 'optional field added']],
    },
  ],
  [
    'a field named like an Object.prototype member is an ordinary field',
    {
      given: { after: (doc) => (requestSchema(doc).properties.constructor = { type: 'string' }) },
      want: [['additive', `${REQUEST}.constructor`, 'optional field added']],
    },
  ],
  [
    'required request field added',
    {
      given: {
        after: (doc) => {
          requestSchema(doc).properties.org = { type: 'string' };
          requestSchema(doc).required = ['org'];
        },
      },
      want: [['breaking', `${REQUEST}.org`, 'required field added']],
    },
  ],
  [
    'request field becomes required, another optional',
    {
      given: {
        before: (doc) => (requestSchema(doc).required = ['type']),
        after: (doc) => (requestSchema(doc).required = ['name']),
      },
      want: [
        ['breaking', `${REQUEST}.name`, 'became required'],
        ['additive', `${REQUEST}.type`, 'became optional'],
      ],
    },
  ],
  [
    'request body closed',
    {
      given: { before: (doc) => delete requestSchema(doc).additionalProperties, after: () => {} },
      want: [['breaking', REQUEST, 'object closed']],
    },
  ],
  [
    'unevaluatedProperties: false beside a $ref dropped opens the nested object',
    {
      given: { after: (doc) => delete requestSchema(doc).properties.voice.unevaluatedProperties },
      want: [['additive', `${REQUEST}.voice`, 'object opened']],
    },
  ],

  // --- additionalProperties written or left out: the same validation, not the same type ---
  [
    'additionalProperties: true written on a response object: its type gains an index signature',
    {
      given: { after: (doc) => (responseSchema(doc).additionalProperties = true) },
      want: [['additive', RESPONSE, 'the generated type gains an index signature']],
    },
  ],
  [
    'additionalProperties: true dropped from a response object: reads of extra fields stop compiling',
    {
      given: { before: (doc) => (responseSchema(doc).additionalProperties = true), after: () => {} },
      want: [['breaking', RESPONSE, 'the generated type loses its index signature']],
    },
  ],
  [
    'additionalProperties: true dropped from a request object: writes of extra fields stop compiling',
    {
      given: {
        before: (doc) => (requestSchema(doc).additionalProperties = true),
        after: (doc) => delete requestSchema(doc).additionalProperties,
      },
      want: [['breaking', REQUEST, 'the generated type loses its index signature']],
    },
  ],
  [
    'additionalProperties: true written on a named schema, closed where a request uses it',
    {
      given: { after: (doc) => (doc.components.schemas.Voice.additionalProperties = true) },
      want: [
        ['additive', `${REQUEST}.voice`, 'the generated type gains an index signature'],
        ['additive', `${RESPONSE}.voice`, 'the generated type gains an index signature'],
      ],
    },
  ],
  [
    'a response object closed from additionalProperties: true: a promise, but the index signature goes',
    {
      given: {
        before: (doc) => (responseSchema(doc).additionalProperties = true),
        after: (doc) => (responseSchema(doc).additionalProperties = false),
      },
      want: [
        ['breaking', RESPONSE, 'the generated type loses its index signature'],
        ['additive', RESPONSE, 'object closed'],
      ],
    },
  ],

  // --- enums ---
  [
    'request enum narrowed',
    {
      given: { after: (doc) => (requestSchema(doc).properties.type.enum = ['voice']) },
      want: [['breaking', `${REQUEST}.type`, 'enum values removed: `"chat"`']],
    },
  ],
  [
    'request enum widened',
    {
      given: { after: (doc) => requestSchema(doc).properties.type.enum.push('video') },
      want: [['additive', `${REQUEST}.type`, 'enum values added: `"video"`']],
    },
  ],
  [
    'response enum widened is breaking',
    {
      given: { after: (doc) => responseSchema(doc).properties.type.enum.push('video') },
      want: [['breaking', `${RESPONSE}.type`, 'enum values added: `"video"`']],
    },
  ],
  [
    'response enum narrowed is breaking: comparisons with the removed literal stop compiling',
    {
      given: { after: (doc) => (responseSchema(doc).properties.type.enum = ['voice']) },
      want: [['breaking', `${RESPONSE}.type`, 'enum values removed: `"chat"`']],
    },
  ],
  [
    'enum added on a request field',
    {
      given: { after: (doc) => (requestSchema(doc).properties.name.enum = ['a', 'b']) },
      want: [['breaking', `${REQUEST}.name`, 'restricted to enum `"a"`, `"b"`']],
    },
  ],
  [
    'response field restricted to an enum or a const: comparisons with other values stop compiling',
    {
      given: {
        after: (doc) => {
          responseSchema(doc).properties.name.enum = ['a', 'b'];
          responseSchema(doc).properties.id.const = 'agent';
        },
      },
      want: [
        ['breaking', `${RESPONSE}.id`, 'restricted to enum `"agent"`'],
        ['breaking', `${RESPONSE}.name`, 'restricted to enum `"a"`, `"b"`'],
      ],
    },
  ],
  [
    'enum inside a $ref component changes: additive on input, breaking on output',
    {
      given: { after: (doc) => doc.components.schemas.Voice.properties.provider.enum.push('google') },
      want: [
        ['breaking', `${RESPONSE}.voice.provider`, 'enum values added: `"google"`'],
        ['additive', `${REQUEST}.voice.provider`, 'enum values added: `"google"`'],
      ],
    },
  ],

  [
    'enum restriction removed: additive on input, breaking on output',
    {
      given: {
        after: (doc) => {
          delete requestSchema(doc).properties.type.enum;
          delete responseSchema(doc).properties.type.enum;
        },
      },
      want: [
        ['breaking', `${RESPONSE}.type`, 'enum restriction removed (was `"voice"`, `"chat"`)'],
        ['additive', `${REQUEST}.type`, 'enum restriction removed (was `"voice"`, `"chat"`)'],
      ],
    },
  ],
  [
    'const on a request field is an enum of one value',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.name.const = 'Support'),
        after: (doc) => (requestSchema(doc).properties.name.const = 'Sales'),
      },
      want: [
        ['breaking', `${REQUEST}.name`, 'enum values removed: `"Support"`'],
        ['additive', `${REQUEST}.name`, 'enum values added: `"Sales"`'],
      ],
    },
  ],
  [
    'response enum values removed and added: listed by message at the same place',
    {
      given: { after: (doc) => (responseSchema(doc).properties.type.enum = ['voice', 'video']) },
      want: [
        ['breaking', `${RESPONSE}.type`, 'enum values added: `"video"`'],
        ['breaking', `${RESPONSE}.type`, 'enum values removed: `"chat"`'],
      ],
    },
  ],

  // --- ranges, patterns, formats, defaults ---
  [
    'request maxLength lowered',
    {
      given: { after: (doc) => (requestSchema(doc).properties.name.maxLength = 50) },
      want: [['breaking', `${REQUEST}.name`, '`maxLength` changed from `100` to `50`']],
    },
  ],
  [
    'request maximum raised',
    {
      given: { after: (doc) => (requestSchema(doc).properties.temperature.maximum = 2) },
      want: [['additive', `${REQUEST}.temperature`, 'upper bound relaxed from `<= 1` to `<= 2`']],
    },
  ],
  [
    'minimum replaced by the same exclusiveMinimum',
    {
      given: {
        after: (doc) => {
          delete requestSchema(doc).properties.temperature.minimum;
          requestSchema(doc).properties.temperature.exclusiveMinimum = 0;
        },
      },
      want: [['breaking', `${REQUEST}.temperature`, 'lower bound tightened from `>= 0` to `> 0`']],
    },
  ],
  [
    'minItems added on a request array',
    {
      given: { after: (doc) => (requestSchema(doc).properties.tags.minItems = 1) },
      want: [['breaking', `${REQUEST}.tags`, '`minItems` added: `1`']],
    },
  ],
  [
    'request pattern removed',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.name.pattern = '^[A-Z]'),
        after: () => {},
      },
      want: [['additive', `${REQUEST}.name`, 'pattern removed']],
    },
  ],
  [
    'format added on input, changed on output',
    {
      given: {
        after: (doc) => {
          requestSchema(doc).properties.name.format = 'uri';
          responseSchema(doc).properties.created_at.format = 'date';
        },
      },
      want: [
        ['breaking', `${REQUEST}.name`, 'format added: `uri`'],
        ['breaking', `${RESPONSE}.created_at`, 'format changed from `date-time` to `date`'],
      ],
    },
  ],
  [
    'request default changed',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.temperature.default = 0.5),
        after: (doc) => (requestSchema(doc).properties.temperature.default = 0.7),
      },
      want: [['breaking', `${REQUEST}.temperature`, 'default changed from `0.5` to `0.7`']],
    },
  ],

  [
    'an exclusive bound left as it was is no change',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.temperature.exclusiveMaximum = 1),
        after: (doc) => {
          requestSchema(doc).properties.temperature.exclusiveMaximum = 1;
          requestSchema(doc).properties.temperature.description = 'Sampling temperature.';
        },
      },
      want: [['docs', `${REQUEST}.temperature`, '`description` added']],
    },
  ],
  [
    'request lower bound added',
    {
      given: { before: (doc) => delete requestSchema(doc).properties.temperature.minimum, after: () => {} },
      want: [['breaking', `${REQUEST}.temperature`, 'lower bound added: `>= 0`']],
    },
  ],
  [
    'minLength: 0 added changes nothing: an absent minimum is 0',
    {
      given: { after: (doc) => (requestSchema(doc).properties.name.minLength = 0) },
      want: [['docs', 'paths', 'other changes to the spec, none to the contract']],
    },
  ],
  [
    'request multipleOf from 0.1 to 0.5 accepts fewer values, from 0.5 to 0.25 more',
    {
      given: {
        before: (doc) => {
          requestSchema(doc).properties.temperature.multipleOf = 0.1;
          responseSchema(doc).properties.score = { type: 'number', multipleOf: 0.5 };
        },
        after: (doc) => {
          requestSchema(doc).properties.temperature.multipleOf = 0.5;
          responseSchema(doc).properties.score = { type: 'number', multipleOf: 0.25 };
        },
      },
      want: [
        ['breaking', `${REQUEST}.temperature`, '`multipleOf` changed from `0.1` to `0.5`'],
        ['breaking', `${RESPONSE}.score`, '`multipleOf` changed from `0.5` to `0.25`'],
      ],
    },
  ],
  [
    'uniqueItems added on a request array',
    {
      given: { after: (doc) => (requestSchema(doc).properties.tags.uniqueItems = true) },
      want: [['breaking', `${REQUEST}.tags`, 'items must now be unique']],
    },
  ],
  [
    'response maxLength added is a promise',
    {
      given: { after: (doc) => (responseSchema(doc).properties.name.maxLength = 10) },
      want: [['additive', `${RESPONSE}.name`, '`maxLength` added: `10`']],
    },
  ],
  [
    'request pattern changed: neither accepts all the other does',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.name.pattern = '^[A-Z]'),
        after: (doc) => (requestSchema(doc).properties.name.pattern = '^[a-z]'),
      },
      want: [['breaking', `${REQUEST}.name`, 'pattern changed from `^[A-Z]` to `^[a-z]`']],
    },
  ],
  [
    'response format removed',
    {
      given: { after: (doc) => delete responseSchema(doc).properties.created_at.format },
      want: [['breaking', `${RESPONSE}.created_at`, 'format removed (was `date-time`)']],
    },
  ],
  [
    'response pattern added is a promise, removed or changed breaking',
    {
      given: {
        before: (doc) => {
          responseSchema(doc).properties.id.pattern = '^ag_';
          responseSchema(doc).properties.type.pattern = '^[a-z]+$';
        },
        after: (doc) => {
          responseSchema(doc).properties.name.pattern = '^[A-Z]';
          responseSchema(doc).properties.type.pattern = '^[a-z]*$';
        },
      },
      want: [
        ['breaking', `${RESPONSE}.id`, 'pattern removed (was `^ag_`)'],
        ['breaking', `${RESPONSE}.type`, 'pattern changed from `^[a-z]+$` to `^[a-z]*$`'],
        ['additive', `${RESPONSE}.name`, 'pattern added: `^[A-Z]`'],
      ],
    },
  ],
  [
    'response format added is a promise, request format changed breaking',
    {
      given: {
        after: (doc) => {
          responseSchema(doc).properties.id.format = 'uuid';
          requestSchema(doc).properties.name.format = 'email';
        },
        before: (doc) => (requestSchema(doc).properties.name.format = 'hostname'),
      },
      want: [
        ['breaking', `${REQUEST}.name`, 'format changed from `hostname` to `email`'],
        ['additive', `${RESPONSE}.id`, 'format added: `uuid`'],
      ],
    },
  ],
  [
    'request default removed: a request that omits the field behaves differently',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.temperature.default = 0.5),
        after: () => {},
      },
      want: [['breaking', `${REQUEST}.temperature`, 'default removed (was `0.5`)']],
    },
  ],

  // --- defaults never decide optionality in the generated types (defaultNonNullable is off) ---
  [
    'default added in a named schema: documentation on both sides, the field stays optional',
    {
      given: { after: (doc) => (doc.components.schemas.Voice.properties.speed.default = 1) },
      want: [
        ['docs', `${REQUEST}.voice.speed`, 'default added: `1`'],
        ['docs', `${RESPONSE}.voice.speed`, 'default added: `1`'],
      ],
    },
  ],
  [
    'default removed in a named schema used by a response: documentation, the field was optional already',
    {
      given: {
        before: (doc) => {
          doc.components.schemas.Agent = {
            type: 'object',
            properties: { max_reminder_count: { type: 'integer', default: 3 } },
          };
          operation(doc).responses['200'].content['application/json'].schema = {
            $ref: '#/components/schemas/Agent',
          };
        },
        after: (doc) => {
          doc.components.schemas.Agent = {
            type: 'object',
            properties: { max_reminder_count: { type: 'integer' } },
          };
          operation(doc).responses['200'].content['application/json'].schema = {
            $ref: '#/components/schemas/Agent',
          };
        },
      },
      want: [['docs', `${RESPONSE}.max_reminder_count`, 'default removed (was `3`)']],
    },
  ],
  [
    'default removed in a named schema: a request that omits the field behaves differently',
    {
      given: {
        before: (doc) => (doc.components.schemas.Voice.properties.speed.default = 1),
        after: () => {},
      },
      want: [
        ['breaking', `${REQUEST}.voice.speed`, 'default removed (was `1`)'],
        ['docs', `${RESPONSE}.voice.speed`, 'default removed (was `1`)'],
      ],
    },
  ],
  [
    'default added inline in a request body: the generator ignores it there, documentation only',
    {
      given: { after: (doc) => (requestSchema(doc).properties.temperature.default = 0.5) },
      want: [['docs', `${REQUEST}.temperature`, 'default added: `0.5`']],
    },
  ],
  [
    'default added inline in a response: documentation, the field stays optional',
    {
      given: { after: (doc) => (responseSchema(doc).properties.type.default = 'voice') },
      want: [['docs', `${RESPONSE}.type`, 'default added: `"voice"`']],
    },
  ],
  [
    'default on a required field changes nothing in the type',
    {
      given: { after: (doc) => (responseSchema(doc).properties.name.default = 'Support') },
      want: [['docs', `${RESPONSE}.name`, 'default added: `"Support"`']],
    },
  ],
  [
    'default under a property named parameters: the generator reads its path and ignores it',
    {
      given: {
        before: (doc) =>
          (doc.components.schemas.Voice.properties.parameters = {
            type: 'object',
            properties: { pitch: { type: 'number' } },
          }),
        after: (doc) =>
          (doc.components.schemas.Voice.properties.parameters = {
            type: 'object',
            properties: { pitch: { type: 'number', default: 1 } },
          }),
      },
      want: [
        ['docs', `${REQUEST}.voice.parameters.pitch`, 'default added: `1`'],
        ['docs', `${RESPONSE}.voice.parameters.pitch`, 'default added: `1`'],
      ],
    },
  ],

  [
    'a response field made optional but given a default: optional in the schema, present in the type',
    {
      given: {
        after: (doc) => {
          responseSchema(doc).required = ['id'];
          responseSchema(doc).properties.name.default = 'Support';
        },
      },
      want: [
        ['breaking', `${RESPONSE}.name`, 'became optional'],
        ['docs', `${RESPONSE}.name`, 'default added: `"Support"`'],
      ],
    },
  ],

  // --- types and nullability ---
  [
    'request type changed',
    {
      given: { after: (doc) => (requestSchema(doc).properties.temperature = { type: 'string' }) },
      want: [['breaking', `${REQUEST}.temperature`, 'type changed from `number` to `string`']],
    },
  ],
  [
    'request field made nullable (type array) is additive',
    {
      given: { after: (doc) => (requestSchema(doc).properties.name.type = ['string', 'null']) },
      want: [['additive', `${REQUEST}.name`, 'made nullable']],
    },
  ],
  [
    'response nullable enum: one change, not a separate enum value',
    {
      given: {
        after: (doc) => {
          responseSchema(doc).properties.type.type = ['string', 'null'];
          responseSchema(doc).properties.type.enum.push(null);
        },
      },
      want: [['breaking', `${RESPONSE}.type`, 'made nullable: from `string` to `string | null`']],
    },
  ],
  [
    'null removed from a nullable request enum: null is now rejected',
    {
      given: {
        before: (doc) =>
          (requestSchema(doc).properties.type = { type: ['string', 'null'], enum: ['voice', 'chat', null] }),
        after: (doc) =>
          (requestSchema(doc).properties.type = { type: ['string', 'null'], enum: ['voice', 'chat'] }),
      },
      want: [['breaking', `${REQUEST}.type`, 'no longer nullable: `null` removed from the enum']],
    },
  ],
  [
    'null removed from a nullable response enum: the type keeps null, so a promise only',
    {
      given: {
        before: (doc) =>
          (responseSchema(doc).properties.type = { type: ['string', 'null'], enum: ['voice', 'chat', null] }),
        after: (doc) =>
          (responseSchema(doc).properties.type = { type: ['string', 'null'], enum: ['voice', 'chat'] }),
      },
      want: [['additive', `${RESPONSE}.type`, 'no longer nullable: `null` removed from the enum']],
    },
  ],
  [
    'null added to a nullable response enum: readers may now meet null',
    {
      given: {
        before: (doc) =>
          (responseSchema(doc).properties.type = { type: ['string', 'null'], enum: ['voice', 'chat'] }),
        after: (doc) =>
          (responseSchema(doc).properties.type = { type: ['string', 'null'], enum: ['voice', 'chat', null] }),
      },
      want: [['breaking', `${RESPONSE}.type`, 'made nullable: `null` added to the enum']],
    },
  ],
  [
    'response field no longer nullable is additive',
    {
      given: {
        before: (doc) => (responseSchema(doc).properties.name.type = ['string', 'null']),
        after: () => {},
      },
      want: [['additive', `${RESPONSE}.name`, 'no longer nullable']],
    },
  ],
  [
    'request integer widened to number',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.temperature.type = 'integer'),
        after: () => {},
      },
      want: [['additive', `${REQUEST}.temperature`, 'type widened: from `integer` to `number`']],
    },
  ],

  [
    'response number narrowed to integer: the same generated type, a promise',
    {
      given: {
        after: (doc) => (responseSchema(doc).properties.score = { type: 'integer' }),
        before: (doc) => (responseSchema(doc).properties.score = { type: 'number' }),
      },
      want: [['additive', `${RESPONSE}.score`, 'type narrowed: from `number` to `integer`']],
    },
  ],
  [
    'response type narrowed out of a union: comparisons with the dropped type stop compiling',
    {
      given: {
        before: (doc) => (responseSchema(doc).properties.id.type = ['string', 'integer']),
        after: () => {},
      },
      want: [['breaking', `${RESPONSE}.id`, 'type narrowed: from `string | integer` to `string`']],
    },
  ],
  [
    'response type narrowed from any: comparisons with other types stop compiling',
    {
      given: {
        before: (doc) => (responseSchema(doc).properties.meta = {}),
        after: (doc) => (responseSchema(doc).properties.meta = { type: 'object' }),
      },
      want: [['breaking', `${RESPONSE}.meta`, 'type narrowed: from `any` to `object`']],
    },
  ],
  [
    'response type changed',
    {
      given: { after: (doc) => (responseSchema(doc).properties.id.type = 'integer') },
      want: [['breaking', `${RESPONSE}.id`, 'type changed from `string` to `integer`']],
    },
  ],
  [
    'response constraint relaxed is breaking, by variance',
    {
      given: {
        before: (doc) => (responseSchema(doc).properties.name.maxLength = 100),
        after: () => {},
      },
      want: [['breaking', `${RESPONSE}.name`, '`maxLength` removed (was `100`)']],
    },
  ],
  [
    'request oneOf gains a variant',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.name = { oneOf: [{ type: 'string' }] }),
        after: (doc) =>
          (requestSchema(doc).properties.name = { oneOf: [{ type: 'string' }, { type: 'integer' }] }),
      },
      want: [['additive', `${REQUEST}.name.oneOf[1]`, 'oneOf variant added']],
    },
  ],
  [
    'response oneOf gains a variant',
    {
      given: {
        before: (doc) => (responseSchema(doc).properties.id = { oneOf: [{ type: 'string' }] }),
        after: (doc) =>
          (responseSchema(doc).properties.id = { oneOf: [{ type: 'string' }, { type: 'integer' }] }),
      },
      want: [['breaking', `${RESPONSE}.id.oneOf[1]`, 'oneOf variant added']],
    },
  ],
  [
    'response oneOf loses a variant: code handling it stops compiling',
    {
      given: {
        before: (doc) =>
          (responseSchema(doc).properties.id = { oneOf: [{ type: 'string' }, { type: 'integer' }] }),
        after: (doc) => (responseSchema(doc).properties.id = { oneOf: [{ type: 'string' }] }),
      },
      want: [['breaking', `${RESPONSE}.id.oneOf[1]`, 'oneOf variant removed']],
    },
  ],
  [
    'a keyword the classifier does not analyse counts as breaking',
    {
      given: { after: (doc) => (requestSchema(doc).properties.name.not = { const: '' }) },
      want: [['breaking', `${REQUEST}.name`, '`not` changed (not analysed in detail, counted as breaking)']],
    },
  ],
  [
    'field deprecated is documentation',
    {
      given: { after: (doc) => (requestSchema(doc).properties.tags.deprecated = true) },
      want: [['docs', `${REQUEST}.tags`, '`deprecated` added']],
    },
  ],

  [
    'request number narrowed to integer',
    {
      given: { after: (doc) => (requestSchema(doc).properties.temperature.type = 'integer') },
      want: [['breaking', `${REQUEST}.temperature`, 'type narrowed: from `number` to `integer`']],
    },
  ],
  [
    'map values (additionalProperties schema) change type',
    {
      given: {
        before: (doc) =>
          (requestSchema(doc).properties.metadata = {
            type: 'object',
            additionalProperties: { type: 'string' },
          }),
        after: (doc) =>
          (requestSchema(doc).properties.metadata = {
            type: 'object',
            additionalProperties: { type: 'boolean' },
          }),
      },
      want: [['breaking', `${REQUEST}.metadata.*`, 'type changed from `string` to `boolean`']],
    },
  ],
  [
    'array items gain a type where there was none',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.tags = { type: 'array' }),
        after: () => {},
      },
      want: [['breaking', `${REQUEST}.tags[]`, 'type narrowed: from `any` to `string`']],
    },
  ],
  [
    'oneOf of references reordered: the same variants',
    {
      given: {
        before: (doc) => {
          doc.components.schemas.Phone = { type: 'object', properties: { number: { type: 'string' } } };
          responseSchema(doc).properties.channel = {
            oneOf: [{ $ref: '#/components/schemas/Voice' }, { $ref: '#/components/schemas/Phone' }],
          };
        },
        after: (doc) => {
          doc.components.schemas.Phone = { type: 'object', properties: { number: { type: 'string' } } };
          responseSchema(doc).properties.channel = {
            oneOf: [{ $ref: '#/components/schemas/Phone' }, { $ref: '#/components/schemas/Voice' }],
          };
        },
      },
      want: [['docs', 'paths', 'other changes to the spec, none to the contract']],
    },
  ],
  [
    'request oneOf loses a variant',
    {
      given: {
        before: (doc) =>
          (requestSchema(doc).properties.name = { oneOf: [{ type: 'string' }, { type: 'integer' }] }),
        after: (doc) => (requestSchema(doc).properties.name = { oneOf: [{ type: 'string' }] }),
      },
      want: [['breaking', `${REQUEST}.name.oneOf[1]`, 'oneOf variant removed']],
    },
  ],
  [
    'response anyOf gains a variant',
    {
      given: {
        before: (doc) => (responseSchema(doc).properties.id = { anyOf: [{ type: 'string' }] }),
        after: (doc) =>
          (responseSchema(doc).properties.id = { anyOf: [{ type: 'string' }, { type: 'integer' }] }),
      },
      want: [['breaking', `${RESPONSE}.id.anyOf[1]`, 'anyOf variant added']],
    },
  ],
  [
    'a schema-valued unevaluatedProperties is not analysed',
    {
      given: {
        before: (doc) => delete requestSchema(doc).additionalProperties,
        after: (doc) => {
          delete requestSchema(doc).additionalProperties;
          requestSchema(doc).unevaluatedProperties = { type: 'string' };
        },
      },
      want: [
        [
          'breaking',
          REQUEST,
          '`unevaluatedProperties` changed (not analysed in detail, counted as breaking)',
        ],
      ],
    },
  ],

  // --- response fields ---
  [
    'response field removed',
    {
      given: { after: (doc) => delete responseSchema(doc).properties.created_at },
      want: [['breaking', `${RESPONSE}.created_at`, 'field removed']],
    },
  ],
  [
    'response field made required is a promise',
    {
      given: { after: (doc) => responseSchema(doc).required.push('type') },
      want: [['additive', `${RESPONSE}.type`, 'became required']],
    },
  ],
  [
    'response integer widened to number: readers get fractions',
    {
      given: {
        before: (doc) => (responseSchema(doc).properties.score = { type: 'integer' }),
        after: (doc) => (responseSchema(doc).properties.score = { type: 'number' }),
      },
      want: [['breaking', `${RESPONSE}.score`, 'type widened: from `integer` to `number`']],
    },
  ],
  [
    'response object opened: extra fields cannot break code reading the known ones',
    {
      given: { before: (doc) => (responseSchema(doc).additionalProperties = false), after: () => {} },
      want: [['additive', RESPONSE, 'object opened']],
    },
  ],
  [
    'response media type removed: consumers decoding it receive something else',
    {
      given: {
        before: (doc) =>
          (operation(doc).responses['200'].content['text/plain'] = { schema: { type: 'string' } }),
        after: () => {},
      },
      want: [['breaking', RESPONSE, 'media type `text/plain` removed']],
    },
  ],
  [
    'response keyword not analysed counts as breaking',
    {
      given: { after: (doc) => (responseSchema(doc).properties.name.not = { const: '' }) },
      want: [['breaking', `${RESPONSE}.name`, '`not` changed (not analysed in detail, counted as breaking)']],
    },
  ],
  [
    'response field made optional',
    {
      given: { after: (doc) => (responseSchema(doc).required = ['id']) },
      want: [['breaking', `${RESPONSE}.name`, 'became optional']],
    },
  ],
  [
    'response field added, in the response and the shared component',
    {
      given: {
        after: (doc) => {
          responseSchema(doc).properties.default_functions = { type: 'array', items: { type: 'string' } };
          doc.components.schemas.Voice.properties.language = { type: 'string' };
        },
      },
      want: [
        ['additive', `${REQUEST}.voice.language`, 'optional field added'],
        ['additive', `${RESPONSE}.default_functions`, 'field added'],
        ['additive', `${RESPONSE}.voice.language`, 'field added'],
      ],
    },
  ],

  [
    'required response field added is a promise',
    {
      given: {
        after: (doc) => {
          responseSchema(doc).properties.org = { type: 'string' };
          responseSchema(doc).required.push('org');
        },
      },
      want: [['additive', `${RESPONSE}.org`, 'required field added']],
    },
  ],

  // --- responses ---
  [
    'success status changed',
    {
      given: {
        after: (doc) => {
          const responses = operation(doc).responses;
          responses['201'] = responses['200'];
          delete responses['200'];
        },
      },
      want: [['breaking', `${OP} responses`, 'success status changed from `200` to `201`']],
    },
  ],
  [
    "media type added to the success response widens openapi-fetch's data: breaking",
    {
      given: {
        after: (doc) =>
          (operation(doc).responses['200'].content['text/plain'] = { schema: { type: 'string' } }),
      },
      want: [['breaking', RESPONSE, 'media type `text/plain` added']],
    },
  ],
  [
    "media type added to an error response widens openapi-fetch's error: breaking",
    {
      given: {
        before: (doc) =>
          (operation(doc).responses['404'] = {
            description: 'Not found',
            content: { 'application/json': { schema: { type: 'object' } } },
          }),
        after: (doc) =>
          (operation(doc).responses['404'] = {
            description: 'Not found',
            content: {
              'application/json': { schema: { type: 'object' } },
              'text/plain': { schema: { type: 'string' } },
            },
          }),
      },
      want: [['breaking', `${OP} response 404`, 'media type `text/plain` added']],
    },
  ],
  [
    'media type added to the request body: callers may send it, nothing else changes',
    {
      given: {
        after: (doc) =>
          (operation(doc).requestBody.content['application/x-www-form-urlencoded'] = {
            schema: { type: 'object' },
          }),
      },
      want: [['additive', REQUEST, 'media type `application/x-www-form-urlencoded` added']],
    },
  ],
  [
    'documented error response removed',
    {
      given: {
        before: (doc) => (operation(doc).responses['404'] = { description: 'Not found' }),
        after: () => {},
      },
      want: [['breaking', `${OP} responses`, 'documented `404` response removed']],
    },
  ],
  [
    'documented error response added',
    {
      given: { after: (doc) => (operation(doc).responses['404'] = { description: 'Not found' }) },
      want: [['additive', `${OP} responses`, 'documented `404` response added']],
    },
  ],

  [
    'success status 200 replaced by the 2XX range',
    {
      given: {
        after: (doc) => {
          const responses = operation(doc).responses;
          responses['2XX'] = responses['200'];
          delete responses['200'];
        },
      },
      want: [['breaking', `${OP} responses`, 'success status changed from `200` to `2XX`']],
    },
  ],
  [
    'response header renamed in letter case only: the same header',
    {
      given: {
        before: (doc) =>
          (operation(doc).responses['200'].headers = { 'X-Request-Id': { schema: { type: 'string' } } }),
        after: (doc) =>
          (operation(doc).responses['200'].headers = { 'x-request-id': { schema: { type: 'string' } } }),
      },
      want: [['docs', 'paths', 'other changes to the spec, none to the contract']],
    },
  ],
  [
    'response header no longer required, and its values gain an enum value',
    {
      given: {
        before: (doc) =>
          (operation(doc).responses['200'].headers = {
            'X-Region': { required: true, schema: { type: 'string', enum: ['eu'] } },
          }),
        after: (doc) =>
          (operation(doc).responses['200'].headers = {
            'X-Region': { schema: { type: 'string', enum: ['eu', 'us'] } },
          }),
      },
      want: [
        ['breaking', `${RESPONSE} header X-Region`, 'became optional'],
        ['breaking', `${RESPONSE} header X-Region`, 'enum values added: `"us"`'],
      ],
    },
  ],
  [
    'request body encoding changed is not analysed',
    {
      given: {
        before: (doc) =>
          (operation(doc).requestBody.content['multipart/form-data'] = {
            schema: { type: 'object', properties: { file: { type: 'string' } } },
          }),
        after: (doc) =>
          (operation(doc).requestBody.content['multipart/form-data'] = {
            schema: { type: 'object', properties: { file: { type: 'string' } } },
            encoding: { file: { contentType: 'image/png' } },
          }),
      },
      want: [
        [
          'breaking',
          `${REQUEST}[multipart/form-data]`,
          '`encoding` changed (not analysed in detail, counted as breaking)',
        ],
      ],
    },
  ],

  // --- $ref handling ---
  [
    'recursive schema: change found once, no endless descent',
    {
      given: {
        before: (doc) => {
          doc.components.schemas.Node = {
            type: 'object',
            properties: {
              label: { type: 'string' },
              children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
            },
          };
          requestSchema(doc).properties.tree = { $ref: '#/components/schemas/Node' };
        },
        after: (doc) => {
          doc.components.schemas.Node = {
            type: 'object',
            properties: {
              label: { type: 'string', maxLength: 10 },
              children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
            },
          };
          requestSchema(doc).properties.tree = { $ref: '#/components/schemas/Node' };
        },
      },
      want: [['breaking', `${REQUEST}.tree.label`, '`maxLength` added: `10`']],
    },
  ],
  [
    'inline schema moved into a component: only the new named type',
    {
      given: {
        after: (doc) => {
          doc.components.schemas.Name = requestSchema(doc).properties.name;
          requestSchema(doc).properties.name = { $ref: '#/components/schemas/Name' };
        },
      },
      want: [['additive', 'components.schemas.Name', 'named schema added']],
    },
  ],

  [
    'a description beside a response $ref overrides the target’s',
    {
      given: {
        before: (doc) => {
          doc.components.responses = { NotFound: { description: 'Not found.' } };
          operation(doc).responses['404'] = {
            $ref: '#/components/responses/NotFound',
            description: 'No agent.',
          };
        },
        after: (doc) => {
          doc.components.responses = { NotFound: { description: 'Not found.' } };
          operation(doc).responses['404'] = {
            $ref: '#/components/responses/NotFound',
            description: 'No such agent.',
          };
        },
      },
      want: [['docs', `${OP} response 404`, '`description` changed']],
    },
  ],
  [
    'a schema reached only through another schema is in use',
    {
      given: {
        before: (doc) => {
          doc.components.schemas.Provider = { type: 'string', enum: ['openai', 'rime'] };
          doc.components.schemas.Voice.properties.provider = { $ref: '#/components/schemas/Provider' };
        },
        after: (doc) => {
          doc.components.schemas.Provider = { type: 'string', enum: ['openai', 'rime', 'google'] };
          doc.components.schemas.Voice.properties.provider = { $ref: '#/components/schemas/Provider' };
        },
      },
      want: [
        ['breaking', `${RESPONSE}.voice.provider`, 'enum values added: `"google"`'],
        ['additive', `${REQUEST}.voice.provider`, 'enum values added: `"google"`'],
      ],
    },
  ],
  [
    'required lists of allOf members add up',
    {
      given: {
        before: (doc) => {
          doc.components.schemas.Voice.required = ['provider'];
          requestSchema(doc).properties.voice = {
            allOf: [{ $ref: '#/components/schemas/Voice' }, { required: ['speed'] }],
          };
        },
        after: (doc) =>
          (requestSchema(doc).properties.voice = {
            allOf: [{ $ref: '#/components/schemas/Voice' }, { required: ['speed'] }],
          }),
      },
      want: [
        ['breaking', `${RESPONSE}.voice.provider`, 'became optional'],
        ['additive', `${REQUEST}.voice.provider`, 'became optional'],
      ],
    },
  ],
  [
    'an allOf member closing the object keeps it closed whatever another allows',
    {
      given: {
        before: (doc) =>
          (operation(doc).requestBody.content['application/json'].schema = {
            allOf: [
              { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } },
              { additionalProperties: true },
            ],
          }),
        after: (doc) =>
          (operation(doc).requestBody.content['application/json'].schema = {
            allOf: [
              { type: 'object', properties: { name: { type: 'string' } } },
              { additionalProperties: true },
            ],
          }),
      },
      want: [['additive', REQUEST, 'object opened']],
    },
  ],
  [
    'a schema becoming recursive: each level compared once per pair of references',
    {
      given: {
        before: (doc) => {
          doc.components.schemas.Tree = {
            type: 'object',
            properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Leaf' } } },
          };
          doc.components.schemas.Leaf = { type: 'object', properties: { label: { type: 'string' } } };
          requestSchema(doc).properties.tree = { $ref: '#/components/schemas/Tree' };
        },
        after: (doc) => {
          doc.components.schemas.Tree = {
            type: 'object',
            properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } },
          };
          requestSchema(doc).properties.tree = { $ref: '#/components/schemas/Tree' };
        },
      },
      want: [
        ['breaking', `${REQUEST}.tree.children[].label`, 'field removed'],
        ['breaking', 'components.schemas.Leaf', 'named schema removed'],
        ['additive', `${REQUEST}.tree.children[].children`, 'optional field added'],
      ],
    },
  ],

  // --- conditional requirements ---
  [
    'if/then requirement added',
    {
      given: {
        after: (doc) => {
          requestSchema(doc).properties.webhook_url = { type: 'string', format: 'uri' };
          Object.assign(requestSchema(doc), {
            if: { properties: { type: { const: 'chat' } }, required: ['type'] },
            then: { required: ['webhook_url'] },
          });
        },
      },
      want: [
        ['breaking', `${REQUEST}.webhook_url`, 'became required when type is "chat"'],
        ['additive', `${REQUEST}.webhook_url`, 'optional field added'],
      ],
    },
  ],

  [
    'a constraint dropped from a then block: the field stays, only the constraint goes',
    {
      given: {
        before: (doc) => {
          requestSchema(doc).properties.webhook_url = { type: 'string' };
          Object.assign(requestSchema(doc), {
            if: { properties: { type: { const: 'chat' } }, required: ['type'] },
            then: { properties: { webhook_url: { format: 'uri' } } },
          });
        },
        after: (doc) => {
          requestSchema(doc).properties.webhook_url = { type: 'string' };
          Object.assign(requestSchema(doc), {
            if: { properties: { type: { const: 'chat' } }, required: ['type'] },
            then: { properties: {} },
          });
        },
      },
      want: [['additive', `${REQUEST}.webhook_url`, 'format removed (was `uri`) when type is "chat"']],
    },
  ],

  // --- security ---
  [
    'bearer replaced by an X-API-Key header',
    {
      given: {
        after: (doc) => {
          doc.components.securitySchemes = {
            ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          };
          doc.security = [{ ApiKeyAuth: [] }];
        },
      },
      want: [
        [
          'breaking',
          `${OP} security`,
          'requirement `BearerAuth` (HTTP bearer) replaced by `ApiKeyAuth` (API key in header X-API-Key)',
        ],
        ['docs', 'components.securitySchemes.ApiKeyAuth', 'added'],
        ['docs', 'components.securitySchemes.BearerAuth', 'removed'],
      ],
    },
  ],
  [
    'scheme type changed under the same name',
    {
      given: {
        after: (doc) =>
          (doc.components.securitySchemes.BearerAuth = {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
          }),
      },
      want: [['breaking', `${OP} security`, 'replaced by `BearerAuth` (API key in header Authorization)']],
    },
  ],
  [
    'API key moved from a header to the query',
    {
      given: {
        before: (doc) =>
          (doc.components.securitySchemes.BearerAuth = { type: 'apiKey', in: 'header', name: 'api_key' }),
        after: (doc) =>
          (doc.components.securitySchemes.BearerAuth = { type: 'apiKey', in: 'query', name: 'api_key' }),
      },
      want: [
        [
          'breaking',
          `${OP} security`,
          '(API key in header api_key) replaced by `BearerAuth` (API key in query api_key)',
        ],
      ],
    },
  ],
  [
    'API key header name case changed: the same header, documentation only',
    {
      given: {
        before: (doc) =>
          (doc.components.securitySchemes.BearerAuth = { type: 'apiKey', in: 'header', name: 'X-API-Key' }),
        after: (doc) =>
          (doc.components.securitySchemes.BearerAuth = { type: 'apiKey', in: 'header', name: 'x-api-key' }),
      },
      want: [
        [
          'docs',
          'components.securitySchemes.BearerAuth',
          'header name spelling changed from `X-API-Key` to `x-api-key`',
        ],
      ],
    },
  ],
  [
    'credential option renamed through x-credential-name',
    {
      given: {
        after: (doc) => (doc.components.securitySchemes.BearerAuth['x-credential-name'] = 'apiToken'),
      },
      want: [
        [
          'breaking',
          `${OP} security`,
          'client option of `BearerAuth` (HTTP bearer) renamed from `token` to `apiToken`',
        ],
      ],
    },
  ],
  [
    'API key header respelt so that the option derived from it changes: breaking',
    {
      given: {
        before: (doc) =>
          (doc.components.securitySchemes.BearerAuth = {
            type: 'apiKey',
            in: 'header',
            name: 'x-workspace-id',
          }),
        after: (doc) =>
          (doc.components.securitySchemes.BearerAuth = {
            type: 'apiKey',
            in: 'header',
            name: 'X-WorkSpace-Id',
          }),
      },
      want: [
        [
          'breaking',
          `${OP} security`,
          'client option of `BearerAuth` (API key in header X-WorkSpace-Id) renamed from `workspaceId` to `workSpaceId`',
        ],
        [
          'docs',
          'components.securitySchemes.BearerAuth',
          'header name spelling changed from `x-workspace-id` to `X-WorkSpace-Id`',
        ],
      ],
    },
  ],
  [
    'x-credential-name added, naming the option the scheme already had: no contract change',
    {
      given: {
        before: (doc) =>
          (doc.components.securitySchemes.BearerAuth = { type: 'apiKey', in: 'header', name: 'X-API-Key' }),
        after: (doc) =>
          (doc.components.securitySchemes.BearerAuth = {
            type: 'apiKey',
            in: 'header',
            name: 'X-API-Key',
            'x-credential-name': 'apiKey',
          }),
      },
      want: [
        [
          'docs',
          'components.securitySchemes.BearerAuth',
          '`x-credential-name` added: the client option stays `apiKey`',
        ],
      ],
    },
  ],
  [
    'the option of a scheme no operation uses renamed: the factory still takes it',
    {
      given: {
        before: (doc) =>
          (doc.components.securitySchemes.Workspace = {
            type: 'apiKey',
            in: 'header',
            name: 'x-workspace-id',
          }),
        after: (doc) =>
          (doc.components.securitySchemes.Workspace = {
            type: 'apiKey',
            in: 'header',
            name: 'X-WorkSpace-Id',
          }),
      },
      want: [
        [
          'breaking',
          'components.securitySchemes.Workspace',
          'client option renamed from `workspaceId` to `workSpaceId`; no operation uses the scheme, but the client factory still takes it',
        ],
      ],
    },
  ],
  [
    'a second scheme added to the requirement',
    {
      given: {
        after: (doc) => {
          doc.components.securitySchemes.Workspace = { type: 'apiKey', in: 'header', name: 'x-workspace-id' };
          doc.security = [{ BearerAuth: [], Workspace: [] }];
        },
      },
      want: [
        ['breaking', `${OP} security`, 'a scheme added to the requirement'],
        ['docs', 'components.securitySchemes.Workspace', 'added'],
      ],
    },
  ],
  [
    'authentication added where there was none',
    {
      given: { before: (doc) => delete doc.security, after: () => {} },
      want: [['breaking', `${OP} security`, 'authentication now required: `BearerAuth` (HTTP bearer)']],
    },
  ],
  [
    'alternative requirement added',
    {
      given: {
        after: (doc) => {
          doc.components.securitySchemes.ApiKeyAuth = { type: 'apiKey', in: 'header', name: 'X-API-Key' };
          doc.security.push({ ApiKeyAuth: [] });
        },
      },
      want: [
        ['additive', `${OP} security`, 'alternative `ApiKeyAuth` (API key in header X-API-Key) added'],
        ['docs', 'components.securitySchemes.ApiKeyAuth', 'added'],
      ],
    },
  ],
  [
    'security scheme renamed without changing the wire: documentation only',
    {
      given: {
        after: (doc) => {
          doc.components.securitySchemes = { Token: { type: 'http', scheme: 'bearer' } };
          doc.security = [{ Token: [] }];
        },
      },
      want: [
        ['docs', 'components.securitySchemes.BearerAuth', 'removed'],
        ['docs', 'components.securitySchemes.Token', 'added'],
      ],
    },
  ],

  [
    "a second bearer scheme beside the first renames the first's option: breaking",
    {
      given: {
        after: (doc) => {
          doc.components.securitySchemes.PartnerAuth = { type: 'http', scheme: 'bearer' };
          doc.security.push({ PartnerAuth: [] });
        },
      },
      // Both are named after their schemes now: BearerAuth's option is `bearerAuth`, no longer `token`.
      want: [
        ['breaking', `${OP} security`, 'alternative `BearerAuth` (HTTP bearer) removed'],
        ['additive', `${OP} security`, 'alternative `BearerAuth` (HTTP bearer) added'],
        ['additive', `${OP} security`, 'alternative `PartnerAuth` (HTTP bearer) added'],
        ['docs', 'components.securitySchemes.PartnerAuth', 'added'],
      ],
    },
  ],
  [
    'OAuth 2 turned into OpenID Connect: the access token option stays, the requirement is replaced',
    {
      given: {
        before: (doc) => {
          doc.components.securitySchemes = { Auth: { type: 'oauth2', flows: {} } };
          doc.security = [{ Auth: [] }];
        },
        after: (doc) => {
          doc.components.securitySchemes = { Auth: { type: 'openIdConnect', openIdConnectUrl: 'https://o' } };
          doc.security = [{ Auth: [] }];
        },
      },
      want: [
        ['breaking', `${OP} security`, 'requirement `Auth` (oauth2) replaced by `Auth` (openIdConnect)'],
      ],
    },
  ],
  [
    'a header parameter taken as a credential, then declared as the same API key scheme: nothing changes for the client',
    {
      given: {
        before: (doc) => {
          delete doc.components.securitySchemes;
          delete doc.security;
          operation(doc).parameters.push({ name: 'xi-api-key', in: 'header', schema: { type: 'string' } });
        },
        after: (doc) => {
          doc.components.securitySchemes = { Key: { type: 'apiKey', in: 'header', name: 'xi-api-key' } };
          doc.security = [{ Key: [] }, {}];
          operation(doc).parameters.push({ name: 'xi-api-key', in: 'header', schema: { type: 'string' } });
        },
      },
      want: [['docs', 'components.securitySchemes.Key', 'added']],
    },
  ],
  [
    'a header parameter taken as a credential made required: the anonymous alternative is gone',
    {
      given: {
        before: (doc) => {
          delete doc.components.securitySchemes;
          delete doc.security;
          operation(doc).parameters.push({ name: 'xi-api-key', in: 'header', schema: { type: 'string' } });
        },
        after: (doc) => {
          delete doc.components.securitySchemes;
          delete doc.security;
          operation(doc).parameters.push({
            name: 'xi-api-key',
            in: 'header',
            required: true,
            schema: { type: 'string' },
          });
        },
      },
      want: [
        ['breaking', `${OP} parameter header.xi-api-key`, 'became required'],
        [
          'breaking',
          `${OP} security`,
          'authentication now required: `xi-api-key` (header parameter taken as a credential)',
        ],
      ],
    },
  ],
  [
    'alternative requirement removed',
    {
      given: {
        before: (doc) => {
          doc.components.securitySchemes.ApiKeyAuth = { type: 'apiKey', in: 'header', name: 'X-API-Key' };
          doc.security.push({ ApiKeyAuth: [] });
        },
        after: (doc) =>
          (doc.components.securitySchemes.ApiKeyAuth = { type: 'apiKey', in: 'header', name: 'X-API-Key' }),
      },
      want: [
        ['breaking', `${OP} security`, 'alternative `ApiKeyAuth` (API key in header X-API-Key) removed'],
      ],
    },
  ],
  [
    'API key query parameter name case changed: query names are case-sensitive',
    {
      given: {
        before: (doc) =>
          (doc.components.securitySchemes.BearerAuth = {
            type: 'apiKey',
            in: 'query',
            name: 'api_key',
            'x-credential-name': 'apiKey',
          }),
        after: (doc) =>
          (doc.components.securitySchemes.BearerAuth = {
            type: 'apiKey',
            in: 'query',
            name: 'API_KEY',
            'x-credential-name': 'apiKey',
          }),
      },
      want: [
        [
          'breaking',
          `${OP} security`,
          '(API key in query api_key) replaced by `BearerAuth` (API key in query API_KEY)',
        ],
      ],
    },
  ],
  [
    'HTTP auth scheme name case changed: the same scheme',
    {
      given: { after: (doc) => (doc.components.securitySchemes.BearerAuth.scheme = 'Bearer') },
      want: [['docs', 'components', 'other changes to the spec, none to the contract']],
    },
  ],
  [
    'a scope added to the requirement',
    {
      given: { after: (doc) => (doc.security = [{ BearerAuth: ['agents:write'] }]) },
      want: [
        [
          'breaking',
          `${OP} security`,
          'requirement `BearerAuth` (HTTP bearer) replaced by `BearerAuth` (HTTP bearer, scopes `agents:write`)',
        ],
      ],
    },
  ],
  [
    'an operation’s own security overrides the document’s',
    {
      given: { after: (doc) => (operation(doc).security = []) },
      want: [
        [
          'breaking',
          `${OP} security`,
          'requirement `BearerAuth` (HTTP bearer) replaced by no authentication',
        ],
      ],
    },
  ],
  [
    'API key header renamed: another credential, not a respelling',
    {
      given: {
        before: (doc) =>
          (doc.components.securitySchemes.BearerAuth = {
            type: 'apiKey',
            in: 'header',
            name: 'X-API-Key',
            'x-credential-name': 'apiKey',
          }),
        after: (doc) =>
          (doc.components.securitySchemes.BearerAuth = {
            type: 'apiKey',
            in: 'header',
            name: 'X-Key',
            'x-credential-name': 'apiKey',
          }),
      },
      want: [
        [
          'breaking',
          `${OP} security`,
          '(API key in header X-API-Key) replaced by `BearerAuth` (API key in header X-Key)',
        ],
      ],
    },
  ],

  // --- servers ---
  [
    'server URL changed',
    {
      given: { after: (doc) => (doc.servers = [{ url: 'https://api.example.org' }]) },
      want: [
        ['breaking', 'servers', 'server `https://api.example.com` removed'],
        ['additive', 'servers', 'server `https://api.example.org` added'],
      ],
    },
  ],
  [
    'second server added',
    {
      given: {
        after: (doc) => doc.servers.push({ url: 'http://localhost:3000', description: 'docs build' }),
      },
      want: [['additive', 'servers', 'server `http://localhost:3000` added']],
    },
  ],
  [
    'server added in front becomes the default',
    {
      given: { after: (doc) => doc.servers.unshift({ url: 'https://eu.example.com' }) },
      want: [
        ['breaking', 'servers', 'default (first) server changed'],
        ['additive', 'servers', 'server `https://eu.example.com` added'],
      ],
    },
  ],
  [
    'server variable default changed: requests go elsewhere',
    {
      given: {
        before: (doc) =>
          (doc.servers = [{ url: 'https://{region}.example.com', variables: { region: { default: 'eu' } } }]),
        after: (doc) =>
          (doc.servers = [{ url: 'https://{region}.example.com', variables: { region: { default: 'us' } } }]),
      },
      want: [['breaking', 'servers', 'variables of server `https://{region}.example.com` changed']],
    },
  ],
  [
    'server variable description changed: documentation',
    {
      given: {
        before: (doc) =>
          (doc.servers = [{ url: 'https://{region}.example.com', variables: { region: { default: 'eu' } } }]),
        after: (doc) =>
          (doc.servers = [
            {
              url: 'https://{region}.example.com',
              variables: { region: { default: 'eu', description: 'Data region.' } },
            },
          ]),
      },
      want: [['docs', 'servers', 'other changes to the spec, none to the contract']],
    },
  ],
  [
    'operation-level server changed',
    {
      given: {
        before: (doc) => (operation(doc).servers = [{ url: 'https://agents.example.com' }]),
        after: (doc) => (operation(doc).servers = [{ url: 'https://agents.example.org' }]),
      },
      want: [
        ['breaking', `${OP} servers`, 'server `https://agents.example.com` removed'],
        ['additive', `${OP} servers`, 'server `https://agents.example.org` added'],
      ],
    },
  ],
];

describe('classifyChanges', () => {
  test.each(cases)('%s', (_name, { given, want }) => {
    const changes = classifyChanges(documentWith(given.before), documentWith(given.after), given.options);
    expect(summarize(changes)).toEqual(want.map(([kind, location]) => [kind, location]));
    changes.forEach((change, index) => expect(change.message).toContain(want[index]![2]));
  });

  test('the result does not depend on the order documents list things in', () => {
    const reorder: Mutator = (doc) => {
      doc.servers = [{ url: 'https://b.example.com' }, { url: 'https://a.example.com' }];
      requestSchema(doc).properties = Object.fromEntries(
        Object.entries(requestSchema(doc).properties).reverse(),
      );
    };
    const after = (doc: Doc) => {
      reorder(doc);
      delete requestSchema(doc).properties.tags;
      delete requestSchema(doc).properties.name;
      responseSchema(doc).properties.type.enum.push('video');
    };
    const forwards = classifyChanges(documentWith(reorder), documentWith(after));
    const backwards = classifyChanges(documentWith(), documentWith(after));
    expect(forwards.length).toBeGreaterThan(2);
    expect(forwards.map(({ kind }) => kind)).toEqual([...forwards.map(({ kind }) => kind)].sort());
    expect(backwards.filter((change) => change.location !== 'servers')).toEqual(
      forwards.filter((change) => change.location !== 'servers'),
    );
  });
});

const invalid: Array<[string, { given: { before?: Mutator; after: Mutator }; want: string }]> = [
  [
    'an OpenAPI 3.0 document',
    {
      given: { after: (doc) => ((doc as { openapi: string }).openapi = '3.0.3') },
      want: 'after document, openapi: must be an OpenAPI 3.1.x version, got "3.0.3"',
    },
  ],
  [
    'a keyword of the wrong type',
    {
      given: { after: (doc) => (requestSchema(doc).properties.name.maxLength = '5') },
      want: `after document, ${REQUEST}.name: "maxLength" must be a number, got "5"`,
    },
  ],
  [
    'a $ref that points nowhere',
    {
      given: {
        before: (doc) => (requestSchema(doc).properties.voice.$ref = '#/components/schemas/Missing'),
        after: () => {},
      },
      want: `before document, ${REQUEST}.voice: $ref "#/components/schemas/Missing" points to nothing`,
    },
  ],
  [
    'the 3.0 boolean exclusiveMinimum',
    {
      given: { after: (doc) => (requestSchema(doc).properties.temperature.exclusiveMinimum = true) },
      want: `after document, ${REQUEST}.temperature: "exclusiveMinimum" must be a number in OpenAPI 3.1`,
    },
  ],
  [
    'a security requirement naming an undefined scheme',
    {
      given: { after: (doc) => (doc.security = [{ Nope: [] }]) },
      want: `after document, ${OP} security: the security requirement names scheme "Nope"`,
    },
  ],
];

describe('classifyChanges rejects malformed documents, saying where', () => {
  test.each(invalid)('%s', (_name, { given, want }) => {
    const run = () => classifyChanges(documentWith(given.before), documentWith(given.after));
    expect(run).toThrow(SpecShapeError);
    expect(run).toThrow(want);
  });
});
