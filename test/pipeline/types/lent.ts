/**
 * The types stage is lent the document the other stages read (src/pipeline/types/edits.ts): it must
 * declare what openapi-typescript declares of a copy, and give the document back as it was.
 */
import { astToString } from 'openapi-typescript/dist/lib/ts.js';
import { expect } from 'vitest';
import { generateTypeNodes, transformDocument } from '../../../src/pipeline/types/index.js';
import type { JsonObject } from '../../../src/shared/openapi.js';

export async function expectLentAsCopied(document: JsonObject): Promise<void> {
  const lent = structuredClone(document);
  const before = JSON.stringify(lent);
  const withoutComments = (text: string) => text.replace(/^\s*\/\*\*[\s\S]*?\*\/\n/gm, '');
  let want: string | Error;
  try {
    want = withoutComments(astToString(transformDocument(structuredClone(lent))));
  } catch (error) {
    // A document the transform refuses (Vapi's, not upgraded to 3.1): refused, and given back.
    want = error as Error;
  }
  const got = await generateTypeNodes(lent, () => ({ file: 'x' }), 'x').then(
    (nodes) => withoutComments(astToString(nodes)),
    (error: Error) => error,
  );
  expect(JSON.stringify(lent) === before, 'given back as it was').toBe(true);
  if (want instanceof Error) expect(got).toMatchObject({ what: `openapi-typescript: ${want.message}` });
  else expect(got === want, 'the same declarations').toBe(true);
}
