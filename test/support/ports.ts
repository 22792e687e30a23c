/**
 * A port for a process the test starts later. The OS's "any free port" comes from the ephemeral
 * range (32768-60999 on Linux), which every outgoing connection and every other worker's
 * `listen(0)` also draws from, so between the probe and the child's bind it can be taken
 * (EADDRINUSE, seen under load). A random port below that range, probed free, is not handed out
 * by the OS at all.
 */
import { createServer } from 'node:net';

const LOW = 20_000;
const HIGH = 32_000;

/** Whether `port` on 127.0.0.1 can be bound now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export async function unusedPort(): Promise<number> {
  for (;;) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await portFree(port)) return port;
  }
}
