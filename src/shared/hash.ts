/**
 * The one fingerprint of the pipeline: manifests, banners and the docs check all record sha256.
 * A module of its own so that deciding whether a package is stale imports nothing but
 * `node:crypto`, and that only once something is hashed: it takes about 10 CPU-ms to load, which a
 * run that hashes nothing (a spec broken in its first line, its hash remembered) does not spend.
 */
import type { createHash as CreateHash } from 'node:crypto';

let createHash: typeof CreateHash | undefined;

export function sha256(bytes: Uint8Array | string): string {
  createHash ??= process.getBuiltinModule('node:crypto').createHash;
  // A string is encoded first: hashing GitHub's 10 MB `openapi.json` as a string took 2.5 times as long.
  return createHash('sha256')
    .update(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)
    .digest('hex');
}
