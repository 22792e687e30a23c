import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { openRawErrors } from '../../../src/pipeline/postprocess/raw-errors.js';
import { applyTextEdits } from '../../../src/pipeline/postprocess/text-edits.js';

function open(source: string): string {
  const file = ts.createSourceFile('types.d.ts', source, ts.ScriptTarget.Latest, false);
  return applyTextEdits(source, openRawErrors(file));
}

/** An `operations` interface of one operation, `op`, with these responses, as openapi-typescript writes it. */
function operations(...responses: string[]): string {
  return [
    'export interface operations {',
    '    op: {',
    '        parameters: {',
    '            query?: never;',
    '        };',
    '        responses: {',
    ...responses.map((response) => `            ${response}`),
    '        };',
    '    };',
    '}',
    '',
  ].join('\n');
}

const OK = '200: { headers: { [name: string]: unknown; }; content: { "application/json": string; }; };';
const NOT_FOUND =
  '404: { headers: { [name: string]: unknown; }; content: { "application/json": { detail?: string }; }; };';
const NOT_FOUND_EMPTY = '404: { headers: { [name: string]: unknown; }; content?: never; };';
const DEFAULT = [
  '/** Any status the spec gives no body: a raw call resolves with what the server sent as `error`. */',
  'default: {',
  '    headers: {',
  '        [name: string]: unknown;',
  '    };',
  '    content: {',
  '        "application/json": unknown;',
  '    };',
  '};',
];

describe('openRawErrors', () => {
  it.each<[string, { given: string; want: string }]>([
    ['no error response', { given: operations(OK), want: operations(OK, ...DEFAULT) }],
    [
      'error responses without a body',
      {
        given: operations(
          OK,
          NOT_FOUND_EMPTY,
          '"5XX": { headers: { [name: string]: unknown; }; content?: never; };',
        ),
        want: operations(
          OK,
          NOT_FOUND_EMPTY,
          '"5XX": { headers: { [name: string]: unknown; }; content?: never; };',
          ...DEFAULT,
        ),
      },
    ],
    ['no responses at all', { given: operations(), want: operations(...DEFAULT) }],
    [
      'an error response with a body stays',
      {
        given: operations(OK, NOT_FOUND_EMPTY, NOT_FOUND.replace('404', '422')),
        want: operations(OK, NOT_FOUND_EMPTY, NOT_FOUND.replace('404', '422')),
      },
    ],
    [
      'a range with a body stays',
      {
        given: operations(OK, NOT_FOUND.replace('404', '"4XX"')),
        want: operations(OK, NOT_FOUND.replace('404', '"4XX"')),
      },
    ],
    [
      'a server error with a body stays',
      {
        given: operations(OK, NOT_FOUND.replace('404', '503')),
        want: operations(OK, NOT_FOUND.replace('404', '503')),
      },
    ],
    [
      "the spec's own default stays, with a body or without",
      {
        given: operations(OK, NOT_FOUND_EMPTY.replace('404', 'default')),
        want: operations(OK, NOT_FOUND_EMPTY.replace('404', 'default')),
      },
    ],
    [
      'a referenced error response is taken to have a body',
      {
        given: operations(OK, '404: components["responses"]["NotFound"];'),
        want: operations(OK, '404: components["responses"]["NotFound"];'),
      },
    ],
    [
      'a success without a body is no error response',
      {
        given: operations(NOT_FOUND_EMPTY.replace('404', '204')),
        want: operations(NOT_FOUND_EMPTY.replace('404', '204'), ...DEFAULT),
      },
    ],
    [
      'responses outside `operations` (a path item, components) stay',
      {
        given: `export interface components {\n    responses: {\n        ${NOT_FOUND_EMPTY}\n    };\n}\n`,
        want: `export interface components {\n    responses: {\n        ${NOT_FOUND_EMPTY}\n    };\n}\n`,
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(open(given)).toBe(want);
  });

  it('puts the default on lines of its own when the closing brace shares a line', () => {
    const source =
      'export interface operations {\n    op: {\n        responses: { 200: { content?: never; }; };\n    };\n}\n';
    expect(open(source)).toBe(
      'export interface operations {\n    op: {\n        responses: { 200: { content?: never; }; \n' +
        DEFAULT.map((line) => `            ${line}\n`).join('') +
        '};\n    };\n}\n',
    );
  });

  it('gives every operation of the interface its own', () => {
    const source = operations(OK).replace(
      '    op: {',
      '    first: {\n        responses: {\n        };\n    };\n    op: {',
    );
    expect(open(source).match(/^ {12}default: \{$/gm)).toHaveLength(2);
  });
});
