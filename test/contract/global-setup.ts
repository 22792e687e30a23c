/**
 * Starts one Prism mock per API of the repository, of either kind (`projectApis`), all at once and
 * all in one process (`prism-mocks.cjs`: Prism's modules load once, not once per API), for the
 * tests of the `client` and `conformance` projects, and stops that process by its own pid once the
 * run ends. Vitest runs every selected project's set-up before any test and their teardowns after
 * the last: when both projects run, the second finds the first one's mocks in `MOCK_URL_<API>` and
 * starts none. A test run can be pointed at other servers the same way: set `MOCK_URL_<API>`
 * (dashes as `_`; e.g. `MOCK_URL_DIGA=http://127.0.0.1:4010`) and that API's mock is not started.
 *
 * The set-up does not wait for the mocks to listen: each gets its port before it starts, so its
 * URL is known at once, and the tests start while Prism loads (seconds). A test that calls a mock
 * awaits `mockReady(api)` first, which also reports a mock that failed to start, with Prism's log.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { prismEntry } from '../../src/mock/prism-bundle.js';
import { unusedPort } from '../support/ports.js';
import { removeDir } from '../support/files.js';
import { MOCK_STATE_DIR, mockFailureFile, mockSpecPath, mockUrlVariable, projectApis } from './mocks.js';

const MOCKS = fileURLToPath(new URL('./prism-mocks.cjs', import.meta.url));

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env[MOCK_STATE_DIR]) return async () => undefined; // the other project's set-up started them
  const stateDir = await mkdtemp(join(tmpdir(), 'contract-mocks-'));
  process.env[MOCK_STATE_DIR] = stateDir;
  const mocks: string[] = [];
  for (const { name: api } of await projectApis()) {
    if (process.env[mockUrlVariable(api)]) continue;
    const port = await unusedPort();
    // The tests read MOCK_URL_<API>; workers start after this and inherit the environment.
    process.env[mockUrlVariable(api)] = `http://127.0.0.1:${port}`;
    mocks.push(`${api}=${port}=${mockSpecPath(api)}`);
  }
  if (mocks.length === 0) return () => removeDir(stateDir);

  // Prism's bundle when there is one (the builds' set-up built it); else its package.
  const entry = await prismEntry();
  const bundle = entry.length === 2 ? [`--bundle=${entry[1]}`] : [];
  const child = spawn(process.execPath, [MOCKS, ...bundle, ...mocks], {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => void (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (log += chunk.toString()));
  const failed = (api: string, why: string) =>
    writeFile(
      mockFailureFile(stateDir, api),
      `Prism mock of ${mockSpecPath(api)} did not start: ${why}\n--- Prism log ---\n${log.trim() || '(empty)'}`,
    );
  const waiting = new Set(mocks.map((mock) => mock.split('=')[0]!));
  const reports: Promise<void>[] = [];
  createInterface({ input: child.stdio[3] as Readable }).on('line', (line) => {
    const { api, error } = JSON.parse(line) as { api: string; listening?: string; error?: string };
    waiting.delete(api);
    if (error !== undefined) reports.push(failed(api, error));
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // Whatever had not reported died with the process.
      for (const api of waiting) reports.push(failed(api, `it exited with ${code ?? signal}`));
      resolve();
    }),
  );
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    // As src/mock/prism.ts stops a Prism: one that does not end on SIGTERM is killed.
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    await Promise.all(reports);
    await removeDir(stateDir);
  };
}
