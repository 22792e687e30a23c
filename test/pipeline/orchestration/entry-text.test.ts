/**
 * A document's text in ASCII, as its cache entry holds it (src/pipeline/orchestration/entry-text.ts):
 * the same document when parsed, and the text and its UTF-8 had again exactly, whatever characters
 * it holds; an entry whose escapes are not where its header says is not read.
 */
import { describe, expect, it } from 'vitest';
import { entryText, textOfEntry } from '../../../src/pipeline/orchestration/entry-text.js';
import { openapiJsonText, type JsonObject } from '../../../src/shared/openapi.js';

const document = (description: string, extra: JsonObject = {}): JsonObject => ({
  openapi: '3.1.0',
  info: { title: 'API', version: '1', description },
  ...extra,
});

describe('entryText', () => {
  it.each<[string, { given: JsonObject; escapes: number }]>([
    ['ASCII only', { given: document('plain'), escapes: 0 }],
    ['Latin-1 (é, ü, non-breaking space)', { given: document('café über\u00a0x'), escapes: 3 }],
    ['beyond Latin-1 (CJK, an em dash)', { given: document('日本 — x'), escapes: 3 }],
    ['a pair of surrogates (an emoji), two escapes', { given: document('ok 👍 done'), escapes: 2 }],
    ['emoji side by side, and at the start and end', { given: document('🎉👍x✓'), escapes: 5 }],
    ['in a key', { given: document('x', { 'x-naïve': { clé: 'valeur' } }), escapes: 2 }],
    [
      'escapes JSON writes itself (control characters, a lone surrogate), kept as they are',
      { given: document('tab\tnul\u0000bell\u0007 lone \ud800 é'), escapes: 1 },
    ],
    [
      'text that reads like an escape (a backslash, then u00e9)',
      { given: document('\\u00e9 is é, \\\\u00e9 too'), escapes: 1 },
    ],
    ['U+0080 and U+FFFF, the bounds', { given: document('\u0080\uffff'), escapes: 2 }],
  ])('%s: in ASCII, parsed to the document, its text and UTF-8 had again', (_, { given, escapes }) => {
    const text = openapiJsonText(given);
    const entry = entryText(text);
    expect(entry.escapes).toHaveLength(escapes);
    expect(entry.ascii.every((byte) => byte < 0x80)).toBe(true);
    const asciiText = entry.ascii.toString('latin1');
    expect(JSON.parse(asciiText)).toStrictEqual(given);
    const read = textOfEntry(entry.ascii, asciiText, entry.escapes);
    expect(read?.text).toBe(text);
    expect(read?.utf8.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});

describe('textOfEntry', () => {
  const entry = entryText(openapiJsonText(document('é and 👍')));
  const asciiText = entry.ascii.toString('latin1');
  it.each<[string, number[]]>([
    ['an escape said to be one character off', entry.escapes.map((at, index) => (index === 0 ? at + 1 : at))],
    ['an escape not said', entry.escapes.slice(1)],
    ['an escape said where there is none', [...entry.escapes, 10]],
    ['escapes out of order', [...entry.escapes].reverse()],
    ['an escape past the end', [...entry.escapes, entry.ascii.length - 2]],
  ])('%s: not read', (_, escapes) => {
    const read = textOfEntry(entry.ascii, asciiText, escapes);
    // Either refused, or (an escape left unsaid) not the document's text: never taken as it.
    if (read !== undefined) expect(read.text).not.toBe(openapiJsonText(document('é and 👍')));
    if (escapes.length >= entry.escapes.length) expect(read).toBeUndefined();
  });
});
