/**
 * The compiled command line (src/cli/compiled/), as `npm run` starts it: `node scripts/cli.cjs` in a
 * copy of the repository builds its bundles into `.cache/cli/` on first use, reuses them while the
 * sources are unchanged, rebuilds them when one changes, and falls back to the sources through tsx
 * when they do not compile. test/pipeline/determinism.test.ts checks that the compiled command
 * reproduces the committed packages byte for byte.
 */
import { isAscii } from 'node:buffer';
import { execFile } from 'node:child_process';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledBuild } from '../../src/cli/compiled/launch.cjs';
import { copyOfRepository, PROJECT_ROOT, removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

const execFileAsync = promisify(execFile);
afterAll(removeTemporaryDirs);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(root: string, args: string[], signal: AbortSignal, probe?: string): Promise<Run> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [...(probe === undefined ? [] : [probe]), join(root, 'scripts/cli.cjs'), ...args],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1' },
        signal,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const latestBuild = (root: string): Promise<string> => readFile(join(root, '.cache/cli/latest'), 'utf8');

describe('scripts/cli.cjs', () => {
  it('builds on first use, reuses the build while the sources are unchanged, and rebuilds when one changes', async ({
    signal,
  }) => {
    const root = join(await temporaryDir('compiled-'), 'checkout');
    await copyOfRepository(root);

    const first = await cli(root, ['generate', '--help'], signal);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('Usage: npm run generate');
    const built = await latestBuild(root);
    const cache = (file: string) => readFile(join(root, '.cache/cli', built, file));
    // Both bundles as the launcher compiles them, read as Latin-1: ASCII, already wrapped.
    for (const file of ['cli.cjs', 'vendor.cjs']) {
      const bundle = await cache(file);
      expect(isAscii(bundle), file).toBe(true);
      expect(bundle.toString('latin1'), file).toMatch(
        /^\(function \(exports, require, module, __filename, __dirname\) \{[^]*\n\}\);$/,
      );
    }
    // The first run leaves its code cache for the next: one without the build's functions.
    await expect(cache('cli.cjs.light.cache')).resolves.not.toHaveLength(0);
    await expect(cache('cli.cjs.cache')).rejects.toThrow(/ENOENT/);
    // The packages' bundle is the repository's, whose node_modules the copy links to (made from the
    // same): only the sources were bundled. Without its code cache, which the copy's runs write.
    const repository = await readFile(join(await compiledBuild(PROJECT_ROOT), 'vendor.cjs'));
    expect((await cache('vendor.cjs')).equals(repository)).toBe(true);
    await expect(cache('vendor.cjs.cache')).rejects.toThrow(/ENOENT/);

    expect(await cli(root, ['diff', '--help'], signal)).toMatchObject({ code: 0, stderr: '' });
    expect(await latestBuild(root)).toBe(built);
    // The first run that builds a package leaves both bundles' caches with the build's functions.
    // One package is enough, the smallest.
    const check = await cli(root, ['generate', '--check', '--force', '--no-docs', 'voicebip'], signal);
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(await latestBuild(root)).toBe(built);
    await expect(cache('vendor.cjs.cache')).resolves.not.toHaveLength(0);
    const withBuild = await cache('cli.cjs.cache');
    expect(withBuild.length).toBeGreaterThan((await cache('cli.cjs.light.cache')).length);
    // Which the next runs use, whatever they do, and leave as it is.
    expect(await cli(root, ['generate', '--help'], signal)).toMatchObject({ code: 0, stderr: '' });
    expect((await cache('cli.cjs.cache')).equals(withBuild)).toBe(true);

    await appendFile(join(root, 'src/cli/commands/generate.ts'), '\n// a change\n');
    const after = await cli(root, ['generate', '--help'], signal);
    expect(after).toMatchObject({ code: 0, stderr: '' });
    expect(await latestBuild(root)).not.toBe(built);
    // Only the sources' bundle is built again: the packages' comes along, with its code cache.
    const fromBuild = (id: string, file: string) => readFile(join(root, '.cache/cli', id, file));
    const vendor = await fromBuild(await latestBuild(root), 'vendor.cjs');
    expect(vendor.equals(await fromBuild(built, 'vendor.cjs'))).toBe(true);
    await expect(fromBuild(await latestBuild(root), 'vendor.cjs.cache')).resolves.not.toHaveLength(0);

    // A file outside src/ that the sources bundle (the bench's generated client) counts as one:
    // a build that outlived a regeneration measured the client as it had been.
    const rebuilt = await latestBuild(root);
    await appendFile(join(root, 'generated/diga/runtime/send.js'), '\n// regenerated\n');
    expect(await cli(root, ['generate', '--help'], signal)).toMatchObject({ code: 0, stderr: '' });
    expect(await latestBuild(root)).not.toBe(rebuilt);
  });

  it('renders a missing reference page when run from its code cache (a package loaded, not imported)', async ({
    signal,
  }) => {
    const root = join(await temporaryDir('compiled-docs-'), 'checkout');
    // The repository's build taken along rather than a third build (the first test builds two),
    // without the code caches the repository's runs left in it: as a new build has none.
    await copyOfRepository(root, { compiledCli: true });
    const build = join(root, '.cache/cli', await latestBuild(root));
    for (const file of await readdir(build)) if (file.endsWith('.cache')) await rm(join(build, file));
    // The page is missing in a fresh clone, but not in a checkout where `npm run generate` ran.
    await rm(join(root, 'generated/cozmo/docs'), { recursive: true, force: true });
    // The first run writes the code cache; code read from one has no dynamic import.
    expect(await cli(root, ['generate', '--help'], signal)).toMatchObject({ code: 0 });
    await expect(readFile(join(build, 'cli.cjs.light.cache'))).resolves.not.toHaveLength(0);

    const run = await cli(root, ['generate', 'cozmo'], signal);

    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('reference docs: generated/cozmo/docs/index.html');
  });

  it("runs a build copied along with its repository, unchanged, on the copy's files", async ({ signal }) => {
    const root = join(await temporaryDir('compiled-copied-'), 'checkout');
    await copyOfRepository(root, { compiledCli: true });
    const copied = await latestBuild(root);
    // Neither is an input of the build: the API is gone from the copy only.
    await rm(join(root, 'specs/voicebip.yaml'));
    await rm(join(root, 'generated/voicebip'), { recursive: true });

    const run = await cli(root, ['mock', 'nope'], signal);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/known APIs are .*\bdiga\b/);
    expect(run.stderr).not.toContain('voicebip');
    expect(await latestBuild(root)).toBe(copied);
  });

  it("reports a spec broken in its first line without Node's ES-module loader, stdio streams or worker_threads", async ({
    signal,
  }) => {
    const dir = await temporaryDir('compiled-esm-');
    const root = join(dir, 'checkout');
    await copyOfRepository(root, { compiledCli: true });
    const spec = join(root, 'specs/cozmo.yaml');
    const lines = (await readFile(spec, 'utf8')).split('\n');
    lines[0] = 'openapi: "3.1.0';
    await writeFile(spec, lines.join('\n'));
    // Runs a script as Node runs a main module, then prints the modules of Node's that it loaded.
    const probe = join(dir, 'probe.cjs');
    await writeFile(
      probe,
      [
        'const bootstrap = new Set(process.moduleLoadList);',
        'process.argv.splice(1, 1);',
        "process.on('exit', () => process._rawDebug(`loaded: ${JSON.stringify(process.moduleLoadList.filter((name) => !bootstrap.has(name)))}`));",
        'require(process.argv[1]);',
      ].join('\n'),
    );
    const loaded = (run: Run) => JSON.parse(/^loaded: (.*)$/m.exec(run.stderr)?.[1] ?? 'null') as string[];
    // The loader's modules that any import of an ES module loads, and nothing before.
    const esmLoader = (run: Run) =>
      loaded(run).filter((name) => /internal\/modules\/esm\/(module_job|translators)$/.test(name));
    // The probe sees them when a script imports one.
    const importer = join(dir, 'importer.cjs');
    await writeFile(join(dir, 'empty.mjs'), '');
    await writeFile(importer, "import('./empty.mjs');\n");
    const imports = await execFileAsync(process.execPath, [probe, importer], { signal });
    expect(esmLoader({ code: 0, ...imports })).toHaveLength(2);

    const run = await cli(root, ['generate', '--force', '--no-docs'], signal, probe);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('cozmo     does not load');
    expect(run.stderr).toContain('specs/cozmo.yaml:1:10: invalid YAML');
    expect(esmLoader(run)).toEqual([]);
    // Its lines written to the pipes' descriptors, not through process.stdout and process.stderr,
    // whose streams on a pipe load `net`; and no thread started, nor worker_threads loaded.
    expect(loaded(run)).not.toContain('NativeModule worker_threads');
    expect(loaded(run)).not.toContain('NativeModule net');
  });

  it('runs the sources through tsx when they do not compile, which reports where', async ({ signal }) => {
    const root = join(await temporaryDir('compiled-broken-'), 'checkout');
    await copyOfRepository(root);
    await appendFile(join(root, 'src/cli/command.ts'), '\nexport const broken = ;\n');

    const run = await cli(root, ['generate', '--help'], signal);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/src\/cli\/command\.ts:\d+:\d+: ERROR: Unexpected ";"/);
    await expect(readFile(join(root, '.cache/cli/latest'))).rejects.toThrow(/ENOENT/);
  });
});
