/**
 * How a package's checks are split into modules: an operation's module holds what it alone uses,
 * schemas that several operations share are modules of their own (recursion across them
 * included), and an operation's checks load and work with nothing but the modules they import:
 * the others are deleted before the import.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeApi } from '../../../src/model/index.js';
import { emitChecks } from '../../../src/pipeline/emit/checks/index.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { repositoryRuntime } from '../helpers.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const operation = (operationId: string, schema: unknown) => ({
  get: { operationId, responses: { '200': { description: 'ok', ...json(schema) } } },
});
const document: JsonObject = {
  openapi: '3.1.0',
  info: { title: 'Pets', version: '1.0.0' },
  servers: [{ url: 'https://api.example.com' }],
  paths: {
    '/pets/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      ...operation('getPet', { $ref: '#/components/schemas/Pet' }),
    },
    '/pets': operation('listPets', { type: 'array', items: { $ref: '#/components/schemas/Pet' } }),
    '/lonely': operation('getLonely', { $ref: '#/components/schemas/Lonely' }),
  },
  components: {
    schemas: {
      // Pet and Owner refer to each other: one module, whoever loads it.
      Pet: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, owner: { $ref: '#/components/schemas/Owner' } },
      },
      Owner: {
        type: 'object',
        properties: { pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } },
      },
      Lonely: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
    },
  },
};

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The module paths a module imports, transitively, from `checks/` (the runtime aside). */
function imported(files: Map<string, string>, path: string, found = new Set<string>()): Set<string> {
  if (found.has(path)) return found;
  found.add(path);
  for (const [, specifier] of files.get(path)!.matchAll(/from '(\.[^']+)'/g)) {
    if (specifier!.includes('runtime/')) continue;
    imported(files, join(dirname(path), specifier!), found);
  }
  return found;
}

describe('checks modules', async () => {
  const model = describeApi('pets', document, () => ({ file: 'pets.yaml' }));
  const { files, modules } = emitChecks({ model, document, file: 'pets.yaml' }, '');
  const runtime = await repositoryRuntime();

  it('gives each operation a module, and shared schemas modules of their own', () => {
    expect([...modules]).toEqual([
      ['getPet', './checks/getPet.js'],
      ['listPets', './checks/listPets.js'],
      ['getLonely', './checks/getLonely.js'],
    ]);
    const shared = [...files.keys()].filter((path) => path.startsWith('checks/shared/'));
    expect(shared).toHaveLength(1);
    expect(files.get(shared[0]!)).toMatch(
      // A schema under #/components/schemas/ is defined by its name there.
      /def\("Pet"[\s\S]*def\("Owner"|def\("Owner"[\s\S]*def\("Pet"/,
    );
    expect(files.get('checks/getLonely.js')).toContain('def("Lonely"');
  });

  it.each([...modules])(
    'loads %s with only the modules it imports, and checks with them',
    async (operationId, module) => {
      const dir = await mkdtemp(join(tmpdir(), 'checks-modules-'));
      dirs.push(dir);
      const needed = imported(files, module.slice(2));
      expect(needed.size).toBeLessThan([...files.keys()].length);
      for (const [path, text] of [...runtime.files, ...files]) {
        if (path.startsWith('checks/') && !needed.has(path)) continue;
        await mkdir(join(dir, dirname(path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
      const { default: validator } = (await import(pathToFileURL(join(dir, module)).href)) as {
        default: (...args: unknown[]) => Promise<unknown>;
      };
      const answer = (data: unknown) => async () => ({
        data,
        response: new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } }),
      });
      const target = { method: 'GET', path: '/', operationId };
      const good = {
        getPet: { name: 'Rex', owner: { pets: [{ name: 'Tom' }] } },
        listPets: [{ name: 'Rex' }],
        getLonely: {},
      }[operationId];
      const bad = { getPet: { name: 'Rex', owner: { pets: [{}] } }, listPets: [{}], getLonely: { id: 'x' } }[
        operationId
      ];
      const client = { validate: { response: 'throw' } };
      await expect(
        validator(client, undefined, {}, answer(good), target, (value: unknown) => value, 0),
      ).resolves.toMatchObject({ data: good });
      await expect(
        validator(client, undefined, {}, answer(bad), target, (value: unknown) => value, 0),
      ).rejects.toMatchObject({
        name: 'ContractViolationError',
      });
    },
  );
});
