/**
 * A large document's types are made in a worker thread (`types-beside.ts`): what the thread makes of
 * what it is sent must be what the types stage and the post-processing make here, byte for byte and
 * name for name, and a transform that fails must be reported as the types stage reports it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeApi } from '../../../src/model/index.js';
import { bundleSpec, loadRedoclyConfig } from '../../../src/pipeline/bundle/index.js';
import { openapiJsonText } from '../../../src/pipeline/emit/index.js';
import {
  makePackageTypes,
  packageTypes,
  startTypesBeside,
  type PackageTypesInput,
  type TypesBeside,
} from '../../../src/pipeline/orchestration/types-beside.js';
import { postprocessTypes } from '../../../src/pipeline/postprocess/index.js';
import { generateTypeNodes } from '../../../src/pipeline/types/index.js';
import { displayPathFor } from '../../../src/shared/display.js';
import { GenerateError } from '../../../src/shared/errors.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { oneOperationSpec } from '../../support/spec-builder.js';
import { PROJECT_CONFIG, PROJECT_ROOT } from '../helpers.js';

const locate = (pointer: string) => ({ file: 'spec.yaml', line: pointer.length, column: 1 });
const config = await loadRedoclyConfig(PROJECT_CONFIG, 'redocly.yaml');

async function bundled(spec: string): Promise<JsonObject> {
  return (await bundleSpec(join(PROJECT_ROOT, spec), config, displayPathFor(PROJECT_ROOT))).document;
}

/** What the thread is sent for `document`, and what the build makes of it in this thread. */
async function both(document: JsonObject): Promise<{ input: PackageTypesInput; want: unknown }> {
  const model = describeApi('api', document, locate);
  const input = { openapiJson: openapiJsonText(document), model, reserved: ['Client'], banner: '/** b */\n' };
  const types = await generateTypeNodes(document, locate, 'spec.yaml');
  return { input, want: postprocessTypes({ types, model, reserved: input.reserved, banner: input.banner }) };
}

describe('types made beside', () => {
  it.each<[string, () => Promise<JsonObject>]>([
    ['specs/diga.yaml', () => bundled('specs/diga.yaml')],
    ['specs/voicebip.yaml', () => bundled('specs/voicebip.yaml')],
  ])('%s: the text and names the build makes here', async (_, document) => {
    const { input, want } = await both(await document());
    expect(await makePackageTypes(async () => input)).toEqual(want);
  });

  it("reports the transform's failure where the types stage does", async () => {
    const document = oneOperationSpec({
      document: { components: { schemas: { List: { type: 'array', items: 5 } } } },
    });
    const model = describeApi('api', document, locate);
    const input = { openapiJson: openapiJsonText(document), model, reserved: [], banner: '' };
    const result = await makePackageTypes(async () => input);
    expect(result).toEqual({ failure: expect.stringContaining('#/components/schemas/List') });
    const here = await generateTypeNodes(document, locate, 'spec.yaml').catch((error: unknown) => error);
    expect(here).toBeInstanceOf(GenerateError);
    // The thread's answer as this thread reads it (a real thread crosses below).
    const thread: TypesBeside = {
      result: Promise.resolve(result),
      send: () => undefined,
      stop: async () => {},
    };
    const beside = await packageTypes(thread, input, locate, 'spec.yaml').catch((error: unknown) => error);
    expect(beside).toBeInstanceOf(GenerateError);
    expect((beside as GenerateError).message).toBe((here as GenerateError).message);
  });

  it('crosses threads: a worker sent a spec returns its types', async () => {
    const { input, want } = await both(await bundled('specs/diga.yaml'));
    const thread = startTypesBeside();
    try {
      expect(await packageTypes(thread, input, locate, 'spec.yaml')).toEqual(want);
    } finally {
      await thread.stop();
    }
  });
});
