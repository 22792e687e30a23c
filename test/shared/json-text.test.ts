import { describe, expect, it } from 'vitest';
import {
  duplicateJsonKeys,
  findJsonSyntaxError,
  jsonPointerOffset,
  jsonPointerOffsets,
  lineColumn,
  lineColumns,
} from '../../src/shared/json-text.js';

/** `line:column` of an offset into `text`. */
const at = (text: string, offset: number): string => {
  const { line, column } = lineColumn(text, offset);
  return `${line}:${column}`;
};

describe('findJsonSyntaxError', () => {
  it.each<[string, { given: string; want: { at: string; message: string } | undefined }]>([
    ['valid JSON', { given: '{ "a": [1, -2.5e3, true, null, "x\\"y"] }', want: undefined }],
    [
      'a file cut short names the object left open',
      {
        given: '{\n  "paths": {\n    "/a": {\n',
        want: {
          at: '4:1',
          message: 'the text ends inside the object opened at line 3, column 11: is the file cut short?',
        },
      },
    ],
    [
      'a file cut short inside a string',
      {
        given: '{\n  "info": "abc',
        want: {
          at: '2:15',
          message: 'the text ends inside the object opened at line 1, column 1: is the file cut short?',
        },
      },
    ],
    [
      'a missing comma',
      {
        given: '{\n  "a": 1\n  "b": 2\n}',
        want: { at: '3:3', message: "expected ',' or '}' after a member, found \"\\\"\"" },
      },
    ],
    ['a trailing comma', { given: '[1, 2,]', want: { at: '1:7', message: '"]" cannot start a value' } }],
    [
      'single quotes',
      { given: "{'a': 1}", want: { at: '1:2', message: 'expected a string in double quotes, found "\'"' } },
    ],
    ['a bare word', { given: '{"a": yes}', want: { at: '1:7', message: '"y" cannot start a value' } }],
    [
      'a line break inside a string',
      {
        given: '{"a": "x\ny"}',
        want: { at: '1:9', message: 'a control character (a line break?) inside a string' },
      },
    ],
    [
      'text after the value',
      { given: '{} {}', want: { at: '1:4', message: 'unexpected text after the end of the JSON value' } },
    ],
    [
      'nothing at all',
      { given: '   ', want: { at: '1:4', message: 'the text ends where a value was expected' } },
    ],
  ])('%s', (_, { given, want }) => {
    const found = findJsonSyntaxError(given);
    expect(found && { at: at(given, found.offset), message: found.message }).toEqual(want);
  });

  it('agrees with JSON.parse on what is JSON', () => {
    for (const text of [
      '0',
      '-0.5',
      '"\\u00e9"',
      '[[]]',
      '{"":{}}',
      '1e5',
      '01',
      '.5',
      '+1',
      '"\\x"',
      '[1 2]',
    ]) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(findJsonSyntaxError(text) === undefined, text).toBe(parses);
    }
  });
});

describe('duplicateJsonKeys', () => {
  it.each<[string, { given: string; want: [key: string, at: string, first: string][] }]>([
    ['none', { given: '{ "a": 1, "b": { "a": 2 }, "c": [{ "a": 3 }, { "a": 4 }] }', want: [] }],
    [
      'a name twice in one object',
      { given: '{\n  "a": 1,\n  "b": 2,\n  "a": 3\n}', want: [['a', '4:3', '2:3']] },
    ],
    [
      'three times: each later one against the first',
      {
        given: '{"a":1,"a":2,"a":3}',
        want: [
          ['a', '1:8', '1:2'],
          ['a', '1:14', '1:2'],
        ],
      },
    ],
    [
      'in a nested object, and in an object inside an array',
      {
        given: '{"x":{"p":1,"p":2},"y":[{"q":1,"q":2}]}',
        want: [
          ['p', '1:13', '1:7'],
          ['q', '1:32', '1:26'],
        ],
      },
    ],
    [
      'the same name written with an escape',
      { given: '{"get":1,"g\\u0065t":2}', want: [['get', '1:10', '1:2']] },
    ],
    [
      'names and values that hold quotes, brackets, colons and backslashes',
      { given: '{"a\\"":"}:{","b":"\\\\","a\\"" :["{\\"a\\":"]}', want: [['a"', '1:23', '1:2']] },
    ],
    ['strings in an array are values, not names', { given: '["a", "a", {"a": "a"}]', want: [] }],
    [
      '`__proto__` is a name like any other',
      { given: '{"__proto__":1,"__proto__":2}', want: [['__proto__', '1:16', '1:2']] },
    ],
  ])('%s', (_, { given, want }) => {
    JSON.parse(given); // valid JSON, as the function expects
    expect(
      duplicateJsonKeys(given).map(({ key, offset, first }) => [key, at(given, offset), at(given, first)]),
    ).toEqual(want);
  });
});

describe('jsonPointerOffset', () => {
  const text = [
    '{',
    '  "openapi": "3.0.3",',
    '  "paths": {',
    '    "/pets/{id}": { "get": { "parameters": [ { "name": "id" }, { "name": "q\\"x" } ] } }',
    '  },',
    '  "a~b": { "c/d": 1 }',
    '}',
  ].join('\n');
  it.each<[string, { given: string[]; want: string }]>([
    ['the root', { given: [], want: '1:1' }],
    ['a member: at its name', { given: ['openapi'], want: '2:3' }],
    ['a nested member', { given: ['paths', '/pets/{id}', 'get'], want: '4:21' }],
    ['an element', { given: ['paths', '/pets/{id}', 'get', 'parameters', '1'], want: '4:64' }],
    ['escaped names', { given: ['a~b', 'c/d'], want: '6:12' }],
    ['a missing member: its nearest ancestor', { given: ['paths', '/nope', 'get'], want: '3:3' }],
    [
      'an element past the end: the list',
      { given: ['paths', '/pets/{id}', 'get', 'parameters', '5'], want: '4:30' },
    ],
  ])('%s', (_, { given, want }) => {
    expect(at(text, jsonPointerOffset(text, given))).toBe(want);
  });
});

describe('jsonPointerOffsets and lineColumns: many places in one text, each answered as alone', () => {
  const text = JSON.stringify(
    {
      paths: { '/a': { get: { x: [1, { y: 2 }] }, put: {} }, '/b': { get: {} } },
      dup: { k: 1 },
      last: 'end\n',
    },
    null,
    2,
  );
  const pointers = [
    ['paths', '/b', 'get'],
    ['paths', '/a', 'get', 'x', '1', 'y'],
    ['paths', '/a', 'put'],
    ['paths', '/a', 'get', 'x', '0'],
    ['paths', '/a', 'nope'],
    ['paths', '/b', 'get'],
    ['dup', 'k'],
    ['last'],
    [],
  ];
  it('the same offsets, in any order and repeated, as each pointer looked up in a fresh text', () => {
    const offsetOf = jsonPointerOffsets(text);
    const lineColumnOf = lineColumns(text);
    for (const pointer of [...pointers, ...[...pointers].reverse()]) {
      const alone = jsonPointerOffset(text.slice(), pointer);
      expect(offsetOf(pointer)).toBe(alone);
      expect(lineColumnOf(alone)).toEqual(lineColumn(text.slice(), alone));
    }
    expect(offsetOf(['paths', '/a', 'get', 'x', '1', 'y'])).toBe(text.indexOf('"y"'));
    expect(lineColumnOf(text.length)).toEqual({ line: text.split('\n').length, column: 2 });
  });
});

describe('jsonPointerOffset past strings that hold brackets, quotes and backslashes', () => {
  const text = JSON.stringify(
    { skip: { s: '}]\\', t: ['"{', { u: '[\\"' }], v: '\\\\' }, 'k\\"y': { z: 1 }, after: [{}, []] },
    null,
    2,
  );
  it.each<[string, { given: string[]; want: string }]>([
    ['a member after them', { given: ['after'], want: '"after"' }],
    ['an element after them', { given: ['after', '1'], want: '[]' }],
    ['a member of a name with an escaped quote', { given: ['k\\"y', 'z'], want: '"z"' }],
    ['a member inside them', { given: ['skip', 't', '1', 'u'], want: '"u"' }],
  ])('%s', (_, { given, want }) => {
    expect(jsonPointerOffset(text, given)).toBe(text.indexOf(want));
  });
});
