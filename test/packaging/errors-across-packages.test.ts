/**
 * An application using several packages catches "not found from any vendor" with one `instanceof`
 * of one package's class: every package is packed and installed into one project (the run's, which
 * commonjs.test.ts uses too), and a program compiled under the strict consumer's options makes
 * each package's client fail with a 404 (a stub `fetch`) and catches it with every package's classes.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../support/files.js';
import {
  GENERATED,
  compileTogether,
  installedTogether,
  packageNames,
  runJsonLines,
  writeFiles,
  type Diagnostic,
} from './consumer.js';
import { planSample, type SamplePlan } from './sample-plan.js';

const plans = await Promise.all(packageNames.map((name) => planSample(join(GENERATED, name))));
const CLASSES = [
  'NotFoundError',
  'ApiStatusError',
  'VoiceAgentApiError',
  'RateLimitError',
  'ConnectionError',
];

/** One module that makes each package's operation fail with a 404 and catches it with every package's classes. */
function programSource(): string {
  const alias = (plan: SamplePlan) => plan.api.name.replace(/\W/g, '_');
  const imports = plans.map((plan) => `import * as ${alias(plan)} from '${plan.packageName}';`);
  const calls = plans.map((plan) => {
    const credentials = Object.entries(plan.credentials).map(
      ([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`,
    );
    const client = `${alias(plan)}.${plan.factory}({ ${credentials.join(', ')}, fetch: notFound, maxRetries: 0 })`;
    return `  [${JSON.stringify(plan.api.name)}, () => ${client}.${plan.operation.operationId}({ path: ${JSON.stringify(plan.pathParams)}, body: ${JSON.stringify(plan.body)} } as never)],`;
  });
  const checks = plans.flatMap((plan) =>
    CLASSES.map(
      (name) =>
        `      ${JSON.stringify(`${plan.api.name}.${name}`)}: error instanceof ${alias(plan)}.${name},`,
    ),
  );
  return `${imports.join('\n')}

const notFound = async (): Promise<Response> =>
  new Response('{"detail":"no such agent"}', { status: 404, headers: { 'content-type': 'application/json' } });

const calls: [string, () => Promise<unknown>][] = [
${calls.join('\n')}
];

for (const [api, call] of calls) {
  try {
    await call();
    console.log(JSON.stringify({ api, resolved: true }));
  } catch (error) {
    // The one check an application writes, with the class of the first package it imports:
    // narrowed, so the status is a number.
    const status: number | undefined = error instanceof ${alias(plans[0]!)}.NotFoundError ? error.status : undefined;
    console.log(JSON.stringify({ api, status, caught: {
${checks.join('\n')}
    } }));
  }
}
`;
}

let workDir = '';
let diagnostics: Promise<Diagnostic[]>;
let printed: Promise<unknown[]>;

beforeAll(async () => {
  // A folder of its own in the project every package is installed into.
  workDir = await mkdtemp(join(await installedTogether(), 'errors-'));
  await writeFiles(workDir, { 'errors.ts': programSource() });
  // The packages' .d.ts files (and openapi-fetch's) are checked under the same options by
  // install.test.ts: the program is what is at stake here, not them again (2 CPU-s).
  diagnostics = compileTogether(workDir, ['errors.ts'], { skipLibCheck: true });
  printed = diagnostics.then(() => runJsonLines(workDir, 'errors.js', []));
  printed.catch(() => undefined);
});

afterAll(async () => {
  if (workDir) await removeDir(workDir);
});

describe('errors across installed packages', { timeout: 120_000 }, () => {
  it('has at least two packages to catch across', () => {
    expect(plans.length).toBeGreaterThan(1);
  });

  it('compiles under the strict consumer options', async () => {
    expect(await diagnostics).toEqual([]);
  });

  it.each(plans.map((plan) => plan.api.name))(
    "catches %s's 404 with every package's NotFoundError, ApiStatusError and VoiceAgentApiError",
    async (api) => {
      const line = (await printed).find((entry) => (entry as { api: string }).api === api);
      const want = Object.fromEntries(
        plans.flatMap((plan) =>
          CLASSES.map((name) => [
            `${plan.api.name}.${name}`,
            ['NotFoundError', 'ApiStatusError', 'VoiceAgentApiError'].includes(name),
          ]),
        ),
      );
      expect(line).toEqual({ api, status: 404, caught: want });
    },
  );
});
