/**
 * The public-types comparison: two sets of declaration files, export by export, each change
 * judged by how consumers use the export (writing values of it, reading them, or both).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareDeclarations, missingDeclarations, type ExportRole } from '../../src/changes/declarations.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A package whose entry is `index`, with more files beside it. */
const pkg = (index: string, more: Record<string, string> = {}): Map<string, string> =>
  new Map([['index.d.ts', index], ...Object.entries(more)]);

const ROLES = new Map<string, ExportRole>([
  ['Options', 'input'],
  ['Body', 'input'],
  ['Response', 'output'],
  ['Client', 'output'],
  ['NotFoundError', 'output'],
]);

/** A package's options: the runtime's (not exported by the package) and a credential. */
const OPTIONS_OF_BASE =
  "import type { Base } from './runtime/index.js';\nexport type Options = Base & { token: string };";

/** `[location, kind]` of each change. */
type Want = [string, string][];

const rows: [string, { before: Map<string, string>; after: Map<string, string>; want: Want }][] = [
  [
    'the same files',
    {
      before: pkg('export type Body = { a: string };'),
      after: pkg('export type Body = { a: string };'),
      want: [],
    },
  ],
  [
    'a comment and formatting only',
    {
      before: pkg('/** A. */\nexport type Body = { a: string };'),
      after: pkg('/** The body. */\nexport type Body = {\n  a: string;\n};'),
      want: [],
    },
  ],
  [
    'an equivalent type written another way',
    {
      before: pkg('export type Response = { a: string } & { b: number };'),
      after: pkg('export type Response = { a: string; b: number };'),
      want: [],
    },
  ],
  [
    'an export removed',
    {
      before: pkg('export declare function create(): void;\nexport type Body = {};'),
      after: pkg('export type Body = {};'),
      want: [['export create', 'breaking']],
    },
  ],
  [
    'an export added',
    {
      before: pkg('export type Body = {};'),
      after: pkg('export type Body = {};\nexport declare class NewError extends Error {}'),
      want: [['export NewError', 'additive']],
    },
  ],
  [
    'an export removed from a re-exported module',
    {
      before: pkg("export * from './runtime/index.js';", {
        'runtime/index.d.ts': 'export declare const DEFAULTS: { a: number };\nexport type Options = {};',
      }),
      after: pkg("export * from './runtime/index.js';", {
        'runtime/index.d.ts': 'export type Options = {};',
      }),
      want: [['export DEFAULTS', 'breaking']],
    },
  ],
  [
    'a class that became an interface',
    {
      before: pkg('export declare class Client {}'),
      after: pkg('export interface Client {}'),
      want: [['export Client', 'breaking']],
    },
  ],
  [
    'an input grows an optional property',
    {
      before: pkg('export interface Options { a?: string }'),
      after: pkg('export interface Options { a?: string; b?: number }'),
      want: [['export Options', 'additive']],
    },
  ],
  [
    'an input written as an intersection grows an optional property through its part',
    {
      before: pkg(OPTIONS_OF_BASE, { 'runtime/index.d.ts': 'export interface Base { a?: string }' }),
      after: pkg(OPTIONS_OF_BASE, {
        'runtime/index.d.ts': 'export interface Base { a?: string; b?: number }',
      }),
      want: [['export Options', 'additive']],
    },
  ],
  [
    'an input grows a required property',
    {
      before: pkg('export interface Options { a?: string }'),
      after: pkg('export interface Options { a?: string; b: number }'),
      want: [['export Options', 'breaking']],
    },
  ],
  [
    'an input loses an optional property (an object literal with it no longer compiles)',
    {
      before: pkg('export interface Options { a?: string; b?: number }'),
      after: pkg('export interface Options { a?: string }'),
      want: [['export Options', 'breaking']],
    },
  ],
  [
    'an input loses a nested optional property',
    {
      before: pkg('export interface Body { n: { a?: string; b?: string } }'),
      after: pkg('export interface Body { n: { a?: string } }'),
      want: [['export Body', 'breaking']],
    },
  ],
  [
    'an input union accepts one more value',
    {
      before: pkg("export type Body = 'a' | 'b';"),
      after: pkg("export type Body = 'a' | 'b' | 'c';"),
      want: [['export Body', 'additive']],
    },
  ],
  [
    'an input narrowed',
    {
      before: pkg('export interface Body { a: string | number }'),
      after: pkg('export interface Body { a: string }'),
      want: [['export Body', 'breaking']],
    },
  ],
  [
    'an output grows a property',
    {
      before: pkg('export interface Response { a: string }'),
      after: pkg('export interface Response { a: string; b: number }'),
      want: [['export Response', 'additive']],
    },
  ],
  [
    'an output field becomes optional (issue 20: a default no longer typed as present)',
    {
      before: pkg('export interface Response { a: string }'),
      after: pkg('export interface Response { a?: string }'),
      want: [['export Response', 'breaking']],
    },
  ],
  [
    'an output loses an optional property',
    {
      before: pkg('export interface Response { a?: string; b?: number }'),
      after: pkg('export interface Response { a?: string }'),
      want: [['export Response', 'breaking']],
    },
  ],
  [
    'an output union gives one value less',
    {
      before: pkg('export type Response = string | null;'),
      after: pkg('export type Response = string;'),
      want: [['export Response', 'additive']],
    },
  ],
  [
    'a type of unknown use changes at all',
    {
      before: pkg('export interface Agent { a: string }'),
      after: pkg('export interface Agent { a: string; b?: number }'),
      want: [['export Agent', 'breaking']],
    },
  ],
  [
    'a type changes through one it refers to, in another file',
    {
      before: pkg("import type { Inner } from './inner.js';\nexport interface Response { inner: Inner }", {
        'inner.d.ts': 'export interface Inner { a: string }',
      }),
      after: pkg("import type { Inner } from './inner.js';\nexport interface Response { inner: Inner }", {
        'inner.d.ts': 'export interface Inner { a?: string }',
      }),
      want: [['export Response', 'breaking']],
    },
  ],
  [
    "a client's method accepts less (a function-typed property: checked both ways round)",
    {
      before: pkg('export interface Client { update: (body: { a?: string; b?: string }) => Promise<void> }'),
      after: pkg('export interface Client { update: (body: { a?: string }) => Promise<void> }'),
      want: [['export Client', 'breaking']],
    },
  ],
  [
    'a client gains a method',
    {
      before: pkg('export interface Client { update: () => Promise<void> }'),
      after: pkg('export interface Client { update: () => Promise<void>; list: () => Promise<string[]> }'),
      want: [['export Client', 'additive']],
    },
  ],
  [
    'a function takes a new optional parameter',
    {
      before: pkg('export declare function create(options: { a: string }): void;'),
      after: pkg('export declare function create(options: { a: string }, more?: number): void;'),
      want: [['export create', 'additive']],
    },
  ],
  [
    'a function requires a new parameter',
    {
      before: pkg('export declare function create(options: { a: string }): void;'),
      after: pkg('export declare function create(options: { a: string }, more: number): void;'),
      want: [['export create', 'breaking']],
    },
  ],
  [
    'a class gains a field',
    {
      before: pkg('export declare class ApiError extends Error { readonly status: number }'),
      after: pkg(
        'export declare class ApiError extends Error { readonly status: number; readonly code: string }',
      ),
      want: [['export ApiError', 'breaking']],
    },
  ],
  [
    'an error class, which consumers read, gains a field',
    {
      before: pkg('export declare class NotFoundError extends Error { readonly status: number }'),
      after: pkg(
        'export declare class NotFoundError extends Error { readonly status: number; readonly code: string }',
      ),
      want: [['export NotFoundError', 'additive']],
    },
  ],
  [
    "an error class's constructor requires one more argument",
    {
      before: pkg('export declare class NotFoundError extends Error { constructor(message: string) }'),
      after: pkg(
        'export declare class NotFoundError extends Error { constructor(message: string, status: number) }',
      ),
      want: [['export NotFoundError', 'breaking']],
    },
  ],
  [
    "openapi-fetch's types re-exported: the same declarations whatever the package's text",
    {
      before: pkg("export type { Client as FetchClient, Middleware } from 'openapi-fetch';\n// one"),
      after: pkg("export type { Middleware, Client as FetchClient } from 'openapi-fetch';"),
      want: [],
    },
  ],
  [
    'a generic type of ours, its default kept',
    {
      before: pkg('export declare class StatusError<TBody = unknown> extends Error { body: TBody }'),
      after: pkg(
        'export declare class StatusError<TBody = unknown> extends Error { body: unknown extends TBody ? unknown : TBody }',
      ),
      want: [['export StatusError', 'breaking']],
    },
  ],
];

describe('compareDeclarations', () => {
  it.each(rows)('%s', (_name, { before, after, want }) => {
    const changes = compareDeclarations({ before, after }, { dependenciesFrom: PROJECT_ROOT, roles: ROLES });
    expect(changes.map((change) => [change.location, change.kind])).toEqual(want);
    for (const change of changes) expect(change.message).not.toBe('');
  });
});

describe('missingDeclarations', () => {
  it.each<[string, { given: Map<string, string>; want: string[] }]>([
    [
      'every import present',
      {
        given: pkg("export * from './runtime/index.js';\nexport type * from './types.js';", {
          'runtime/index.d.ts': "export * from './errors.js';",
          'runtime/errors.d.ts': 'export declare class E {}',
          'types.d.ts': 'export type T = 1;',
        }),
        want: [],
      },
    ],
    [
      'a file removed by hand',
      {
        given: pkg("export * from './runtime/index.js';\nexport type * from './types.js';", {
          'runtime/index.d.ts': "export * from './errors.js';",
        }),
        want: ['runtime/errors.d.ts', 'types.d.ts'],
      },
    ],
    [
      'a file an import type names, removed by hand',
      {
        given: pkg("export type E = import('./runtime/errors.js').E;", {}),
        want: ['runtime/errors.d.ts'],
      },
    ],
    [
      'a dependency is not a file of the package',
      { given: pkg("export type { Client } from 'openapi-fetch';"), want: [] },
    ],
  ])('%s', (_name, { given, want }) => expect(missingDeclarations(given)).toEqual(want));
});
