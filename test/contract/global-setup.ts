/**
 * Starts one Prism mock per API of the repository, of either kind (`projectApis`), all at once, before the tests of the `client` and `conformance`
 * projects, and stops each by its own process id once the run ends. Vitest runs every selected
 * project's set-up before any test and their teardowns after the last: when both projects run,
 * the second finds the first one's mocks in `MOCK_URL_<API>` and starts none. A test run can be
 * pointed at other servers the same way: set `MOCK_URL_<API>` (dashes as `_`; e.g.
 * `MOCK_URL_DIGA=http://127.0.0.1:4010`) and that API's mock is not started.
 */
import { startPrism, type PrismServer } from '../../src/mock/prism.js';
import { mockSpecPath, mockUrlVariable, projectApis } from './mocks.js';

export default async function setup(): Promise<() => Promise<void>> {
  const started: PrismServer[] = [];
  const results = await Promise.allSettled(
    (await projectApis()).map(async ({ name: api }) => {
      const given = process.env[mockUrlVariable(api)];
      if (given) return [api, given] as const;
      const server = await startPrism({ specPath: mockSpecPath(api) });
      started.push(server);
      return [api, server.url] as const;
    }),
  );
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0) {
    await Promise.all(started.map((s) => s.stop()));
    throw new Error(failures.map((f) => String((f.reason as Error).message)).join('\n\n'));
  }
  const urls = Object.fromEntries(
    results.map((r) => (r as PromiseFulfilledResult<readonly [string, string]>).value),
  );
  // The tests read MOCK_URL_<API>; workers start after this and inherit the environment.
  for (const [api, url] of Object.entries(urls)) process.env[mockUrlVariable(api)] = url;
  return async () => {
    await Promise.all(started.map((s) => s.stop()));
  };
}
