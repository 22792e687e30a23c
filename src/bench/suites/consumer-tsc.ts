/**
 * Suite `consumer-tsc`: what the generated packages cost a consumer's type-check. Two projects
 * with the same code and the same strict options: one imports the four generated packages
 * (each factory, one call in each style, the named types), the other does the same with raw
 * openapi-typescript output (`paths` from the openapi-typescript CLI on each spec) and
 * openapi-fetch's `createClient<paths>`, its named types declared locally with the very
 * expressions the package's `types.d.ts` exports them as. `tsc -p` of each, as a child process,
 * interleaved. Target: at most 1.2x the raw project's time.
 *
 * The same pair for a large API, GitHub's REST description (the `github` suite's file): the
 * package the pipeline makes of it against openapi-typescript's `paths`, each project making the
 * same raw calls, and a third project with that package's client typed as openapi-fetch's
 * `Client`, so that what checking each request as written costs shows on its own. Targets: at most
 * 1.2x for each.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { readPackageModel } from '../../model/package-model.js';
import type { ApiModel, OperationModel, SecuritySchemeInfo } from '../../model/types.js';
import { clientNames } from '../../pipeline/emit/client.js';
import { CONSUMER_COMPILER_OPTIONS } from '../consumer-compiler-options.js';
import { BenchError, interleave, median, runCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { binPath, createScratchDir, packageNames } from '../workspace.js';
import { GITHUB_LINT_CONFIG } from './github.js';
import { githubSpec } from './github-spec.js';
import { githubPackageFiles } from './github-stages.js';

/**
 * Loaded into each compile (`node --import`): prints the process's CPU time when it exits, which
 * tsc's own work sets and another process's hardly does.
 */
const CPU_TIME_REPORTER = `import { writeSync } from 'node:fs';
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, \`\\ncpu-ms \${(user + system) / 1000}\\n\`);
});
`;

/** How many of GitHub's operations the large consumer calls, spread over its description. */
const GITHUB_CALLS = 40;

const TITLE = "a consumer's `tsc`, generated packages vs raw openapi-typescript + openapi-fetch";

/** One API as both consumers use it: its first operation, and the named types of that call. */
interface ApiUse {
  api: ApiModel;
  operation: OperationModel;
  factory: string;
  /** Argument field (`path`, `body`, ...) → the package's type name. */
  args: Map<string, string>;
  response: string;
  /** Type name → its definition in the package's types.d.ts. */
  definitions: Map<string, string>;
}

export const consumerTscSuite: Suite = {
  name: 'consumer-tsc',
  title: TITLE,
  defaultRuns: 5,
  async run({ bench, runs, log, signal }) {
    const machine = describeMachine();
    const scratch = await createScratchDir('consumer-tsc');
    try {
      const uses = await Promise.all(
        (await packageNames(bench.rootDir)).map((name) => readApiUse(join(bench.rootDir, 'generated', name))),
      );
      const generatedDir = join(scratch.dir, 'generated-packages');
      const rawDir = join(scratch.dir, 'raw-openapi-typescript');
      await writeGeneratedConsumer(bench.rootDir, generatedDir, uses);
      await writeRawConsumer(bench.rootDir, rawDir, uses, scratch.dir, signal);

      const spec = await githubSpec(bench.cacheDir, bench.githubPackage);
      log(`${spec.source}: building its package and the raw consumer's types`);
      const github = await writeGithubConsumers(bench.rootDir, join(scratch.dir, 'github'), spec.path);

      const tsc = binPath(bench.rootDir, 'typescript', 'tsc');
      const reporter = join(scratch.dir, 'cpu-time.mjs');
      await writeFile(reporter, CPU_TIME_REPORTER);
      const compile = async (dir: string): Promise<number> => {
        const args = ['--import', pathToFileURL(reporter).href, tsc, '-p', dir];
        const { stderr } = await runCommand(process.execPath, args, { cwd: dir, signal });
        const cpu = /^cpu-ms (\d+(?:\.\d+)?)$/m.exec(stderr)?.[1];
        if (cpu === undefined) throw new BenchError(`tsc -p ${dir} reported no CPU time:\n${stderr}`);
        return Number(cpu);
      };
      // Untimed: both projects must compile, or the comparison means nothing (the error says why).
      for (const dir of [generatedDir, rawDir, github.generated, github.raw, github.unchecked])
        await runCommand(process.execPath, [tsc, '-p', dir], { cwd: dir, signal });
      const samples = await interleave(
        runs,
        {
          generated: () => compile(generatedDir),
          raw: () => compile(rawDir),
          githubGenerated: () => compile(github.generated),
          githubRaw: () => compile(github.raw),
          githubUnchecked: () => compile(github.unchecked),
        },
        (round, s) =>
          log(
            `run ${round}/${runs}: generated packages ${ms(s.generated)}, raw ${ms(s.raw)}; ` +
              `GitHub: generated ${ms(s.githubGenerated)}, raw ${ms(s.githubRaw)}, ` +
              `generated with openapi-fetch's Client ${ms(s.githubUnchecked)}`,
          ),
        signal,
      );
      const generated = median(samples.generated);
      const raw = median(samples.raw);
      const githubGenerated = median(samples.githubGenerated);
      const githubRaw = median(samples.githubRaw);
      const githubUnchecked = median(samples.githubUnchecked);
      return {
        suite: 'consumer-tsc',
        title: TITLE,
        method:
          `Two consumer projects, one module per API (${uses.map((use) => `\`${use.api.name}\``).join(', ')}), ` +
          `each creating the client, making one call (\`${uses[0]?.operation.operationId ?? ''}\`) and naming its ` +
          `argument and result types. **Generated**: the packages from \`generated/\` (linked into ` +
          `\`node_modules/@voice-agent-sdks/\`), \`create<Api>Client(...)\`, the operation function and the same ` +
          `request as a raw call. **Raw**: the openapi-typescript CLI's output for each spec, ` +
          `\`createClient<paths>(...)\` and the raw method, the same named types declared locally with the ` +
          `expressions the packages export them as. Both with test/packaging's strict options (\`strict\`, ` +
          `\`exactOptionalPropertyTypes\`, \`noUncheckedIndexedAccess\`, \`skipLibCheck: false\`, NodeNext); ` +
          `\`tsc -p\` timed as the compiler process's CPU time (user + system, which it prints on exit): ` +
          `on this shared machine the wall time of the same compile moves by 2x with the load, its CPU ` +
          `time by a few percent.\n\n` +
          `**GitHub**: the same pair for \`${spec.source}\`'s description (${spec.operations.toLocaleString('en-US')} ` +
          `operations): the package the pipeline's stages make of it (as in the \`github\` suite) against the ` +
          `output of openapi-typescript's Node API (its CLI refuses the description) with ` +
          `\`createClient<paths>\`, each project making the same ${GITHUB_CALLS} raw calls, spread over the ` +
          `description, with every required parameter and body field; and the generated package again, its ` +
          `client declared \`extends Client<paths>\` (openapi-fetch's) instead of \`RawClient<paths>\`: the ` +
          `difference is what checking each request as written costs.`,
        date: new Date().toISOString(),
        machine,
        runs,
        measurements: [
          measurement('`tsc -p` CPU time, generated packages', 'ms', samples.generated, generated),
          measurement('`tsc -p` CPU time, raw openapi-typescript + openapi-fetch', 'ms', samples.raw, raw),
          measurement(
            '`tsc -p` CPU time, GitHub, generated package',
            'ms',
            samples.githubGenerated,
            githubGenerated,
          ),
          measurement(
            '`tsc -p` CPU time, GitHub, raw openapi-typescript + openapi-fetch',
            'ms',
            samples.githubRaw,
            githubRaw,
          ),
          measurement(
            "`tsc -p` CPU time, GitHub, generated package with openapi-fetch's Client",
            'ms',
            samples.githubUnchecked,
            githubUnchecked,
          ),
        ],
        checks: [
          check('generated / raw', generated / raw, 'x', { max: 1.2 }),
          check('GitHub: generated / raw', githubGenerated / githubRaw, 'x', { max: 1.2 }),
          check(
            "GitHub: requests checked as written / openapi-fetch's Client",
            githubGenerated / githubUnchecked,
            'x',
            { max: 1.2 },
          ),
        ],
        info: [],
      };
    } finally {
      await scratch.remove();
    }
  },
};

async function readApiUse(packageDir: string): Promise<ApiUse> {
  const name = basename(packageDir);
  const api = await readPackageModel(packageDir);
  const operation = api.operations[0];
  if (operation === undefined) throw new BenchError(`${packageDir}/openapi.json lists no operation`);
  const declaration = await readFile(join(packageDir, 'index.d.ts'), 'utf8');
  // The client interface's method: `updateAgent(args: { path: X; body?: Y | undefined }, options?: CallOptions): Promise<Z>;`
  const signature = new RegExp(
    `^\\s*${operation.operationId}\\(args\\??: \\{ (.*) \\}, options\\?: CallOptions\\): Promise<(\\w+)>;$`,
    'm',
  ).exec(declaration);
  if (signature === null) {
    throw new BenchError(
      `${packageDir}/index.d.ts: no method ${operation.operationId}(args, options) in the form this suite reads`,
    );
  }
  const args = new Map(
    signature[1]!.split('; ').map((field) => {
      const [key, type] = field.split(/\??: /) as [string, string];
      // Optional members also take `undefined` ("not given"); the named type is what is read.
      return [key, type.replace(/ \| undefined$/, '')];
    }),
  );
  const response = signature[2]!;
  const types = await readFile(join(packageDir, 'types.d.ts'), 'utf8');
  const definitions = new Map<string, string>();
  for (const typeName of [...args.values(), response]) {
    const definition = new RegExp(`^export type ${typeName} = (.*);$`, 'm').exec(types)?.[1];
    if (definition === undefined)
      throw new BenchError(`${packageDir}/types.d.ts does not export type ${typeName}`);
    definitions.set(typeName, definition);
  }
  return { api, operation, factory: clientNames(name).factory, args, response, definitions };
}

async function writeProject(
  dir: string,
  modules: Map<string, string>,
  links: Map<string, string>,
): Promise<void> {
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: basename(dir), private: true, type: 'module' }, null, 2)}\n`,
  );
  await writeFile(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { ...CONSUMER_COMPILER_OPTIONS, noEmit: true }, include: ['src'] }, null, 2)}\n`,
  );
  for (const [file, text] of modules) await writeFile(join(dir, 'src', file), text);
  for (const [name, target] of links) {
    await mkdir(join(dir, 'node_modules', name, '..'), { recursive: true });
    await symlink(target, join(dir, 'node_modules', name), 'dir');
  }
}

async function writeGeneratedConsumer(rootDir: string, dir: string, uses: ApiUse[]): Promise<void> {
  const modules = new Map(
    uses.map((use) => {
      const { api, operation, args, response } = use;
      const names = [...new Set([...args.values(), response])];
      const lines = [
        `import { ${use.factory}, ${names.map((type) => `type ${type}`).join(', ')} } from '@voice-agent-sdks/${api.name}';`,
        '',
        ...[...args].map(([key, type]) => `declare const ${key}: ${type};`),
        `const client = ${use.factory}({ ${credentialOptions(api)} });`,
        '',
        `export function call(): Promise<${response}> {`,
        `  return client.${operation.operationId}({ ${[...args.keys()].join(', ')} });`,
        '}',
        '',
        ...rawCallFunction('callRaw', use),
      ];
      return [`${api.name}.ts`, lines.join('\n')] as const;
    }),
  );
  const links = new Map([
    ['openapi-fetch', join(rootDir, 'node_modules', 'openapi-fetch')],
    ...uses.map(
      (use) => [`@voice-agent-sdks/${use.api.name}`, join(rootDir, 'generated', use.api.name)] as const,
    ),
  ]);
  await writeProject(dir, modules, links);
}

/** `export async function name()` making the API's call in openapi-fetch's style, both consumers' way. */
function rawCallFunction(name: string, { operation, args, response }: ApiUse): string[] {
  const params = [...args.keys()].filter((key) => key !== 'body');
  return [
    `export async function ${name}(): Promise<${response} | undefined> {`,
    `  const { data } = await client.${operation.method.toUpperCase()}(${JSON.stringify(operation.path)}, {`,
    `    params: { ${params.join(', ')} },${args.has('body') ? '\n    body,' : ''}`,
    '  });',
    '  return data;',
    '}',
    '',
  ];
}

async function writeRawConsumer(
  rootDir: string,
  dir: string,
  uses: ApiUse[],
  scratchDir: string,
  signal: AbortSignal,
): Promise<void> {
  const modules = new Map<string, string>();
  const cli = binPath(rootDir, 'openapi-typescript', 'openapi-typescript');
  await mkdir(join(dir, 'src', 'raw'), { recursive: true });
  const specsDir = join(rootDir, 'specs');
  const specs = new Set(await readdir(specsDir));
  for (const use of uses) {
    const { api, args } = use;
    if (!specs.has(`${api.name}.yaml`))
      throw new BenchError(`no spec ${specsDir}/${api.name}.yaml for generated/${api.name}`);
    // From an empty folder: in the repository the CLI would lint with the project's redocly.yaml.
    await runCommand(
      process.execPath,
      [cli, join(specsDir, `${api.name}.yaml`), '--output', join(dir, 'src', 'raw', `${api.name}.d.ts`)],
      { cwd: scratchDir, signal },
    );
    const lines = [
      `import createClient from 'openapi-fetch';`,
      `import type { components, operations, paths } from './raw/${api.name}.js';`,
      '',
      ...[...use.definitions].map(([name, definition]) => `type ${name} = ${definition};`),
      '',
      ...[...args].map(([key, type]) => `declare const ${key}: ${type};`),
      `const client = createClient<paths>({ baseUrl: ${JSON.stringify(api.servers[0]?.url ?? '/')}, headers: { ${authHeaders(api)} } });`,
      '',
      ...rawCallFunction('call', use),
      // Keeps every imported name used, as a consumer's other modules would.
      `export type Components = components;`,
      '',
    ];
    modules.set(`${api.name}.ts`, lines.join('\n'));
  }
  await writeProject(
    dir,
    modules,
    new Map([['openapi-fetch', join(rootDir, 'node_modules', 'openapi-fetch')]]),
  );
}

/**
 * GitHub's pair of consumers: `generated/` imports the package the pipeline makes of the
 * description (written into its `node_modules/@bench/github`), `raw/` the CLI's `paths` through
 * openapi-fetch; both make the same raw calls. Values are `never`, which fits any parameter.
 */
async function writeGithubConsumers(
  rootDir: string,
  dir: string,
  specPath: string,
): Promise<{ generated: string; raw: string; unchecked: string }> {
  const generated = join(dir, 'generated');
  const raw = join(dir, 'raw');
  const unchecked = join(dir, 'unchecked');
  await mkdir(dir, { recursive: true });
  const configPath = join(dir, 'redocly.yaml');
  await writeFile(configPath, GITHUB_LINT_CONFIG);
  const files = await githubPackageFiles({
    specPath,
    configPath,
    runtimeDir: join(rootDir, 'src/runtime'),
  });
  // Installed in the consumer's node_modules, where it finds openapi-fetch as a dependency would.
  const packageDir = join(generated, 'node_modules', '@bench', 'github');
  for (const [file, text] of files) {
    await mkdir(dirname(join(packageDir, file)), { recursive: true });
    await writeFile(join(packageDir, file), text);
  }
  // The same package, its client typed by openapi-fetch's Client (which the runtime re-exports).
  const uncheckedDir = join(unchecked, 'node_modules', '@bench', 'github');
  for (const [file, text] of files) {
    await mkdir(dirname(join(uncheckedDir, file)), { recursive: true });
    await writeFile(join(uncheckedDir, file), file === 'index.d.ts' ? openapiFetchClient(text) : text);
  }
  const api = await readPackageModel(packageDir);
  const step = Math.max(1, Math.floor(api.operations.length / GITHUB_CALLS));
  const calls = api.operations
    .filter((_, index) => index % step === 0)
    .slice(0, GITHUB_CALLS)
    .map((operation, index) => `  const r${index} = await client.${rawCall(operation)};\n  void r${index};`);
  const body = [
    'declare const value: never;',
    '',
    'export async function calls(): Promise<void> {',
    ...calls,
    '}',
    '',
  ];
  const openapiFetch = join(rootDir, 'node_modules', 'openapi-fetch');
  for (const project of [generated, unchecked])
    await writeProject(
      project,
      new Map([
        [
          'github.ts',
          [
            `import { createGithubClient } from '@bench/github';`,
            '',
            `const client = createGithubClient({});`,
            ...body,
          ].join('\n'),
        ],
      ]),
      new Map([['openapi-fetch', openapiFetch]]),
    );
  await mkdir(join(raw, 'src', 'raw'), { recursive: true });
  // The Node API, as the `github` suite calls it: the CLI refuses the description (its lint's
  // `nullable` without `type`), which the API reports without failing.
  const types = astToString(await openapiTS(pathToFileURL(specPath), { silent: true }));
  await writeFile(join(raw, 'src', 'raw', 'github.d.ts'), types);
  await writeProject(
    raw,
    new Map([
      [
        'github.ts',
        [
          `import createClient from 'openapi-fetch';`,
          `import type { paths } from './raw/github.js';`,
          '',
          `const client = createClient<paths>({ baseUrl: 'https://api.github.com' });`,
          ...body,
        ].join('\n'),
      ],
    ]),
    new Map([['openapi-fetch', openapiFetch]]),
  );
  return { generated, raw, unchecked };
}

/** `index.d.ts` with the client extending openapi-fetch's `Client<paths>` instead of `RawClient<paths>`. */
function openapiFetchClient(declaration: string): string {
  const changed = declaration
    .replace(/^(import type \{ .*)\bRawClient\b(.* \} from '\.\/runtime\/index\.js';)$/m, '$1Client$2')
    .replace(/^(export interface \w+ extends )RawClient<paths> \{$/m, '$1Client<paths> {');
  if ((changed.match(/\bClient<paths>/g) ?? []).length !== 1 || /\bRawClient\b/.test(changed))
    throw new BenchError(
      'the generated index.d.ts no longer declares its client as `extends RawClient<paths>`',
    );
  return changed;
}

/** `GET("/repos/{owner}/{repo}", { params: { path: { owner: value, repo: value } } })`: every required part. */
function rawCall(operation: OperationModel): string {
  const required = (list: { name: string; required: boolean }[]) =>
    list
      .filter((parameter) => parameter.required)
      .map((parameter) => `${JSON.stringify(parameter.name)}: value`);
  const params = (['path', 'query', 'header'] as const)
    .map((location) => [location, required(operation.parameters[location])] as const)
    .filter(([, fields]) => fields.length > 0)
    .map(([location, fields]) => `${location}: { ${fields.join(', ')} }`);
  const body = operation.requestBody;
  const init = [
    ...(params.length > 0 ? [`params: { ${params.join(', ')} }`] : []),
    ...(body === undefined
      ? []
      : body.requiredProperties.length > 0
        ? [`body: { ${body.requiredProperties.map((name) => `${JSON.stringify(name)}: value`).join(', ')} }`]
        : body.required
          ? ['body: value']
          : []),
  ];
  const path = JSON.stringify(operation.path);
  return `${operation.method.toUpperCase()}(${path}${init.length > 0 ? `, { ${init.join(', ')} }` : ''})`;
}

function credentialOptions(api: ApiModel): string {
  return Object.values(api.securitySchemes)
    .map((scheme) => `${JSON.stringify(scheme.credential)}: 'secret'`)
    .join(', ');
}

function authHeaders(api: ApiModel): string {
  return Object.values(api.securitySchemes)
    .map((scheme: SecuritySchemeInfo) =>
      scheme.type === 'http'
        ? `Authorization: '${scheme.scheme === 'bearer' ? 'Bearer' : 'Basic'} secret'`
        : scheme.in === 'header'
          ? `${JSON.stringify(scheme.name)}: 'secret'`
          : '',
    )
    .filter((header) => header !== '')
    .join(', ');
}

function ms(value: number): string {
  return formatValue(value, 'ms');
}
