/**
 * readOnly and writeOnly properties as OpenAPI means them, at every public surface of a package:
 * the named body, response and schema types, the operation methods and the raw calls. The package's
 * declarations are generated in memory from one spec (readOnly inherited through a `$ref`, on a
 * property beside an `allOf`, inside arrays, nested objects and an `allOf` composition, a writeOnly
 * password, a schema only requests use), and each row is a consumer statement that must compile or
 * must not, checked under the strict consumer's options in one program.
 */
import { describe, expect, it } from 'vitest';
import { describeApi } from '../../../src/model/index.js';
import { readWriteUse } from '../../../src/model/read-write.js';
import { emitDeclarations } from '../../../src/pipeline/emit/index.js';
import { postprocessPackageTypes } from '../../../src/pipeline/orchestration/build.js';
import { generateTypeNodes, generateTypes } from '../../../src/pipeline/types/index.js';
import { codeBanner } from '../../../src/shared/banner.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { oneOperationSpec } from '../../support/spec-builder.js';
import { typeCheck } from '../../support/type-check.js';
import { PROJECT_ROOT, repositoryRuntime } from '../helpers.js';

const json = (schema: JsonObject) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const returns = (status: string, schema: JsonObject) => ({
  responses: { [status]: { description: 'ok', ...json(schema) } },
});
const idPath = { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] };

const spec: JsonObject = oneOperationSpec({
  method: 'get',
  path: '/customers/{id}',
  operation: { operationId: 'getCustomer', ...returns('200', ref('Customer')) },
  document: {
    paths: {
      '/customers': {
        post: {
          operationId: 'createCustomer',
          requestBody: { $ref: '#/components/requestBodies/Customer' },
          ...returns('201', ref('Customer')),
        },
      },
      '/customers/{id}': {
        ...idPath,
        get: { operationId: 'getCustomer', ...returns('200', ref('Customer')) },
        put: {
          operationId: 'updateCustomer',
          requestBody: { required: true, ...json(ref('Customer')) },
          responses: { '200': { $ref: '#/components/responses/Customer' } },
        },
      },
      '/agents': {
        post: {
          operationId: 'createAgent',
          requestBody: { required: true, ...json(ref('Agent')) },
          ...returns('201', { type: 'array', items: ref('Agent') }),
        },
      },
      '/agents/{id}': {
        ...idPath,
        patch: {
          operationId: 'renameAgent',
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['id', 'name'],
              properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } },
            }),
          },
          ...returns('200', ref('Agent')),
        },
      },
      '/users': {
        post: {
          operationId: 'createUser',
          requestBody: { required: true, ...json(ref('UserCreate')) },
          ...returns('201', { type: 'object', required: ['id'], properties: { id: { type: 'string' } } }),
        },
      },
    },
    components: {
      schemas: {
        ResourceId: { type: 'string', maxLength: 50 },
        ServerTimestamp: { type: 'string', format: 'date-time', readOnly: true },
        Tag: {
          type: 'object',
          required: ['id', 'label'],
          properties: { id: { type: 'string', readOnly: true }, label: { type: 'string' } },
        },
        Customer: {
          type: 'object',
          required: ['id', 'name', 'password', 'createdTime', 'address'],
          properties: {
            // Rebilly's spelling: readOnly beside an allOf of the id's schema.
            id: { readOnly: true, allOf: [ref('ResourceId')] },
            name: { type: 'string' },
            password: { type: 'string', format: 'password', writeOnly: true },
            // Inherited: the referenced schema is readOnly.
            createdTime: ref('ServerTimestamp'),
            tags: { type: 'array', items: ref('Tag') },
            address: {
              type: 'object',
              required: ['line1', 'verifiedAt'],
              properties: { line1: { type: 'string' }, verifiedAt: { type: 'string', readOnly: true } },
            },
          },
        },
        Base: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', readOnly: true } },
        },
        Agent: {
          allOf: [
            ref('Base'),
            { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
          ],
        },
        UserCreate: {
          type: 'object',
          required: ['email', 'password'],
          properties: { email: { type: 'string' }, password: { type: 'string', writeOnly: true } },
        },
      },
      requestBodies: { Customer: { required: true, ...json(ref('Customer')) } },
      responses: { Customer: { description: 'The customer.', ...json(ref('Customer')) } },
    },
  },
});

const customer = `{ name: 'Ada', password: 'secret', address: { line1: 'Main St' }, tags: [{ label: 'vip' }] }`;
const path = `{ path: { id: 'c1' } }`;

/**
 * Statements in an async function, with `client` and the package's named types in scope; one that
 * must not compile says why (its diagnostic).
 */
const rows: [string, { statement: string; compiles: boolean; because?: RegExp }][] = [
  // Requests: the readOnly fields are not asked for, and may not be sent.
  [
    'a create without the readOnly fields (named body)',
    { statement: `const body: CreateCustomerBody = ${customer};`, compiles: true },
  ],
  [
    'a create without them (method)',
    { statement: `await client.createCustomer({ body: ${customer} });`, compiles: true },
  ],
  [
    'a create without them (raw call)',
    { statement: `await client.POST('/customers', { body: ${customer} });`, compiles: true },
  ],
  [
    'an update without them, its body a $ref in place',
    { statement: `await client.updateCustomer({ path: { id: 'c1' }, body: ${customer} });`, compiles: true },
  ],
  [
    'the readOnly id sent (named body)',
    {
      statement: `const body: CreateCustomerBody = { ...${customer}, id: 'c1' };`,
      compiles: false,
      because: /Type 'string' is not assignable to type 'never'/,
    },
  ],
  [
    'the readOnly id sent (method)',
    {
      statement: `await client.createCustomer({ body: { ...${customer}, id: 'c1' } });`,
      compiles: false,
      because: /Type 'string' is not assignable to type 'never'/,
    },
  ],
  [
    'the readOnly id sent (raw call)',
    {
      statement: `await client.POST('/customers', { body: { ...${customer}, id: 'c1' } });`,
      compiles: false,
      because: /Type 'string' is not assignable to type 'never'/,
    },
  ],
  [
    'a readOnly field inherited through a $ref sent',
    {
      statement: `await client.createCustomer({ body: { ...${customer}, createdTime: '2026-01-01T00:00:00Z' } });`,
      compiles: false,
      because: /Type 'string' is not assignable to type 'never'/,
    },
  ],
  [
    'a readOnly field of an array item sent',
    {
      statement: `await client.createCustomer({ body: { ...${customer}, tags: [{ id: 't1', label: 'vip' }] } });`,
      compiles: false,
      because: /Type 'string' is not assignable to type 'never'/,
    },
  ],
  [
    'a readOnly field of a nested object sent',
    {
      statement: `await client.createCustomer({ body: { ...${customer}, address: { line1: 'Main St', verifiedAt: 'x' } } });`,
      compiles: false,
      because: /Type 'string' is not assignable to type 'never'/,
    },
  ],
  [
    'a fetched customer sent back whole',
    {
      statement: `const fetched = await client.getCustomer(${path}); await client.updateCustomer({ path: { id: 'c1' }, body: fetched });`,
      compiles: false,
      because: /id\?: never; createdTime\?: never/,
    },
  ],
  [
    'the writeOnly password left out of a request',
    {
      statement: `await client.createCustomer({ body: { name: 'Ada', address: { line1: 'Main St' } } });`,
      compiles: false,
      because: /Property 'password' is missing/,
    },
  ],
  [
    'an unknown field still refused',
    {
      statement: `await client.createCustomer({ body: { ...${customer}, nmae: 'x' } });`,
      compiles: false,
      because: /'nmae' does not exist/,
    },
  ],
  [
    'an allOf composition created without its readOnly id',
    { statement: `await client.createAgent({ body: { name: 'Reception' } });`, compiles: true },
  ],
  [
    'an allOf composition sent with it',
    {
      statement: `await client.createAgent({ body: { name: 'Reception', id: 'a1' } });`,
      compiles: false,
      because: /Type 'string' is not assignable to type 'never'/,
    },
  ],
  [
    'an inline body created without its readOnly id',
    { statement: `await client.renameAgent({ path: { id: 'a1' }, body: { name: 'R' } });`, compiles: true },
  ],
  [
    'an inline body sent with it',
    {
      statement: `await client.renameAgent({ path: { id: 'a1' }, body: { name: 'R', id: 'a1' } });`,
      compiles: false,
      because: /Type 'string' is not assignable to type 'never'/,
    },
  ],
  [
    'a schema only requests use: its named type is the request view',
    {
      statement: `const user: UserCreate = { email: 'a@b.c', password: 'secret' }; await client.createUser({ body: user });`,
      compiles: true,
    },
  ],
  // Responses: the readOnly fields are there as required, the writeOnly ones are not.
  [
    'the readOnly fields read from a response (method)',
    {
      statement: `const c = await client.getCustomer(${path}); const read: string[] = [c.id, c.createdTime, c.address.verifiedAt, ...(c.tags ?? []).map((tag) => tag.id)];`,
      compiles: true,
    },
  ],
  [
    'the readOnly id read from a response (named response)',
    {
      statement: `const c: GetCustomerResponse = await client.getCustomer(${path}); const id: string = c.id;`,
      compiles: true,
    },
  ],
  [
    'the readOnly id read from a response (raw call)',
    {
      statement: `const { data, error } = await client.GET('/customers/{id}', { params: ${path} }); if (error) throw error; const id: string = data.id;`,
      compiles: true,
    },
  ],
  [
    'the readOnly id read from a $ref response (update)',
    {
      statement: `const c = await client.updateCustomer({ path: { id: 'c1' }, body: ${customer} }); const id: string = c.id;`,
      compiles: true,
    },
  ],
  [
    'an allOf composition read: its readOnly id is there',
    {
      statement: `const [agent] = await client.createAgent({ body: { name: 'R' } }); const id: string | undefined = agent?.id;`,
      compiles: true,
    },
  ],
  [
    "a response is its schema's named type",
    {
      statement: `const c: Customer = await client.getCustomer(${path}); const id: string = c.id;`,
      compiles: true,
    },
  ],
  [
    'the writeOnly password read from a response (method)',
    {
      statement: `const c = await client.getCustomer(${path}); const password: string = c.password;`,
      compiles: false,
      because: /Property 'password' does not exist/,
    },
  ],
  [
    'the writeOnly password read from a response (named response)',
    {
      statement: `const c: GetCustomerResponse = await client.getCustomer(${path}); const password: string = c.password;`,
      compiles: false,
      because: /Property 'password' does not exist/,
    },
  ],
  [
    'the writeOnly password read from a response (raw call)',
    {
      statement: `const { data } = await client.GET('/customers/{id}', { params: ${path} }); const password: string | undefined = data?.password;`,
      compiles: false,
      because: /Property 'password' does not exist/,
    },
  ],
  [
    "the writeOnly password read from the schema's named type",
    {
      statement: `const c: Customer = await client.getCustomer(${path}); const password: string = c.password;`,
      compiles: false,
      because: /Property 'password' does not exist/,
    },
  ],
];

const locate = (at: string) => ({ file: at });
const model = describeApi('accounts', spec, locate);
const runtime = await repositoryRuntime();
const source = { source: 'specs/accounts.yaml', sha256: '0'.repeat(64), bundledAs: 'openapi.json' };
// The document is lent to the transform: the keywords set beside `$ref`s are taken back after.
const lent = structuredClone(spec);
const types = postprocessPackageTypes(
  'accounts',
  model,
  // As the build calls it: with what the model read.
  await generateTypeNodes(spec, locate, 'specs/accounts.yaml', undefined, model.readWrite ?? null),
  runtime,
  codeBanner(source),
);
const declarations = emitDeclarations({ source, model, types, runtime });

const files: Record<string, string> = { 'accounts/package.json': '{ "type": "module" }' };
for (const [file, text] of declarations) files[`accounts/${file}`] = text;
const HEAD = [
  `import { createAccountsClient, type CreateCustomerBody, type Customer, type GetCustomerResponse, type UserCreate } from './accounts/index.js';`,
  `const client = createAccountsClient({});`,
];
rows.forEach(([, row], index) => {
  files[`row${index}.mts`] = [
    ...HEAD,
    `export async function row(): Promise<void> {`,
    `  ${row.statement}`,
    `}`,
  ].join('\n');
});
// Under the repository, so that the package's imports of openapi-fetch resolve.
const diagnostics = typeCheck(files, { root: `${PROJECT_ROOT}.virtual` });

describe.each(rows.map(([name, row], index) => [name, { ...row, index }] as const))('%s', (_name, row) => {
  it(row.compiles ? 'compiles' : 'does not compile', () => {
    const found = diagnostics.get(`row${row.index}.mts`)!;
    // Only the statement's own line counts: a row must not fail for its set-up.
    expect(found.filter((line) => !line.startsWith('4: '))).toEqual([]);
    expect(found.length > 0, found.join('\n')).toBe(!row.compiles);
    if (row.because !== undefined) expect(found.join('\n')).toMatch(row.because);
  });
});

it('gives the document back as it was lent, key order included', () => {
  expect(JSON.stringify(spec)).toBe(JSON.stringify(lent));
});

it('leaves the declarations valid', () => {
  for (const [file, found] of diagnostics) if (!file.startsWith('row')) expect(found, file).toEqual([]);
});

it('types every media type that reaches a marked property by its direction, and names each schema by its use', () => {
  const use = readWriteUse(spec)!;
  expect(Object.fromEntries(use.media)).toEqual({
    '#/paths/~1customers~1{id}/get/responses/200/content/application~1json': 'read',
    '#/paths/~1customers~1{id}/put/requestBody/content/application~1json': 'write',
    '#/paths/~1customers/post/responses/201/content/application~1json': 'read',
    '#/paths/~1agents/post/requestBody/content/application~1json': 'write',
    '#/paths/~1agents/post/responses/201/content/application~1json': 'read',
    '#/paths/~1agents~1{id}/patch/requestBody/content/application~1json': 'write',
    '#/paths/~1agents~1{id}/patch/responses/200/content/application~1json': 'read',
    '#/paths/~1users/post/requestBody/content/application~1json': 'write',
    '#/components/requestBodies/Customer/content/application~1json': 'write',
    '#/components/responses/Customer/content/application~1json': 'read',
  });
  expect(Object.fromEntries(use.schemas)).toEqual({
    Tag: 'read',
    Customer: 'read',
    Base: 'read',
    Agent: 'read',
    UserCreate: 'write',
  });
  expect(Object.fromEntries(use.inherited)).toEqual({
    '#/components/schemas/Customer/properties/createdTime': 'readOnly',
  });
  expect(model.readWrite).toEqual({ media: use.media, inherited: use.inherited });
  expect(model.schemas.map((schema) => [schema.name, schema.view])).toEqual([
    ['ResourceId', undefined],
    ['ServerTimestamp', undefined],
    ['Tag', 'read'],
    ['Customer', 'read'],
    ['Base', 'read'],
    ['Agent', 'read'],
    ['UserCreate', 'write'],
  ]);
});

it('changes nothing for a document without readOnly or writeOnly', async () => {
  const plain = oneOperationSpec({
    operation: { requestBody: json({ type: 'object', properties: { id: { type: 'string' } } }) },
  });
  expect(readWriteUse(plain)).toBeUndefined();
  expect(await generateTypes(plain, locate, 'x')).not.toMatch(/\$Read|\$Write|Readable|Writable/);
});
