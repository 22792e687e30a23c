/** The process's time zone, changed for a block of tests. */
import { afterAll, beforeAll } from 'vitest';

/**
 * Runs the calling block's tests in `zone` (an IANA name) and restores the zone after: Node reads
 * `process.env.TZ` again whenever it is assigned. For what must not depend on the machine's zone,
 * which is UTC on most CI machines and so hides a local-time reading.
 */
export function useTimeZone(zone: string): void {
  let before: string | undefined;
  beforeAll(() => {
    before = process.env['TZ'];
    process.env['TZ'] = zone;
  });
  afterAll(() => {
    if (before === undefined) delete process.env['TZ'];
    else process.env['TZ'] = before;
  });
}
