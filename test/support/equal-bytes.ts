/**
 * Set-up of every test file (vitest `setupFiles`): byte arrays compare as bytes. Vitest's own
 * deep equality walks a Buffer element by element, which made comparing the files of a generated
 * tree (`readTree`) several seconds of a pipeline test file; a mismatch is reported as before.
 */
import { expect } from 'vitest';

function equalBytes(a: unknown, b: unknown): boolean | undefined {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return undefined;
  // A Buffer and another kind of byte array are not equal to toEqual either.
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return undefined;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

// Files of a worker that is not isolated share this module's `expect`: add the tester once.
const ADDED = Symbol.for('voice-agent-sdks.equalBytes');
const registry = globalThis as { [ADDED]?: true };
if (!registry[ADDED]) {
  expect.addEqualityTesters([equalBytes]);
  registry[ADDED] = true;
}
