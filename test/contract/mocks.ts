/** Which APIs the contract tests run against, where each one's mock is, and the spec it serves. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiKind } from '../../src/pipeline/orchestration/layout.js';
import { resolveContext } from '../../src/pipeline/orchestration/context.js';
import { discoverApis } from '../../src/pipeline/orchestration/generate.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every API of the project at `root`, of either kind, found as `npm run generate` finds them
 * (`specs/<api>.yaml` and `specs/published/<api>/`): an API added by hand or by `npm run import`
 * gets its mock and the generic checks without a list to keep in step.
 */
export async function projectApis(root = REPOSITORY): Promise<{ name: string; kind: ApiKind }[]> {
  const apis = await discoverApis(resolveContext({ rootDir: root }));
  return apis.map(({ name, kind }) => ({ name, kind }));
}

export const mockUrlVariable = (api: string): string => `MOCK_URL_${api.toUpperCase().replace(/-/g, '_')}`;

/** The bundled spec a package was generated from, which its mock serves: `<root>/generated/<api>/openapi.json`. */
export function mockSpecPath(api: string, root = REPOSITORY): string {
  return join(root, 'generated', api, 'openapi.json');
}

/** The server the contract tests call: MOCK_URL_<API>, which the global setup sets for its mocks. */
export function mockUrl(api: string): string {
  const url = process.env[mockUrlVariable(api)];
  if (!url) throw new Error(`no mock for ${api}: the global setup did not start one`);
  return url;
}
