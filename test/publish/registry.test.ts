/**
 * What the release asks the registry in-process (src/publish/registry.ts): the registry npm's
 * configuration names for a scope, and the registry's copy of a version, from a registry of the
 * test's own on 127.0.0.1 that wants the token the user's `.npmrc` takes from the environment;
 * and which folders the release packs to compare with it.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRelease } from '../../src/publish/command.js';
import { registryFlags } from '../../src/publish/npm.js';
import type { PackFolders } from '../../src/publish/pack.js';
import type { ReleaseCandidate } from '../../src/publish/packages.js';
import { downloadTarball, loadNpmOptions, registryDist, registryOf } from '../../src/publish/registry.js';
import { UsageError } from '../../src/shared/errors.js';
import { removeDir } from '../support/files.js';

const TOKEN = 'token-of-the-test';
let work = '';
let server: Server | undefined;
let url = '';
/** The packuments the test's registry serves, by package name. */
const packuments = new Map<string, unknown>();
/** The tarballs it serves, by path. */
const tarballs = new Map<string, Buffer>();
/** The requests it answered, as `METHOD path`. */
const requests: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'release-registry-'));
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return json(401, { error: 'Unable to authenticate' });
    const tarball = tarballs.get(req.url!);
    if (tarball !== undefined) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(tarball);
    }
    const packument = packuments.get(decodeURIComponent(req.url!.slice(1)));
    return packument === undefined ? json(404, { error: 'Not found' }) : json(200, packument);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});

afterAll(async () => {
  try {
    if (server !== undefined) {
      const closed = new Promise((resolve) => server!.close(resolve));
      server.closeAllConnections();
      await closed;
    }
  } finally {
    if (work) await removeDir(work);
  }
});

/** npm's options in a project of its own, with the user's and the project's `.npmrc` given. */
async function options(npmrc: { user?: string; project?: string }, flags: string[] = []) {
  const dir = await mkdtemp(join(work, 'project-'));
  await writeFile(join(dir, 'package.json'), '{ "name": "project", "private": true }\n');
  if (npmrc.project !== undefined) await writeFile(join(dir, '.npmrc'), npmrc.project);
  await writeFile(join(dir, 'user-npmrc'), npmrc.user ?? '');
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    NPM_TOKEN: TOKEN,
    npm_config_userconfig: join(dir, 'user-npmrc'),
    npm_config_globalconfig: join(dir, 'global-npmrc'),
    npm_config_cache: join(dir, 'cache'),
  };
  return loadNpmOptions(dir, env, flags);
}

describe("the registry npm's configuration names", () => {
  it.each<
    [string, { given: { user?: string; project?: string; scope?: string; flag?: string }; want: string }]
  >([
    [
      "a scope's own registry",
      {
        given: { scope: '@s', user: '@s:registry=https://scoped/\nregistry=https://registry.npmjs.org/\n' },
        want: 'https://scoped/',
      },
    ],
    [
      'a scope without one: the registry',
      { given: { scope: '@s', user: 'registry=https://r.test/\n' }, want: 'https://r.test/' },
    ],
    ['no scope', { given: { user: 'registry=https://r.test/\n' }, want: 'https://r.test/' }],
    ["nothing configured: npm's default", { given: { scope: '@s' }, want: 'https://registry.npmjs.org/' }],
    [
      "the project's .npmrc over the user's",
      {
        given: {
          scope: '@s',
          user: 'registry=https://user.test/\n',
          project: 'registry=https://project.test/\n',
        },
        want: 'https://project.test/',
      },
    ],
    [
      "--registry over every .npmrc, the scope's registry too",
      {
        given: { scope: '@s', user: '@s:registry=https://scoped/\n', flag: 'http://flag.test/' },
        want: 'http://flag.test/',
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const flags = registryFlags(given.flag, given.scope === undefined ? [] : [given.scope]);
    expect(registryOf(await options(given, flags), given.scope)).toBe(want);
  });
});

describe("the registry's copy of a version", () => {
  const configured = `registry=URL\n//HOST/:_authToken=\${NPM_TOKEN}\n`;
  const user = () => configured.replace('URL', url).replace('HOST', url.replace(/^http:\/\/|\/$/g, ''));

  it.each<
    [
      string,
      {
        given: { packument?: unknown; user?: string };
        want: Awaited<ReturnType<typeof registryDist>> | RegExp;
      },
    ]
  >([
    [
      'the version is there',
      {
        given: {
          packument: {
            versions: {
              '1.0.0': { dist: { integrity: 'sha512-x', shasum: 'abc', tarball: 'http://r/a.tgz' } },
            },
          },
        },
        want: { integrity: 'sha512-x', shasum: 'abc', tarball: 'http://r/a.tgz' },
      },
    ],
    ['no such package (E404)', { given: {}, want: undefined }],
    [
      'no such version',
      { given: { packument: { versions: { '0.9.0': { dist: { shasum: 'abc' } } } } }, want: undefined },
    ],
    [
      'any other error: the registry cannot tell, and nothing is published',
      {
        given: { packument: { versions: {} }, user: `registry=URL\n` },
        want: /^the registry cannot tell whether @s\/a@1\.0\.0 is published: E401: 401 Unauthorized - GET http:\/\/127\.0\.0\.1:\d+\/@s%2fa - Unable to authenticate$/,
      },
    ],
    [
      'an answer without a digest',
      {
        given: { packument: { versions: { '1.0.0': { dist: {} } } } },
        want: /has neither dist\.integrity nor dist\.shasum/,
      },
    ],
    ['an answer that is no package document', { given: { packument: ['a'] }, want: /no package document/ }],
  ])('%s', async (_name, { given, want }) => {
    packuments.clear();
    if (given.packument !== undefined) packuments.set('@s/a', given.packument);
    const npmrc = given.user === undefined ? user() : given.user.replace('URL', url);
    const result = registryDist(await options({ user: npmrc }), '@s/a', '1.0.0');
    if (want instanceof RegExp) {
      await expect(result).rejects.toThrow(want);
      await expect(result).rejects.toBeInstanceOf(UsageError);
    } else {
      expect(await result).toEqual(want);
    }
  });

  it('is asked again each time: a document cached from before a publish does not hide the version', async () => {
    packuments.clear();
    packuments.set('@s/a', { versions: { '0.9.0': { dist: { shasum: 'abc' } } } });
    const npm = await options({ user: user() });
    expect(await registryDist(npm, '@s/a', '1.0.0')).toBeUndefined();
    packuments.set('@s/a', {
      versions: { '0.9.0': { dist: { shasum: 'abc' } }, '1.0.0': { dist: { shasum: 'def' } } },
    });
    requests.length = 0;

    expect(await registryDist(npm, '@s/a', '1.0.0')).toEqual({ shasum: 'def' });
    expect(requests).toEqual(['GET /@s%2fa']);
  });
});

describe('the published tarball', () => {
  const bytes = Buffer.from('the bytes of a tarball');
  const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  // npm's client tries a download that fails its integrity check again after 10 s, then 60.
  const user = () =>
    `registry=${url}\n//${url.replace(/^http:\/\/|\/$/g, '')}/:_authToken=\${NPM_TOKEN}\nfetch-retries=0\n`;

  it.each<[string, { given: { integrity?: string; tarball?: string }; want: Buffer | RegExp }]>([
    ["downloaded with the registry's token, its integrity checked", { given: { integrity }, want: bytes }],
    [
      'other bytes than the registry says: refused',
      {
        given: { integrity: `sha512-${createHash('sha512').update('other').digest('base64')}` },
        want: /^cannot download @s\/a@1\.0\.0 from the registry: EINTEGRITY: /,
      },
    ],
    [
      'not there',
      {
        given: { integrity, tarball: '/@s/a/-/gone.tgz' },
        want: /^cannot download @s\/a@1\.0\.0 from the registry: E404: /,
      },
    ],
    ['no URL in the answer', { given: { integrity, tarball: '' }, want: /has no dist\.tarball/ }],
  ])('%s', async (_name, { given, want }) => {
    tarballs.set('/@s/a/-/a-1.0.0.tgz', bytes);
    const path = given.tarball ?? '/@s/a/-/a-1.0.0.tgz';
    const result = downloadTarball(await options({ user: user() }), '@s/a@1.0.0', {
      ...(given.integrity === undefined ? {} : { integrity: given.integrity }),
      ...(path === '' ? {} : { tarball: new URL(path.slice(1), url).href }),
    });
    if (want instanceof RegExp) {
      await expect(result).rejects.toThrow(want);
      await expect(result).rejects.toBeInstanceOf(UsageError);
    } else {
      expect(Buffer.compare(await result, want)).toBe(0);
    }
  });
});

describe('the plan of a release', () => {
  const candidate = (api: string, stale: string[] = []): ReleaseCandidate => ({
    api,
    dir: `/repo/generated/${api}`,
    displayDir: `generated/${api}`,
    name: `@s/${api}`,
    version: '1.0.0',
    stale,
  });
  const held = { versions: { '1.0.0': { dist: { integrity: 'sha512-same' } } } };

  // Packed only for a version the registry holds: one it lacks is published, nothing to compare.
  it.each<[string, { given: Record<string, unknown>; want: { packed: string[][]; actions: string[] } }]>([
    [
      'no version in the registry: nothing packed',
      { given: {}, want: { packed: [], actions: ['publish', 'publish', 'refuse'] } },
    ],
    [
      'one held: only its folder packed, and compared',
      {
        given: { '@s/b': held },
        want: { packed: [['/repo/generated/b']], actions: ['publish', 'published', 'refuse'] },
      },
    ],
    [
      'every fresh one held: packed in one call',
      {
        given: { '@s/a': held, '@s/b': held, '@s/c': held },
        want: {
          packed: [['/repo/generated/a', '/repo/generated/b']],
          actions: ['published', 'published', 'refuse'],
        },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    packuments.clear();
    for (const [name, packument] of Object.entries(given)) packuments.set(name, packument);
    const packed: string[][] = [];
    const pack: PackFolders = async (dirs) => {
      packed.push([...dirs]);
      return dirs.map((dir) => ({ name: '', version: '1.0.0', integrity: 'sha512-same', files: [dir] }));
    };
    const npmrc = `registry=${url}\n//${url.replace(/^http:\/\/|\/$/g, '')}/:_authToken=\${NPM_TOKEN}\n`;
    const candidates = [candidate('a'), candidate('b'), candidate('c', ['README.md was edited'])];

    const plans = await planRelease(candidates, pack, await options({ user: npmrc }));
    expect({ packed, actions: plans.map((plan) => plan.action) }).toEqual(want);
  });
});
