/**
 * `npm run generate -- --watch` as a supervisor runs it: spawned in the supervisor's own process
 * group and stopped by a signal to the pid it started, npm's. The script `exec`s node, so the
 * signal reaches the command (no shell stands between them to die of it and leave the watcher
 * running); the command stops watching and exits 0, and npm with it.
 *
 * In a copy of the repository, so that the first run (which regenerates a package whose manifest is
 * stale) writes nothing here. Every wait is on an event: a line printed, a process's exit.
 */
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { alive, descendantsOf, npmRun, type NpmRun } from '../../support/processes.js';
import { copyOfRepository, removeTemporaryDirs, temporaryDir } from '../helpers.js';

/** npm, tsx and a regeneration take seconds on an idle machine; a loaded one can take many times that. */
const BOUND_MS = 300_000;

const runs = new Set<NpmRun>();
afterAll(async () => {
  for (const run of runs) if (run.npm.pid !== undefined && alive(run.npm.pid)) run.npm.kill('SIGKILL');
  await removeTemporaryDirs();
});

describe('generate --watch, stopped as a supervisor stops it', () => {
  // Side by side, each watching a copy of its own.
  it.concurrent.for(['SIGTERM', 'SIGINT'] as const)(
    '%s to npm: the watcher stops, exit 0, nothing on stderr',
    { timeout: BOUND_MS },
    async (signal, { expect }) => {
      const root = join(await temporaryDir('watch-npm-'), 'checkout');
      await copyOfRepository(root, { compiledCli: true });
      const run = npmRun('generate', ['--watch', '--no-docs', 'diga'], {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' },
      });
      runs.add(run);
      await run.printed('(Ctrl-C to stop)');
      const started = await descendantsOf(run.npm.pid!);
      expect(started.length).toBeGreaterThan(0);
      run.npm.kill(signal);
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(run.stderr).toBe('');
      // A helper may outlive the command by a moment: it ends when its pipe to the command closes.
      await expect.poll(() => started.filter(alive), { timeout: BOUND_MS }).toEqual([]);
    },
  );
});
