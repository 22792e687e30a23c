import { describe, expect, it } from 'vitest';
import { printWithFreeFormObjects } from '../../../src/pipeline/postprocess/free-form-objects.js';
import { generateTypeNodes } from '../../../src/pipeline/types/index.js';
import type { JsonObject } from '../../../src/shared/openapi.js';

/** openapi-typescript's output for a document with `schemas` (none: no `components`), printed by the step. */
async function widen(schemas?: JsonObject): Promise<string> {
  const document = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {},
    ...(schemas === undefined ? {} : { components: { schemas } }),
  };
  return printWithFreeFormObjects(await generateTypeNodes(document, () => ({ file: 'x' }), 'x'));
}

/** The whole output around `components`, as openapi-typescript prints it for a document without paths. */
function printed(components: string): string {
  return [
    'export type paths = Record<string, never>;',
    'export type webhooks = Record<string, never>;',
    components,
    'export type $defs = Record<string, never>;',
    'export type operations = Record<string, never>;',
    '',
  ].join('\n');
}

function schemas(lines: string[]): string {
  return printed(
    [
      'export interface components {',
      '    schemas: {',
      ...lines.map((line) => `        ${line}`),
      '    };',
      ...['responses', 'parameters', 'requestBodies', 'headers', 'pathItems'].map(
        (key) => `    ${key}: never;`,
      ),
      '}',
    ].join('\n'),
  );
}

describe('printWithFreeFormObjects', () => {
  it.each<[string, { given?: JsonObject; want: string }]>([
    [
      'properties typed Record<string, never>, in arrays and unions',
      {
        given: {
          A: {
            type: 'object',
            properties: {
              meta: { type: 'object' },
              list: { type: 'array', items: { type: 'object' } },
              maybe: { type: ['object', 'null'] },
            },
          },
        },
        want: schemas([
          'A: {',
          '    meta?: { [key: string]: unknown };',
          '    list?: { [key: string]: unknown }[];',
          '    maybe?: { [key: string]: unknown } | null;',
          '};',
        ]),
      },
    ],
    [
      'a component schema that is itself free-form',
      { given: { Config: { type: 'object' } }, want: schemas(['Config: { [key: string]: unknown };']) },
    ],
    [
      'the top-level placeholders of an empty spec stay',
      { want: printed('export type components = Record<string, never>;') },
    ],
    [
      'closed empty objects and other records stay',
      {
        given: {
          Closed: { type: 'object', additionalProperties: false },
          Strings: { type: 'object', additionalProperties: { type: 'string' } },
        },
        want: schemas([
          'Closed: {',
          '    [key: string]: never;',
          '};',
          'Strings: {',
          '    [key: string]: string;',
          '};',
        ]),
      },
    ],
    [
      'text in comments and strings is not code',
      {
        given: {
          Text: { type: 'string', description: 'Record<string, never>', enum: ['Record<string, never>'] },
        },
        want: schemas([
          '/**',
          ' * @description Record<string, never>',
          ' * @enum {string}',
          ' */',
          'Text: "Record<string, never>";',
        ]),
      },
    ],
  ])('%s', async (_, { given, want }) => {
    expect(await widen(given)).toBe(want);
  });
});
