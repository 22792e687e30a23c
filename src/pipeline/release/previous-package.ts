import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripMarkdownBanner } from '../../shared/banner.js';
import { GenerateError } from '../../shared/errors.js';
import { listFiles } from '../../shared/files.js';
import { isObject, type JsonObject } from '../../shared/openapi.js';
import type { PreviousRelease } from './index.js';

/**
 * The package on disk, if any: its version and package.json, the spec it was made from, its
 * changelog and the declaration files it ships (its public types). Read synchronously: each of
 * fs/promises' reads is four thread-pool round trips, which cost more CPU than reading a file.
 */
export async function readPreviousPackage(
  outDir: string,
  display: (path: string) => string,
): Promise<PreviousRelease | undefined> {
  const path = join(outDir, 'package.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new GenerateError(
      { file: display(path) },
      `not valid JSON (${(error as Error).message}); delete it to start over at 1.0.0`,
    );
  }
  if (!isObject(manifest) || typeof manifest.version !== 'string') {
    throw new GenerateError({ file: display(path) }, 'has no `version`; delete it to start over at 1.0.0');
  }
  // The package's spec and changelog are its history: without them the next version and the
  // changelog would start over silently, so their loss is an error, with the way out.
  const required = (file: string, role: string, parse: (text: string) => string | JsonObject): unknown => {
    const path = join(outDir, file);
    try {
      return parse(readFileSync(path, 'utf8'));
    } catch (error) {
      const reason = (error as Error).message.replace(/, open '.*'$/, '');
      const fix = `restore it with \`git checkout -- ${display(path)}\`, or delete ${display(outDir)} to start over at 1.0.0`;
      throw new GenerateError({ file: display(path) }, `cannot read it (${reason}), and ${role}: ${fix}`);
    }
  };
  // In this order: a missing spec is reported before a missing changelog.
  const document = required('openapi.json', 'the next version is computed from it', (text) => {
    const value: unknown = JSON.parse(text);
    if (!isObject(value)) throw new Error('not an OpenAPI document');
    return value as JsonObject;
  });
  const changelog = required(
    'CHANGELOG.md',
    'the next entry goes on top of it',
    stripMarkdownBanner,
  ) as string;
  const declarations = await readDeclarations(outDir);
  return {
    version: manifest.version,
    packageJson: manifest,
    document: document as JsonObject,
    ...(changelog ? { changelog } : {}),
    declarations,
  };
}

/** Package-relative path → text of every declaration file in the folder. */
async function readDeclarations(outDir: string): Promise<Map<string, string>> {
  const files = (await listFiles(outDir)).filter((file) => file.endsWith('.d.ts'));
  return new Map(files.map((file) => [file, readFileSync(join(outDir, file), 'utf8')]));
}
