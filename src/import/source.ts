/**
 * The document `npm run import` is given: a file (relative to where `npm run` was typed) or an
 * http(s) URL, read whole, its syntax told by its first character (a vendor's `.json` URL may be
 * served as text, a file may be named `.txt`), never by its name.
 */
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';

export interface ImportSource {
  /** As the user gave it, for the source record and messages. */
  given: string;
  bytes: Buffer;
  format: 'json' | 'yaml';
}

/** How long a download may take: GitHub's 13 MB description comes in seconds. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

export async function readSource(given: string, cwd: string): Promise<ImportSource> {
  const bytes = /^https?:\/\//i.test(given) ? await download(given) : await readLocal(given, cwd);
  const start = bytes
    .toString('utf8', 0, Math.min(bytes.length, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return { given, bytes, format: start.startsWith('{') || start.startsWith('[') ? 'json' : 'yaml' };
}

/** The document's file and its size in bytes, when it is a file; else undefined (a URL, or no file there). */
export function localSource(given: string, cwd: string): { path: string; bytes: number } | undefined {
  if (/^https?:\/\//i.test(given)) return undefined;
  const path = isAbsolute(given) ? given : resolve(cwd, given);
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isFile() ? { path, bytes: stats.size } : undefined;
  } catch {
    return undefined; // not readable: `readSource` says why
  }
}

async function readLocal(given: string, cwd: string): Promise<Buffer> {
  const path = isAbsolute(given) ? given : resolve(cwd, given);
  try {
    if ((await stat(path)).isDirectory()) throw new UsageError(given, 'is a folder: give the document file');
    return await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Node's message ends with the absolute path: the file is named already.
    throw new UsageError(
      given,
      `cannot read it: ${(error as Error).message.replace(/, (open|stat) '.*'$/, '')}`,
    );
  }
}

async function download(url: string): Promise<Buffer> {
  const failed = (error: unknown) => {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return new UsageError(url, `cannot download it: ${cause ?? (error as Error).message}`);
  };
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw failed(error);
  }
  if (!response.ok) {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new UsageError(url, `cannot download it: the server answered ${status}`);
  }
  // The body can fail too: a connection reset halfway, the timeout.
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw failed(error);
  }
}
