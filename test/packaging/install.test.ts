/**
 * Each generated package as a consumer gets it: packed by npm, installed alone into a project of
 * its own (the run's, `installedAlone`: one npm install lays out every package's), used by a sample made from the package's own `api` export and spec (the same code for
 * every package), compiled by strict tsc with the package's `.d.ts` checked, run against a Prism
 * mock of the package's spec, and linted by publint and attw. The TypeScript examples of its
 * README (and of the repository's README, where they import it) are compiled beside the sample.
 * Packages are discovered: every folder of `generated/` with a package.json gets these tests.
 *
 * The slow work (npm, Prism, attw) starts for every package at once in `beforeAll`, one tsc run
 * compiles all consumers once they are installed, and one node process runs every compiled sample;
 * each test awaits the piece it checks, so a failure names its stage.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mockReady } from '../contract/mocks.js';
import {
  compileTogether,
  installedAlone,
  packedPackages,
  runEach,
  writeFiles,
  type Diagnostic,
  GENERATED,
  packageNames,
} from './consumer.js';
import { attwFindings, publintFindings } from './package-lint.js';
import {
  RUNNER_SOURCE,
  errorClassOf,
  expectations,
  expectationsSource,
  readmeExampleFiles,
  sampleSource,
  servedBody,
  typeErrorCases,
  type Observation,
} from './sample-code.js';
import { planSample, type SamplePlan } from './sample-plan.js';
import * as runtime from '../../src/runtime/index.js';

const plans = new Map<string, SamplePlan>(
  await Promise.all(
    packageNames.map(async (name) => [name, await planSample(join(GENERATED, name))] as const),
  ),
);

interface PackageRun {
  /** The installed package's folder in the consumer project. */
  installed: Promise<string>;
  /** The compile's diagnostics in this consumer's files, names relative to the consumer. */
  diagnostics: Promise<Diagnostic[]>;
  /** What the sample printed, and what the mock serves to the same request sent without the package. */
  observed: Promise<{ observations: unknown[]; served: unknown }>;
  publint: Promise<string[]>;
  attw: Promise<string[]>;
}

const runs = new Map<string, PackageRun>();

/**
 * The consumer project's files beside its package.json: the sample, its runner, the wrong files,
 * and the examples of the package's README.
 */
function consumerFiles(name: string, plan: SamplePlan): Record<string, string> {
  const wrong = Object.fromEntries(typeErrorCases(plan).map((c) => [c.file, c.source]));
  return {
    'sample.ts': sampleSource(plan),
    'run.mjs': RUNNER_SOURCE,
    'expectations.ts': expectationsSource(plan).source,
    ...wrong,
    ...readmeFiles(name, plan),
  };
}

/** The examples of the package's README, and those of the repository's README that import the package. */
function readmeFiles(name: string, plan: SamplePlan): Record<string, string> {
  const own = readmeExampleFiles(readFileSync(join(GENERATED, name, 'README.md'), 'utf8'));
  const repository = Object.entries(
    readmeExampleFiles(readFileSync(join(GENERATED, '..', 'README.md'), 'utf8')),
  )
    .filter(([file, source]) => file.endsWith('.d.ts') || source.includes(`from '${plan.packageName}'`))
    .map(([file, source]) => [`readme-repository-${file.slice('readme-'.length)}`, source]);
  return { ...own, ...Object.fromEntries(repository) };
}

beforeAll(async () => {
  const packageDir = (name: string) => join(GENERATED, name);
  const tarballs = packedPackages();

  const consumers = [...plans].map(([name, plan]) => {
    const files = consumerFiles(name, plan);
    const tarball = tarballs.then((byDir) => byDir.get(packageDir(name))!);
    // The run's project with only this package installed from its tarball; the consumer's files in it.
    const project = installedAlone(name).then(async (folder) => {
      await writeFiles(folder, files);
      return folder;
    });
    // The contract harness's mock of this API (this file runs in the contract project).
    const mock = mockReady(name).then((url) => ({ url }));
    const tsFiles = Object.keys(files).filter((file) => file.endsWith('.ts'));
    return { name, plan, project, tarball, mock, tsFiles };
  });

  // The projects sit side by side in one folder: one tsc program compiles every consumer from it.
  const compiled = Promise.all(consumers.map((c) => c.project)).then((folders) =>
    compileTogether(
      dirname(folders[0]!),
      consumers.flatMap((c, index) => c.tsFiles.map((file) => `${basename(folders[index]!)}/${file}`)),
    ),
  );

  // Every compiled sample in one node process (runEach), each as `node run.mjs <mock>` runs it in its
  // project, once they are compiled: those whose mock answers (another's failure is its own test's).
  const samples = compiled.then(async () => {
    const ready = await Promise.allSettled(consumers.map((c) => Promise.all([c.project, c.mock])));
    const entries = ready.flatMap((r) =>
      r.status === 'fulfilled' ? [{ file: join(r.value[0], 'run.mjs'), args: [r.value[1].url] }] : [],
    );
    return entries.length === 0
      ? new Map<string, Promise<unknown[]>>()
      : runEach(dirname(dirname(entries[0]!.file)), entries);
  });

  for (const { name, plan, project, tarball, mock } of consumers) {
    const diagnostics = Promise.all([compiled, project]).then(([all, folder]) => {
      const dir = `${basename(folder)}/`;
      return all.filter((d) => d.file.startsWith(dir)).map((d) => ({ ...d, file: d.file.slice(dir.length) }));
    });
    const observed = Promise.all([diagnostics, mock, project, samples]).then(
      async ([, server, folder, ran]) => ({
        observations: await ran.get(join(folder, 'run.mjs'))!,
        served: await servedBody(plan, server.url),
      }),
    );
    const run: PackageRun = {
      installed: project.then((folder) => join(folder, 'node_modules', plan.packageName)),
      diagnostics,
      observed,
      publint: tarball.then(publintFindings),
      attw: tarball.then(attwFindings),
    };
    // Each is awaited by its test; until then a failure must not count as an unhandled rejection.
    for (const promise of [mock, ...Object.values(run)]) (promise as Promise<unknown>).catch(() => undefined);
    runs.set(name, run);
  }
});

/** What the sample must print, check by check (see `sampleSource`). */
function wantObservations(plan: SamplePlan, served: unknown): Observation[] {
  const rejected = (name: string, status: unknown) => ({
    name,
    instanceOfExpected: true,
    instanceOfApiStatusError: status !== null,
    instanceOfVoiceAgentApiError: true,
    status,
  });
  const { operation } = plan;
  return [
    {
      check: 'package',
      operations: plan.api.operations.map((operation) => operation.operationId),
      specTitle: plan.api.title,
      // The runtime's error classes and the factory: the rest of the surface is types.
      exports: [...Object.keys(runtime), plan.factory].sort(),
    },
    { check: 'deep import', code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' },
    { check: 'operation', data: served },
    { check: 'raw', status: operation.successStatus, data: served, error: null },
    // Prism answers a body that breaks the schema with the documented 422 or 400, else its own 422.
    { check: 'invalid body', ...rejected('BadRequestError', expect.toBeOneOf([400, 422])) },
    { check: 'checked body', ...rejected('ContractViolationError', null) },
    ...operation.errorStatuses.map((status) => ({
      check: `Prefer: code=${status}`,
      ...rejected(errorClassOf(status), status),
    })),
    ...(Object.keys(plan.credentials).length > 0
      ? [{ check: 'empty credential', ...rejected('ConfigurationError', null) }]
      : []),
  ];
}

describe.each(packageNames)('package %s', { timeout: 120_000 }, (name) => {
  const plan = plans.get(name)!;
  const run = () => runs.get(name)!;

  it('installs from its tarball alone, with openapi-fetch its only runtime dependency', async () => {
    const manifest = JSON.parse(await readFile(join(await run().installed, 'package.json'), 'utf8'));
    expect({
      name: manifest.name,
      dependencies: Object.keys(manifest.dependencies ?? {}),
      peerDependencies: Object.keys(manifest.peerDependencies ?? {}),
      optionalDependencies: Object.keys(manifest.optionalDependencies ?? {}),
      bundleDependencies: manifest.bundleDependencies ?? manifest.bundledDependencies ?? [],
    }).toEqual({
      name: plan.packageName,
      dependencies: ['openapi-fetch'],
      peerDependencies: [],
      optionalDependencies: [],
      bundleDependencies: [],
    });
  });

  it('compiles a strict consumer sample, the package .d.ts files checked too', async () => {
    // The package's own .d.ts files are checked as `node_modules/...` of this consumer.
    const diagnostics = await run().diagnostics;
    expect(diagnostics.filter((d) => !/^(wrong|readme)-|^expectations\.ts$/.test(d.file))).toEqual([]);
  });

  it("compiles its README's TypeScript examples, and the repository README's that use it", async () => {
    const examples = Object.keys(readmeFiles(name, plan));
    expect(examples.filter((file) => /^readme-\d+\.ts$/.test(file)).length).toBeGreaterThan(0);
    expect((await run().diagnostics).filter((d) => d.file.startsWith('readme-'))).toEqual([]);
  });

  const rows = typeErrorCases(plan).map(
    (c) => [c.name, { given: c.file, want: [{ line: c.line, code: c.code }] }] as const,
  );
  it.each(rows)('rejects %s at compile time', async (_, { given, want }) => {
    const diagnostics = (await run().diagnostics).filter((d) => d.file === given);
    expect(
      diagnostics.map(({ line, code }) => ({ line, code })),
      JSON.stringify(diagnostics, null, 2),
    ).toEqual(want);
  });

  // Each row of expectations.ts: a mistake under `// @ts-expect-error` (unused, it is itself an
  // error) or a correct use, with nothing reported on its lines.
  const { lines } = expectationsSource(plan);
  it.each(expectations(plan).map((row) => [row.compiles ? 'compiles' : 'rejects', row.name, row] as const))(
    '%s: %s',
    async (_verb, _name, row) => {
      const line = lines.get(row.name)!;
      const reported = (await run().diagnostics).filter(
        (d) => d.file === 'expectations.ts' && (d.line === line || d.line === line - 1),
      );
      expect(reported, JSON.stringify(reported, null, 2)).toEqual([]);
    },
  );

  it('compiles expectations.ts apart from its rows: every mistake it names is one', async () => {
    const rowLines = new Set([...lines.values()].flatMap((line) => [line, line - 1]));
    const elsewhere = (await run().diagnostics).filter(
      (d) => d.file === 'expectations.ts' && !rowLines.has(d.line),
    );
    expect(elsewhere).toEqual([]);
  });

  it('runs the compiled sample against a Prism mock of its spec', async () => {
    const { observations, served } = await run().observed;
    expect(observations).toEqual(wantObservations(plan, served));
  });

  it('has no publint findings (strict, suggestions included)', async () => {
    expect(await run().publint).toEqual([]);
  });

  it('has no attw findings (profile esm-only)', async () => {
    expect(await run().attw).toEqual([]);
  });
});
