/**
 * `npm run mock`: prints a URL and a curl line that the mock answers, and stops Prism on Ctrl-C
 * (SIGINT to the process group, as a terminal sends it); wrong input (a taken port included) gives
 * exit 2 and a message; a Prism that dies before listening is reported with its log.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/command.js';
import { mock } from '../../src/cli/commands/index.js';
import type { CommandIo } from '../../src/shared/command-io.js';
import { handleMock } from '../../src/mock/command.js';
import { DEFAULT_MOCK_OPTIONS } from '../../src/mock/options.js';
import { prismArgs, startPrism } from '../../src/mock/prism.js';
import { prismEntry } from '../../src/mock/prism-bundle.js';
import { knownApis, specSource } from '../../src/mock/spec-source.js';
import type { JsonObject } from '../../src/shared/openapi.js';
import { removeDir } from '../support/files.js';
import { captureIo } from '../support/io.js';
import { oneOperationSpec } from '../support/spec-builder.js';
import { alive, processesMatching } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Whether any process of the group still runs. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Method, URL and headers of a `curl -X M URL -H 'h: v' …` line (no body: diga's is optional). */
function parseCurl(line: string): { method: string; url: string; headers: Record<string, string> } {
  const words = [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  const headers: Record<string, string> = {};
  words.forEach((word, index) => {
    if (word === '-H') {
      const [name, ...value] = words[index + 1]!.split(': ');
      headers[name!] = value.join(': ');
    }
  });
  return { method: words[words.indexOf('-X') + 1]!, url: words.find((w) => w.startsWith('http'))!, headers };
}

// The tests that wait on a Prism start run side by side, the start-ups overlapping; those after
// them run one at a time (one counts the process's exit listeners, which a start adds).
describe.concurrent('npm run mock', () => {
  it('prints a URL and a curl line that answer, and stops Prism on Ctrl-C', async ({ expect }) => {
    const child = spawn('npm', ['run', '--silent', 'mock', '--', 'diga', '--port', '0'], {
      cwd: ROOT,
      detached: true, // its own process group, so the SIGINT below reaches npm, the command and Prism like a Ctrl-C
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pgid = child.pid!;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('Press Ctrl-C to stop.')) resolve();
        });
        void exited.then((exit) =>
          reject(new Error(`the mock exited (${JSON.stringify(exit)}):\n${stdout}\n${stderr}`)),
        );
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      expect(url).toBeDefined();
      const curl = parseCurl(/try: (curl .*)/.exec(stdout)![1]!);
      expect(curl.url.startsWith(url!)).toBe(true);
      const response = await fetch(curl.url, { method: curl.method, headers: curl.headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toHaveProperty('agent_id');
      expect(stdout).toContain(
        'credentials (any value of this form): header Authorization: Bearer <token> (BearerAuth)',
      );
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGINT');
    }
    // npm itself ends by the signal it received, as it does at a terminal; the command must not fail.
    expect([
      { code: 0, signal: null },
      { code: null, signal: 'SIGINT' },
    ]).toContainEqual(await exited);
    expect(stderr).not.toContain('error:');
    // npm, the command and Prism are all gone (the group's last member may outlive npm by a moment).
    await expect.poll(() => groupAlive(pgid), { timeout: 60_000 }).toBe(false);
  });
});

/** The pids of this process's Prism mocks on `port`. */
const prismMocksOn = (port: number) =>
  processesMatching(new RegExp(`prism-cli.* mock .* --port ${port}(\\s|$)`), process.pid);

describe.concurrent('how a running mock ends', () => {
  type End = (prism: number, requestStop: () => void) => void;
  const rows: [string, { given: End; want: { code: number; error?: RegExp } }][] = [
    [
      'a requested stop (SIGTERM to the command alone): Prism is stopped, exit 0',
      { given: (_prism, requestStop) => requestStop(), want: { code: 0 } },
    ],
    [
      "Prism ended by a terminal's Ctrl-C before the command heard of it: exit 0",
      { given: (prism) => process.kill(prism, 'SIGINT'), want: { code: 0 } },
    ],
    [
      "Prism ended by a supervisor's SIGTERM to the process group before the command heard of it: exit 0",
      { given: (prism) => process.kill(prism, 'SIGTERM'), want: { code: 0 } },
    ],
    [
      'Prism killed by anything else: exit 2, and its log',
      {
        given: (prism) => process.kill(prism, 'SIGKILL'),
        want: { code: 2, error: /^error: Prism stopped by itself \(SIGKILL\)\n[\s\S]*Prism is listening on/ },
      },
    ],
  ];

  // Each row finds its own Prism by the port its banner names: they run side by side.
  it.concurrent.for(rows)('%s', async ([, { given, want }], { expect }) => {
    let requestStop = () => undefined as void;
    const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
    let bannerShown = () => undefined as void;
    const banner = new Promise<void>((resolve) => (bannerShown = resolve));
    const err: string[] = [];
    let out = '';
    const io: CommandIo = {
      stdout: (t) => void ((out += t).includes('Press Ctrl-C to stop.') && bannerShown()),
      stderr: (t) => void err.push(t),
      env: {},
    };
    const options = { ...DEFAULT_MOCK_OPTIONS, api: 'diga', port: 0 };
    const run = handleMock(options, io, () => stopRequested.then(() => 'SIGTERM' as const));
    let prism: number[] = [];
    try {
      await Promise.race([
        banner,
        run.then((code) => Promise.reject(new Error(`exited ${code}: ${err.join('')}`))),
      ]);
      const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
      prism = await prismMocksOn(port);
      expect(prism).toHaveLength(1);
      given(prism[0]!, requestStop);
      expect(await run).toBe(want.code);
      if (want.error) expect(err.join('')).toMatch(want.error);
      else expect(err.join('')).not.toContain('error:');
      expect(alive(prism[0]!)).toBe(false);
    } finally {
      requestStop();
      await run;
      for (const pid of prism) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});

it.concurrent(
  'Prism that exits before it listens: the error says so and carries its log',
  async ({ expect }) => {
    const specPath = join(tmpdir(), 'no-such-spec.yaml');
    await expect(startPrism({ specPath })).rejects.toThrow(
      /^Prism mock of .*no-such-spec\.yaml did not start on http:\/\/127\.0\.0\.1:\d+: it exited with 1\n--- Prism log ---\n[\s\S]*ENOENT/,
    );
  },
);

describe.concurrent('Prism does not outlive the process that started it', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mock-outlive-'));
  });
  afterAll(async () => {
    if (dir) await removeDir(dir);
  });

  /**
   * An ES module script importing the sources, bundled by esbuild into one file that node runs as
   * it is: what `node --import tsx` runs, without a TypeScript loader in the process (half a
   * CPU-second each). Each source keeps its own `import.meta.url`, by which Prism's launcher, its
   * bundle and the specs are found; packages stay imports (these modules import none).
   */
  async function bundledScript(script: string): Promise<string> {
    const { build } = await import('esbuild');
    const outfile = join(dir, `script-${randomUUID()}.mjs`);
    await build({
      stdin: { contents: script, resolveDir: ROOT, sourcefile: 'script.ts', loader: 'ts' },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
      plugins: [
        {
          name: 'own-import-meta-url',
          setup(build) {
            build.onLoad({ filter: /[\\/]src[\\/].*\.(ts|mjs)$/ }, async (args) => ({
              contents: (await readFile(args.path, 'utf8')).replaceAll(
                'import.meta.url',
                JSON.stringify(pathToFileURL(args.path).href),
              ),
              loader: args.path.endsWith('.ts') ? 'ts' : 'js',
            }));
          },
        },
      ],
    });
    return outfile;
  }

  // The first runs the process's exit handler; nothing runs in a process killed by SIGKILL, and
  // Prism's stdin, a pipe from it, closing is what ends Prism then.
  const ends: [
    string,
    { given: { script: string; kill?: NodeJS.Signals }; want: { code: number | null } },
  ][] = [
    ['an uncaught error', { given: { script: "throw new Error('an uncaught error');" }, want: { code: 1 } }],
    [
      'SIGKILL',
      { given: { script: 'setInterval(() => undefined, 1_000);', kill: 'SIGKILL' }, want: { code: null } },
    ],
  ];

  // Each row has a process and a Prism of its own, found by pid: they run side by side.
  it.concurrent.for(ends)(
    'is ended when that process ends without stopping it: %s',
    async ([, { given, want }], { expect }) => {
      const script = [
        "import { startPrism } from './src/mock/prism.ts';",
        "import { specSource } from './src/mock/spec-source.ts';",
        "const server = await startPrism({ specPath: specSource('diga').path });",
        'console.log(`prism ${server.pid}`);',
        given.script,
      ].join('\n');
      const child = spawn(process.execPath, [await bundledScript(script)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      let pid = 0;
      try {
        await new Promise<void>((resolve, reject) => {
          let stdout = '';
          child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            pid = Number(/prism (\d+)/.exec(stdout)?.[1] ?? 0);
            if (pid > 0) resolve();
          });
          void exited.then(() =>
            pid > 0 ? resolve() : reject(new Error(`exited before Prism started: ${stdout}`)),
          );
        });
        if (given.kill) child.kill(given.kill);
        expect(await exited).toBe(want.code);
        await expect.poll(() => alive(pid), { timeout: 60_000 }).toBe(false);
      } finally {
        if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
        child.kill('SIGKILL');
      }
    },
  );
});

describe('wrong input', () => {
  const rows: [string, { given: string[]; want: string }][] = [
    [
      'an unknown API',
      { given: ['nope'], want: `unknown API "nope": known APIs are ${knownApis().join(', ')}` },
    ],
    ['no API', { given: [], want: 'which API? Give its name' }],
    [
      'a bad port',
      { given: ['diga', '--port', 'x'], want: '--port: expected a port number from 0 to 65535, got "x"' },
    ],
  ];

  it.each(rows)('%s', async (_name, { given, want }) => {
    const { io, out, err } = captureIo();
    expect(await runCommand(mock, given, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toContain(`error: ${want}`);
  });
});

/** L0 names L1 twice, L1 names L2 twice, …: 2^30 copies of L30 at each place L0 is used. */
function doublingSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = { L30: { type: 'string' } };
  for (let level = 0; level < 30; level++) {
    const next = { $ref: `#/components/schemas/L${level + 1}` };
    schemas[`L${level}`] = { type: 'object', properties: { a: next, b: next } };
  }
  return schemas;
}

describe('a spec Prism would refuse or never load: one line, without Prism starting', () => {
  const json = { 'application/json': { schema: { $ref: '#/components/schemas/L0' } } };
  const rows: [string, { given: JsonObject; want: RegExp }][] = [
    [
      'an API without operations',
      {
        given: { ...oneOperationSpec(), paths: {}, webhooks: oneOperationSpec().paths },
        want: /^error: specs\/api\.yaml: has no operations to mock: its paths are empty \(a webhook is a request the API sends, not one it answers\)\n$/,
      },
    ],
    [
      'a document Prism would copy past what it can hold',
      {
        given: oneOperationSpec({
          operation: { responses: { '200': { description: 'ok', content: json } } },
          document: { components: { schemas: doublingSchemas() } },
        }),
        want: /^error: specs\/api\.yaml: Prism cannot serve this document: .* about 9\.7 billion objects .*; #\/components\/schemas\/L0 alone copies to 3\.2 billion, a schema an overlay can simplify\n$/,
      },
    ],
  ];

  it.each(rows)('%s', async (_name, { given, want }) => {
    const root = await mkdtemp(join(tmpdir(), 'mock-refused-'));
    try {
      await writeFile(join(root, 'package.json'), '{}');
      await mkdir(join(root, 'specs'));
      await writeFile(join(root, 'specs', 'api.yaml'), JSON.stringify(given));
      const { io, err } = captureIo();
      const stop = () => new Promise<never>(() => undefined); // no signal comes
      expect(await handleMock({ ...DEFAULT_MOCK_OPTIONS, api: 'api', root, port: 0 }, io, stop)).toBe(2);
      expect(err.join('')).toMatch(want);
    } finally {
      await removeDir(root);
    }
  });
});

it('a port in use: says so in one line, without Prism starting', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as AddressInfo;
  try {
    const { io, err } = captureIo();
    const stop = () => new Promise<never>(() => undefined); // no signal comes
    expect(await handleMock({ ...DEFAULT_MOCK_OPTIONS, api: 'diga', port }, io, stop)).toBe(2);
    expect(err.join('')).toBe(
      `error: port ${port} on 127.0.0.1 cannot be used: it is in use; choose another with --port, or 0 for a free one\n`,
    );
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});

it("Prism runs from its bundle (a third of the start-up's CPU), built once for the installed packages", async () => {
  const entry = await prismEntry();
  expect(entry).toHaveLength(2);
  expect(entry[0]).toMatch(/src\/mock\/prism-launch\.cjs$/);
  expect(entry[1]).toMatch(/\/\.cache\/prism-cli\/[0-9a-f]{16}\/index\.cjs$/);
});

/** A schema of a German state's name, by Faker's `de` locale; none of `en`'s states is one. */
const GERMAN_STATE = { type: 'string', 'x-faker': 'address.state' };
const GERMAN_STATES = (
  createRequire(import.meta.url)('@faker-js/faker/locale/de') as {
    locales: { de: { address: { state: string[] } } };
  }
).locales.de.address.state;

describe('a seed that looks like a flag stays the seed', () => {
  const rows: [string, { given: string; want: string }][] = [
    ['--help', { given: '--help', want: '--seed=--help' }],
    ['--errors', { given: '--errors', want: '--seed=--errors' }],
    ['an ordinary seed', { given: 's1', want: '--seed=s1' }],
  ];

  it.each(rows)('%s', (_name, { given, want }) => {
    const args = prismArgs({ specPath: 'spec.yaml', dynamic: true, seed: given }, '127.0.0.1', 4010);
    expect(args).toContain(want);
    expect(args).not.toContain(given);
  });

  // One Prism for three checks (each start costs a second of CPU): the seed, the exit listener
  // that goes with the process, and a Faker locale other than the one the bundle holds
  // (`lazyFakerLocales`), which a spec names in `x-json-schema-faker`.
  it("a real Prism started with --seed=--help serves the mock instead of printing its usage, generates values in the spec's Faker locale, and leaves no exit listener behind once stopped", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mock-locale-'));
    const specPath = join(dir, 'openapi.json');
    const state = { 200: { description: 'ok', content: { 'application/json': { schema: GERMAN_STATE } } } };
    const document = { 'x-json-schema-faker': { locale: 'de' } };
    await writeFile(
      specPath,
      JSON.stringify(
        oneOperationSpec({ method: 'get', path: '/state', operation: { responses: state }, document }),
      ),
    );
    const before = process.listenerCount('exit');
    try {
      const server = await startPrism({ specPath, dynamic: true, seed: '--help' });
      try {
        expect(server.log()).toMatch(/Prism is listening on/);
        expect(process.listenerCount('exit')).toBe(before + 1);
        const response = await fetch(`${server.url}/state`);
        expect(response.status).toBe(200);
        expect(GERMAN_STATES).toContain(await response.json());
      } finally {
        await server.stop();
      }
      expect(process.listenerCount('exit')).toBe(before);
    } finally {
      await removeDir(dir);
    }
  });
});
