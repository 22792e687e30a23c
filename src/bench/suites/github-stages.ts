/**
 * One measured run of the `github` suite, inside its own child process (`github-child.ts`), so
 * that each run starts with a cold heap and its peak memory is its own. Module loading is not
 * timed (both alternatives import before the clock starts): this suite is about how the work
 * scales with a 13 MB description, `specs` and `noop` cover start-up.
 *
 * `pipeline` runs the pipeline's own stage functions in `buildPackage`'s order: lint (with the
 * config the suite writes), bundle (sharing the lint's resolver, as `buildPackage` does), the API
 * model, types, the runtime, then `buildPackage`'s own post-process and emit steps
 * (`postprocessPackageTypes`, `emitPackageFiles`: every file of the package), all in memory. Left out:
 * `loadSpec` (JSON.parse here), the upgrade of this OpenAPI 3.0 description to 3.1 that a published
 * API gets (`npm run test:corpus` takes it through `import` and `generate`), and writing files.
 * `openapi-typescript` is openapi-typescript's Node API as its documentation shows it: `openapiTS`
 * on the file, then `astToString`.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BaseResolver } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import { bundleSpec, loadRedoclyConfig } from '../../pipeline/bundle/index.js';
import { displayPathFor } from '../../shared/display.js';
import { lintSpec } from '../../pipeline/lint/index.js';
import { describeApi } from '../../model/index.js';
import { emitPackageFiles, openapiJsonText } from '../../pipeline/emit/index.js';
import { postprocessPackageTypes } from '../../pipeline/orchestration/build.js';
import { bundledSource, codeBanner } from '../../shared/banner.js';
import { firstRelease } from '../../pipeline/release/index.js';
import { compileRuntime } from '../../pipeline/runtime/index.js';
import { generateTypes } from '../../pipeline/types/index.js';

export type GithubMode = 'pipeline' | 'openapi-typescript';

export interface GithubRunInput {
  mode: GithubMode;
  specPath: string;
  /** The lint and bundle config (pipeline only). */
  configPath: string;
  /** The runtime compiled into the package (pipeline only). */
  runtimeDir: string;
}

export interface GithubRunReport {
  mode: GithubMode;
  totalMs: number;
  /** Stage → ms, in order (pipeline only). */
  stages: Record<string, number>;
  /** Peak resident set size of the process, bytes. */
  maxRssBytes: number;
  /** Size of the printed types, characters. */
  typesLength: number;
}

export async function measureGithubRun(input: GithubRunInput): Promise<GithubRunReport> {
  const started = performance.now();
  const stages: Record<string, number> = {};
  let typesLength: number;
  if (input.mode === 'pipeline') {
    ({ typesLength } = await runPipeline(input, async (stage, work) => {
      const stageStarted = performance.now();
      const result = await work();
      stages[stage] = performance.now() - stageStarted;
      return result;
    }));
  } else {
    typesLength = astToString(await openapiTS(pathToFileURL(input.specPath), { silent: true })).length;
  }
  return {
    mode: input.mode,
    totalMs: performance.now() - started,
    stages,
    // Node reports kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    typesLength,
  };
}

type Stage = <T>(name: string, work: () => T | Promise<T>) => Promise<T>;

/** The package the pipeline makes of the description: path → content (the consumer-tsc suite's). */
export async function githubPackageFiles(input: GithubRunInput): Promise<Map<string, string>> {
  return (await runPipeline(input, async (_stage, work) => work())).files;
}

async function runPipeline(
  { specPath, configPath, runtimeDir }: GithubRunInput,
  stage: Stage,
): Promise<{ typesLength: number; files: Map<string, string> }> {
  const display = displayPathFor(dirname(specPath));
  const file = display(specPath);
  const locate = () => ({ file });
  const name = 'github';

  await stage('read', () => readFile(specPath));
  const config = await stage('lint', async () => {
    const loaded = await loadRedoclyConfig(configPath, display(configPath));
    const resolver = new BaseResolver(loaded.resolve);
    const problems = await lintSpec(specPath, { configPath, resolver });
    if (problems.length > 0) {
      const rules = [...new Set(problems.map((problem) => problem.ruleId))].join(', ');
      throw new Error(
        `${problems.length} lint problems in ${file} under ${configPath} (rules: ${rules}); the suite's config must turn off what GitHub's description breaks`,
      );
    }
    return { loaded, resolver };
  });
  const { document } = await stage('bundle', () =>
    bundleSpec(specPath, config.loaded, display, { resolver: config.resolver }),
  );
  // As buildPackage does: the banners' hash is of the bundled document.
  const source = bundledSource(file, openapiJsonText(document));
  const model = await stage('model', () => describeApi(name, document, locate));
  const rawTypes = await stage('types', () => generateTypes(document, locate, file));
  const runtime = await stage('runtime', () => compileRuntime(runtimeDir, (path) => path));
  const types = await stage('postprocess', () =>
    postprocessPackageTypes(name, model, rawTypes, runtime, codeBanner(source)),
  );
  const files = await stage('emit', () => {
    const emitted = emitPackageFiles({
      packageName: `@bench/${name}`,
      source,
      document,
      model,
      types,
      runtime,
      release: firstRelease(name, [], document),
      root: {
        openapiFetchRange: '*',
        repositoryUrl: 'git+https://github.com/github/rest-api-description.git',
      },
      directory: `bench/${name}`,
    });
    // Encoded, as writing them would: the measured stage includes it.
    for (const text of emitted.values()) Buffer.from(text);
    return emitted;
  });
  return { typesLength: rawTypes.length, files };
}
