import { describe, expect, it } from 'vitest';
import {
  getAtPointer,
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
