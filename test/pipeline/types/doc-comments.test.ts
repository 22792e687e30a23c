/**
 * Doc comments of fields and component schemas: the constraints a reader needs beside the
 * description and default, and openapi-typescript's comment unchanged where a schema has none.
 */
import { describe, expect, it } from 'vitest';
import { commentLines } from '../../../src/pipeline/types/doc-comments.js';
import { generateTypes } from '../../../src/pipeline/types/index.js';
import { oneOperationSpec } from '../../support/spec-builder.js';

describe('commentLines', () => {
  it.each([
    ['a format, as a tag', { type: 'string', format: 'uuid' }, ['@format uuid']],
    [
      'a range after the description and default',
      { type: 'integer', minimum: 0, maximum: 10, default: 3, description: 'Max reminders' },
      ['@description Max reminders', '@default 3', '@minimum 0', '@maximum 10'],
    ],
    [
      'exclusive bounds and a multiple',
      { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, multipleOf: 0.5 },
      ['@exclusiveMinimum 0', '@exclusiveMaximum 1', '@multipleOf 0.5'],
    ],
    [
      'string and array limits, unique items only when true',
      { type: 'array', minItems: 1, maxItems: 5, uniqueItems: true },
      ['@minItems 1', '@maxItems 5', '@uniqueItems'],
    ],
    ['uniqueItems false says nothing', { type: 'array', uniqueItems: false }, []],
    [
      'a pattern that would close the comment is escaped when printed, not here',
      { type: 'string', pattern: '^a*/b$', minLength: 2, maxLength: 8 },
      ['@minLength 2', '@maxLength 8', '@pattern ^a*/b$'],
    ],
    [
      "openapi-typescript's lines keep their order",
      { title: 'T', deprecated: true, description: 'D', examples: ['x'], enum: ['a'], type: 'string' },
      ['T', '@deprecated', '@description D', '@example x', '@enum {string}'],
    ],
  ])('%s', (_name, schema, want) => {
    expect(commentLines(schema)).toEqual(want);
  });
});

describe('generated declarations', async () => {
  const document = oneOperationSpec({
    operation: {
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                count: { type: 'integer', minimum: 0, description: 'How many' },
                slug: { type: 'string', pattern: '^a*/b$' },
                plain: { type: 'string', description: 'No constraint' },
              },
            },
          },
        },
      },
    },
    document: {
      components: { schemas: { Time: { type: 'string', pattern: '^\\d\\d:\\d\\d$', description: 'HH:MM' } } },
    },
  });
  const text = await generateTypes(document, () => ({ file: 'x' }), 'x');

  it('puts the constraints in the comment of each field and component schema', () => {
    expect(text).toContain(
      '/**\n                     * @description How many\n                     * @minimum 0\n                     */\n                    count?: number;',
    );
    expect(text).toContain(
      '/**\n         * @description HH:MM\n         * @pattern ^\\d\\d:\\d\\d$\n         */\n        Time: string;',
    );
  });

  it('escapes a comment end in a pattern', () => {
    expect(text).toContain('/** @pattern ^a*\\/b$ */');
  });

  it("keeps openapi-typescript's comment where there is no constraint", () => {
    expect(text).toContain('/** @description No constraint */\n                    plain?: string;');
  });
});
