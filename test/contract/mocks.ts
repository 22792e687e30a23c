/** Which APIs the contract tests run against, where each one's mock is, and the spec it serves. */
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiKind } from '../../src/pipeline/orchestration/layout.js';
import { resolveContext } from '../../src/pipeline/orchestration/context.js';
import { discoverApis } from '../../src/pipeline/orchestration/generate.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/** The folder where the global setup reports a mock that failed to start (`<api>.error`). */
export const MOCK_STATE_DIR = 'CONTRACT_MOCK_STATE_DIR';

export const mockFailureFile = (stateDir: string, api: string): string => join(stateDir, `${api}.error`);

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

/** A safety net for a loaded machine: Prism starts in about 2 s on an idle one. */
const READY_BOUND_MS = 180_000;

/** Whether something accepts connections on the URL's port. */
function accepts(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
    socket.once('close', () => socket.destroy());
    socket.once('connect', () => socket.end());
  });
}

/**
 * The API's mock URL once the mock listens. The global setup starts the mocks without waiting for
 * them; a mock that failed to start is an error here, with Prism's log.
 */
export function mockReady(api: string): Promise<string> {
  let ready = readiness.get(api);
  if (!ready) readiness.set(api, (ready = waitForMock(api)));
  return ready;
}

const readiness = new Map<string, Promise<string>>();

async function waitForMock(api: string): Promise<string> {
  const url = mockUrl(api);
  const stateDir = process.env[MOCK_STATE_DIR];
  const deadline = Date.now() + READY_BOUND_MS;
  for (;;) {
    if (stateDir && existsSync(mockFailureFile(stateDir, api)))
      throw new Error(readFileSync(mockFailureFile(stateDir, api), 'utf8'));
    if (await accepts(new URL(url))) return url;
    if (Date.now() > deadline)
      throw new Error(`the mock of ${api} at ${url} was not listening after ${READY_BOUND_MS} ms`);
    // Prism is loading: ask again shortly.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
