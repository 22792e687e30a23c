/**
 * The types stage's changes to the document it is lent (src/pipeline/types/edits.ts): each undone,
 * last first, the document then as it was, its keys in their order.
 */
import { describe, expect, it } from 'vitest';
import { Edits } from '../../../src/pipeline/types/edits.js';

type Doc = Record<string, unknown>;

describe('Edits', () => {
  it.each<[string, { given: () => Doc; edit: (document: Doc, edits: Edits) => void; changed: string }]>([
    [
      'a key set that was there',
      {
        given: () => ({ a: 1, required: true, b: 2 }),
        edit: (document, edits) => edits.set(document, 'required', false),
        changed: '{"a":1,"required":false,"b":2}',
      },
    ],
    [
      'a key set that was not',
      {
        given: () => ({ a: 1, b: 2 }),
        edit: (document, edits) => edits.set(document, 'properties', {}),
        changed: '{"a":1,"b":2,"properties":{}}',
      },
    ],
    [
      'an item pushed',
      {
        given: () => ({ allOf: [{ a: 1 }] }),
        edit: (document, edits) => edits.push(document.allOf as unknown[], { b: 2 }),
        changed: '{"allOf":[{"a":1},{"b":2}]}',
      },
    ],
    [
      'a key set twice, then a key inside the value set',
      {
        given: () => ({ kind: { type: 'string' } }),
        edit: (document, edits) => {
          edits.set(document, 'kind', { enum: ['a'] });
          edits.set(document, 'kind', { enum: ['b'] });
          edits.set(document.kind as Doc, 'type', 'string');
        },
        changed: '{"kind":{"enum":["b"],"type":"string"}}',
      },
    ],
    [
      'a key added, then a key set inside it and an item pushed into it',
      {
        given: () => ({ type: 'object' }),
        edit: (document, edits) => {
          edits.set(document, 'properties', {});
          edits.set(document.properties as Doc, 'kind', { enum: ['a'] });
          edits.set(document, 'required', ['kind']);
          edits.push(document.required as unknown[], 'name');
        },
        changed: '{"type":"object","properties":{"kind":{"enum":["a"]}},"required":["kind","name"]}',
      },
    ],
  ])('%s: undone', (_, { given, edit, changed }) => {
    const document = given();
    const before = JSON.stringify(document);
    const edits = new Edits();
    edit(document, edits);
    expect(JSON.stringify(document)).toBe(changed);
    edits.undo();
    expect(JSON.stringify(document)).toBe(before);
    expect(document).toStrictEqual(given());
    // Undone once: a second undo changes nothing.
    edits.undo();
    expect(JSON.stringify(document)).toBe(before);
  });
});
