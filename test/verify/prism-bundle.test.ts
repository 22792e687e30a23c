/**
 * The rewrites of Prism's bundle that make it cheaper to start, on their own: the text written in
 * ASCII with the same meaning, and `lodash/fp` narrowed to the methods a module reads of it.
 */
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../src/bundle/rewrites.mjs';
import { fpMethodsUsed } from '../../src/mock/prism-bundle.js';

describe('asciiOnly', () => {
  const rows: [string, { given: string; want: string }][] = [
    ['ASCII as it is', { given: 'a = /[a-z]\\//g;', want: 'a = /[a-z]\\//g;' }],
    ['a character in a regular expression', { given: '/[^一-龠]/', want: '/[^\\u4e00-\\u9fa0]/' }],
    ['an identity escape of one', { given: '/[^\\一]/', want: '/[^\\u4e00]/' }],
    ['an escaped backslash before one', { given: '/\\\\一/', want: '/\\\\\\u4e00/' }],
    ['one beyond the BMP, as its two units', { given: '"😀"', want: '"\\ud83d\\ude00"' }],
  ];

  it.each(rows)('%s', (_name, { given, want }) => {
    expect(asciiOnly(given)).toBe(want);
  });

  it.each<[string, string, string]>([
    ['/[^一-龠\\ぁ-ゔ\\w]/', 'x龠ぁ!y', '!'],
    ['/[a-zA–Z0–9]/u', '–', '–'],
    ['/\\\\一/', '\\一', '\\一'],
  ])('%s matches what it matched before', (literal, subject, want) => {
    const before = (0, eval)(literal) as RegExp;
    const after = (0, eval)(asciiOnly(literal)) as RegExp;
    expect(subject.match(after)?.[0]).toBe(want);
    expect(subject.match(after)?.[0]).toBe(subject.match(before)?.[0]);
  });
});

describe('fpMethodsUsed', () => {
  const rows: [string, { given: string; want: string[] | undefined }][] = [
    [
      'methods read as TypeScript compiles them',
      {
        given:
          'const fp_1 = require("lodash/fp");\nconst a = (0, fp_1.merge)(x, y);\nreturn (0, fp_1.set)(["t"], 1, o);',
        want: ['merge', 'set'],
      },
    ],
    ['the module passed on whole', { given: 'const fp = require("lodash/fp");\nuse(fp);', want: undefined }],
    [
      'a member read by a computed key',
      { given: 'const fp = require("lodash/fp");\nfp[name](x);', want: undefined },
    ],
    ['never read', { given: 'const fp = require("lodash/fp");', want: undefined }],
    ['not required', { given: 'const fp = require("lodash");\nfp.merge(a, b);', want: undefined }],
  ];

  it.each(rows)('%s', (_name, { given, want }) => {
    expect(fpMethodsUsed(given)).toEqual(want);
  });
});
