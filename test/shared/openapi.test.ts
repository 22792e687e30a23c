import { describe, expect, it } from 'vitest';
import {
  getAtPointer,
  mergedParameters,
  openapiJsonText,
  pointer,
  pointerSegment,
  pointerSegments,
} from '../../src/shared/openapi.js';

describe('JSON pointers in URI-fragment form', () => {
  it.each<[string, { key: string; segment: string }]>([
    ['a plain key as it is', { key: 'simple-user', segment: 'simple-user' }],
    ['a path with its slashes escaped', { key: '/repos/{owner}', segment: '~1repos~1{owner}' }],
    ['a tilde', { key: 'a~b', segment: 'a~0b' }],
    ['what looks like an escape already', { key: 'a~1b', segment: 'a~01b' }],
    ['a percent sign', { key: '/files/100%', segment: '~1files~1100%25' }],
    ['what looks like a percent escape', { key: 'a%2Fb', segment: 'a%252Fb' }],
    ['non-ASCII letters as they are', { key: 'café', segment: 'café' }],
    ['an empty key', { key: '', segment: '' }],
  ])('%s', (_, { key, segment }) => {
    expect(pointerSegment(key)).toBe(segment);
    expect(pointerSegments(pointer('paths', key, 'get'))).toEqual(['paths', key, 'get']);
    expect(getAtPointer({ paths: { [key]: { get: 1 } } }, pointer('paths', key, 'get'))).toBe(1);
  });

  it('reads a $ref written with percent escapes', () => {
    expect(pointerSegments('#/paths/~1a%7Bb%7D/get')).toEqual(['paths', '/a{b}', 'get']);
  });
});

describe("a document's text (openapiJsonText)", () => {
  it('is written again the same from its parse: what import keeps is what generate writes', () => {
    const document = JSON.parse(
      '{"openapi":"3.1.0","paths":{},"components":{"schemas":{"b":{"enum":[-0,0.1,1e21,12345678901234567890,"\\ud800","😀","\\u0000"]},' +
        '"a":{"properties":{"__proto__":{},"10":{},"2":{},"z":{},"1":{}}}}},"x-nested":[[],{},[{"": null}]]}',
    ) as Record<string, unknown>;
    const text = openapiJsonText(document);
    expect(openapiJsonText(JSON.parse(text) as Record<string, unknown>)).toBe(text);
    // The value JSON keeps (-0 is written 0), as the compact text kept before it did.
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe("an operation's parameters merged over its path item's (mergedParameters)", () => {
  const document = {
    paths: {
      '/a/{id}': {
        parameters: [
          { $ref: '#/components/parameters/Id' },
          { name: 'trace', in: 'header', schema: { type: 'string' } },
          { $ref: '#/components/parameters/Missing' },
        ],
        get: {
          parameters: [
            { name: 'trace', in: 'header', schema: { type: 'integer' } },
            { name: 'trace', in: 'query' },
            { in: 'query' },
          ],
        },
      },
    },
    components: { parameters: { Id: { name: 'id', in: 'path', required: true } } },
  };

  it.each<[string, { key: string; pointer: string | undefined }]>([
    ['a $ref followed to where it points', { key: 'path:id', pointer: '#/components/parameters/Id' }],
    [
      "the operation's over the path item's of the same in and name",
      { key: 'header:trace', pointer: '#/paths/~1a~1{id}/get/parameters/0' },
    ],
    [
      'the same name elsewhere its own',
      { key: 'query:trace', pointer: '#/paths/~1a~1{id}/get/parameters/1' },
    ],
  ])('%s', (_, { key, pointer: where }) => {
    expect(mergedParameters(document, '#/paths/~1a~1{id}/get').get(key)?.pointer).toBe(where);
  });

  it("keeps the path item's order, leaves out a $ref to nothing and a parameter without a name", () => {
    expect([...mergedParameters(document, '#/paths/~1a~1{id}/get').keys()]).toEqual([
      'path:id',
      'header:trace',
      'query:trace',
    ]);
  });
});
