/**
 * Every example in every spec validates against its schema, with the same JSON Schema dialect
 * (2020-12) and formats Prism uses, so an example can never contradict the contract it illustrates.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { TRANSCRIBED_APIS, loadSpec, type Json, type OpenApi } from '../support/spec.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface FoundExample {
  /** JSON pointer of the schema the example illustrates. */
  schemaPointer: string;
  /** Where the example is, for the failure message. */
  where: string;
  value: Json;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Media types (request bodies, responses) and parameters carry `example` or named `examples`. */
function findExamples(node: Json, pointer: string, out: FoundExample[] = []): FoundExample[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((child, i) => findExamples(child, `${pointer}/${i}`, out));
    return out;
  }
  const hasSchema = node['schema'] !== undefined;
  if (hasSchema && node['example'] !== undefined) {
    out.push({ schemaPointer: `${pointer}/schema`, where: `${pointer}/example`, value: node['example'] });
  }
  const examples = node['examples'];
  if (hasSchema && examples && typeof examples === 'object' && !Array.isArray(examples)) {
    for (const [name, example] of Object.entries(examples)) {
      const value = (example as { value?: Json }).value;
      if (value !== undefined) {
        out.push({ schemaPointer: `${pointer}/schema`, where: `${pointer}/examples/${name}`, value });
      }
    }
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'examples' && key !== 'example') findExamples(child, `${pointer}/${escape(key)}`, out);
  }
  return out;
}

/** Schema-level `examples` (a list, JSON Schema style) validate against the schema that holds them. */
function findSchemaExamples(doc: OpenApi): FoundExample[] {
  const schemas = ((doc['components'] as { schemas?: Record<string, Json> })?.schemas ?? {}) as Record<
    string,
    { examples?: Json[] }
  >;
  return Object.entries(schemas).flatMap(([name, schema]) =>
    (schema.examples ?? []).map((value, i) => ({
      schemaPointer: `/components/schemas/${escape(name)}`,
      where: `/components/schemas/${name}/examples/${i}`,
      value,
    })),
  );
}

// How many examples each page shows (request + response); a dropped example fails here.
const specs: [string, { file: string; examples: number }][] = [
  ['cozmo', { file: 'specs/cozmo.yaml', examples: 2 }],
  ['cozmo 1.0.0', { file: 'specs/history/cozmo-1.0.0.yaml', examples: 1 }],
  ['trillet', { file: 'specs/trillet.yaml', examples: 1 }],
  ['diga', { file: 'specs/diga.yaml', examples: 2 }],
  ['voicebip', { file: 'specs/voicebip.yaml', examples: 0 }],
];

// Every transcribed spec has its count above: a new API's dropped example must fail too.
it.each(TRANSCRIBED_APIS.map((api) => [api, `specs/${api}.yaml`] as const))(
  '%s has its example count in this file',
  (_api, file) => {
    expect(specs.map(([, spec]) => spec.file)).toContain(file);
  },
);

describe.each(specs)('%s examples', (_name, { file, examples }) => {
  const doc = loadSpec(file);
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema({ ...(doc as object), $id: 'spec.json' });
  const mediaExamples = findExamples(doc as unknown as Json, '');
  const found = [...mediaExamples, ...findSchemaExamples(doc)];

  it('keeps every example the page shows', () => {
    expect(mediaExamples).toHaveLength(examples);
  });

  it.each(found.map((example) => [example.where, example] as const))('%s is valid', (_where, example) => {
    const validate = ajv.getSchema(`spec.json#${example.schemaPointer}`);
    if (!validate) throw new Error(`no schema at ${example.schemaPointer}`);
    const valid = validate(example.value);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });
});
