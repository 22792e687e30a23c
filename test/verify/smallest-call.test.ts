/**
 * `smallestCall`: the arguments of a generated client's method for an operation's smallest valid
 * request, its body as the client takes it for the media type it sends.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi, type LoadedApi } from '../../src/mock/api.js';
import { mockBanner } from '../../src/mock/command.js';
import { pathParameterValues, smallestCall } from '../../src/mock/sample-requests.js';
import { contractChecker } from '../../src/verify/contract-checks.js';
import { planRequests } from '../../src/verify/plan.js';
import { removeDir } from '../support/files.js';

const files = { type: 'array', items: { type: 'string', format: 'binary' } };
const body = (type: string, schema: object) => ({
  requestBody: { required: true, content: { [type]: { schema } } },
  responses: { '204': { description: 'done' } },
});
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Calls', version: '1' },
  paths: {
    '/voices/{voice_id}': {
      parameters: [
        { name: 'voice_id', in: 'path', required: true, schema: { type: 'string', pattern: '^v_[a-z]{3}$' } },
      ],
      post: {
        operationId: 'cloneVoice',
        parameters: [
          { name: 'dry_run', in: 'query', required: true, schema: { type: 'boolean' } },
          { name: 'X-Region', in: 'header', required: true, schema: { enum: ['eu', 'us'] } },
          { name: 'note', in: 'query', schema: { type: 'string' } },
        ],
        ...body('multipart/form-data', {
          type: 'object',
          required: ['name', 'samples'],
          properties: {
            name: { type: 'string' },
            samples: files,
            cover: { type: 'string', format: 'binary' },
          },
        }),
      },
    },
    '/sources': {
      post: {
        operationId: 'addSources',
        ...body('multipart/form-data', {
          type: 'object',
          properties: {
            texts: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' } } } },
            files,
            urls: { type: 'array', items: { type: 'string' } },
          },
        }),
      },
    },
    '/calls': {
      post: {
        operationId: 'createCall',
        ...body('application/x-www-form-urlencoded', {
          type: 'object',
          required: ['To', 'Events', 'Definition'],
          properties: {
            To: { type: 'string', examples: ['+15550100'] },
            Events: { type: 'array', maxItems: 1, items: { type: 'string' } },
            // Twilio Studio's flow: a schema of no type, whose `{}` a form would not send.
            Definition: { description: 'JSON representation of the flow.' },
          },
        }),
      },
    },
    '/listings': {
      get: {
        operationId: 'listListings',
        parameters: [
          { name: 'ids', in: 'query', required: true, schema: { type: 'array', items: { type: 'string' } } },
        ],
        responses: { '204': { description: 'done' } },
      },
    },
    // Lufthansa's required Accept header: made up, it was text Prism cannot read as a media type,
    // and Prism's mock stopped at the first such request.
    '/reports': {
      get: {
        operationId: 'getReport',
        parameters: [{ name: 'Accept', in: 'header', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'ok', content: { 'application/xml': { schema: { type: 'string' } } } },
        },
      },
    },
    '/samples': {
      put: { operationId: 'uploadSample', ...body('audio/wav', { type: 'string', format: 'binary' }) },
    },
    '/notes': {
      put: { operationId: 'putNote', ...body('text/plain', { type: 'string', examples: ['hello'] }) },
    },
    '/agents': {
      post: {
        operationId: 'createAgent',
        ...body('application/json', {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' } },
        }),
      },
    },
  },
};

let dir: string;
let api: LoadedApi;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smallest-call-'));
  const path = join(dir, 'calls.json');
  await writeFile(path, JSON.stringify(SPEC));
  api = await loadApi({ api: 'calls', path, displayPath: 'calls.json', bundled: true });
});
afterAll(() => removeDir(dir));

/** A call with each Blob shown as `Blob(type, text)`, to compare. */
async function shown(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return `Blob(${value.type}, ${await value.text()})`;
  if (Array.isArray(value)) return Promise.all(value.map(shown));
  if (value && typeof value == 'object')
    return Object.fromEntries(
      await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await shown(v)])),
    );
  return value;
}

describe('smallestCall', () => {
  it.each<[string, unknown]>([
    [
      'cloneVoice',
      {
        path: { voice_id: 'v_aaa' },
        query: { dry_run: 'false' },
        header: { 'x-region': 'eu' },
        body: {
          name: 'x',
          samples: ['Blob(application/octet-stream, x)', 'Blob(application/octet-stream, x)'],
        },
      },
    ],
    [
      'addSources',
      { body: { files: ['Blob(application/octet-stream, x)', 'Blob(application/octet-stream, x)'] } },
    ],
    ['createCall', { body: { To: '+15550100', Events: ['x'], Definition: 'x' } }],
    // A required list of no minItems: one item, as an empty one would send nothing.
    ['listListings', { query: { ids: ['x'] } }],
    ['getReport', { header: { accept: 'application/xml' } }],
    ['uploadSample', { body: 'Blob(audio/wav, x)' }],
    ['putNote', { body: 'hello' }],
    ['createAgent', { body: { name: 'x' } }],
  ])('%s', async (operationId, want) => {
    const operation = api.operations.find((o) => o.model.operationId === operationId)!;
    const call = smallestCall(api, operation, pathParameterValues(api, operation, {}).values);
    expect(await shown(call)).toEqual(want);
  });
});

/**
 * Array query parameters in the smallest request verify sends and the mock's curl line: an exploded
 * one's items each a pair of their own, another's joined as its style says, so that what goes out
 * keeps the spec (and the clients' request checks find nothing).
 */
describe('the smallest request of array query parameters', () => {
  const items = { type: 'array', minItems: 2, items: { type: 'integer', minimum: 3 } };
  const LISTS = {
    openapi: '3.1.0',
    info: { title: 'Lists', version: '1' },
    paths: {
      '/calls': {
        get: {
          operationId: 'listCalls',
          parameters: [
            { name: 'ids', in: 'query', required: true, schema: items },
            {
              name: 'tags',
              in: 'query',
              required: true,
              style: 'pipeDelimited',
              explode: false,
              schema: items,
            },
            { name: 'near', in: 'query', required: true, explode: false, schema: items },
          ],
          responses: { '204': { description: 'none' } },
        },
      },
    },
  };
  let lists: LoadedApi;
  beforeAll(async () => {
    const path = join(dir, 'lists.json');
    await writeFile(path, JSON.stringify(LISTS));
    lists = await loadApi({ api: 'lists', path, displayPath: 'lists.json', bundled: true });
  });

  it('sends each as its style says, and the request checks find nothing', async () => {
    const [request] = planRequests(lists, {}).requests;
    expect(request!.target).toBe('/calls?ids=3&ids=3&tags=3%7C3&near=3%2C3');
    const contract = contractChecker(lists, 'lists.json', () => undefined);
    expect((await contract.request(request!)).violations).toEqual([]);
  });

  it('gives the client each exploded one as a list', () => {
    const operation = lists.operations[0]!;
    expect(smallestCall(lists, operation, {}).query).toEqual({ ids: ['3', '3'], tags: '3|3', near: '3,3' });
  });
});

/**
 * AWS's JSON protocols tell operations apart by a header (X-Amz-Target) and write it after a `#` in
 * each path: `/#X-Amz-Target=ACMPrivateCA.CreatePermission`. No request carries a fragment, and
 * Prism routes by path and method alone, so the mock answers every such call 404: the banner says
 * so where it would give a curl line, and gives the others theirs.
 */
describe("the mock's banner, for operations told apart after '#' or '?'", () => {
  const target = (name: string) => ({
    post: {
      operationId: name,
      parameters: [{ name: 'X-Amz-Target', in: 'header', required: true, schema: { enum: [`CA.${name}`] } }],
      responses: { '200': { description: 'ok' } },
    },
  });
  const AWS = {
    openapi: '3.1.0',
    info: { title: 'Targets', version: '1' },
    paths: {
      '/#X-Amz-Target=CA.Create': target('Create'),
      '/#X-Amz-Target=CA.Delete': target('Delete'),
      '/health': { get: { operationId: 'health', responses: { '204': { description: 'ok' } } } },
      // Flickr's methods, a query in each path key.
      '/rest?method=flickr.photos.search': {
        get: { operationId: 'search', responses: { '204': { description: 'ok' } } },
      },
    },
  };
  it('names them, and why the mock cannot serve them', async () => {
    const path = join(dir, 'aws.json');
    await writeFile(path, JSON.stringify(AWS));
    const aws = await loadApi({ api: 'aws', path, displayPath: 'aws.json', bundled: true });
    const banner = mockBanner(aws, 'http://127.0.0.1:1', { dynamic: false });
    const why =
      "  no curl line: the mock cannot serve it: its path goes on after '#' (which no request carries), and Prism routes by path and method alone, finding no route for POST / (2 operations differ only after '#')";
    expect(banner).toContain(`create: POST /#X-Amz-Target=CA.Create\n  credentials: none\n${why}\n`);
    expect(banner).toContain(`delete: POST /#X-Amz-Target=CA.Delete\n  credentials: none\n${why}\n`);
    expect(banner).toContain(
      "search: GET /rest?method=flickr.photos.search\n  credentials: none\n  no curl line: the mock cannot serve it: its path goes on after '?' (a query, which Prism does not route by), and Prism routes by path and method alone, finding no route for GET /rest\n",
    );
    expect(banner).toContain(
      'health: GET /health\n  credentials: none\n  try: curl -X GET http://127.0.0.1:1/health\n',
    );
  });
});
