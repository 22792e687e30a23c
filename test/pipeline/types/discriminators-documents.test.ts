/**
 * discriminators.test's checks on the published corpus's documents that have discriminators:
 * megabytes of vendors' text, in the integration project rather than the inner loop.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../corpus/helpers.js';
import { expectPatchesUndone, expectScannedAsOpenapiTs, scannedByOpenapiTs } from './discriminator-checks.js';

const DOCUMENTS = ['vapi.json', 'elevenlabs.json'].map((name): [string, object] => [
  name,
  JSON.parse(readFileSync(new URL(name, CORPUS), 'utf8')) as object,
]);

describe.each(DOCUMENTS)('%s', (_, document) => {
  it('is scanned as openapi-typescript scans it', () => expectScannedAsOpenapiTs(document));

  it('has discriminators to find and enums to patch', () => {
    const scan = scannedByOpenapiTs(document);
    expect(Object.keys(scan.objects).length).toBeGreaterThan(0);
    expect(scan.refsHandled.length).toBeGreaterThan(0);
  });

  it('is given back as it was once the patches are undone, key order included', () =>
    expectPatchesUndone(document));
});
