import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { widenFreeFormObjects } from '../../../src/pipeline/postprocess/free-form-objects.js';
import { applyTextEdits } from '../../../src/pipeline/postprocess/text-edits.js';

function widen(source: string): string {
  const file = ts.createSourceFile('types.d.ts', source, ts.ScriptTarget.Latest, false);
  return applyTextEdits(source, widenFreeFormObjects(file));
}

describe('widenFreeFormObjects', () => {
  it.each<[string, { given: string; want: string }]>([
    [
      'a property typed Record<string, never>',
      {
        given: 'export interface components { schemas: { A: { meta?: Record<string, never> } } }',
        want: 'export interface components { schemas: { A: { meta?: { [key: string]: unknown } } } }',
      },
    ],
    [
      'inside arrays, unions and nested objects',
      {
        given:
          'type X = { a: Record<string, never>[]; b: Record<string, never> | null; c: { d: Record<string, never> } };',
        want: 'type X = { a: { [key: string]: unknown }[]; b: { [key: string]: unknown } | null; c: { d: { [key: string]: unknown } } };',
      },
    ],
    [
      'a component schema that is itself free-form',
      {
        given: 'export interface components { schemas: { Config: Record<string, never> } }',
        want: 'export interface components { schemas: { Config: { [key: string]: unknown } } }',
      },
    ],
    [
      'the top-level placeholders of an empty spec stay',
      {
        given:
          'export type paths = Record<string, never>;\nexport type webhooks = Record<string, never>;\nexport type $defs = Record<string, never>;\nexport type operations = Record<string, never>;',
        want: 'export type paths = Record<string, never>;\nexport type webhooks = Record<string, never>;\nexport type $defs = Record<string, never>;\nexport type operations = Record<string, never>;',
      },
    ],
    [
      'closed empty objects and other records stay',
      {
        given:
          'type X = { closed: { [key: string]: never }; m: Record<string, string>; n: Record<number, never> };',
        want: 'type X = { closed: { [key: string]: never }; m: Record<string, string>; n: Record<number, never> };',
      },
    ],
    [
      'text in comments and strings is not code',
      {
        given: '/** @description Record<string, never> */\ntype X = { a: "Record<string, never>" };',
        want: '/** @description Record<string, never> */\ntype X = { a: "Record<string, never>" };',
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(widen(given)).toBe(want);
  });
});

describe('applyTextEdits', () => {
  it.each<
    [string, { given: { text: string; edits: { start: number; end: number; text: string }[] }; want: string }]
  >([
    ['no edits', { given: { text: 'abc', edits: [] }, want: 'abc' }],
    [
      'edits in any order',
      {
        given: {
          text: 'aa bb cc',
          edits: [
            { start: 6, end: 8, text: 'CC' },
            { start: 0, end: 2, text: 'A' },
          ],
        },
        want: 'A bb CC',
      },
    ],
    ['an insertion', { given: { text: 'ab', edits: [{ start: 1, end: 1, text: '-' }] }, want: 'a-b' }],
    [
      'adjacent edits: one ends where the next starts',
      {
        given: {
          text: 'aabb',
          edits: [
            { start: 2, end: 4, text: 'B' },
            { start: 0, end: 2, text: 'A' },
          ],
        },
        want: 'AB',
      },
    ],
    [
      'an insertion where a replacement starts, given after it',
      {
        given: {
          text: 'aabb',
          edits: [
            { start: 2, end: 4, text: 'B' },
            { start: 2, end: 2, text: '-' },
          ],
        },
        want: 'aa-B',
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(applyTextEdits(given.text, given.edits)).toBe(want);
  });

  it('refuses overlapping edits', () => {
    expect(() =>
      applyTextEdits('abcdef', [
        { start: 0, end: 3, text: 'x' },
        { start: 2, end: 4, text: 'y' },
      ]),
    ).toThrow('overlapping text edits at offset 2');
  });
});
