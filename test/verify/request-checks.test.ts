/**
 * Verify holds each request to the clients' own request checks before it sends it, its parameters
 * read from their text as the spec types them (`"42"` is an integer to an integer parameter): a
 * request that breaks the spec is reported, as a response's violation is, and not sent. Run end to
 * end (the command, Prism, a fake upstream) for every API, found as `generate` finds them, with
 * rows derived from its spec, and for a fixture whose parameters are typed in every location.
 * Nothing printed holds an offending value or a credential.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/cli/commands/index.js';
import { parseCommand } from '../../src/cli/command.js';
import { loadApi, type LoadedApi } from '../../src/mock/api.js';
import { credentialAlternatives } from '../../src/mock/credentials.js';
import { operationParameters } from '../../src/mock/sample-requests.js';
import { knownApis, PROJECT_ROOT, specSource } from '../../src/mock/spec-source.js';
import { deref, isObject, type JsonObject } from '../../src/shared/openapi.js';
import { handleVerify } from '../../src/verify/command.js';
import { planRequests } from '../../src/verify/plan.js';
import { formatReport, type VerifyReport } from '../../src/verify/report.js';
import type { RequestEntry } from '../../src/verify/requests-file.js';
import type { Violation } from '../../src/verify/violations.js';
import { conformingResponse, startFakeVendor } from './fake-vendor.js';
import { removeDir } from '../support/files.js';
import { oneOperationSpec } from '../support/spec-builder.js';
import { captureIo } from '../support/io.js';

/** Offending values: none may be printed. */
const MARKER = 'offending-7f3a9c';
const MARKER_NUMBER = 918273645;

interface Row {
  name: string;
  entry: RequestEntry;
  /** The request's violations (side, location, kind); none: sent and clean. */
  want: ReturnType<typeof where>[];
}

const where = (v: Violation) => ({ side: v.side, location: v.location, kind: v.kind });

/** An environment that sets every credential variable of `api`, each to a long secret. */
function credentials(api: LoadedApi): Record<string, string> {
  const uses = api.operations.flatMap((op) => credentialAlternatives(api, op).flat());
  return Object.fromEntries(uses.map((use) => [use.envVar, `secret-${use.envVar}-5b1e0d`]));
}

/** A value of none of `types` (JSON types, `integer` within `number`). */
function wrongValueFor(types: string[]): unknown {
  const allowed = (type: string) => types.includes(type) || (type === 'integer' && types.includes('number'));
  return [
    [MARKER, 'string'],
    [MARKER_NUMBER, 'integer'],
    [true, 'boolean'],
  ].find(([, type]) => !allowed(type as string))![0];
}

const typesOf = (schema: JsonObject): string[] =>
  typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type.map(String) : [];

/**
 * The rows an API's first operation allows, from its spec: a passing request with path values read
 * by their types, and a request breaking each kind of rule the spec writes on its body and parameters.
 */
function rowsFor(api: LoadedApi, env: Record<string, string>): Row[] {
  const operation = api.operations[0]!;
  const smallest = planRequests(api, env).requests.findLast(
    (r) => r.operationId === operation.model.operationId,
  )!;
  const base: RequestEntry = {
    operation: operation.model.operationId,
    ...(smallest.bodyValue === undefined ? {} : { body: smallest.bodyValue }),
  };
  const parameters = operationParameters(api.document, operation).map((p) => ({
    ...p,
    schema: deref(api.document, p.definition.schema, '')?.value ?? {},
  }));
  // A plain string parameter given a text that also reads as a number: it passes as the string.
  const coerced = Object.fromEntries(
    parameters
      .filter((p) => p.in === 'path')
      .map((p) => {
        const plain =
          typesOf(p.schema).join() === 'string' && !['format', 'pattern', 'enum'].some((k) => k in p.schema);
        return [p.name, plain ? '42' : smallest.params.path[p.name]!];
      }),
  );
  const rows: Row[] = [
    {
      name: 'passes, its path values read as the spec types them',
      entry: { ...base, params: { path: coerced } },
      want: [],
    },
  ];
  for (const p of parameters) {
    const kind = typesOf(p.schema).some((type) => type !== 'string')
      ? 'type'
      : ['enum', 'format', 'pattern', 'minLength', 'maxLength'].find((keyword) => keyword in p.schema);
    if (kind === undefined) continue;
    const value = `${MARKER}-x`;
    rows.push({
      name: `a ${p.in} parameter ${p.name} that breaks its ${kind}`,
      entry:
        p.in === 'header'
          ? { ...base, headers: { [p.name.toLowerCase()]: value } }
          : { ...base, params: { [p.in]: { [p.name]: value } } },
      want: [{ side: 'request', location: `${p.in}.${p.name}`, kind }],
    });
  }
  const body = deref(api.document, operation.raw.requestBody, '')?.value;
  const media = body && isObject(body.content) ? body.content['application/json'] : undefined;
  const schema = isObject(media) ? deref(api.document, media.schema, '')?.value : undefined;
  if (schema === undefined) return rows;
  const properties = Object.entries(isObject(schema.properties) ? schema.properties : {}).map(
    ([name, raw]) => [name, deref(api.document, raw, '')?.value ?? {}] as const,
  );
  const valid = isObject(smallest.bodyValue) ? smallest.bodyValue : {};
  const typed = properties.find(([, s]) => typesOf(s).length > 0);
  if (typed)
    rows.push({
      name: `a body property ${typed[0]} of the wrong type`,
      entry: { ...base, body: { ...valid, [typed[0]]: wrongValueFor(typesOf(typed[1])) } },
      want: [{ side: 'request', location: `body.${typed[0]}`, kind: 'type' }],
    });
  const enumerated = properties.find(([, s]) => Array.isArray(s.enum) && typesOf(s).includes('string'));
  if (enumerated)
    rows.push({
      name: `a body property ${enumerated[0]} off its enum`,
      entry: { ...base, body: { ...valid, [enumerated[0]]: MARKER } },
      want: [{ side: 'request', location: `body.${enumerated[0]}`, kind: 'enum' }],
    });
  const closed = (['additionalProperties', 'unevaluatedProperties'] as const).find(
    (k) => schema[k] === false,
  );
  if (closed)
    rows.push({
      name: 'an undocumented body property',
      entry: { ...base, body: { ...valid, zz_undocumented: MARKER } },
      want: [{ side: 'request', location: 'body.zz_undocumented', kind: closed }],
    });
  const required = Array.isArray(schema.required) ? schema.required : [];
  if (required.length > 0)
    rows.push({
      name: 'a body without its required properties',
      entry: { ...base, body: {} },
      want: required.map((property) => ({
        side: 'request',
        location: `body.${String(property)}`,
        kind: 'required',
      })),
    });
  if (body?.required === true) {
    const { body: _none, ...without } = base;
    rows.push({
      name: 'no body where one is required',
      entry: without,
      want: [{ side: 'request', location: 'body', kind: 'required' }],
    });
  }
  return rows;
}

interface Run {
  code: number;
  report: VerifyReport;
  /** Everything the command printed, and the report as text. */
  printed: string;
  /** The rows that reached the upstream, by name. */
  received: string[];
}

/** The command, once, on a requests file of the rows, against a fake upstream answering as documented. */
async function verifyRows(
  name: string,
  root: string,
  rows: Row[],
  env: Record<string, string>,
): Promise<Run> {
  const api = await loadApi(specSource(name, root));
  const answer = conformingResponse(api, api.operations[0]!.model.operationId);
  const fake = await startFakeVendor(api.operations[0]!.model, () => ({ status: 200, body: answer ?? {} }));
  const dir = await mkdtemp(join(tmpdir(), 'verify-request-checks-'));
  try {
    const file = join(dir, 'requests.json');
    const entries = rows.map((row) => ({
      name: row.name,
      ...row.entry,
      headers: { ...row.entry.headers, 'x-row': row.name },
    }));
    await writeFile(file, JSON.stringify(entries));
    const { io, out, err } = captureIo(env);
    const ctx = parseCommand(verify, [name, '--upstream', fake.url, '--requests', file, '--json'], io);
    const code = await handleVerify({ ...ctx, root }, io);
    expect(err.join('')).toBe('');
    const report = JSON.parse(out.join('')) as VerifyReport;
    return {
      code,
      report,
      printed: out.join('') + formatReport(report),
      received: fake.received.map((request) => String(request.headers['x-row'])),
    };
  } finally {
    await fake.close();
    await removeDir(dir);
  }
}

/** A row's result: its violations, worded as a response's are, and not sent when it has any. */
function expectRow(run: Run, rows: Row[], index: number) {
  const row = rows[index]!;
  const result = run.report.results[index]!;
  expect(result.name).toBe(row.name);
  expect(result.violations.map(where)).toEqual(row.want);
  expect(result.sent).toBe(row.want.length === 0 ? undefined : false);
  for (const violation of result.violations)
    expect(violation.message).toMatch(/^expected .+, got \w+ \(specs\/[\w-]+\.yaml:\d+:\d+\)$/);
}

/** What a whole run holds to: only the clean rows sent, the exit code, nothing secret printed. */
function expectRun(run: Run, rows: Row[], env: Record<string, string>) {
  expect(run.report.results.map((r) => r.name)).toEqual(rows.map((row) => row.name));
  expect(run.received).toEqual(rows.filter((row) => row.want.length === 0).map((row) => row.name));
  expect(run.code).toBe(rows.some((row) => row.want.length > 0) ? 1 : 0);
  for (const secret of [MARKER, String(MARKER_NUMBER), ...Object.values(env)])
    expect(run.printed).not.toContain(secret);
}

/**
 * The runs of the file, each added by its describe as it is collected and all started together
 * before the first test: each waits on its Prism and its upstream, not on the others'.
 */
const runStarts: (() => void)[] = [];

/** `start` begun beside the file's other runs; what its describe's set-up awaits. */
function startedWithOthers(start: () => Promise<Run>): () => Promise<Run> {
  let run: Promise<Run> | undefined;
  runStarts.push(() => {
    run = start();
    // Awaited by its describe's set-up, which reports a failure; not unhandled meanwhile.
    run.catch(() => undefined);
  });
  return () => run!;
}

beforeAll(() => {
  for (const start of runStarts) start();
});

/** Every API, with its credentials and rows. */
const apis = await Promise.all(
  knownApis().map(async (name) => {
    const api = await loadApi(specSource(name));
    const env = credentials(api);
    return [name, { env, rows: rowsFor(api, env) }] as const;
  }),
);

describe.each(apis)('%s', (name, { env, rows }) => {
  let run: Run;
  const started = startedWithOthers(() => verifyRows(name, PROJECT_ROOT, rows, env));
  beforeAll(async () => {
    run = await started();
  });

  it.each(rows.map((row, index) => [row.name, index] as const))('%s', (_name, index) => {
    expectRow(run, rows, index);
  });

  it('sends the requests that keep the spec and no other, exits 1, and prints no offending value or credential', () => {
    // A passing row, and at least one of each of the body's kinds the spec writes.
    expect(rows.length).toBeGreaterThan(2);
    expectRun(run, rows, env);
  });
});

/** An API whose parameters are typed in every location, each with a rule to break. */
const TYPED = oneOperationSpec({
  path: '/items/{item_id}',
  document: {
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ItemId: { type: 'integer', minimum: 1 } },
    },
  },
  pathItem: {
    parameters: [
      { name: 'item_id', in: 'path', required: true, schema: { $ref: '#/components/schemas/ItemId' } },
    ],
  },
  operation: {
    operationId: 'updateItem',
    parameters: [
      { name: 'limit', in: 'query', required: true, schema: { type: 'integer', maximum: 100 } },
      { name: 'verbose', in: 'query', schema: { type: 'boolean' } },
      {
        name: 'flags',
        in: 'query',
        explode: false,
        schema: { type: 'array', items: { type: 'boolean' } },
      },
      { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer' } } },
      { name: 'filter', in: 'query', style: 'deepObject', explode: true, schema: { type: 'object' } },
      { name: 'X-Page', in: 'header', schema: { type: 'integer', minimum: 1 } },
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: { name: { type: 'string' }, count: { type: 'integer' } },
          },
        },
      },
    },
    responses: {
      '200': {
        description: 'ok',
        content: {
          'application/json': {
            schema: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } },
            example: { ok: true },
          },
        },
      },
    },
  },
});

describe('a spec whose parameters are typed in every location', () => {
  const env = { TYPED_TOKEN: 'secret-typed-token-5b1e0d' };
  const body = { name: 'n' };
  const entry = (more: RequestEntry): RequestEntry => ({
    params: { path: { item_id: '42' }, query: { limit: '100' } },
    body,
    ...more,
  });
  const broken = (location: string, kind: string) => [{ side: 'request' as const, location, kind }];
  const rows: Row[] = [
    {
      name: 'integers, a boolean, an array and a header given as text pass',
      entry: entry({
        params: { path: { item_id: '42' }, query: { limit: '100', verbose: 'true', flags: 'true,false' } },
        headers: { 'x-page': '3' },
      }),
      want: [],
    },
    {
      name: 'a path integer given as a word',
      entry: entry({ params: { path: { item_id: MARKER }, query: { limit: '1' } } }),
      want: broken('path.item_id', 'type'),
    },
    {
      name: 'a path integer below its minimum',
      entry: entry({ params: { path: { item_id: `-${MARKER_NUMBER}` }, query: { limit: '1' } } }),
      want: broken('path.item_id', 'minimum'),
    },
    {
      name: 'a query integer above its maximum',
      entry: entry({ params: { path: { item_id: '1' }, query: { limit: String(MARKER_NUMBER) } } }),
      want: broken('query.limit', 'maximum'),
    },
    {
      name: 'a required query parameter left out',
      entry: entry({ params: { path: { item_id: '1' } } }),
      want: broken('query.limit', 'required'),
    },
    {
      name: 'a query boolean given as a word',
      entry: entry({ params: { path: { item_id: '1' }, query: { limit: '1', verbose: MARKER } } }),
      want: broken('query.verbose', 'type'),
    },
    {
      name: 'an item of a query array given as a word',
      entry: entry({ params: { path: { item_id: '1' }, query: { limit: '1', flags: `true,${MARKER}` } } }),
      want: broken('query.flags.1', 'type'),
    },
    {
      name: 'an exploded query array given more than once passes',
      entry: entry({ params: { path: { item_id: '1' }, query: { limit: '1', ids: ['1', '2'] } } }),
      want: [],
    },
    {
      name: 'an item of an exploded query array given as a word',
      entry: entry({ params: { path: { item_id: '1' }, query: { limit: '1', ids: ['1', MARKER] } } }),
      want: broken('query.ids.1', 'type'),
    },
    {
      name: 'a header integer given as a word',
      entry: entry({ headers: { 'x-page': MARKER } }),
      want: broken('header.X-Page', 'type'),
    },
    {
      name: 'a body property of the wrong type',
      entry: entry({ body: { name: 'n', count: MARKER } }),
      want: broken('body.count', 'type'),
    },
    {
      name: 'a deepObject query parameter is left to Prism, with a note',
      entry: entry({ params: { path: { item_id: '1' }, query: { limit: '1', 'filter[mode]': 'x' } } }),
      want: [],
    },
  ];
  let root: string;
  let run: Run;
  const started = startedWithOthers(async () => {
    root = await mkdtemp(join(tmpdir(), 'verify-typed-'));
    await mkdir(join(root, 'specs'));
    await writeFile(join(root, 'specs', 'typed.yaml'), stringify(TYPED));
    return verifyRows('typed', root, rows, env);
  });
  beforeAll(async () => {
    run = await started();
  });
  afterAll(async () => {
    if (root) await removeDir(root);
  });

  it.each(rows.map((row, index) => [row.name, index] as const))('%s', (_name, index) => {
    expectRow(run, rows, index);
  });

  it('sends the requests that keep the spec and no other, exits 1, and prints no offending value or credential', () => {
    expectRun(run, rows, env);
  });

  it('hides the offending value in the target it prints, and shows the others', () => {
    const target = (name: string) => run.report.results.find((result) => result.name === name)!.target;
    expect(target('a path integer given as a word')).toBe('/items/{item_id}?limit=1');
    expect(target('a query integer above its maximum')).toBe('/items/1?limit={limit}');
    expect(target('an item of an exploded query array given as a word')).toBe('/items/1?limit=1&ids={ids}');
    expect(target('an exploded query array given more than once passes')).toBe(
      '/items/1?limit=1&ids=1&ids=2',
    );
    expect(target('integers, a boolean, an array and a header given as text pass')).toBe(
      '/items/42?limit=100&verbose=true&flags=true%2Cfalse',
    );
  });

  it('notes a parameter it cannot read', () => {
    const result = run.report.results.find((each) => each.name.startsWith('a deepObject'))!;
    expect(result.notes).toEqual([
      'verify does not read the query parameter filter (an object in the query): Prism checks it',
    ]);
  });
});
