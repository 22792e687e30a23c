/**
 * The bundle stage held to Redocly's own `bundle` (test/pipeline/bundle/local.test.ts and
 * test/corpus/local-bundle.test.ts): a document the stage leaves unbundled (`BundledSpec.local`)
 * must be what Redocly makes of it, byte for byte, and so must the lint thread's copy of it, parsed
 * from the file's bytes (`receivedBundle`).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bundle, type Config } from '@redocly/openapi-core';
import { expect } from 'vitest';
import {
  bundleSpec,
  configForSpec,
  listedOverlayPaths,
  type BundledSpec,
} from '../../../src/pipeline/bundle/index.js';
import { PipelineResolver } from '../../../src/pipeline/bundle/resolver.js';
import { readSpecBytes, receivedBundle } from '../../../src/pipeline/orchestration/lint-thread.js';

/** The stage's bundle of `specPath`, after checking it against Redocly's. */
export async function bundledAsRedocly(specPath: string, config: Config): Promise<BundledSpec> {
  const ours = await bundleSpec(specPath, config, (path) => path, {
    resolver: new PipelineResolver(config.resolve),
    lintFollows: true,
  });
  const apiConfig = configForSpec(config, specPath);
  const theirs = await bundle({
    ref: specPath,
    config: apiConfig,
    dereference: false,
    // As the stage has Redocly apply them.
    overlays: listedOverlayPaths(apiConfig),
    externalRefResolver: new PipelineResolver(config.resolve),
  });
  const expected = JSON.stringify(theirs.bundle.parsed, null, 2);
  expect(JSON.stringify(ours.document, null, 2), specPath).toBe(expected);
  expect(ours.dependencies, specPath).toEqual(
    [...theirs.fileDependencies].map((path) => resolve(path)).sort(),
  );
  if (ours.local && specPath.endsWith('.json')) {
    const received = receivedBundle(
      {
        absoluteRef: ours.bundle.source.absoluteRef,
        mimeType: ours.bundle.source.mimeType,
        inlined: ours.local.inlined,
      },
      readSpecBytes(await readFile(specPath)),
    );
    expect(JSON.stringify(received.parsed, null, 2), specPath).toBe(expected);
    expect(received.source.body, specPath).toBe(theirs.bundle.source.body);
  }
  return ours;
}
