/**
 * The files of an npm tarball: a gzipped tar (ustar, with pax or GNU records for long names) whose
 * entries sit under one folder, `package/` as npm packs them. Enough of the format to compare a
 * published package with a folder file by file; links, folders and devices are skipped.
 * @see https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06
 */
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

/** Package-relative path → bytes of every regular file in the tarball. */
export function readTarball(gzipped: Uint8Array): Map<string, Buffer> {
  const tar = gunzipSync(gzipped);
  const files = new Map<string, Buffer>();
  let longName: string | undefined;
  for (let offset = 0; offset + BLOCK <= tar.length;) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = octal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156]!);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longName = paxPath(body) ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = text(body);
      continue;
    }
    const prefix =
      header.subarray(257, 262).toString('latin1') === 'ustar' ? text(header.subarray(345, 500)) : '';
    const name =
      longName ??
      (prefix === '' ? text(header.subarray(0, 100)) : `${prefix}/${text(header.subarray(0, 100))}`);
    longName = undefined;
    // '0' and NUL are regular files; the rest (folders, links, global pax headers) hold none.
    if (type !== '0' && type !== '\0') continue;
    files.set(name.replace(/^[^/]*\//, ''), Buffer.from(body));
  }
  return files;
}

function text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

function octal(bytes: Uint8Array): number {
  const digits = text(bytes).trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

/** The `path` record of a pax extended header (`<length> path=<value>\n` records). */
function paxPath(body: Uint8Array): string | undefined {
  const records = Buffer.from(body);
  for (let at = 0; at < records.length;) {
    const space = records.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number(records.subarray(at, space).toString('latin1'));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = records.subarray(space + 1, at + length - 1).toString('utf8');
    if (record.startsWith('path=')) return record.slice('path='.length);
    at += length;
  }
  return undefined;
}
