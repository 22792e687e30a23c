/**
 * Suite `github`: GitHub's REST description (13 MB of OpenAPI 3.0 JSON, 1,223 operations) through the
 * commands a user runs, `npm run import -- <file> --name github` then `npm run generate -- github
 * --no-docs` (package.json's scripts without npm, each a cold process, in a copy of the repository
 * reset before each run), against the openapi-typescript CLI on the same file (one cold process from
 * an empty folder). Targets (issue 18): the two commands take at most 1.5x openapi-typescript's
 * time, and neither peaks above 1.0 GB (resident set, the highest run).
 *
 * `GITHUB_LINT_CONFIG` is the lint config the `consumer-tsc` suite builds GitHub's package with
 * through the pipeline's stages: Redocly's `minimal` preset minus the rules the description breaks.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { BenchError, interleave, median, runCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { listFiles } from '../../shared/files.js';
import { binPath, createScratchDir, createWorkspace, scriptCommand } from '../workspace.js';
import { githubSpec } from './github-spec.js';

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

export const GITHUB_LINT_CONFIG = `# Written by \`npm run bench\`: the pipeline's lint config for GitHub's description.
extends:
  - minimal
rules:
${Object.entries(RULES_OFF)
  .map(([rule, why]) => `  ${rule}: off # ${why}`)
  .join('\n')}
`;

const TITLE =
  "GitHub's REST description through `npm run import` and `npm run generate` vs the openapi-typescript CLI";

const API = 'github';
const MAX_RSS_MB = 1_000;

/**
 * Loaded with `--import` into each measured process: writes its peak resident set (bytes) to the
 * file `BENCH_PEAK_RSS_FILE` names when it exits. Node's `maxRSS` is in kilobytes.
 */
const PEAK_RSS_PRELOAD = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));
`;

interface Sample {
  ms: number;
  /** Peak resident set, MB. */
  rssMb: number;
}

interface PipelineSample extends Sample {
  importMs: number;
  generateMs: number;
}

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
    const workspace = await createWorkspace(bench.rootDir, 'github');
    const scratch = await createScratchDir('github');
    try {
      const preload = join(scratch.dir, 'peak-rss.mjs');
      await writeFile(preload, PEAK_RSS_PRELOAD);
      const emptyDir = join(scratch.dir, 'openapi-typescript');
      await mkdir(emptyDir);
      let measured = 0;
      const measure = async (args: string[], cwd: string): Promise<Sample> => {
        const rssFile = join(scratch.dir, `rss-${(measured += 1)}`);
        const { ms } = await runCommand(process.execPath, ['--import', preload, ...args], {
          cwd,
          env: { ...process.env, BENCH_PEAK_RSS_FILE: rssFile, NO_COLOR: '1' },
          signal,
        });
        const bytes = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
        if (!(bytes > 0)) throw new BenchError(`\`${args.join(' ')}\` reported no peak memory`);
        return { ms, rssMb: bytes / 1e6 };
      };

      const importScript = await scriptCommand(workspace.dir, 'import');
      const generateScript = await scriptCommand(workspace.dir, 'generate');
      const configPath = join(workspace.dir, 'redocly.yaml');
      const config = await readFile(configPath);
      // Each run imports into the copy as it was: no GitHub API, its package or its apis entry, and
      // nothing the commands kept of the document (import's checked document, which generate reads).
      // The last run's package (2,847 files) is moved aside, not removed: on an ext4 without a
      // journal (this machine's), every file created in the 30 s after a removal skips the freed
      // inodes one by one, so the next generate paid for the bench's own removal (0.8 CPU-s).
      let setAside = 0;
      const reset = async (): Promise<void> => {
        await writeFile(configPath, config);
        await rm(join(workspace.dir, 'specs', 'published', API), { recursive: true, force: true });
        const packageDir = join(workspace.dir, 'generated', API);
        await rename(packageDir, join(scratch.dir, `package-${(setAside += 1)}`)).catch(
          async (error: unknown) => {
            // Another file system (a TMPDIR elsewhere): removed as before.
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
              await rm(packageDir, { recursive: true, force: true });
          },
        );
        await rm(join(workspace.dir, '.cache', 'generate', 'documents'), { recursive: true, force: true });
      };
      const pipelineRun = async (): Promise<PipelineSample> => {
        await reset();
        const imported = await measure([...importScript.args, spec.path, '--name', API], workspace.dir);
        const generated = await measure([...generateScript.args, API, '--no-docs'], workspace.dir);
        return {
          ms: imported.ms + generated.ms,
          rssMb: Math.max(imported.rssMb, generated.rssMb),
          importMs: imported.ms,
          generateMs: generated.ms,
        };
      };
      const openapiTs = binPath(bench.rootDir, 'openapi-typescript', 'openapi-typescript');
      const openapiTypescriptRun = (): Promise<Sample> =>
        measure([openapiTs, spec.path, '--output', join(emptyDir, 'github.d.ts')], emptyDir);

      // Untimed: what the commands cache on their first run (the compiled command line).
      log('warm-up runs');
      await pipelineRun();
      await openapiTypescriptRun();

      const pipeline: PipelineSample[] = [];
      const openapiTypescript: Sample[] = [];
      await interleave(
        runs,
        {
          pipeline: async () => last(pipeline, await pipelineRun()).ms,
          openapiTypescript: async () => last(openapiTypescript, await openapiTypescriptRun()).ms,
        },
        (round) => {
          const p = pipeline.at(-1)!;
          const o = openapiTypescript.at(-1)!;
          log(
            `run ${round}/${runs}: import ${ms(p.importMs)} + generate ${ms(p.generateMs)} (${mb(p.rssMb)}), ` +
              `openapi-typescript ${ms(o.ms)} (${mb(o.rssMb)})`,
          );
        },
        signal,
      );
      // The package the last run generated: what one operation's contract checks load.
      const packageDir = join(workspace.dir, 'generated', API);
      const files = new Map<string, string>();
      for (const file of await listFiles(join(packageDir, 'checks'))) {
        files.set(`checks/${file}`, await readFile(join(packageDir, 'checks', file), 'utf8'));
      }
      const load = checksLoad(files);
      const times = (samples: Sample[]) => samples.map((sample) => sample.ms);
      const rss = (samples: Sample[]) => samples.map((sample) => sample.rssMb);
      const peak = Math.max(...rss(pipeline));
      return {
        suite: 'github',
        title: TITLE,
        method:
          `[\`${spec.source}\`](https://www.npmjs.com/package/${spec.source.replace(/@[^@/]*$/, '')})'s ` +
          `\`generated/api.github.com.json\` (${formatValue(spec.bytes / 1e6, 'MB')}, ${spec.operations.toLocaleString('en-US')} operations, ` +
          `OpenAPI ${spec.openapi}), fetched with \`npm pack\` into \`.cache/bench/\`. **Pipeline**: ` +
          `\`${['node', ...importScript.args].join(' ')} <file> --name ${API}\` then ` +
          `\`${['node', ...generateScript.args].join(' ')} ${API} --no-docs\` (package.json's scripts ` +
          `without npm; each a cold process) in a copy of the repository, reset before each run (no ` +
          `\`specs/published/${API}/\`, no package, \`redocly.yaml\` as committed, nothing kept in \`.cache/generate/documents/\`): ` +
          `import checks the document and keeps the result, generate reads it; the document read ` +
          `with \`JSON.parse\`, linted with the \`published\` preset, upgraded to 3.1 and built into a package, ` +
          `without the reference page. **openapi-typescript**: its CLI on the same file from an empty folder, ` +
          `default options. Alternatives interleaved; times are wall clock from spawn to exit (the two ` +
          `commands summed); memory is each process's peak resident set (\`process.resourceUsage()\` at ` +
          `exit, from a preloaded module), the higher of the two commands for the pipeline. One untimed ` +
          `run of each first.`,
        date: new Date().toISOString(),
        machine,
        runs,
        measurements: [
          measurement('import + generate', 'ms', times(pipeline), median(times(pipeline))),
          measurement(
            '`npm run import`',
            'ms',
            pipeline.map((p) => p.importMs),
            median(pipeline.map((p) => p.importMs)),
          ),
          measurement(
            '`npm run generate -- github --no-docs`',
            'ms',
            pipeline.map((p) => p.generateMs),
            median(pipeline.map((p) => p.generateMs)),
          ),
          measurement(
            'openapi-typescript CLI',
            'ms',
            times(openapiTypescript),
            median(times(openapiTypescript)),
          ),
          measurement('import + generate, peak RSS', 'MB', rss(pipeline), median(rss(pipeline))),
          measurement(
            'openapi-typescript CLI, peak RSS',
            'MB',
            rss(openapiTypescript),
            median(rss(openapiTypescript)),
          ),
        ],
        checks: [
          check(
            'import + generate / openapi-typescript CLI',
            median(times(pipeline)) / median(times(openapiTypescript)),
            'x',
            { max: 1.5 },
          ),
          check('peak RSS of import and generate (highest run)', peak, 'MB', { max: MAX_RSS_MB }),
          // Issue 17: one operation's checks must not load all of them.
          check(
            "largest one operation's checks load / all checks",
            load.operationMaxBytes / load.bytes,
            'x',
            {
              max: 0.1,
            },
          ),
        ],
        info: [
          `Contract checks: ${load.modules.toLocaleString('en-US')} modules, ${formatValue(load.bytes, 'bytes')}; ` +
            `one operation's checks load their module and what it imports: ${formatValue(load.operationMedianBytes, 'bytes')} ` +
            `for the median operation, ${formatValue(load.operationMaxBytes, 'bytes')} at most ` +
            `(${formatValue(load.operationMaxBytes / load.bytes, 'x')} of them all).`,
        ],
      };
    } finally {
      await workspace.remove();
      await scratch.remove();
    }
  },
};

/** The checks modules of a package, and what one operation's checks import of them, in bytes. */
interface ChecksLoad {
  modules: number;
  bytes: number;
  /** Over every operation: the bytes its checks module and what it imports (transitively) weigh. */
  operationMedianBytes: number;
  operationMaxBytes: number;
}

/** What each operation's checks module loads: itself and the `checks/` modules it imports, transitively. */
function checksLoad(files: Map<string, string>): ChecksLoad {
  const checks = [...files].filter(([path]) => path.startsWith('checks/'));
  const loads = (path: string, found: Set<string>): Set<string> => {
    if (found.has(path) || !files.has(path)) return found;
    found.add(path);
    for (const [, specifier] of files.get(path)!.matchAll(/from '(\.[^']+)'/g)) {
      if (specifier!.includes('runtime/')) continue;
      loads(posix.join(posix.dirname(path), specifier!), found);
    }
    return found;
  };
  const perOperation = checks
    .filter(([path]) => /^checks\/[^/]+\.js$/.test(path) && !path.endsWith('.request.js'))
    .map(([path]) => [...loads(path, new Set())].reduce((sum, each) => sum + files.get(each)!.length, 0))
    .sort((a, b) => a - b);
  return {
    modules: checks.length,
    bytes: checks.reduce((sum, [, text]) => sum + text.length, 0),
    operationMedianBytes: perOperation[perOperation.length >> 1] ?? 0,
    operationMaxBytes: perOperation.at(-1) ?? 0,
  };
}

function last<T>(list: T[], item: T): T {
  list.push(item);
  return item;
}

function ms(value: number): string {
  return formatValue(value, 'ms');
}

function mb(value: number): string {
  return formatValue(value, 'MB');
}
