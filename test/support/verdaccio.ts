/**
 * A real npm registry on 127.0.0.1 for the tests: Verdaccio (pinned in package.json), in a child
 * process stopped by its own pid, its storage, users and config in a throw-away folder, no uplink
 * (nothing it is asked for goes to the internet), one user allowed to publish, whose token it
 * returns. A test seeds it with tarballs in-process, as `npm publish` uploads them, without an npm
 * process per package.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTarball } from '../../src/publish/tarball.js';

export interface TestRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The test user's token: what `//127.0.0.1:<port>/:_authToken=${NPM_TOKEN}` names. */
  token: string;
  pid: number;
  /** Everything Verdaccio printed so far. */
  log(): string;
  /** Publishes a tarball (`npm pack`'s) as the test user, as `npm publish <tarball>` uploads it. */
  publish(tarball: string): Promise<void>;
  /** Removes every version of a package, as `npm unpublish <name> --force` does. */
  unpublish(name: string): Promise<void>;
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
# JSON lines, read only when a test fails: the pretty format starts a worker thread that loads its
# formatter (measured: 0.4 CPU-s of a start's 1.8).
log: { type: stdout, format: json, level: warn }
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
    const token = await createUser(url);
    return {
      url,
      token,
      pid: child.pid!,
      log: () => output,
      publish: (tarball) => publishTarball(url, token, tarball),
      unpublish: (name) => unpublishPackage(url, token, name),
      stop,
    };
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

/** A registry request as the test user; its JSON answer, or an error with the registry's. */
async function ask(url: URL, token: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`Verdaccio: ${init.method ?? 'GET'} ${url.pathname}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The document `npm publish` PUTs: the manifest as the version, the tarball as its one attachment. */
async function publishTarball(url: string, token: string, tarball: string): Promise<void> {
  const bytes = await readFile(tarball);
  const manifest = JSON.parse(readTarball(bytes).get('package.json')!.toString('utf8')) as {
    name: string;
    version: string;
  };
  const { name, version } = manifest;
  const file = basename(tarball);
  const dist = {
    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
    shasum: createHash('sha1').update(bytes).digest('hex'),
    tarball: new URL(`${name}/-/${file}`, url).href,
  };
  await ask(new URL(name.replace('/', '%2f'), url), token, {
    method: 'PUT',
    body: JSON.stringify({
      _id: name,
      name,
      'dist-tags': { latest: version },
      versions: { [version]: { ...manifest, _id: `${name}@${version}`, dist } },
      _attachments: {
        [file]: {
          content_type: 'application/octet-stream',
          data: bytes.toString('base64'),
          length: bytes.length,
        },
      },
    }),
  });
}

async function unpublishPackage(url: string, token: string, name: string): Promise<void> {
  const path = name.replace('/', '%2f');
  const { _rev } = await ask(new URL(`${path}?write=true`, url), token);
  await ask(new URL(`${path}/-rev/${String(_rev)}`, url), token, { method: 'DELETE' });
}
