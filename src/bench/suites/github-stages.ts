/**
 * The package the pipeline makes of GitHub's description, in memory, for the `consumer-tsc` suite:
 * the pipeline's own stage functions in `buildPackage`'s order (lint with the config the suite
 * writes, bundle sharing the lint's resolver, the API model, types, the runtime, post-process, emit).
 * Left out: the upgrade of this OpenAPI 3.0 description to 3.1 that a published API gets, and
 * writing files (the `github` suite takes it through `import` and `generate`).
 */
import { dirname } from 'node:path';
import { BaseResolver } from '@redocly/openapi-core';
import { bundleSpec, loadRedoclyConfig } from '../../pipeline/bundle/index.js';
import { displayPathFor } from '../../shared/display.js';
import { lintSpec } from '../../pipeline/lint/index.js';
import { describeApi } from '../../model/index.js';
import { emitPackageFiles } from '../../pipeline/emit/index.js';
import { openapiJsonText } from '../../shared/openapi.js';
import { postprocessPackageTypes } from '../../pipeline/orchestration/build.js';
import { bundledSource, codeBanner } from '../../shared/banner.js';
import { firstRelease } from '../../pipeline/release/index.js';
import { compileRuntime } from '../../pipeline/runtime/index.js';
import { generateTypeNodes } from '../../pipeline/types/index.js';

export interface GithubRunInput {
  specPath: string;
  /** The lint and bundle config. */
  configPath: string;
  /** The runtime compiled into the package. */
  runtimeDir: string;
}

/** The package the pipeline makes of the description: path → content (the consumer-tsc suite's). */
export async function githubPackageFiles({
  specPath,
  configPath,
  runtimeDir,
}: GithubRunInput): Promise<Map<string, string>> {
  const display = displayPathFor(dirname(specPath));
  const file = display(specPath);
  const locate = () => ({ file });
  const name = 'github';

  const config = await (async () => {
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
  })();
  const { document } = await bundleSpec(specPath, config.loaded, display, { resolver: config.resolver });
  // As buildPackage does: the banners' hash is of the bundled document.
  const openapiJson = openapiJsonText(document);
  const source = bundledSource(file, openapiJson);
  const model = describeApi(name, document, locate);
  const typeNodes = await generateTypeNodes(document, locate, file, undefined, model.readWrite ?? null);
  const runtime = await compileRuntime(runtimeDir, (path) => path);
  const types = postprocessPackageTypes(name, model, typeNodes, runtime, codeBanner(source));
  return emitPackageFiles({
    packageName: `@bench/${name}`,
    source,
    document,
    openapiJson,
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
}
