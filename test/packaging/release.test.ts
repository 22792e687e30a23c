/**
 * `npm run release` against a real registry: one Verdaccio on 127.0.0.1 for the file, reached
 * through a proxy of the test's own that can refuse a package's upload, or pass it on and cut the
 * connection before the answer, so that a run stops half way as a network error would leave it.
 * Everything happens in a copy of the repository, a git repository of its own whose tags the
 * release makes. The registry serves openapi-fetch and its one dependency too, published from
 * node_modules (the versions the lock file pins): installing a package from it needs no network, so
 * the test is hermetic. The test's own uploads are sent in-process: those, packed by the run's one
 * `npm pack` with the packages (`packedDependencies`), and another clone's package, npm's tarball of
 * voicebip with another README. Every npm the release runs is a real one. Its tests run in order,
 * each on the state the one before left.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RELEASE_CONTEXT, type ReleaseContext } from '../../src/publish/context.js';
import { handleRelease } from '../../src/publish/command.js';
import { mockReady } from '../contract/mocks.js';
import { copyOfRepository, PROJECT_ROOT } from '../pipeline/helpers.js';
import { removeDir } from '../support/files.js';
import { captureIo } from '../support/io.js';
import { npmRun } from '../support/processes.js';
import { startVerdaccio, type TestRegistry } from '../support/verdaccio.js';
import { GENERATED, installProject, packedDependencies, packedPackages, run } from './consumer.js';
import { readmeExampleFiles } from './sample-code.js';

const exec = promisify(execFile);
const SCOPE = '@voice-agent-sdks';

let work = '';
let repo = '';
let registry: TestRegistry | undefined;
/** The registry's start, awaited by afterAll too: stopped even when the set-up fails before it awaits it. */
let starting: Promise<TestRegistry> | undefined;
let proxy: UploadProxy | undefined;
/** The environment of every npm the test and the release start: the test's npmrc, its token. */
let env: Record<string, string | undefined> = {};
/** Another clone's voicebip, at the same version from other files: its tarball, published by one test. */
let theirVoicebip = '';

/** What the proxy does with a package's upload (`PUT /@scope%2fname`): refuse it, or pass it on and cut the connection. */
type Interference = 'forbidden' | 'cut';

interface UploadProxy {
  url: string;
  /** Package names whose upload reached the registry and was accepted, in order. */
  uploads: string[];
  interfere: Map<string, Interference>;
  server: Server;
}

function startProxy(target: string): Promise<UploadProxy> {
  const upstream = new URL(target);
  const proxy: Omit<UploadProxy, 'url'> = { uploads: [], interfere: new Map(), server: createServer() };
  proxy.server.on('request', (req, res) => {
    const name = req.method === 'PUT' ? decodeURIComponent(req.url!.slice(1)) : undefined;
    const interference = name === undefined ? undefined : proxy.interfere.get(name);
    if (interference === 'forbidden') {
      req.resume();
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `the test's proxy refuses ${name}` }));
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        // A connection of its own: a pooled one that Verdaccio closes as it is reused is a reset
        // (ECONNRESET) the release would report, on a loaded machine.
        agent: false,
      },
      (answer) => {
        if (name !== undefined && answer.statusCode !== undefined && answer.statusCode < 300)
          proxy.uploads.push(name);
        if (interference === 'cut') {
          answer.resume();
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  // Idle connections stay open until the client or afterAll closes them: closed after Node's 5 s
  // default, one could be reused by the release's client as it closes (ECONNRESET) when tests are slow.
  proxy.server.keepAliveTimeout = 0;
  return new Promise((resolve) =>
    proxy.server.listen(0, '127.0.0.1', () => {
      const { port } = proxy.server.address() as { port: number };
      resolve({ ...proxy, url: `http://127.0.0.1:${port}/` });
    }),
  );
}

const git = async (...args: string[]) => (await exec('git', args, { cwd: repo })).stdout.trim();

/** `npm run release` in-process, on the copy, with the test's environment (or the one given). */
async function release(options: Partial<ReleaseContext> = {}, runEnv = env) {
  const { io, out, err } = captureIo(runEnv);
  const code = await handleRelease({ ...DEFAULT_RELEASE_CONTEXT, root: repo, color: false, ...options }, io);
  return { code, out: out.join(''), err: err.join(''), output: out.join('') + err.join('') };
}

/** `npm run release -- <args>` as a maintainer types it, in the copy. */
async function releaseCommand(args: string[]) {
  const npm = npmRun('release', args, { cwd: repo, env: env as NodeJS.ProcessEnv });
  const { code } = await npm.exited;
  return { code, output: npm.stdout + npm.stderr };
}

/** The versions of a package the registry holds, asked directly (not through the proxy, nor npm). */
async function versionsOf(api: string): Promise<string[]> {
  const response = await fetch(new URL(`${SCOPE}%2f${api}`, registry!.url), {
    headers: { authorization: `Bearer ${registry!.token}`, 'cache-control': 'no-cache' },
  });
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return Object.keys(((await response.json()) as { versions: Record<string, unknown> }).versions);
}

async function versionOf(api: string): Promise<string> {
  return JSON.parse(await readFile(join(repo, 'generated', api, 'package.json'), 'utf8')).version;
}

/** Regenerates APIs in the copy, as `npm run generate -- <api ...> --no-docs` does; its lines. */
async function regenerate(apis: string[]): Promise<string[]> {
  const { resolveContext } = await import('../../src/pipeline/orchestration/context.js');
  const { handleGenerate } = await import('../../src/pipeline/orchestration/generate.js');
  const lines: string[] = [];
  const reporter = {
    info: (line: string) => void lines.push(line),
    error: (line: string) => void lines.push(line),
  };
  const code = await handleGenerate(
    resolveContext({ rootDir: repo, apis, docs: false, color: false, reporter }),
  );
  expect(code, lines.join('\n')).toBe(0);
  return lines;
}

/** Sets the spec's `info.version`: a documentation change, so its package's next patch. */
async function setSpecVersion(api: string, version: string): Promise<void> {
  const path = join(repo, 'specs', `${api}.yaml`);
  await writeFile(path, (await readFile(path, 'utf8')).replace(/^( {2}version: ).*$/m, `$1${version}`));
}

/**
 * `tarball` (gzipped, as npm packs it) with the text of one file replaced: the header's size and
 * checksum written again, every other byte of the archive kept.
 */
function withFile(tarball: Buffer, path: string, text: string): Buffer {
  const tar = gunzipSync(tarball);
  const parts: Buffer[] = [];
  let found = false;
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = Buffer.from(tar.subarray(offset, offset + 512));
    const size = parseInt(
      header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0',
      8,
    );
    const end = offset + 512 + Math.ceil(size / 512) * 512;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name !== `package/${path}` || header.every((byte) => byte === 0)) {
      parts.push(tar.subarray(offset, end));
      offset = end;
      continue;
    }
    found = true;
    const body = Buffer.from(text);
    header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    // The checksum: the sum of the header's bytes, its own field read as spaces.
    header.fill(' ', 148, 156);
    const sum = header.reduce((total, byte) => total + byte, 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    parts.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
    offset = end;
  }
  if (!found) throw new Error(`no package/${path} in the tarball`);
  return gzipSync(Buffer.concat(parts));
}

const APIS = ['cozmo', 'diga', 'trillet', 'voicebip'];
const versions: Record<string, string> = {};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'release-'));
  repo = join(work, 'repo');
  // The registry starts, and the test's uploads are packed, while the repository is copied and committed.
  starting = startVerdaccio(join(work, 'verdaccio'));
  starting.catch(() => undefined); // awaited below, and by afterAll
  // openapi-fetch and what it depends on, for the consumer's install; the packages, for another
  // clone's voicebip.
  const uploads = Promise.all([packedDependencies(), packedPackages()]);
  uploads.catch(() => undefined); // awaited below, once the registry listens

  await copyOfRepository(repo, { compiledCli: true });
  await cp(join(PROJECT_ROOT, '.gitignore'), join(repo, '.gitignore'));
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.name', 'Release Test');
  await git('config', 'user.email', 'release-test@example.test');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'The repository as the test found it');
  for (const api of APIS) versions[api] = await versionOf(api);

  registry = await starting;
  proxy = await startProxy(registry.url);
  const host = (url: string) => url.replace(/^http:/, '');
  const npmrc = join(work, 'npmrc');
  // The user's configuration, as a maintainer writes it: the registry, and a token from the environment.
  await writeFile(
    npmrc,
    [
      `registry=${proxy.url}`,
      `${host(proxy.url)}:_authToken=\${NPM_TOKEN}`,
      `${host(registry.url)}:_authToken=\${NPM_TOKEN}`,
      // npm retries a failed upload after 10 s, then 60: the cut connection must fail at once.
      'fetch-retries=0',
      '',
    ].join('\n'),
  );
  env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  Object.assign(env, {
    NPM_TOKEN: registry.token,
    npm_config_userconfig: npmrc,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
  });
  const [dependencies, packages] = await uploads;
  // Named as npm names it: the registry serves it at the same URL as ours would be.
  const ours = packages.get(join(GENERATED, 'voicebip'))!;
  await mkdir(join(work, 'theirs'));
  theirVoicebip = join(work, 'theirs', basename(ours));
  await writeFile(theirVoicebip, withFile(await readFile(ours), 'README.md', 'Their README.\n'));
  await Promise.all([...dependencies.values()].map((tarball) => registry!.publish(tarball)));
});

afterAll(async () => {
  try {
    if (proxy !== undefined) {
      // An idle keep-alive connection would keep `close` waiting.
      const closed = new Promise((resolve) => proxy!.server.close(resolve));
      proxy.server.closeAllConnections();
      await closed;
    }
  } finally {
    await (await starting?.catch(() => undefined))?.stop();
    if (work) await removeDir(work);
  }
});

describe('npm run release against Verdaccio', { timeout: 120_000 }, () => {
  it('--dry-run says what would be published and tagged, and publishes and tags nothing', async () => {
    const { code, output } = await releaseCommand(['--dry-run']);

    expect(code, output).toBe(0);
    expect(output).toContain(`Registry: ${proxy!.url} (dry run: nothing is published or tagged)`);
    for (const api of APIS) {
      expect(output).toContain(
        `${SCOPE}/${api}@${versions[api]} would be published; would tag ${api}@${versions[api]}`,
      );
    }
    expect(output).toMatch(
      /dry run: 4 would be published, 0 in the registry already; nothing was published or tagged/,
    );
    expect(proxy!.uploads).toEqual([]);
    expect(await git('tag', '-l')).toBe('');
  });

  // Provenance needs a CI's OIDC token, which no test has: a GitHub Actions job without
  // `id-token: write` is what npm can be shown to refuse, which it does only when asked for provenance.
  it('--provenance and --registry reach npm: a GitHub Actions job without an OIDC token publishes nothing, and says why', async () => {
    const {
      ACTIONS_ID_TOKEN_REQUEST_URL: _url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: _token,
      ...withoutOidc
    } = env;
    const { code, out, err, output } = await release(
      { apis: ['diga'], provenance: true, registry: registry!.url },
      { ...withoutOidc, CI: 'true', GITHUB_ACTIONS: 'true' },
    );

    expect(code, output).toBe(1);
    expect(out.split('\n')).toEqual([
      // --registry wins over the user's .npmrc, which names the proxy.
      `Registry: ${registry!.url}`,
      `✖ [1/1] diga  ${SCOPE}/diga@${versions.diga} not published: EUSAGE: Provenance generation in GitHub Actions requires "write" access to the "id-token" permission`,
      expect.stringMatching(/^✔ 0 published, 0 in the registry already \(/),
      '',
    ]);
    expect(err).toBe('✖ 1 not published: run `npm run release` again once the registry takes it\n');
    expect(await versionsOf('diga')).toEqual([]);
    expect(await git('tag', '-l')).toBe('');
  });

  it('refuses a stale package and a version the registry holds with other contents, naming each, and then publishes nothing', async () => {
    // Another clone published voicebip at this version from other files.
    await registry!.publish(theirVoicebip);
    const readme = join(repo, 'generated', 'cozmo', 'README.md');
    await writeFile(readme, `${await readFile(readme, 'utf8')}A line added by hand.\n`);
    try {
      const { code, out, err, output } = await release();

      expect(code, output).toBe(1);
      expect(out.split('\n')).toEqual([
        `Registry: ${proxy!.url}`,
        '✖ [1/4] cozmo     refused: generated/cozmo is stale (README.md was edited): run `npm run generate`',
        `· [2/4] diga      ${SCOPE}/diga@${versions.diga} not published: a package is refused`,
        `· [3/4] trillet   ${SCOPE}/trillet@${versions.trillet} not published: a package is refused`,
        `✖ [4/4] voicebip  refused: ${SCOPE}/voicebip@${versions.voicebip} is in the registry already, with other contents ` +
          '(README.md differs): one version never has two contents; regenerate from the commit it was published from (its tag), or change the spec',
        '',
      ]);
      expect(err).toBe('✖ 2 packages are refused: nothing was published\n');
      expect(proxy!.uploads).toEqual([]);
      expect(await git('tag', '-l')).toBe('');
    } finally {
      await git('checkout', '--', 'generated/cozmo');
      // Its only version: `npm unpublish @voice-agent-sdks/voicebip@<version> --force` removes the package.
      await registry!.unpublish(`${SCOPE}/voicebip`);
    }
  });

  it('a run that stops half way (one upload refused, one cut off after the registry took it) says what was and was not published', async () => {
    proxy!.interfere.set(`${SCOPE}/cozmo`, 'forbidden');
    proxy!.interfere.set(`${SCOPE}/trillet`, 'cut');
    try {
      const { code, out, err, output } = await release();

      expect(code, output).toBe(1);
      const lines = out.split('\n');
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^✖ \\[1/4\\] cozmo +${SCOPE}/cozmo@${versions.cozmo} not published: E403`),
        ),
      );
      expect(lines).toContain(
        `✔ [2/4] diga      ${SCOPE}/diga@${versions.diga} published; tagged diga@${versions.diga}`,
      );
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^✖ \\[3/4\\] trillet +${SCOPE}/trillet@${versions.trillet} not published: `),
        ),
      );
      expect(lines).toContain(
        `✔ [4/4] voicebip  ${SCOPE}/voicebip@${versions.voicebip} published; tagged voicebip@${versions.voicebip}`,
      );
      expect(out).toMatch(/^✔ 2 published, 0 in the registry already/m);
      expect(err).toContain('✖ 2 not published: run `npm run release` again once the registry takes them');
      expect(out).toContain(
        `✔ tagged diga@${versions.diga}, voicebip@${versions.voicebip} on HEAD: push with \`git push origin diga@${versions.diga} voicebip@${versions.voicebip}\``,
      );
    } finally {
      proxy!.interfere.clear();
    }
    // The registry took trillet's upload all the same; the client never heard.
    expect([...proxy!.uploads].sort()).toEqual([`${SCOPE}/diga`, `${SCOPE}/trillet`, `${SCOPE}/voicebip`]);
    expect(await versionsOf('cozmo')).toEqual([]);
    expect(await git('tag', '-l')).toBe(`diga@${versions.diga}\nvoicebip@${versions.voicebip}`);
  });

  it('the next run completes it: publishes what is missing, finds what the registry took, tags both', async () => {
    proxy!.uploads.length = 0;
    const { code, out, output } = await release();

    expect(code, output).toBe(0);
    expect(out).toContain(
      `✔ [1/4] cozmo     ${SCOPE}/cozmo@${versions.cozmo} published; tagged cozmo@${versions.cozmo}`,
    );
    expect(out).toContain(`· [2/4] diga      ${SCOPE}/diga@${versions.diga} is in the registry already\n`);
    expect(out).toContain(
      `· [3/4] trillet   ${SCOPE}/trillet@${versions.trillet} is in the registry already; tagged trillet@${versions.trillet}`,
    );
    expect(out).toMatch(/^✔ 1 published, 3 in the registry already/m);
    expect(proxy!.uploads).toEqual([`${SCOPE}/cozmo`]);
    const head = await git('rev-parse', 'HEAD');
    expect(await Promise.all(APIS.map(versionsOf))).toEqual(APIS.map((api) => [versions[api]]));
    // Every tag read by one git process (three per tag cost a spawn each from this large worker):
    // its object's type (an annotated tag), what it points at, and its message's subject.
    const tags = new Map(
      (
        await git(
          'for-each-ref',
          '--format=%(refname:strip=2)%09%(objecttype)%09%(*objecttype) %(*objectname)%09%(contents:subject)',
          'refs/tags',
        )
      )
        .split('\n')
        .map((line) => {
          const [name, ...fields] = line.split('\t');
          return [name, fields] as const;
        }),
    );
    for (const api of APIS) {
      const tag = `${api}@${versions[api]}`;
      expect(tags.get(tag), tag).toEqual(['tag', `commit ${head}`, `${SCOPE}/${api} ${versions[api]}`]);
    }
  });

  it('a second run publishes nothing', async () => {
    proxy!.uploads.length = 0;
    const { code, out, output } = await release();

    expect(code, output).toBe(0);
    for (const [index, api] of APIS.entries()) {
      expect(out).toMatch(
        new RegExp(
          `^· \\[${index + 1}/4\\] ${api} +${SCOPE}/${api}@${versions[api]} is in the registry already$`,
          'm',
        ),
      );
    }
    expect(out).toMatch(/^✔ 0 published, 4 in the registry already/m);
    expect(proxy!.uploads).toEqual([]);
  });

  // trillet's example calls the mock with values the spec accepts (diga's `<agent_id>` is no uuid),
  // so the example's success path runs: the mock's example response, printed.
  it('a package installs by version from the registry, and its README example runs against the Prism mock', async () => {
    const consumer = join(work, 'consumer');
    await installProject(consumer, [`${SCOPE}/trillet@${versions.trillet}`], { env });
    const installed = join(consumer, 'node_modules', SCOPE, 'trillet');
    const version = async (dir: string) =>
      JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).version;
    expect(await version(installed)).toBe(versions.trillet);
    // openapi-fetch came from the test's registry: the version node_modules holds.
    expect(await version(join(consumer, 'node_modules', 'openapi-fetch'))).toBe(
      await version(join(PROJECT_ROOT, 'node_modules', 'openapi-fetch')),
    );

    const example = readmeExampleFiles(await readFile(join(installed, 'README.md'), 'utf8'))['readme-1.ts']!;
    const { outputText } = ts.transpileModule(example, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    await writeFile(join(consumer, 'example.mjs'), outputText);
    await writeFile(join(consumer, 'to-mock.mjs'), TO_MOCK);
    const spec = JSON.parse(await readFile(join(installed, 'openapi.json'), 'utf8'));
    const result = await run('node', ['--import', './to-mock.mjs', 'example.mjs'], consumer, {
      ...env,
      TRILLET_API_KEY: 'key-of-the-example',
      TRILLET_WORKSPACE_ID: 'workspace-of-the-example',
      FROM_SERVER: spec.servers[0].url,
      TO_MOCK: await mockReady('trillet'),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    // The example logs the body (as util.inspect prints it): the mock's example response.
    expect(result.stdout).toMatch(/^\{\n {2}_id: 'string',\n {2}workspaceId: 'string',/);
  });

  it('a spec changed and regenerated: the next run publishes exactly its new version', async () => {
    await setSpecVersion('diga', '1.0.1');
    // A documentation change: the next patch of the version the first run published.
    const [major, minor, patch] = versions.diga!.split('.').map(Number);
    const next = `${major}.${minor}.${patch! + 1}`;
    expect(await regenerate(['diga'])).toContainEqual(
      expect.stringContaining(`diga  ${versions.diga} → ${next}: 1 documentation`),
    );
    await git('commit', '-q', '-am', 'diga: the spec at 1.0.1');
    proxy!.uploads.length = 0;

    const { code, out, output } = await release();

    expect(code, output).toBe(0);
    expect(out).toContain(`✔ [2/4] diga      ${SCOPE}/diga@${next} published; tagged diga@${next}`);
    expect(out).toMatch(/^✔ 1 published, 3 in the registry already/m);
    expect(proxy!.uploads).toEqual([`${SCOPE}/diga`]);
    expect(await versionsOf('diga')).toEqual([versions.diga, next]);
    expect(await git('rev-parse', `diga@${next}^{commit}`)).toBe(await git('rev-parse', 'HEAD'));
  });
});

/**
 * Preloaded into the README example: its client calls the API's first server, which the mock
 * stands in for. The runtime looks `fetch` up on each call, as it does for msw.
 */
const TO_MOCK = `const from = process.env.FROM_SERVER;
const to = process.env.TO_MOCK;
const fetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  if (!request.url.startsWith(from)) return fetch(request);
  const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer();
  const url = to.replace(/\\/$/, '') + request.url.slice(from.replace(/\\/$/, '').length);
  return fetch(new Request(url, { method: request.method, headers: request.headers, body, signal: request.signal }));
};
`;
