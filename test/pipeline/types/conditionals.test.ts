/**
 * Conditional requirements in the generated types: each row is a body schema with an `if`, bodies
 * the types must accept and bodies they must reject (checked by the TypeScript compiler, under the
 * strict consumer's options), and whether the model lists the `if` as typed. A shape the types do
 * not express keeps openapi-typescript's plain object type.
 */
import { describe, expect, it } from 'vitest';
import { conditionalShape, describeConditional, readConditionals } from '../../../src/model/conditionals.js';
import { generateTypes } from '../../../src/pipeline/types/index.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { oneOperationSpec } from '../../support/spec-builder.js';
import { typeCheck } from '../../support/type-check.js';

const provider = { type: 'string', enum: ['byom', 'openai', 'gemini'] };
const byomNeedsWebhook = {
  if: { required: ['provider'], properties: { provider: { const: 'byom' } } },
  then: { required: ['webhook'] },
};
const body = (extra: JsonObject, properties: JsonObject = { provider, webhook: { type: 'string' } }) => ({
  type: 'object',
  additionalProperties: false,
  properties: { name: { type: 'string' }, ...properties },
  ...extra,
});

interface Row {
  schema: JsonObject;
  accepts: string[];
  rejects: string[];
  /** The README's sentence, or undefined when the types do not express the `if`. */
  sentence: string | undefined;
}

const rows: [string, Row][] = [
  [
    'then requires a field when a required field has a value (voicebip)',
    {
      schema: body(byomNeedsWebhook),
      accepts: [
        `{ provider: 'byom', webhook: 'https://hook' }`,
        `{ provider: 'openai' }`,
        `{ name: 'x' }`,
        `{ provider: 'gemini', webhook: 'https://hook', name: 'x' }`,
      ],
      rejects: [
        `{ provider: 'byom' }`,
        `{ provider: 'byom', name: 'x' }`,
        `{ provider: 'other' }`,
        `{ nme: 'x' }`,
      ],
      sentence: '`webhook` is required when `provider` is `byom`.',
    },
  ],
  [
    'an if that does not require its field holds when the field is absent',
    {
      schema: body({ ...byomNeedsWebhook, if: { properties: { provider: { const: 'byom' } } } }),
      accepts: [
        `{ webhook: 'https://hook' }`,
        `{ provider: 'openai' }`,
        `{ provider: 'byom', webhook: 'w' }`,
      ],
      rejects: [`{}`, `{ name: 'x' }`, `{ provider: 'byom' }`],
      sentence: '`webhook` is required when `provider` is `byom`.',
    },
  ],
  [
    'else requires another field; the if tests several values',
    {
      schema: body(
        {
          if: { required: ['provider'], properties: { provider: { enum: ['openai', 'gemini'] } } },
          then: { required: ['model'] },
          else: { required: ['webhook'] },
        },
        { provider, webhook: { type: 'string' }, model: { type: 'string' } },
      ),
      accepts: [
        `{ provider: 'openai', model: 'm' }`,
        `{ webhook: 'w' }`,
        `{ provider: 'byom', webhook: 'w' }`,
      ],
      rejects: [`{ provider: 'gemini' }`, `{ provider: 'byom' }`, `{}`],
      sentence:
        '`model` is required when `provider` is one of `openai`, `gemini`; `webhook` is required unless `provider` is one of `openai`, `gemini`.',
    },
  ],
  [
    'a nullable enum and a boolean',
    {
      schema: body(
        {
          if: { required: ['recording'], properties: { recording: { const: true } } },
          then: { required: ['consent'] },
        },
        { recording: { type: ['boolean', 'null'], enum: [true, false, null] }, consent: { type: 'boolean' } },
      ),
      accepts: [`{ recording: true, consent: false }`, `{ recording: null }`, `{ recording: false }`, `{}`],
      rejects: [`{ recording: true }`],
      sentence: '`consent` is required when `recording` is `true`.',
    },
  ],
  [
    'an open object keeps its index signature',
    {
      schema: { ...body(byomNeedsWebhook), additionalProperties: true },
      accepts: [`{ provider: 'byom', webhook: 'w', extra: 1 }`, `{ anything: true }`],
      rejects: [`{ provider: 'byom', extra: 1 }`],
      sentence: '`webhook` is required when `provider` is `byom`.',
    },
  ],
  [
    'an if on a field that is not an enum is not typed',
    {
      schema: body(byomNeedsWebhook, { provider: { type: 'string' }, webhook: { type: 'string' } }),
      accepts: [`{ provider: 'byom' }`],
      rejects: [`{ nme: 'x' }`],
      sentence: undefined,
    },
  ],
  [
    'a then that constrains more than presence is not typed',
    {
      schema: body({
        ...byomNeedsWebhook,
        then: { required: ['webhook'], properties: { webhook: { minLength: 8 } } },
      }),
      accepts: [`{ provider: 'byom' }`],
      rejects: [`{ provider: 'elsewhere' }`],
      sentence: undefined,
    },
  ],
];

const document = (schema: JsonObject) =>
  oneOperationSpec({
    operation: { requestBody: { required: true, content: { 'application/json': { schema } } } },
  });

const generated = new Map(
  await Promise.all(
    rows.map(
      async ([name, row]) =>
        [name, await generateTypes(document(row.schema), () => ({ file: 'x' }), 'x')] as const,
    ),
  ),
);

// One program for every row: each row's types and a file with one body per line (ES modules).
const files: Record<string, string> = {};
rows.forEach(([name, row], index) => {
  files[`types${index}.d.mts`] = generated.get(name)!;
  files[`check${index}.mts`] = [
    `import type { operations } from './types${index}.mjs';`,
    `type Body = operations['updateA']['requestBody']['content']['application/json'];`,
    ...[...row.accepts, ...row.rejects].map((value, i) => `export const body${i}: Body = ${value};`),
  ].join('\n');
});
const diagnostics = typeCheck(files);

describe.each(rows.map(([name, row], index) => [name, { row, index }] as const))(
  '%s',
  (_name, { row, index }) => {
    const lines = diagnostics.get(`check${index}.mts`)!;
    const failing = (line: number) => lines.some((diagnostic) => diagnostic.startsWith(`${line}: `));

    it.each(row.accepts.map((value, i) => [value, i + 3] as const))('accepts %s', (_value, line) => {
      expect(failing(line), lines.join('\n')).toBe(false);
    });

    it.each(row.rejects.map((value, i) => [value, row.accepts.length + i + 3] as const))(
      'rejects %s',
      (_value, line) => {
        expect(failing(line), lines.join('\n')).toBe(true);
      },
    );

    it('is listed, typed or not, with its sentence', () => {
      const [found] = readConditionals(document(row.schema));
      expect(found?.pointer).toBe('#/paths/~1a~1{id}/patch/requestBody/content/application~1json/schema');
      expect(found?.shape && describeConditional(found.shape)).toBe(row.sentence);
      expect(conditionalShape(row.schema) !== undefined).toBe(row.sentence !== undefined);
    });
  },
);

it('leaves the generated declarations valid for every row, and their body type found', () => {
  for (const index of rows.keys()) {
    expect(diagnostics.get(`types${index}.d.mts`)).toEqual([]);
    expect(diagnostics.get(`check${index}.mts`)!.filter((line) => /^[12]: /.test(line))).toEqual([]);
  }
});
