/** The `--requests` file: what it accepts, and a message naming the entry and field for each mistake. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequestsFile, type RequestEntry } from '../../src/verify/requests-file.js';
import { removeDir } from '../support/files.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-requests-'));
});

afterAll(async () => {
  if (dir) await removeDir(dir);
});

async function read(content: string): Promise<RequestEntry[]> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, content);
  return readRequestsFile(path, 'requests.json');
}

describe('readRequestsFile accepts', () => {
  const rows: [string, { given: unknown; want: RequestEntry[] }][] = [
    ['an empty request', { given: [{}], want: [{}] }],
    [
      'every field',
      {
        given: [
          {
            name: 'rename',
            operation: 'updateAgent',
            params: { path: { agent_id: 'a' }, query: { page: 2, dry: true } },
            headers: { 'X-Trace': 't' },
            body: { name: 'Reception' },
          },
        ],
        want: [
          {
            name: 'rename',
            operation: 'updateAgent',
            params: { path: { agent_id: 'a' }, query: { page: '2', dry: 'true' } },
            headers: { 'x-trace': 't' },
            body: { name: 'Reception' },
          },
        ],
      },
    ],
    ['a body that is an array', { given: [{ body: [] }], want: [{ body: [] }] }],
    [
      'a query parameter given more than once, as a list',
      {
        given: [{ params: { query: { ids: [1, 'b'] } } }],
        want: [{ params: { query: { ids: ['1', 'b'] } } }],
      },
    ],
    [
      'parameters named __proto__ and constructor, each its own',
      {
        given: JSON.parse('[{"params": {"path": {"__proto__": "p"}, "query": {"constructor": ["c"]}}}]'),
        want: [{ params: JSON.parse('{"path": {"__proto__": "p"}, "query": {"constructor": ["c"]}}') }],
      },
    ],
  ];

  it.each(rows)('%s', async (_name, { given, want }) => {
    expect(await read(JSON.stringify(given))).toEqual(want);
  });

  it('a file that starts with a byte order mark', async () => {
    expect(await read('\uFEFF[{"name": "bom"}]')).toEqual([{ name: 'bom' }]);
  });
});

describe('readRequestsFile rejects', () => {
  const rows: [string, { given: string; want: string }][] = [
    ['text that is not JSON', { given: '[{', want: 'requests.json: not valid JSON' }],
    [
      'an object instead of a list',
      { given: '{"body": {}}', want: 'requests.json: expected a JSON array of requests' },
    ],
    ['an empty list', { given: '[]', want: 'requests.json: the array is empty' }],
    ['an entry that is not an object', { given: '[1]', want: 'requests.json[0]: expected an object' }],
    ['a misspelt field', { given: '[{}, {"bdy": {}}]', want: 'requests.json[1]: unknown field "bdy"' }],
    [
      'an empty name',
      { given: '[{"name": ""}]', want: 'requests.json[0].name: expected a non-empty string' },
    ],
    [
      'headers under params',
      { given: '[{"params": {"header": {}}}]', want: 'requests.json[0].params: unknown location "header"' },
    ],
    [
      'a nested parameter value',
      {
        given: '[{"params": {"path": {"agent_id": {"id": 1}}}}]',
        want: 'requests.json[0].params.path.agent_id: expected a string, number or boolean',
      },
    ],
    [
      'a list in the path',
      {
        given: '[{"params": {"path": {"agent_id": ["a"]}}}]',
        want: 'requests.json[0].params.path.agent_id: expected a string, number or boolean, got',
      },
    ],
    [
      'a list of lists in the query',
      {
        given: '[{"params": {"query": {"ids": [["a"]]}}}]',
        want: 'requests.json[0].params.query.ids: expected a string, number or boolean, or a list of them',
      },
    ],
    [
      'a header value with a line break',
      {
        given: '[{"headers": {"authorization": "Bearer tok\\nX-Evil: 1"}}]',
        want: 'requests.json[0].headers.authorization: cannot be sent in a header: it holds a line break, a control character or a character outside Latin-1',
      },
    ],
    [
      'a header value outside Latin-1',
      {
        given: '[{"headers": {"x-api-key": "tok€"}}]',
        want: 'requests.json[0].headers.x-api-key: cannot be sent in a header',
      },
    ],
    [
      'a header name with a space',
      { given: '[{"headers": {"x key": "v"}}]', want: 'requests.json[0].headers.x key: not a header name' },
    ],
    // Prism drops a null body but keeps its Content-Length: the upstream would wait for it forever.
    [
      'a null body',
      {
        given: '[{}, {"body": null}]',
        want: 'requests.json[1].body: null is not a request body; leave "body" out to send none',
      },
    ],
    [
      'a false body',
      { given: '[{"body": false}]', want: "requests.json[0].body: Prism's proxy cannot forward false" },
    ],
    [
      'a zero body',
      { given: '[{"body": 0}]', want: "requests.json[0].body: Prism's proxy cannot forward 0" },
    ],
    // Prism would send it without its quotes: not the JSON the file holds.
    [
      'a string body',
      { given: '[{"body": "x"}]', want: `requests.json[0].body: Prism's proxy cannot forward "x"` },
    ],
    [
      'headers as a list',
      { given: '[{"headers": ["a"]}]', want: 'requests.json[0].headers: expected an object' },
    ],
  ];

  it.each(rows)('%s', async (_name, { given, want }) => {
    await expect(read(given)).rejects.toThrow(want);
  });

  it('never quotes a header value (it may be a credential)', async () => {
    await expect(read('[{"headers": {"authorization": "s3cret\\u20ac"}}]')).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });

  it('lists the first 20 mistakes of many, then how many more', async () => {
    const message = await read(JSON.stringify(Array.from({ length: 200_000 }, () => 1))).catch(
      (error: Error) => error.message,
    );
    const lines = (message as string).split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[19]).toBe(
      'requests.json[19]: expected an object with name, operation, params, headers, body',
    );
    expect(lines[20]).toBe('… and 199980 more');
  });

  it('a file that does not exist', async () => {
    await expect(readRequestsFile(join(dir, 'missing.json'), 'missing.json')).rejects.toThrow(
      /--requests: cannot read missing\.json: ENOENT/,
    );
  });

  it('every mistake at once', async () => {
    await expect(read('[{"bdy": 1}, {"name": 2}]')).rejects.toThrow(
      'requests.json[0]: unknown field "bdy" (fields: name, operation, params, headers, body)\n' +
        'requests.json[1].name: expected a non-empty string',
    );
  });
});
