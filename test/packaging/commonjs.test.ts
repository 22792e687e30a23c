/**
 * The packages from CommonJS, as their READMEs describe it: a folder whose package.json says
 * `"type": "commonjs"`, in a project with every package installed (the run's, which
 * errors-across-packages.test.ts uses too), compiled by tsc under `"module": "nodenext"` (TypeScript 5.8 and later compile
 * a `require()` of an ES module there) and under `"module": "commonjs"`, then run by node, whose
 * `require()` loads ES modules from 20.19 on.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileTogether,
  installedTogether,
  runEach,
  writeFiles,
  type Diagnostic,
  GENERATED,
  packageNames,
} from './consumer.js';
import { commonJsSource } from './sample-code.js';
import { planSample, type SamplePlan } from './sample-plan.js';
import { removeDir } from '../support/files.js';

/**
 * The compiler options over the strict consumer's (ES import syntax compiled to `require()`), and
 * the errors tsc reports for the consumer's import line (2): `node16` does not know that Node
 * now requires ES modules, as the READMEs say.
 */
const MODULES: Record<string, { options: Record<string, unknown>; want: { line: number; code: number }[] }> =
  {
    nodenext: { options: { verbatimModuleSyntax: false }, want: [] },
    commonjs: {
      options: { verbatimModuleSyntax: false, module: 'CommonJS', moduleResolution: 'Node10' },
      want: [],
    },
    node16: {
      options: { verbatimModuleSyntax: false, module: 'Node16', moduleResolution: 'Node16' },
      want: [{ line: 2, code: 1479 }],
    },
  };

let workDir = '';
const plans = new Map<string, SamplePlan>();
const compiled = new Map<string, Promise<Diagnostic[]>>();
/** Per module setting that compiles, what each compiled file printed: per file, from one node process. */
const ran = new Map<string, Promise<Map<string, Promise<unknown[]>>>>();

beforeAll(async () => {
  const dirs = packageNames.map((name) => join(GENERATED, name));
  for (const [index, name] of packageNames.entries()) plans.set(name, await planSample(dirs[index]!));
  const files = Object.fromEntries(
    packageNames.map((name) => [`require-${name}.ts`, commonJsSource(plans.get(name)!)]),
  );
  // A folder of its own in the project every package is installed into, CommonJS by its package.json.
  const folder = installedTogether().then(async (project) => {
    workDir = await mkdtemp(join(project, 'commonjs-'));
    await writeFile(
      join(workDir, 'package.json'),
      `${JSON.stringify({ name: 'packaging-commonjs-consumer', private: true, type: 'commonjs' }, null, 2)}\n`,
    );
    return workDir;
  });
  // A folder in it per module setting, each its own tsc program. The packages' .d.ts files are
  // checked under strict options by install.test.ts: not again here, three times over.
  for (const [module, { options }] of Object.entries(MODULES)) {
    const result = folder.then(async (root) => {
      const dir = join(root, module);
      await mkdir(dir);
      await writeFiles(dir, files);
      return compileTogether(dir, Object.keys(files), { ...options, skipLibCheck: true, outDir: 'out' });
    });
    result.catch(() => undefined);
    compiled.set(module, result);
    if (MODULES[module]!.want.length) continue;
    // Every compiled file in turn in one node process (runEach), each as `node require-<api>.js` runs it.
    const out = folder.then((root) => join(root, module, 'out'));
    const printed = Promise.all([out, result]).then(([dir]) =>
      runEach(
        dir,
        packageNames.map((name) => ({ file: join(dir, `require-${name}.js`), args: [] })),
      ),
    );
    printed.catch(() => undefined);
    ran.set(module, printed);
  }
});

afterAll(async () => {
  if (workDir) await removeDir(workDir);
});

describe.each(Object.keys(MODULES))('a CommonJS consumer, module %s', { timeout: 120_000 }, (module) => {
  const { want } = MODULES[module]!;
  it.each(packageNames)(
    want.length ? '%s: tsc reports the import' : '%s: compiles, and node require()s it',
    async (name) => {
      const diagnostics = await compiled.get(module)!;
      expect(
        diagnostics.filter((d) => d.file === `require-${name}.ts`).map(({ line, code }) => ({ line, code })),
      ).toEqual(want);
      if (want.length) return;
      const plan = plans.get(name)!;
      const printed = (await ran.get(module)!).get(join(workDir, module, 'out', `require-${name}.js`))!;
      expect(await printed).toEqual([
        { operations: plan.api.operations.map((operation) => operation.operationId), data: { stub: true } },
      ]);
    },
  );
});
