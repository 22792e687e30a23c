/** What the upgrade tests judge an upgraded document with. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonObject } from '../../../src/shared/openapi.js';

/** A spec's `locate`, for a document with no file behind it. */
export const locate = (pointer: string) => ({ file: 'spec.yaml', line: 1, column: pointer.length });

/** A validator of the schema at `pointer` of `document`, its `$ref`s resolved in the document. */
export function validatorFor(document: JsonObject): (pointer: string, value: unknown) => boolean {
  // validateSchema: the meta-schema sees an OpenAPI document, whose schemas sit under keywords it
  // does not know (`components`, `paths`) and never checks: it cost seconds and judged nothing.
  // inlineRefs: a `$ref`'d schema compiled once and called, not compiled again into each of the
  // ~1,400 schemas that refer to it (the same verdicts, a second less).
  // code.optimize: the generated code is not simplified before it is compiled: each validator runs
  // a few times, and the pass was a third of the compile (the same verdicts, half a second less).
  const ajv = new Ajv2020({
    strict: false,
    validateFormats: false,
    allErrors: false,
    validateSchema: false,
    inlineRefs: false,
    code: { optimize: false },
  });
  ajv.addSchema({ ...document, $id: 'https://spec.test/doc' });
  // The schema at the pointer itself, compiled once (a `{ $ref }` wrapper was compiled on top of it).
  return (pointer, value) => {
    const validate = ajv.getSchema(`https://spec.test/doc${pointer}`);
    if (validate === undefined) throw new Error(`no schema at ${pointer}`);
    return validate(value) as boolean;
  };
}
