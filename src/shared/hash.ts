/**
 * The one fingerprint of the pipeline: manifests, banners and the docs check all record sha256.
 * A module of its own so that deciding whether a package is stale imports nothing but
 * `node:crypto`.
 */
import { createHash } from 'node:crypto';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
