/**
 * `npm run import` in-process on temporary projects (a transcribed `ping`, and Swagger's petstore,
 * published and generated): what it writes, what it prints, and every bad input refused with
 * file:line (or the option) and what is wrong, changing nothing. The same bad documents put in
 * place of an imported one are refused by `generate`, which leaves `generated/` as it was.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleDiff, type DiffArgs } from '../../src/pipeline/orchestration/diff.js';
import {
  copyTree,
  generate,
  HERE as PIPELINE,
  readTree,
  removeTemporaryDirs,
  runInProject,
  stubRuntimeDir,
  temporaryProject,
  threadsFromCompiledBuild,
  writeProjectConfig,
  type RunResult,
} from '../pipeline/helpers.js';
import { CORPUS, runImport as importIn } from '../corpus/helpers.js';

const PETSTORE = await readFile(new URL('petstore.yaml', CORPUS), 'utf8');
const PETSTORE_JSON = `${JSON.stringify(parse(PETSTORE), null, 2)}\n`;

/** `npm run import` in `root`, with the stub runtime the packages here are generated with. */
const runImport = async (root: string, source: string, name: string, overlay?: string): Promise<RunResult> =>
  importIn(root, source, name, { overlay, runtimeDir: await stubRuntimeDir() });

/** `npm run generate` in `root`, with the project's own redocly.yaml. */
const generateIn = (root: string) => generate(root, { configPath: join(root, 'redocly.yaml') });

/** specs/, redocly.yaml and generated/: what a refused import or generate must leave as it was. */
async function projectTree(root: string): Promise<Map<string, Buffer>> {
  const tree = new Map<string, Buffer>();
  for (const folder of ['specs', 'generated']) {
    for (const [file, bytes] of await readTree(join(root, folder))) tree.set(`${folder}/${file}`, bytes);
  }
  tree.set('redocly.yaml', await readFile(join(root, 'redocly.yaml')));
  return tree;
}

/** ping (transcribed) and petstore (imported from the corpus), both generated. */
let pristine: string;

beforeAll(async () => {
  pristine = await temporaryProject({
    'ping.yaml': await readFile(join(PIPELINE, 'fixtures', 'minimal', 'ping.yaml')),
  });
  await writeProjectConfig(pristine, ['ping']);
  await mkdir(join(pristine, 'vendor'));
  await writeFile(join(pristine, 'vendor', 'petstore.yaml'), PETSTORE);
  const imported = await runImport(pristine, 'vendor/petstore.yaml', 'petstore');
  expect(imported.code, imported.output).toBe(0);
  const generated = await generateIn(pristine);
  expect(generated.code, generated.output).toBe(0);
});
afterAll(removeTemporaryDirs);
// A large document's example lint (Vapi's) in a thread from the compiled bundles, as under `npm run`.
threadsFromCompiledBuild();

async function copyOfPristine(): Promise<string> {
  const root = await temporaryProject({});
  for (const folder of ['specs', 'generated', 'vendor'])
    await copyTree(join(pristine, folder), join(root, folder));
  await writeFile(join(root, 'redocly.yaml'), await readFile(join(pristine, 'redocly.yaml')));
  return root;
}

describe('a new API', () => {
  it('writes the document byte for byte, its source record and its apis entry; prints what generate will do', async () => {
    const root = await copyOfPristine();
    await writeFile(join(root, 'vendor', 'pets.json'), PETSTORE_JSON);

    const result = await runImport(root, 'vendor/pets.json', 'pets');

    expect(result.code, result.output).toBe(0);
    expect(await readFile(join(root, 'specs/published/pets/openapi.json'), 'utf8')).toBe(PETSTORE_JSON);
    const record = JSON.parse(await readFile(join(root, 'specs/published/pets/source.json'), 'utf8'));
    expect(record).toEqual({
      source: 'vendor/pets.json',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      imported: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      document: 'openapi.json',
    });
    const config = parse(await readFile(join(root, 'redocly.yaml'), 'utf8'));
    expect(config.apis.pets).toEqual({
      root: 'specs/published/pets/openapi.json',
      extends: ['voice-agent-sdks/published'],
    });
    // The other entries as they were.
    expect(config.apis.ping).toEqual({ root: 'specs/ping.yaml' });
    expect(result.info[0]).toMatch(
      /^vendor\/pets\.json: OpenAPI 3\.0 in JSON, \d+\.\d kB, 3 operations, sha256 [0-9a-f]{64}$/,
    );
    expect(result.info).toContain(
      '  warning security-defined: 3×, the first at vendor/pets.json:17:7: Every operation should have security defined on it or on the root level.',
    );
    expect(result.info.at(-1)).toBe(
      'Next: `npm run generate -- pets` creates generated/pets/, @voice-agent-sdks/pets 1.0.0: 3 operations (listPets, createPets, showPetById); credentials: none.',
    );

    const generated = await generateIn(root);
    expect(generated.code, generated.output).toBe(0);
    expect(generated.output).toMatch(/✔ \[1\/3\] pets +new at 1\.0\.0/);
    expect((await generateIn(root)).output).toMatch(/✔ 0 generated, 3 unchanged; no file changed/);
  });
});

describe('a newer document of an imported API', () => {
  it('replaces it and prints the change report before anything is generated', async () => {
    const root = await copyOfPristine();
    const newer = PETSTORE.replace('            format: int64', '            format: int32').replace(
      '      required:\n        - id\n        - name\n',
      '      required:\n        - id\n        - name\n        - tag\n',
    );
    await writeFile(join(root, 'vendor', 'petstore-2.yaml'), newer);
    const generatedBefore = await readTree(join(root, 'generated'));

    const result = await runImport(root, 'vendor/petstore-2.yaml', 'petstore');

    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(
      'specs/published/petstore/openapi.yaml compared with the spec generated/petstore was generated from:',
    );
    expect(result.output).toContain('POST /pets request.tag: became required');
    expect(result.output).toContain('Package version: 1.0.0 → 2.0.0');
    expect(await readFile(join(root, 'specs/published/petstore/openapi.yaml'), 'utf8')).toBe(newer);
    expect(await readTree(join(root, 'generated'))).toEqual(generatedBefore);

    expect((await generateIn(root)).output).toMatch(/✔ \[1\/2\] petstore +1\.0\.0 → 2\.0\.0: \d+ breaking/);
  });

  it('the same document again: nothing to import, nothing written', async () => {
    const root = await copyOfPristine();
    const before = await projectTree(root);

    const result = await runImport(root, 'vendor/petstore.yaml', 'petstore');

    expect(result.code).toBe(0);
    expect(result.info).toEqual([
      expect.stringMatching(
        /^specs\/published\/petstore\/openapi\.yaml is already this document \(sha256 [0-9a-f]{64}\): nothing to import\.$/,
      ),
    ]);
    expect(await projectTree(root)).toEqual(before);
  });

  it('in JSON where it was YAML: the YAML copy goes, the entry follows', async () => {
    const root = await copyOfPristine();
    await writeFile(join(root, 'vendor', 'petstore.json'), PETSTORE_JSON);

    const result = await runImport(root, 'vendor/petstore.json', 'petstore');

    expect(result.code, result.output).toBe(0);
    const config = parse(await readFile(join(root, 'redocly.yaml'), 'utf8'));
    expect(config.apis.petstore.root).toBe('specs/published/petstore/openapi.json');
    expect((await readTree(join(root, 'specs/published/petstore'))).has('openapi.yaml')).toBe(false);
    expect((await generateIn(root)).code).toBe(0);
  });
});

describe('a URL', () => {
  /** A vendor's site on 127.0.0.1: each path answers as `routes` says. */
  let site: { url: string; close(): Promise<void> };
  const routes: Record<string, (response: ServerResponse) => void> = {
    // Served as text, as raw file hosts do: the syntax is told by the content.
    '/openapi.json': (response) =>
      void response.writeHead(200, { 'content-type': 'text/plain' }).end(PETSTORE_JSON),
    '/latest': (response) => void response.writeHead(302, { location: '/openapi.json' }).end(),
    '/cut': (response) => {
      response.writeHead(200, { 'content-length': String(PETSTORE_JSON.length) });
      response.write(PETSTORE_JSON.slice(0, 100), () => response.destroy());
    },
    '/docs': (response) =>
      void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>\n<html></html>\n'),
  };

  beforeAll(async () => {
    const server = createServer((request, response) => {
      const route = routes[request.url ?? ''];
      if (route === undefined) response.writeHead(404).end('not found');
      else route(response);
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    site = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise((closed) => server.close(() => closed())),
    };
  });
  afterAll(() => site.close());

  it('is downloaded, followed through a redirect, and recorded as given', async () => {
    const root = await copyOfPristine();

    const result = await runImport(root, `${site.url}/latest`, 'pets');

    expect(result.code, result.output).toBe(0);
    expect(await readFile(join(root, 'specs/published/pets/openapi.json'), 'utf8')).toBe(PETSTORE_JSON);
    const record = JSON.parse(await readFile(join(root, 'specs/published/pets/source.json'), 'utf8'));
    expect(record.source).toBe(`${site.url}/latest`);
    expect(result.info[0]).toMatch(new RegExp(`^${site.url}/latest: OpenAPI 3\\.0 in JSON, `));
  });

  it.each<[string, { path: string; code: number; want: (url: string) => RegExp }]>([
    [
      'a page that is not there',
      {
        path: '/v2/openapi.json',
        code: 2,
        want: (url) => new RegExp(`^error: ${url}: cannot download it: the server answered 404 Not Found$`),
      },
    ],
    [
      'a connection reset halfway through the document',
      {
        path: '/cut',
        code: 2,
        want: (url) => new RegExp(`^error: ${url}: cannot download it: `),
      },
    ],
    [
      'a web page, not a document',
      {
        path: '/docs',
        code: 1,
        want: (url) =>
          new RegExp(
            `^${url}:1:1: not an OpenAPI document: expected a mapping, found the scalar "<!doctype html>`,
          ),
      },
    ],
  ])('%s: refused, naming the URL and what is wrong, nothing written', async (_, { path, code, want }) => {
    const root = await copyOfPristine();
    const before = await projectTree(root);
    const url = `${site.url}${path}`;

    const result = await runImport(root, url, 'pets');

    expect(result.code, result.output).toBe(code);
    expect(result.errors.flatMap((line) => line.split('\n'))).toContainEqual(
      expect.stringMatching(want(url)),
    );
    expect(await projectTree(root)).toEqual(before);
  });

  it('a server that is not there: refused, naming the URL and why, nothing written', async () => {
    const root = await copyOfPristine();
    const before = await projectTree(root);
    // A port that was free a moment ago: nothing listens on it.
    const probe = createServer();
    await new Promise<void>((listening) => probe.listen(0, '127.0.0.1', listening));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((closed) => probe.close(closed));
    const url = `http://127.0.0.1:${port}/openapi.json`;

    const result = await runImport(root, url, 'pets');

    expect(result.code).toBe(2);
    expect(result.errors).toEqual([
      `error: ${url}: cannot download it: connect ECONNREFUSED 127.0.0.1:${port}`,
    ]);
    expect(await projectTree(root)).toEqual(before);
  });
});

describe('npm run diff on a published API', () => {
  /** `npm run diff` in `root`, with its own config. */
  const diffIn = (root: string, args: DiffArgs) => runInProject(root, (ctx) => handleDiff(args, ctx));

  it('compares the vendor’s document in place (replaced by hand) with its package', async () => {
    const root = await copyOfPristine();
    await writeFile(
      join(root, 'specs/published/petstore/openapi.yaml'),
      PETSTORE.replace('      summary: List all pets', '      summary: List every pet'),
    );
    const result = await diffIn(root, { api: 'petstore' });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('  GET /pets: `summary` changed');
    expect(result.output).toContain('Package version: 1.0.0 → 1.0.1');
  });

  it('--base is for transcribed specs: exit 2, saying what to use', async () => {
    const root = await copyOfPristine();
    const result = await diffIn(root, { api: 'petstore', base: 'HEAD' });
    expect(result.code).toBe(2);
    expect(result.errors).toEqual([
      'error: --base: compares a transcribed spec with its history in git; petstore is published: diff compares its document with its package, and `npm run import` of a newer document prints the same report',
    ]);
  });
});

describe('an overlay', () => {
  const overlay = stringify({
    overlay: '1.0.0',
    info: { title: 'Our fixes', version: '1.0.0' },
    actions: [
      { target: '$.paths["/pets"].get', update: { summary: 'List every pet' } },
      { target: '$.components.schemas.Pet.properties.tag', update: { maxLength: 40 } },
    ],
  });

  it('is copied into overlays/, listed in the entry, and applied by generate', async () => {
    const root = await copyOfPristine();
    await writeFile(join(root, 'vendor', 'fix.yaml'), overlay);

    const result = await runImport(root, 'vendor/petstore.yaml', 'petstore', 'vendor/fix.yaml');

    expect(result.code, result.output).toBe(0);
    expect(await readFile(join(root, 'specs/published/petstore/overlays/fix.yaml'), 'utf8')).toBe(overlay);
    const config = parse(await readFile(join(root, 'redocly.yaml'), 'utf8'));
    expect(config.apis.petstore.overlays).toEqual(['specs/published/petstore/overlays/fix.yaml']);
    expect(result.output).toContain('GET /pets: `summary` changed');
    expect((await generateIn(root)).code).toBe(0);
    const bundled = JSON.parse(await readFile(join(root, 'generated/petstore/openapi.json'), 'utf8'));
    expect(bundled.paths['/pets'].get.summary).toBe('List every pet');
    expect(bundled.components.schemas.Pet.properties.tag.maxLength).toBe(40);
  });

  it('in overlays/ but not listed in the entry: generate names it, changing nothing', async () => {
    const root = await copyOfPristine();
    await mkdir(join(root, 'specs/published/petstore/overlays'));
    await writeFile(join(root, 'specs/published/petstore/overlays/fix.yaml'), overlay);
    const before = await readTree(join(root, 'generated'));

    const result = await generateIn(root);

    expect(result.code).toBe(1);
    expect(result.errors).toContain(
      'specs/published/petstore/overlays/fix.yaml: this overlay is not applied: list it under `apis.petstore.overlays` in redocly.yaml (in the order to apply it)',
    );
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });
});

describe('OpenAPI 3.1 that still uses 3.0 keywords', () => {
  it('is read as 3.0 meant it on the first run, says so, and regenerates as a no-op', async () => {
    const root = await copyOfPristine();
    const mixed = PETSTORE.replace('openapi: "3.0.0"', 'openapi: 3.1.0')
      .replace('openapi: 3.0.0', 'openapi: 3.1.0')
      .replace(
        '        tag:\n          type: string\n',
        '        tag:\n          type: string\n          nullable: true\n',
      );
    expect(mixed).toContain('nullable: true');
    await writeFile(join(root, 'vendor', 'mixed.yaml'), mixed);

    const imported = await runImport(root, 'vendor/mixed.yaml', 'mixed');
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toMatch(
      /OpenAPI 3\.0 keywords in a 3\.1 document, read as 3\.0 means them \(nullable 1×; first at vendor\/mixed\.yaml:\d+:\d+\)/,
    );

    const first = await generateIn(root);
    expect(first.code, first.output).toBe(0);
    const bundled = JSON.parse(await readFile(join(root, 'generated/mixed/openapi.json'), 'utf8'));
    expect(bundled.components.schemas.Pet.properties.tag).toEqual({ type: ['string', 'null'] });
    expect((await generateIn(root)).output).toMatch(/no file changed/);
    expect(
      (await generate(root, { configPath: join(root, 'redocly.yaml'), force: true, mode: 'check' })).code,
    ).toBe(0);
  });
});

interface BadInput {
  /** The document, by file name under vendor/ (its extension is its syntax). */
  document: [file: string, text: string | Buffer];
  /** An overlay to import with it (vendor/fix.yaml). */
  overlay?: string;
  name?: string;
  /** The exit code, and a line the error output must hold (file:line or the option, and what). */
  want: { code: number; line: RegExp };
  /** An OpenAPI document that an overlay can fix: import says how. @default false (not OpenAPI 3: no overlay helps) */
  fixable?: true;
  /** For generate: the message when the document is put in place of petstore's (default: `want.line` with the path there). */
  generate?: RegExp | false;
}

const cut = PETSTORE_JSON.slice(0, PETSTORE_JSON.indexOf('"responses"'));

const BAD: [string, BadInput][] = [
  [
    'a JSON file cut short',
    {
      document: ['petstore.json', cut],
      want: {
        code: 1,
        line: /^vendor\/petstore\.json:\d+:\d+: invalid JSON: the text ends inside the object opened at line \d+, column \d+: is the file cut short\?$/,
      },
    },
  ],
  [
    'JSON with a missing comma',
    {
      document: ['petstore.json', PETSTORE_JSON.replace('"3.0.0",', '"3.0.0"')],
      want: {
        code: 1,
        line: /^vendor\/petstore\.json:3:3: invalid JSON: expected ',' or '}' after a member, found "\\""$/,
      },
    },
  ],
  [
    // JSON.parse keeps the second and drops the first without a word, as with a second `get`.
    'JSON with a member named twice in one object',
    {
      document: [
        'petstore.json',
        PETSTORE_JSON.replace('"summary": "List all pets",', '$&\n        "summary": "List every pet",'),
      ],
      want: {
        code: 1,
        line: /^vendor\/petstore\.json:19:9: invalid JSON: duplicate key "summary" \(the first at line 18, column 9\): a JSON reader keeps only one of them; remove or rename the other$/,
      },
    },
  ],
  [
    'Swagger 2.0',
    {
      document: [
        'swagger.json',
        '{\n  "swagger": "2.0",\n  "info": { "title": "x", "version": "1" },\n  "paths": {}\n}\n',
      ],
      want: {
        code: 1,
        line: /^vendor\/swagger\.json:2:3: Swagger 2\.0 is not supported: the pipeline reads OpenAPI 3\.0 and 3\.1 documents/,
      },
    },
  ],
  [
    'a JSON file that is no OpenAPI document',
    {
      document: ['package.json', '{ "name": "pets", "version": "1.0.0" }\n'],
      want: {
        code: 1,
        line: /^vendor\/package\.json:1:1: not an OpenAPI document: the `openapi` field is missing$/,
      },
    },
  ],
  [
    'a YAML list',
    {
      document: ['list.yaml', '- openapi: 3.0.0\n'],
      want: {
        code: 1,
        line: /^vendor\/list\.yaml:1:1: not an OpenAPI document: expected a mapping, found a list$/,
      },
    },
  ],
  [
    'an AsyncAPI document',
    {
      document: ['events.yaml', 'asyncapi: 2.6.0\ninfo: { title: x, version: "1" }\nchannels: {}\n'],
      want: { code: 1, line: /^vendor\/events\.yaml:1:11: an AsyncAPI document, not an OpenAPI one/ },
    },
  ],
  [
    'OpenAPI 3.2',
    {
      document: [
        'petstore.yaml',
        PETSTORE.replace('openapi: "3.0.0"', 'openapi: 3.2.0').replace('openapi: 3.0.0', 'openapi: 3.2.0'),
      ],
      want: {
        code: 1,
        line: /^vendor\/petstore\.yaml:1:10: unsupported OpenAPI version "3\.2\.0": the pipeline reads 3\.0\.x and 3\.1\.x documents$/,
      },
    },
  ],
  [
    'an empty file',
    {
      document: ['petstore.yaml', ''],
      want: { code: 1, line: /^vendor\/petstore\.yaml:1:1: the spec is empty/ },
    },
  ],
  [
    'a binary file',
    {
      document: ['petstore.json', Buffer.from([0x7b, 0x0a, 0x00, 0x01, 0xff])],
      want: { code: 1, line: /^vendor\/petstore\.json:2:1: not a text file \(it holds a NUL byte\)/ },
    },
  ],
  [
    'an unresolved $ref',
    {
      document: [
        'petstore.yaml',
        PETSTORE.replace("$ref: '#/components/schemas/Pet'", "$ref: '#/components/schemas/Petz'"),
      ],
      fixable: true,
      want: {
        code: 1,
        line: /^vendor\/petstore\.yaml:51:13: error no-unresolved-refs at #\/paths\/~1pets\/post\/requestBody\/content\/application~1json\/schema: Can't resolve \$ref "#\/components\/schemas\/Petz": #\/components\/schemas has no "Petz"$/,
      },
    },
  ],
  [
    'a property named hasOwnProperty, which stops Redocly',
    {
      document: [
        'petstore.yaml',
        PETSTORE.replace('        tag:\n', '        hasOwnProperty:\n          type: string\n        tag:\n'),
      ],
      fixable: true,
      want: {
        code: 1,
        line: /^vendor\/petstore\.yaml:102:9: error has-own-property-key at #\/components\/schemas\/Pet\/properties\/hasOwnProperty: Redocly's lint cannot read an object with a key named `hasOwnProperty`/,
      },
    },
  ],
  [
    "Vapi's description: an object schema whose enum lists strings",
    {
      document: ['vapi.json', await readFile(new URL('vapi.json', CORPUS))],
      fixable: true,
      want: {
        code: 1,
        line: /^vendor\/vapi\.json:10764:13: error voice-agent-sdks\/schema-shape at #\/components\/schemas\/BackoffPlan\/properties\/type\/enum: /,
      },
      generate: false, // the whole corpus test generates it
    },
  ],
  [
    'an overlay whose target selects nothing',
    {
      document: ['petstore.yaml', PETSTORE],
      overlay:
        'overlay: 1.0.0\ninfo: { title: x, version: "1" }\nactions:\n  - target: $.components.schemas.Cat\n    update: { description: x }\n',
      want: {
        code: 1,
        line: /^vendor\/fix\.yaml:4:5: overlay action 1: the target \$\.components\.schemas\.Cat selects nothing in vendor\/petstore\.yaml, so the action would change nothing/,
      },
    },
  ],
  [
    'an overlay with an action that changes nothing',
    {
      document: ['petstore.yaml', PETSTORE],
      overlay:
        'overlay: 1.0.0\ninfo: { title: x, version: "1" }\nactions:\n  - target: $.info\n    remove: false\n',
      want: {
        code: 1,
        line: /^vendor\/fix\.yaml:4:5: overlay action 1: it has neither `update` nor `remove: true`, so it would change nothing$/,
      },
    },
  ],
  [
    'an overlay whose target is not JSONPath',
    {
      document: ['petstore.yaml', PETSTORE],
      overlay:
        'overlay: 1.0.0\ninfo: { title: x, version: "1" }\nactions:\n  - target: "$.paths[?(@.get"\n    remove: true\n',
      want: { code: 1, line: /^vendor\/fix\.yaml:4:13: overlay: Invalid JSONPath expression: / },
    },
  ],
  [
    'an overlay whose update does not fit its target',
    {
      document: ['petstore.yaml', PETSTORE],
      overlay:
        'overlay: 1.0.0\ninfo: { title: x, version: "1" }\nactions:\n  - target: $.info.title\n    update: { description: x }\n',
      want: {
        code: 1,
        line: /^vendor\/fix\.yaml:5:13: overlay: Cannot apply object to string at \$\['info'\]\['title'\]\.$/,
      },
    },
  ],
  [
    'an overlay that is no overlay',
    {
      document: ['petstore.yaml', PETSTORE],
      overlay: 'openapi: 3.1.0\n',
      want: { code: 1, line: /^vendor\/fix\.yaml:1:1: not an OpenAPI Overlay document: the `overlay` field/ },
    },
  ],
  [
    'a name that is no package name',
    {
      document: ['petstore.yaml', PETSTORE],
      name: 'Pet_Store',
      want: {
        code: 2,
        line: /^error: --name: "Pet_Store" cannot name an API: use lower-case letters, digits and dashes/,
      },
      generate: false,
    },
  ],
  [
    'the name of a transcribed API',
    {
      document: ['petstore.yaml', PETSTORE],
      name: 'ping',
      want: {
        code: 2,
        line: /^error: --name: ping is the transcribed API specs\/ping\.yaml: one name, one API/,
      },
      generate: false,
    },
  ],
];

describe('bad input: import refuses it, naming where and what, and nothing changes', () => {
  it.each(BAD)('%s', async (_, { document: [file, text], overlay, name, want, fixable }) => {
    const root = await copyOfPristine();
    await writeFile(join(root, 'vendor', file), text);
    if (overlay !== undefined) await writeFile(join(root, 'vendor', 'fix.yaml'), overlay);
    const before = await projectTree(root);

    const result = await runImport(
      root,
      `vendor/${file}`,
      name ?? 'petstore',
      overlay === undefined ? undefined : 'vendor/fix.yaml',
    );

    expect(result.code, result.output).toBe(want.code);
    expect(result.errors.flatMap((line) => line.split('\n'))).toContainEqual(
      expect.stringMatching(want.line),
    );
    expect(result.output).not.toMatch(/internal error/);
    if (want.code === 1) {
      expect(result.errors.at(-1)).toMatch(
        fixable
          ? /^✖ vendor\/\S+ was not imported over the current one: nothing in specs\/ or redocly\.yaml changed\. A vendor's document is fixed with an overlay: `npm run import -- vendor\/\S+ --name petstore --overlay <file>`/
          : /^✖ vendor\/\S+ was not imported over the current one: nothing in specs\/ or redocly\.yaml changed\.$/,
      );
    }
    expect(await projectTree(root)).toEqual(before);
  });

  it.each<[string, { argv: [string, string]; want: RegExp }]>([
    [
      'a file that does not exist',
      {
        argv: ['vendor/nope.json', 'pets'],
        want: /^error: vendor\/nope\.json: cannot read it: ENOENT: no such file or directory$/,
      },
    ],
    ['a folder', { argv: ['vendor', 'pets'], want: /^error: vendor: is a folder: give the document file$/ }],
  ])('%s', async (_, { argv: [source, name], want }) => {
    const root = await copyOfPristine();
    const before = await projectTree(root);
    const result = await runImport(root, source, name);
    expect(result.code).toBe(2);
    expect(result.errors).toEqual([expect.stringMatching(want)]);
    expect(await projectTree(root)).toEqual(before);
  });
});

describe('a name redocly.yaml gives another API already', () => {
  it('is refused, naming the entry and where it points, writing nothing', async () => {
    const root = await copyOfPristine();
    const config = parse(await readFile(join(root, 'redocly.yaml'), 'utf8'));
    config.apis.pets = { root: 'vendor/pets.yaml' };
    await writeFile(join(root, 'redocly.yaml'), stringify(config));
    const before = await projectTree(root);

    const result = await runImport(root, 'vendor/petstore.yaml', 'pets');

    expect(result.code).toBe(2);
    expect(result.errors).toEqual([
      'error: --name: redocly.yaml has apis.pets for vendor/pets.yaml already: one name, one API; import under another name',
    ]);
    expect(await projectTree(root)).toEqual(before);
  });
});

describe('bad input in place of an imported document: generate refuses it, generated/ stays', () => {
  it.each(BAD.filter(([, row]) => row.generate !== false && row.name === undefined))(
    '%s',
    async (_, { document: [file, text], overlay, want }) => {
      const root = await copyOfPristine();
      const dir = join(root, 'specs/published/petstore');
      const documentFile = file.endsWith('.json') ? 'openapi.json' : 'openapi.yaml';
      await rm(join(dir, 'openapi.yaml'));
      await writeFile(join(dir, documentFile), text);
      const config = parse(await readFile(join(root, 'redocly.yaml'), 'utf8'));
      config.apis.petstore.root = `specs/published/petstore/${documentFile}`;
      if (overlay !== undefined) {
        await mkdir(join(dir, 'overlays'));
        await writeFile(join(dir, 'overlays', 'fix.yaml'), overlay);
        config.apis.petstore.overlays = ['specs/published/petstore/overlays/fix.yaml'];
      }
      await writeFile(join(root, 'redocly.yaml'), stringify(config));
      const before = await readTree(join(root, 'generated'));

      const result = await generateIn(root);

      expect(result.code, result.output).toBe(1);
      const line = new RegExp(
        want.line.source
          .replace(
            `^vendor\\/${file.replace('.', '\\.')}`,
            `^specs\\/published\\/petstore\\/${documentFile.replace('.', '\\.')}`,
          )
          .replace('^vendor\\/fix\\.yaml', '^specs\\/published\\/petstore\\/overlays\\/fix\\.yaml')
          .replace(
            `in vendor\\/${file.replace('.', '\\.')}`,
            `in specs\\/published\\/petstore\\/${documentFile.replace('.', '\\.')}`,
          ),
      );
      expect(result.errors).toContainEqual(expect.stringMatching(line));
      expect(result.output).not.toMatch(/internal error/);
      expect(await readTree(join(root, 'generated'))).toEqual(before);
    },
  );
});
