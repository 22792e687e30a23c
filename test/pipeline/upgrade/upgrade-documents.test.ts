/**
 * The upgrade of the published corpus's documents: every schema 3.0 marked `nullable` accepts
 * `null` once upgraded (megabytes of vendors' text, in the integration project rather than the
 * inner loop; upgrade.test holds the rules case by case).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forEachSchema } from '../../../src/pipeline/upgrade/schemas.js';
import { upgradeDocument } from '../../../src/pipeline/upgrade/index.js';
import { getAtPointer, type JsonObject } from '../../../src/shared/openapi.js';
import { CORPUS } from '../../corpus/helpers.js';
import { parseYamlOnce } from '../../support/parsed-yaml.js';
import { locate, validatorFor } from './helpers.js';

/** The corpus documents, parsed, with how many `nullable: true` each has (every one in its text). */
const corpus = (
  [
    ['petstore.yaml', 0],
    ['twilio-voice.yaml', 83],
    ['twilio-api.yaml', 1003],
    ['retell.yaml', 151],
    ['vapi.json', 176],
    ['elevenlabs.json', 0],
  ] as const
).map(([file, count]) => {
  const text = readFileSync(new URL(file, CORPUS), 'utf8');
  return [
    file,
    { original: (file.endsWith('.json') ? JSON.parse(text) : parseYamlOnce(text)) as JsonObject, count },
  ] as const;
});

describe.each(corpus)('%s', (_, { original, count }) => {
  it('every nullable schema accepts null once upgraded', () => {
    const nullable: string[] = [];
    forEachSchema(original, (schema, pointer) => {
      if (schema.nullable === true) nullable.push(pointer);
    });
    expect(nullable).toHaveLength(count);
    const { document } = upgradeDocument(structuredClone(original), locate);
    const valid = validatorFor(document);
    // Ajv's verdict on a schema is its content's when every reference in the document resolves
    // against the document itself: a schema written alike at many places (Twilio's 1,003 nullable
    // fields are 377 schemas) is then compiled and asked once. A document where some schema names
    // itself (`$id`, an anchor) has each place asked on its own.
    const placed = /"\$(?:id|anchor|dynamicAnchor)"/.test(JSON.stringify(document));
    const verdicts = new Map<string, boolean>();
    const acceptsNull = (pointer: string, schema: unknown): boolean => {
      const key = placed ? pointer : JSON.stringify(schema);
      let verdict = verdicts.get(key);
      if (verdict === undefined) verdicts.set(key, (verdict = valid(pointer, null)));
      return verdict;
    };
    const lost = nullable.filter((pointer) => {
      const schema = getAtPointer(document, pointer);
      return schema === undefined || !acceptsNull(pointer, schema);
    });
    expect(lost).toEqual([]);
    expect(JSON.stringify(document)).not.toMatch(/"nullable":true/);
  });
});
