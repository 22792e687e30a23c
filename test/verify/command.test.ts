/**
 * `npm run verify` end to end: the real command against a fake vendor gives exit 0 when the vendor
 * follows the spec and 1 with the violation's line when it does not; every wrong input gives
 * exit 2 with a message naming it, and nothing on stdout.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/mock/api.js';
import type { CommandIo } from '../../src/mock/cli.js';
import { freePort } from '../../src/mock/prism.js';
import { knownApis, specSource } from '../../src/mock/spec-source.js';
import { handleVerify } from '../../src/verify/command.js';
import type { VerifyReport } from '../../src/verify/report.js';
import { documentedResponse, startFakeVendor, type FakeVendor } from './fake-vendor.js';

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

describe('npm run verify', () => {
  it('exits 1 and reports the violation when the upstream breaks the spec', async () => {
    const { code, stdout } = await npmVerify(['diga', '--upstream', deviating.url, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as VerifyReport;
    expect(report.summary).toEqual({ requests: 2, failing: 2, violations: 2 });
    expect(report.results[0]!.violations).toEqual([
      {
        side: 'response',
        location: 'body.version_number',
        kind: 'type',
        message: 'must be integer',
        severity: 'error',
      },
    ]);
  });
});

describe('wrong input', () => {
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
    const out: string[] = [];
    const err: string[] = [];
    const io: CommandIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env };
    expect(await handleVerify(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(typeof want === 'string' ? new RegExp(escape(want)) : want);
    expect(err.join('')).toMatch(/^error: /);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
