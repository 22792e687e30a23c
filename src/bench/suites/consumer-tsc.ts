/**
 * Suite `consumer-tsc`: what the generated packages cost a consumer's type-check. Two projects
 * with the same code and the same strict options: one imports the four generated packages
 * (each factory, one call, the named types), the other does the same with raw openapi-typescript
 * output (`paths` from the openapi-typescript CLI on each spec) and openapi-fetch's
 * `createClient<paths>`, its named types declared locally with the very expressions the package's
 * `types.d.ts` exports them as. `tsc -p` of each, as a child process, interleaved. Target: at most
 * 1.2x the raw project's time.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readPackageModel } from '../../model/package-model.js';
import type { ApiModel, OperationModel, SecuritySchemeInfo } from '../../model/types.js';
import { clientNames } from '../../pipeline/emit/client.js';
import { CONSUMER_COMPILER_OPTIONS } from '../consumer-compiler-options.js';
import { BenchError, interleave, median, runCommand, timeCommand } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';
import { binPath, createScratchDir, packageNames } from '../workspace.js';

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

      const tsc = binPath(bench.rootDir, 'typescript', 'tsc');
      const compile = (dir: string) => timeCommand(process.execPath, [tsc, '-p', dir], { cwd: dir, signal });
      // Untimed: both projects must compile, or the comparison means nothing (the error says why).
      for (const dir of [generatedDir, rawDir])
        await runCommand(process.execPath, [tsc, '-p', dir], { cwd: dir, signal });
      const samples = await interleave(
        runs,
        { generated: () => compile(generatedDir), raw: () => compile(rawDir) },
        (round, s) => log(`run ${round}/${runs}: generated packages ${ms(s.generated)}, raw ${ms(s.raw)}`),
        signal,
      );
      const generated = median(samples.generated);
      const raw = median(samples.raw);
      return {
        suite: 'consumer-tsc',
        title: TITLE,
        method:
          `Two consumer projects, one module per API (${uses.map((use) => `\`${use.api.name}\``).join(', ')}), ` +
          `each creating the client, making one call (\`${uses[0]?.operation.operationId ?? ''}\`) and naming its ` +
          `argument and result types. **Generated**: the packages from \`generated/\` (linked into ` +
          `\`node_modules/@voice-agent-sdks/\`), \`create<Api>Client(...)\` and the operation function. **Raw**: ` +
          `the openapi-typescript CLI's output for each spec, \`createClient<paths>(...)\` and the raw method, ` +
          `the same named types declared locally with the expressions the packages export them as. Both ` +
          `with test/packaging's strict options (\`strict\`, \`exactOptionalPropertyTypes\`, ` +
          `\`noUncheckedIndexedAccess\`, \`skipLibCheck: false\`, NodeNext); \`tsc -p\` timed from spawn to exit.`,
        date: new Date().toISOString(),
        machine,
        runs,
        measurements: [
          measurement('`tsc -p`, generated packages', 'ms', samples.generated, generated),
          measurement('`tsc -p`, raw openapi-typescript + openapi-fetch', 'ms', samples.raw, raw),
        ],
        checks: [check('generated / raw', generated / raw, 'x', { max: 1.2 })],
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
    const { api, operation, args, response } = use;
    if (!specs.has(`${api.name}.yaml`))
      throw new BenchError(`no spec ${specsDir}/${api.name}.yaml for generated/${api.name}`);
    // From an empty folder: in the repository the CLI would lint with the project's redocly.yaml.
    await runCommand(
      process.execPath,
      [cli, join(specsDir, `${api.name}.yaml`), '--output', join(dir, 'src', 'raw', `${api.name}.d.ts`)],
      { cwd: scratchDir, signal },
    );
    const params = [...args].filter(([key]) => key !== 'body').map(([key]) => key);
    const lines = [
      `import createClient from 'openapi-fetch';`,
      `import type { components, operations, paths } from './raw/${api.name}.js';`,
      '',
      ...[...use.definitions].map(([name, definition]) => `type ${name} = ${definition};`),
      '',
      ...[...args].map(([key, type]) => `declare const ${key}: ${type};`),
      `const client = createClient<paths>({ baseUrl: ${JSON.stringify(api.servers[0]?.url ?? '/')}, headers: { ${authHeaders(api)} } });`,
      '',
      `export async function call(): Promise<${response} | undefined> {`,
      `  const { data } = await client.${operation.method.toUpperCase()}(${JSON.stringify(operation.path)}, {`,
      `    params: { ${params.join(', ')} },${args.has('body') ? '\n    body,' : ''}`,
      '  });',
      '  return data;',
      '}',
      '',
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
