/**
 * The one fingerprint of the pipeline: manifests, banners and the docs check all record sha256.
 * A module of its own so that deciding whether a package is stale imports nothing but
 * `node:crypto`.
 */
import { createHash } from 'node:crypto';

export function sha256(bytes: Uint8Array | string): string {
  // A string is encoded first: hashing GitHub's 10 MB `openapi.json` as a string took 2.5 times as long.
  return createHash('sha256')
    .update(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)
    .digest('hex');
}
