/**
 * A large document's contract checks emitted in a worker thread (src/pipeline/orchestration/checks-thread.ts)
 * while this one makes the types: the modules are those of one thread, byte for byte, and what
 * fails fails as it does in one thread: the schemas the checks cannot be made from as the same
 * generator errors at the same places in the spec, and the thread's own failure as the same error.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { describeApi } from '../../../src/model/index.js';
import { emitChecks } from '../../../src/pipeline/emit/checks/index.js';
import {
  checksFromThread,
  sendDocument,
  startChecksThread,
} from '../../../src/pipeline/orchestration/checks-thread.js';
import { GenerateError, GenerateErrors, type SourcePosition } from '../../../src/shared/errors.js';
import { openapiJsonText, type JsonObject } from '../../../src/shared/openapi.js';
import { removeTemporaryDirs, threadsFromCompiledBuild } from '../helpers.js';

// The threads run from the compiled bundles, as under `npm run`.
threadsFromCompiledBuild();
afterAll(removeTemporaryDirs);

const FILE = 'specs/published/pets/openapi.json';
const BANNER = '/** generated: the checks thread test */\n';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

/** Pets whose schemas `schemas` replaces or adds to; one operation takes a body and a parameter. */
function pets(schemas: Record<string, unknown> = {}): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'Pets', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/pets/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        get: {
          operationId: 'getPet',
          responses: { '200': { description: 'ok', ...json({ $ref: '#/components/schemas/Pet' }) } },
        },
        put: {
          operationId: 'putPet',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/Pet' }) },
          responses: {
            '204': { description: 'done' },
            default: { description: 'no', ...json({ type: 'object' }) },
          },
        },
      },
      '/pets': {
        get: {
          operationId: 'listPets',
          responses: {
            '200': {
              description: 'ok',
              ...json({ type: 'array', items: { $ref: '#/components/schemas/Pet' } }),
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Pet: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', pattern: '^[A-Z]' },
            owner: { $ref: '#/components/schemas/Owner' },
          },
        },
        Owner: {
          type: 'object',
          properties: { pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } },
        },
        ...schemas,
      },
    },
  };
}

/** Where the spec has a node: a made-up line per pointer, so that a lost position shows. */
const position = (pointer: string): SourcePosition => ({ file: FILE, line: pointer.length, column: 7 });

type Outcome = { files: unknown; modules: unknown } | { error: unknown };

const outcomeOf = (run: () => Promise<{ files: unknown; modules: unknown }>): Promise<Outcome> =>
  run().then(
    ({ files, modules }) => ({ files, modules }),
    (error: unknown) => ({ error }),
  );

/** The checks of `document` (sent as `text`) emitted in a thread, then in this one. */
async function emitBoth(document: JsonObject, text = openapiJsonText(document)): Promise<[Outcome, Outcome]> {
  const model = describeApi('pets', document, (at) => position(at));
  const beside = await outcomeOf(() => {
    const thread = startChecksThread(FILE);
    sendDocument(thread, Buffer.from(text), model, BANNER);
    return checksFromThread(thread, { file: FILE, position });
  });
  const inThisOne = await outcomeOf(async () =>
    emitChecks({ model, document: JSON.parse(text) as JsonObject, file: FILE, position }, BANNER),
  );
  return [beside, inThisOne];
}

interface Reported {
  name: string;
  message: string;
  where: SourcePosition | undefined;
  errors: Reported[] | undefined;
}

/** An error as the command reports it: its class, its message, where it is. */
const reported = (error: unknown): Reported => ({
  name: (error as Error).name,
  message: (error as Error).message,
  where: (error as GenerateError).where,
  errors: error instanceof GenerateErrors ? error.errors.map(reported) : undefined,
});

describe('checks emitted in a worker thread', () => {
  it('are the modules one thread emits, byte for byte', async () => {
    const [beside, inThisOne] = await emitBoth(pets());
    expect(beside).not.toHaveProperty('error');
    // Compared by Node first, as the lint thread's test does; vitest's diff when they differ.
    if (!isDeepStrictEqual(beside, inThisOne)) expect(beside).toEqual(inThisOne);
    expect([...(beside as { files: Map<string, string> }).files.keys()]).toContain(
      'checks/putPet.request.js',
    );
  });

  it.each<[string, Record<string, unknown>, number]>([
    [
      'a pattern JavaScript cannot run',
      { Pet: { type: 'object', properties: { name: { pattern: '(' } } } },
      1,
    ],
    [
      'that and a $ref naming nothing',
      {
        Pet: {
          type: 'object',
          properties: { name: { pattern: '(' }, owner: { $ref: '#/components/schemas/Nobody' } },
        },
      },
      2,
    ],
  ])('refuse %s with the errors of one thread, at the same places', async (_, schemas, count) => {
    const [beside, inThisOne] = await emitBoth(pets(schemas));
    expect(inThisOne).toHaveProperty('error');
    const error = (beside as { error: unknown }).error;
    expect(error).toBeInstanceOf(count === 1 ? GenerateError : GenerateErrors);
    expect(reported(error)).toEqual(reported((inThisOne as { error: unknown }).error));
    const where =
      count === 1 ? [(error as GenerateError).where] : (error as GenerateErrors).errors.map((e) => e.where);
    for (const place of where) expect(place).toMatchObject({ file: FILE, column: 7 });
  });

  it("reports the thread's own failure as the same error one thread throws", async () => {
    const [beside, inThisOne] = await emitBoth(pets(), '{"openapi": "3.1.0", ');
    expect(beside).toHaveProperty('error');
    expect((beside as { error: unknown }).error).toBeInstanceOf(SyntaxError);
    expect(reported((beside as { error: unknown }).error)).toEqual(
      reported((inThisOne as { error: unknown }).error),
    );
  });
});
