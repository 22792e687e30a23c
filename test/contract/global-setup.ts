/**
 * Starts one Prism mock per API of the repository, of either kind (`projectApis`), all at once,
 * for the tests of the `client` and `conformance`
 * projects, and stops each by its own process id once the run ends. Vitest runs every selected
 * project's set-up before any test and their teardowns after the last: when both projects run,
 * the second finds the first one's mocks in `MOCK_URL_<API>` and starts none. A test run can be
 * pointed at other servers the same way: set `MOCK_URL_<API>` (dashes as `_`; e.g.
 * `MOCK_URL_DIGA=http://127.0.0.1:4010`) and that API's mock is not started.
 *
 * The set-up does not wait for the mocks to listen: each gets its port before it starts, so its
 * URL is known at once, and the tests start while Prism loads (seconds, each). A test that calls a
 * mock awaits `mockReady(api)` first, which also reports a mock that failed to start.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPrism, type PrismServer } from '../../src/mock/prism.js';
import { removeDir } from '../support/files.js';
import { MOCK_STATE_DIR, mockFailureFile, mockSpecPath, mockUrlVariable, projectApis } from './mocks.js';

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env[MOCK_STATE_DIR]) return async () => undefined; // the other project's set-up started them
  const stateDir = await mkdtemp(join(tmpdir(), 'contract-mocks-'));
  process.env[MOCK_STATE_DIR] = stateDir;
  const starting: Promise<PrismServer | undefined>[] = [];
  for (const { name: api } of await projectApis()) {
    if (process.env[mockUrlVariable(api)]) continue;
    const port = await freePort();
    // The tests read MOCK_URL_<API>; workers start after this and inherit the environment.
    process.env[mockUrlVariable(api)] = `http://127.0.0.1:${port}`;
    starting.push(
      startPrism({ specPath: mockSpecPath(api), port }).catch(async (error: unknown) => {
        await writeFile(mockFailureFile(stateDir, api), String((error as Error).message));
        return undefined;
      }),
    );
  }
  return async () => {
    const servers = await Promise.all(starting);
    await Promise.all(servers.map((server) => server?.stop()));
    await removeDir(stateDir);
  };
}
