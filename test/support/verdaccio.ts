/**
 * A real npm registry on 127.0.0.1 for the tests: Verdaccio (pinned in package.json), in a child
 * process stopped by its own pid, its storage, users and config in a throw-away folder, no uplink
 * (nothing it is asked for goes to the internet), one user allowed to publish, whose token it
 * returns.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The test user's token: what `//127.0.0.1:<port>/:_authToken=${NPM_TOKEN}` names. */
  token: string;
  pid: number;
  /** Everything Verdaccio printed so far. */
  log(): string;
  /** Stops this Verdaccio process (and only it) and waits for it to exit. */
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL('./verdaccio-server.mjs', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every package needs the user to read it and to publish it: as a private registry does. */
const CONFIG = `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 1
    # bcrypt's least cost: the one user's password is checked on every request, at the default
    # cost (10) most of the registry's CPU time in a test.
    rounds: 4
uplinks: {}
packages:
  '**':
    access: $authenticated
    publish: $authenticated
    unpublish: $authenticated
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;

export async function startVerdaccio(dir: string): Promise<TestRegistry> {
  await mkdir(dir, { recursive: true });
  const configPath = join(dir, 'config.yaml');
  await writeFile(configPath, CONFIG);
  // cwd: the server module imports verdaccio from the repository's node_modules.
  const child = spawn(process.execPath, [SERVER, configPath], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const look = () => {
      const match = /\{"port":(\d+)\}/.exec(output);
      if (match !== null) resolve(Number(match[1]));
    };
    child.stdout.on('data', (chunk: Buffer) => void ((output += chunk.toString()), look()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    void exited.then(() => reject(new Error(`Verdaccio exited before listening:\n${output}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}/`;
  try {
    return { url, token: await createUser(url), pid: child.pid!, log: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Registers the one user (as `npm adduser` does) and returns its token. */
async function createUser(url: string): Promise<string> {
  const name = 'release-test';
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'release-test-password' }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || typeof body.token !== 'string')
    throw new Error(`Verdaccio refused the test user: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}
