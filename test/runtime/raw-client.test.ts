/**
 * The raw call style's types (`raw-client.ts`), compiled as a consumer compiles them: each row is
 * a statement that must compile or must not, against a small API written as openapi-typescript
 * writes one. The packaging tests check the same against every generated package.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { typeCheck } from '../support/type-check.js';

const HEAD = `import type { RawClient } from '../../src/runtime/raw-client.js';
type Agent = { id: string; name?: string; config?: { mode?: 'a' | 'b' } };
type Problem = { detail: string };
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type NoBody = { headers: { [name: string]: unknown }; content?: never };
interface paths {
  '/agents/{id}': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    patch: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { 'application/json': { name?: string; config?: { mode?: 'a' | 'b' } } } };
      responses: { 200: Json<Agent>; 404: NoBody };
    };
    put: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: Json<Agent>; 422: Json<Problem> };
    };
  };
  '/agents': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: { q?: string; limit?: number }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: Json<Agent[]> };
    };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 201: Json<Agent> };
    };
  };
  '/health': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: { parameters: { query?: never; header?: never; path?: never; cookie?: never }; requestBody?: never; responses: { 200: Json<{ ok: boolean }> } };
  };
}
declare const client: RawClient<paths>;
const path = { id: 'a' };
`;

const rows: [string, { statement: string; compiles: boolean }][] = [
  [
    'a documented body',
    {
      statement: `await client.PATCH('/agents/{id}', { params: { path }, body: { name: 'x' } });`,
      compiles: true,
    },
  ],
  [
    'an unknown body field',
    {
      statement: `await client.PATCH('/agents/{id}', { params: { path }, body: { nme: 'x' } });`,
      compiles: false,
    },
  ],
  [
    'an unknown nested field',
    {
      statement: `await client.PATCH('/agents/{id}', { params: { path }, body: { config: { mood: 'a' } } });`,
      compiles: false,
    },
  ],
  [
    'an unknown field through request()',
    {
      statement: `await client.request('patch', '/agents/{id}', { params: { path }, body: { nme: 'x' } });`,
      compiles: false,
    },
  ],
  [
    'a value of the wrong type',
    {
      statement: `await client.PATCH('/agents/{id}', { params: { path }, body: { name: 1 } });`,
      compiles: false,
    },
  ],
  [
    'a documented POST body',
    { statement: `await client.POST('/agents', { body: { name: 'x' } });`, compiles: true },
  ],
  [
    'an unknown body field in a POST',
    { statement: `await client.POST('/agents', { body: { name: 'x', nme: 'x' } });`, compiles: false },
  ],
  [
    'documented query parameters',
    {
      statement: `await client.GET('/agents', { params: { query: { q: 'a', limit: 2 } } });`,
      compiles: true,
    },
  ],
  [
    'an unknown query parameter',
    {
      statement: `await client.GET('/agents', { params: { query: { q: 'a', limt: 2 } } });`,
      compiles: false,
    },
  ],
  [
    'an unknown path parameter',
    {
      statement: `await client.PATCH('/agents/{id}', { params: { path: { id: 'a', agent: 'b' } }, body: {} });`,
      compiles: false,
    },
  ],
  ['missing parameters', { statement: `await client.PATCH('/agents/{id}', { body: {} });`, compiles: false }],
  ['an undocumented path', { statement: `await client.PATCH('/nowhere', {});`, compiles: false }],
  ['no options where none is needed', { statement: `await client.GET('/health');`, compiles: true }],
  [
    'another RequestInit option beside the documented ones',
    { statement: `await client.GET('/health', { cache: 'no-store' });`, compiles: true },
  ],
  [
    'data narrowed after `if (error) throw error`, a bodiless 404 documented',
    {
      statement: `const { data, error } = await client.PATCH('/agents/{id}', { params: { path }, body: {} }); if (error) throw error; const id: string = data.id;`,
      compiles: true,
    },
  ],
  [
    'data read before looking at error',
    {
      statement: `const { data } = await client.PATCH('/agents/{id}', { params: { path }, body: {} }); const id: string = data.id;`,
      compiles: false,
    },
  ],
  [
    "an undocumented or bodiless status's error is an ApiStatusError",
    {
      statement: `const { error } = await client.PATCH('/agents/{id}', { params: { path }, body: {} }); if (error) { const status: number = error.status; }`,
      compiles: true,
    },
  ],
  [
    'a documented error body is one of the error types',
    {
      statement: `const { error } = await client.PUT('/agents/{id}', { params: { path } }); if (error && 'detail' in error) { const detail: string = error.detail; }`,
      compiles: true,
    },
  ],
  [
    'a documented error body read without narrowing (it may be an ApiStatusError)',
    {
      statement: `const { error } = await client.PUT('/agents/{id}', { params: { path } }); if (error) { const detail: string = error.detail; }`,
      compiles: false,
    },
  ],
  [
    'parseAs picks the type of data',
    {
      statement: `const { data } = await client.GET('/health', { parseAs: 'text' }); if (data !== undefined) { const text: string = data; }`,
      compiles: true,
    },
  ],
  [
    'parseAs text is not the JSON type',
    {
      statement: `const { data } = await client.GET('/health', { parseAs: 'text' }); if (data !== undefined) { const ok: boolean = data.ok; }`,
      compiles: false,
    },
  ],
];

// The rows sit (in memory only) beside this file, importing the runtime's source.
const root = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
const files = Object.fromEntries(
  rows.map(([, row], index) => [`row${index}.mts`, `${HEAD}${row.statement}\nexport {};\n`]),
);
// openapi-fetch's declarations are checked under these options by test/packaging/install.test.ts;
// the runtime's sources (no declaration files) still are here.
const diagnostics = typeCheck(files, {
  root,
  options: { lib: ['ES2022', 'DOM', 'DOM.Iterable'], skipLibCheck: true },
});
const last = HEAD.split('\n').length;

describe('RawClient', () => {
  it('compiles its declarations and the rows’ shared part', () => {
    for (const lines of diagnostics.values())
      expect(lines.filter((line) => Number(line.split(':')[0]) < last)).toEqual([]);
  });

  it.each(rows.map(([name, row], index) => [name, { ...row, index }] as const))('%s', (_name, row) => {
    const lines = diagnostics.get(`row${row.index}.mts`)!;
    expect(lines.length === 0, lines.join('\n')).toBe(row.compiles);
  });
});
