/**
 * A document with the shapes published APIs have (the `vendor-shapes` fixture: uploads, forms, bytes,
 * text, event streams, Twilio-style `pattern` identifiers, OAuth 2 beside OpenID Connect, basic),
 * generated and served by Prism: each operation passes the generic contract check, and the mock
 * command's banner gives each one a curl line the mock accepts, or says why it has none.
 */
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi, type LoadedApi } from '../../src/mock/api.js';
import { mockBanner } from '../../src/mock/command.js';
import { startMock } from '../../src/mock/mock-document.js';
import type { PrismServer } from '../../src/mock/prism.js';
import { readPackageModel } from '../../src/model/package-model.js';
import { generate, HERE, PROJECT_ROOT, removeTemporaryDirs, temporaryProject } from '../pipeline/helpers.js';
import { testCredentials } from './clients.js';
import { genericCheck } from './generic-check.js';

const FIXTURE = join(HERE, 'fixtures', 'vendor-shapes');

let packageDir: string;
let api: LoadedApi;
let prism: PrismServer | undefined;
beforeAll(async () => {
  const root = await temporaryProject({});
  await cp(FIXTURE, join(root, 'specs'), { recursive: true });
  const result = await generate(root, { runtimeDir: join(PROJECT_ROOT, 'src', 'runtime') });
  if (result.code !== 0) throw new Error(result.output);
  packageDir = join(root, 'generated', 'studio');
  const path = join(packageDir, 'openapi.json');
  api = await loadApi({ api: 'studio', path, displayPath: 'generated/studio/openapi.json', bundled: true });
  prism = await startMock(api, {});
});
afterAll(async () => {
  await prism?.stop();
  await removeTemporaryDirs();
});

/** The operation names the banner lists, each with its curl line or why it has none. */
function bannerEntries(banner: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const block of banner.split('\n\n')) {
    const name = /^(\w+): [A-Z]+ \//.exec(block)?.[1];
    const line = /^ {2}(try: .*|no curl line: .*)$/m.exec(block)?.[1];
    if (name !== undefined && line !== undefined) entries.set(name, line);
  }
  return entries;
}

describe('the generic contract check, on published shapes', () => {
  it('accepts each operation of the fixture, decoded as the client says', async () => {
    const { createStudioClient } = (await import(pathToFileURL(join(packageDir, 'index.js')).href)) as {
      createStudioClient: (options: object) => Record<string, unknown>;
    };
    const model = await readPackageModel(packageDir);
    const client = createStudioClient({ ...testCredentials(model), baseUrl: prism!.url, maxRetries: 0 });
    const check = genericCheck(api);
    const results: Record<string, { got: string; want: string }> = {};
    for (const operation of api.operations)
      results[operation.model.operationId] = await check(operation, client);
    expect(Object.keys(results)).toHaveLength(api.operations.length);
    for (const [operationId, { got, want }] of Object.entries(results))
      expect(`${operationId}: ${got}`).toBe(`${operationId}: ${want}`);
  });
});

describe("the mock's banner", () => {
  it('gives every operation a curl line that the mock accepts: JSON, forms, files, bytes, patterns', async () => {
    const entries = bannerEntries(mockBanner(api, prism!.url, { dynamic: false }));
    expect([...entries.keys()].sort()).toEqual(api.operations.map((o) => o.model.operationId).sort());
    const statuses: Record<string, string> = {};
    for (const [operationId, line] of entries) {
      expect(line).toMatch(/^try: curl /);
      const { stdout } = await promisify(execFile)('sh', [
        '-c',
        `${line.slice('try: '.length)} --silent --output /dev/null --write-out '%{http_code}'`,
      ]);
      statuses[operationId] = stdout;
    }
    // What each operation documents as its success, so a 4xx or 5xx from Prism names the line.
    expect(statuses).toEqual(
      Object.fromEntries(api.operations.map((o) => [o.model.operationId, String(o.model.successStatus)])),
    );
  });

  it('lists an operation whose sample cannot be made without a curl line, and the others with theirs', () => {
    const document = structuredClone(api.document) as typeof api.document;
    const parameter = (document.paths as Record<string, { parameters: { schema: object }[] }>)[
      '/calls/{call_id}/transcript'
    ]!.parameters[0]!;
    parameter.schema = { type: 'string', pattern: '^(?!CA)[A-Z]{2}\\d+$' };
    const entries = bannerEntries(mockBanner({ ...api, document }, 'http://127.0.0.1:1', { dynamic: false }));
    expect(entries.get('getTranscript')).toBe(
      'no curl line: #/paths/~1calls~1{call_id}~1transcript/parameters/0/schema: cannot make up a string matching ^(?!CA)[A-Z]{2}\\d+$; add `examples` to the schema (verify also takes requests from a --requests file)',
    );
    expect([...entries.values()].filter((line) => line.startsWith('try: curl '))).toHaveLength(
      api.operations.length - 1,
    );
  });
});
