/** Which spec an API name stands for in `npm run mock` and `npm run verify`, and the names refused. */
import { describe, expect, it } from 'vitest';
import { knownApis, specSource } from '../../src/mock/spec-source.js';

describe('specSource', () => {
  it('knows the APIs of specs/', () => {
    expect(knownApis()).toEqual(expect.arrayContaining(['cozmo', 'diga', 'trillet', 'voicebip']));
  });

  it.each(['nope', '../specs/diga', 'history'])('refuses %s and lists the known APIs', (api) => {
    expect(() => specSource(api)).toThrow(`unknown API "${api}": known APIs are ${knownApis().join(', ')}`);
  });
});
