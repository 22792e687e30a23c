/**
 * Suite `github`: the pipeline on GitHub's REST description (13 MB, 1,223 operations), against
 * plain openapi-typescript on the same file. Each run of each alternative is its own child
 * process (`github-child.ts`), interleaved; times are measured inside the child after its imports.
 * Targets: (a) the pipeline's stages take at most 1.5x openapi-typescript's time; (b) the
 * post-processing step alone at most 0.3x of it; (c) the pipeline's peak memory stays under 1.5 GB.
 *
 * The project's `redocly.yaml` is written for the vendors' specs (house rules, `recommended-strict`)
 * and does not apply to GitHub's; the pipeline lints it with Redocly's `minimal` preset instead,
 * minus the rules GitHub's description breaks (the pipeline fails on any lint problem, as it does
 * for the vendors' specs, where `redocly.yaml` turns off what does not apply to them).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError, interleave, median, runCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement, type Measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { createScratchDir } from '../workspace.js';
import { githubSpec } from './github-spec.js';
import type { GithubMode, GithubRunInput, GithubRunReport } from './github-stages.js';

/** Marks the child's report line on its stdout. */
export const REPORT_PREFIX = 'github-run-report ';

/** Rules of `minimal` that GitHub's description breaks (23.0.2: 2,911 problems), with why they are off. */
const RULES_OFF: Record<string, string> = {
  'no-invalid-media-type-examples': 'about 1,200 response examples do not match their schemas',
  'security-defined': 'most operations name no security requirement: GitHub serves them anonymously too',
  'nullable-type-sibling': '`nullable: true` beside `allOf`/`$ref` without a `type`',
  'no-ambiguous-paths': 'paths such as `/repos/{owner}/{repo}/git/refs/{ref}` that overlap others',
  'no-identical-paths': 'two pairs of paths differing only in parameter names',
  'no-required-schema-properties-undefined': 'required properties that are not defined',
  'operation-2xx-response': 'download endpoints that document only their 302',
  'no-unused-components': 'components nothing references',
};

export const GITHUB_LINT_CONFIG = `# Written by \`npm run bench -- github\`: the pipeline's lint config for GitHub's description.
extends:
  - minimal
rules:
${Object.entries(RULES_OFF)
  .map(([rule, why]) => `  ${rule}: off # ${why}`)
  .join('\n')}
`;

const TITLE = "the pipeline vs openapi-typescript on GitHub's REST description";

const CHILD = fileURLToPath(new URL('./github-child.ts', import.meta.url));

export const githubSuite: Suite = {
  name: 'github',
  title: TITLE,
  defaultRuns: 3,
  async run({ bench, runs, log, signal }) {
    const machine = describeMachine();
    const spec = await githubSpec(bench.cacheDir, bench.githubPackage, signal);
    log(
      `${spec.source}: ${formatValue(spec.bytes / 1e6, 'MB')}, ${spec.operations.toLocaleString('en-US')} operations, OpenAPI ${spec.openapi}`,
    );
    const scratch = await createScratchDir('github');
    try {
      const configPath = join(scratch.dir, 'redocly.yaml');
      await writeFile(configPath, GITHUB_LINT_CONFIG);
      const measureRun = (mode: GithubMode): Promise<GithubRunReport> =>
        runChild(bench.rootDir, signal, {
          mode,
          specPath: spec.path,
          configPath,
          runtimeDir: join(bench.rootDir, 'src/runtime'),
        });
      const reports: Record<GithubMode, GithubRunReport[]> = { pipeline: [], 'openapi-typescript': [] };
      await interleave(
        runs,
        {
          pipeline: async () => last(reports.pipeline, await measureRun('pipeline')).totalMs,
          openapiTypescript: async () =>
            last(reports['openapi-typescript'], await measureRun('openapi-typescript')).totalMs,
        },
        (round) => {
          const p = reports.pipeline.at(-1)!;
          const o = reports['openapi-typescript'].at(-1)!;
          const stages = Object.entries(p.stages)
            .map(([stage, ms]) => `${stage} ${Math.round(ms)}`)
            .join(', ');
          log(
            `run ${round}/${runs}: pipeline ${ms(p.totalMs)} (${stages}; ${mb(p.maxRssBytes)}), openapi-typescript ${ms(o.totalMs)} (${mb(o.maxRssBytes)})`,
          );
        },
        signal,
      );

      const pipeline = reports.pipeline.map((report) => report.totalMs);
      const openapiTypescript = reports['openapi-typescript'].map((report) => report.totalMs);
      const stageNames = Object.keys(reports.pipeline[0]?.stages ?? {});
      const stage = (name: string): number[] => reports.pipeline.map((report) => report.stages[name] ?? 0);
      const rss = (mode: GithubMode): number[] => reports[mode].map((report) => report.maxRssBytes / 1e6);
      const postprocess = median(stage('postprocess'));
      const types = median(stage('types'));
      const peak = Math.max(...rss('pipeline'));
      return {
        suite: 'github',
        title: TITLE,
        method:
          `[\`${spec.source}\`](https://www.npmjs.com/package/${spec.source.replace(/@[^@/]*$/, '')})'s ` +
          `\`generated/api.github.com.json\` (${formatValue(spec.bytes / 1e6, 'MB')}, ${spec.operations.toLocaleString('en-US')} operations, ` +
          `OpenAPI ${spec.openapi}), fetched with \`npm pack\` into \`.cache/bench/\`. **Pipeline**: its own ` +
          `stage functions in \`buildPackage\`'s order (read, lint, bundle, API model, types, runtime, ` +
          `post-process, emit every package file in memory; not \`loadSpec\`, nor the upgrade to 3.1 a ` +
          `published API gets, nor writing). **openapi-typescript**: \`openapiTS(file URL)\` + \`astToString\`, ` +
          `default options. Each run is a fresh child process, alternatives interleaved; times are taken ` +
          `inside the child after its imports, memory is the child's peak RSS.\n\n` +
          `Lint config: the project's rules (\`redocly.yaml\`: \`recommended-strict\` and house rules for ` +
          `the vendors' specs) do not apply to GitHub's description, so the pipeline lints it with ` +
          `Redocly's \`minimal\` preset, minus the rules the description breaks (the pipeline fails on ` +
          `any lint problem): ${Object.entries(RULES_OFF)
            .map(([rule, why]) => `\`${rule}\` (${why})`)
            .join('; ')}.`,
        date: new Date().toISOString(),
        machine,
        runs,
        measurements: [
          measurement('pipeline, every stage', 'ms', pipeline, median(pipeline)),
          measurement(
            'openapi-typescript, `openapiTS` + `astToString`',
            'ms',
            openapiTypescript,
            median(openapiTypescript),
          ),
          ...stageNames.map((name): Measurement =>
            measurement(`pipeline stage: ${name}`, 'ms', stage(name), median(stage(name))),
          ),
          measurement('pipeline, peak RSS', 'MB', rss('pipeline'), median(rss('pipeline'))),
          measurement(
            'openapi-typescript, peak RSS',
            'MB',
            rss('openapi-typescript'),
            median(rss('openapi-typescript')),
          ),
        ],
        checks: [
          check('(a) pipeline / openapi-typescript', median(pipeline) / median(openapiTypescript), 'x', {
            max: 1.5,
          }),
          check('(b) post-process / openapi-typescript', postprocess / median(openapiTypescript), 'x', {
            max: 0.3,
          }),
          check('(c) pipeline peak RSS (highest run)', peak, 'MB', { max: 1500 }),
        ],
        info: [
          `The types stage is openapi-typescript's transform and printer without its own parse, lint and ` +
            `bundle (the pipeline has done those): ${ms(types)}; post-process / types stage = ` +
            `${formatValue(postprocess / types, 'x')}.`,
        ],
      };
    } finally {
      await scratch.remove();
    }
  },
};

async function runChild(
  rootDir: string,
  signal: AbortSignal,
  input: GithubRunInput,
): Promise<GithubRunReport> {
  const { stdout } = await runCommand(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), CHILD, JSON.stringify(input)],
    { cwd: rootDir, signal },
  );
  const line = stdout.split('\n').find((text) => text.startsWith(REPORT_PREFIX));
  if (line === undefined) throw new BenchError(`the ${input.mode} run printed no report:\n${stdout}`);
  return JSON.parse(line.slice(REPORT_PREFIX.length)) as GithubRunReport;
}

function last<T>(list: T[], item: T): T {
  list.push(item);
  return item;
}

function ms(value: number): string {
  return formatValue(value, 'ms');
}

function mb(bytes: number): string {
  return formatValue(bytes / 1e6, 'MB');
}
