/**
 * The model of a generated package, read back from the spec it ships (`openapi.json`): for tools
 * and tests that start from a package rather than from `specs/`.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { JsonObject } from '../shared/openapi.js';
import { describeApi } from './index.js';
import type { ApiModel } from './types.js';

export async function readPackageModel(packageDir: string): Promise<ApiModel> {
  const file = join(packageDir, 'openapi.json');
  const document = JSON.parse(await readFile(file, 'utf8')) as JsonObject;
  return describeApi(basename(packageDir), document, () => ({ file }));
}
