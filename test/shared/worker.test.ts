/**
 * A thread prepared for a task to come (src/shared/worker.ts `prepareThread`): one at a time, and
 * the one the next task runs in (test/cli/compiled-worker.test.ts runs `import`'s lint in it).
 */
import { afterAll, expect, it } from 'vitest';
import { prepareThread, stopIdleThreads } from '../../src/shared/worker.js';

afterAll(stopIdleThreads);

it('prepares one thread, which waits for a task', async () => {
  prepareThread();
  prepareThread();
  expect(await stopIdleThreads()).toBe(1);
  expect(await stopIdleThreads()).toBe(0);
});
