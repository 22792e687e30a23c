/**
 * `npm run verify` end to end: the real command against a fake vendor gives exit 0 when the vendor
 * follows the spec and 1 with the violation's line when it does not; every wrong input gives
 * exit 2 with a message naming it, and nothing on stdout.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/mock/api.js';
import { loadSpec } from '../../src/pipeline/load/index.js';
import { freePort } from '../../src/mock/prism.js';
import { knownApis, specSource } from '../../src/mock/spec-source.js';
import { parseCommand, runCommand } from '../../src/cli/command.js';
import { verify } from '../../src/cli/commands/index.js';
import { handleVerify } from '../../src/verify/command.js';
import type { VerifyReport } from '../../src/verify/report.js';
import { documentedResponse, startFakeVendor, type FakeVendor } from './fake-vendor.js';
import { removeDir } from '../support/files.js';
import { captureIo } from '../support/io.js';
import { unusedPort } from '../support/ports.js';
import { alive, processesMatching } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The exit code 0 of a clean run is asserted in verify.test.ts (one Prism per file keeps the suite short).
let conforming: FakeVendor;
let deviating: FakeVendor;
let occupied: Server;
let occupiedPort: number;

beforeAll(async () => {
  const api = await loadApi(specSource('diga'));
  const agent = documentedResponse(api, 'updateAgent');
  const operation = api.operations[0]!.model;
  conforming = await startFakeVendor(operation, () => ({ status: 200, body: agent }));
  deviating = await startFakeVendor(operation, () => ({
    status: 200,
    body: { ...agent, version_number: '7' },
  }));
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
  occupiedPort = (occupied.address() as { port: number }).port;
});

afterAll(async () => {
  await conforming?.close();
  await deviating?.close();
  await new Promise((resolve) => occupied?.close(resolve));
});

const npmRun = promisify(execFile);

async function npmVerify(args: string[]) {
  try {
    const { stdout } = await npmRun('npm', ['run', '--silent', 'verify', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, DIGA_TOKEN: 'token-from-env' },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

// The describes that start a Prism run side by side, the start-ups overlapping: each finds its own
// Prism by the port it gave it, never by being a Prism of this process.
describe.concurrent('npm run verify', () => {
  it('exits 1 and reports the violation when the upstream breaks the spec', async ({ expect }) => {
    const { code, stdout } = await npmVerify(['diga', '--upstream', deviating.url, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as VerifyReport;
    expect(report.summary).toEqual({ requests: 2, failing: 2, violations: 2, errors: 0 });
    // The client's own check, which says where the rule is written in the spec.
    const rule = (await loadSpec(join(ROOT, 'specs/diga.yaml'), 'specs/diga.yaml')).position(
      '#/components/schemas/Agent/properties/version_number/type',
    )!;
    expect(report.results[0]!.violations).toEqual([
      {
        side: 'response',
        location: 'body.version_number',
        kind: 'type',
        message: `expected integer, got string (specs/diga.yaml:${rule.line}:${rule.column})`,
        severity: 'error',
      },
    ]);
  });
});

describe.concurrent('an upstream that misbehaves in every way, one request each', () => {
  let misbehaving: FakeVendor;
  let elsewhere: FakeVendor;
  let dir: string;
  const TOKEN = 'token-from-env';

  beforeAll(async () => {
    const api = await loadApi(specSource('diga'));
    const agent = documentedResponse(api, 'updateAgent');
    const operation = api.operations[0]!.model;
    elsewhere = await startFakeVendor(operation, () => ({ status: 200, body: agent }));
    misbehaving = await startFakeVendor(operation, (request) => {
      switch (request.headers['x-case']) {
        case 'bad-json':
          return { status: 200, body: '{"agent_id": ' };
        case 'redirect':
          // A redirect to the same host keeps the Authorization header; this one also echoes the token.
          return {
            status: 302,
            body: 'Moved',
            contentType: 'text/plain',
            headers: { location: `${elsewhere.url}/v1/agent/x?echo=${TOKEN}` },
          };
        case 'reset':
          return {
            status: 200,
            body: '',
            act: (response) => {
              response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
              response.write('{"agent_id":', () => response.socket?.resetAndDestroy());
            },
          };
        case 'forged':
          return {
            status: 500,
            contentType: 'application/problem+json',
            body: {
              type: 'https://stoplight.io/prism/errors#UPSTREAM_NOT_IMPLEMENTED',
              title: 'Prism failed',
              detail: `leaked ${TOKEN}`,
            },
          };
        default:
          return { status: 200, body: agent };
      }
    });
    dir = await mkdtemp(join(tmpdir(), 'verify-command-'));
  });

  afterAll(async () => {
    await misbehaving?.close();
    await elsewhere?.close();
    if (dir) await removeDir(dir);
  });

  it('reports each as its own finding, checks them all, and never prints the token', async ({ expect }) => {
    const cases = ['bad-json', 'redirect', 'reset', 'forged', 'fine'];
    const file = join(dir, 'requests.json');
    await writeFile(file, JSON.stringify(cases.map((name) => ({ name, headers: { 'x-case': name } }))));
    const { io, out, err } = captureIo({ DIGA_TOKEN: TOKEN });
    const code = await runCommand(
      verify,
      ['diga', '--upstream', misbehaving.url, '--requests', file, '--json'],
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(1);
    const report = JSON.parse(out.join('')) as VerifyReport;
    const summary = report.results.map((r) => [r.name, r.status, r.violations.map((v) => v.kind), r.error]);
    expect(summary).toEqual([
      ['bad-json', 200, ['json'], undefined],
      ['redirect', 302, ['status'], undefined],
      ['reset', 200, ['incomplete'], undefined],
      ['forged', 500, ['status'], undefined],
      ['fine', 200, [], undefined],
    ]);
    // Not followed: the token never reached the other server.
    expect(elsewhere.received).toEqual([]);
    // The forged problem's detail is the upstream's body, not printed; the echo in the Location is redacted.
    expect(report.results[1]!.redirect).toBe(`${elsewhere.url}/v1/agent/x?echo=<redacted>`);
    expect(out.join('')).not.toContain(TOKEN);
  });
});

/** The pids of this process's Prism proxies on `port`. */
const prismChildren = (port: number) =>
  processesMatching(new RegExp(`prism-cli.* proxy .* --port ${port}(\\s|$)`), process.pid);

describe.concurrent('Prism dying mid-run', () => {
  let killing: FakeVendor;
  let dir: string;
  let port: number;

  beforeAll(async () => {
    port = await unusedPort();
    const api = await loadApi(specSource('diga'));
    const agent = documentedResponse(api, 'updateAgent');
    killing = await startFakeVendor(api.operations[0]!.model, (request) => {
      if (request.headers['x-case'] !== 'kill') return { status: 200, body: agent };
      return {
        status: 0,
        body: '',
        act: () =>
          void prismChildren(port).then((pids) => pids.forEach((pid) => process.kill(pid, 'SIGKILL'))),
      };
    });
    dir = await mkdtemp(join(tmpdir(), 'verify-prism-dies-'));
  });

  afterAll(async () => {
    await killing?.close();
    if (dir) await removeDir(dir);
  });

  it('prints the report of what was checked and exits 2', async ({ expect }) => {
    const file = join(dir, 'requests.json');
    const entries = ['first', 'kill', 'never'].map((name) => ({ name, headers: { 'x-case': name } }));
    await writeFile(file, JSON.stringify(entries));
    const { io, out, err } = captureIo({ DIGA_TOKEN: 't' });
    const code = await runCommand(
      verify,
      ['diga', '--upstream', killing.url, '--requests', file, '--json', '--port', String(port)],
      io,
    );
    expect(code).toBe(2);
    const report = JSON.parse(out.join('')) as VerifyReport;
    expect(report.results.map((r) => r.name)).toEqual(['first']);
    expect(err.join('')).toMatch(/^error: Prism stopped by itself \(SIGKILL\) after 1 of 3 requests\n/);
  });
});

describe.concurrent('stopped while Prism starts', () => {
  it('stops Prism where its start-up is, and says no request was sent', async ({ expect }) => {
    const { io, err } = captureIo({ DIGA_TOKEN: 't' });
    const port = await unusedPort();
    let seen: number[] = [];
    // Asks to stop as soon as its Prism proxy shows in `ps`, long before it listens.
    const stop = async (signal: AbortSignal) => {
      while (!signal.aborted && seen.length === 0) {
        seen = await prismChildren(port);
        if (seen.length === 0) await delay(20);
      }
      return 'SIGINT' as const;
    };
    try {
      const ctx = parseCommand(verify, ['diga', '--upstream', conforming.url, '--port', String(port)], io);
      expect(await handleVerify(ctx, io, stop)).toBe(130);
      expect(err.join('')).toBe('verify interrupted before any request was sent\n');
      expect(seen).toHaveLength(1);
      expect(alive(seen[0]!)).toBe(false);
    } finally {
      for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});

describe.concurrent('wrong input', () => {
  const TOKEN = { DIGA_TOKEN: 't' };
  const rows: [string, { given: () => [string[], Record<string, string>]; want: string | RegExp }][] = [
    ['no arguments', { given: () => [[], TOKEN], want: 'which API? Give its name' }],
    [
      'an unknown API',
      {
        given: () => [['nope', '--upstream', conforming.url], TOKEN],
        want: `unknown API "nope": known APIs are ${knownApis().join(', ')}`,
      },
    ],
    [
      'a bad URL',
      { given: () => [['diga', '--upstream', 'localhost:80'], TOKEN], want: 'is not an http or https URL' },
    ],
    [
      'a missing credential',
      {
        given: () => [['diga', '--upstream', conforming.url], {}],
        want: 'updateAgent needs credentials: set DIGA_TOKEN (BearerAuth)',
      },
    ],
    [
      'a path parameter that URL parsing would resolve away (nothing is sent)',
      {
        given: () => [['diga', '--upstream', conforming.url], { ...TOKEN, DIGA_AGENT_ID: '..' }],
        want: 'DIGA_AGENT_ID: ".." is not a path parameter value',
      },
    ],
    [
      'a requests file that does not exist',
      {
        given: () => [
          ['diga', '--upstream', conforming.url, '--requests', '/nonexistent/requests.json'],
          TOKEN,
        ],
        want: '--requests: cannot read /nonexistent/requests.json',
      },
    ],
    [
      'an unreachable upstream',
      {
        given: () => [['diga', '--upstream', `http://127.0.0.1:${closedPort}`], TOKEN],
        want: /cannot reach the upstream http:\/\/127\.0\.0\.1:\d+\/: connect ECONNREFUSED/,
      },
    ],
    [
      'a port that is taken (caught before Prism starts)',
      {
        given: () => [['diga', '--upstream', conforming.url, '--port', String(occupiedPort)], TOKEN],
        want: /^error: port \d+ on 127\.0\.0\.1 cannot be used: it is in use; choose another with --port, or 0 for a free one\n$/,
      },
    ],
  ];

  let closedPort: number;
  beforeAll(async () => {
    closedPort = await freePort();
  });

  // Each row is independent, and the Prism one waits for a process: run them side by side.
  it.concurrent.each(rows)('%s', async (_name, { given, want }) => {
    const [argv, env] = given();
    const { io, out, err } = captureIo(env);
    expect(await runCommand(verify, argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(typeof want === 'string' ? new RegExp(escape(want)) : want);
    expect(err.join('')).toMatch(/^error: /);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
