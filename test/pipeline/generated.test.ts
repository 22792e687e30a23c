/**
 * The committed packages under `generated/`: they match their specs and the generator (what
 * `npm run generate -- --check` verifies), each package.json lists exactly its files, and each
 * loads in Node with a working factory.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/pipeline/orchestration/context.js';
import { generateOnce } from '../../src/pipeline/orchestration/generate.js';
import { MANIFEST_FILE } from '../../src/pipeline/orchestration/manifest.js';
import { listPackageFiles } from '../../src/pipeline/write/package-folder.js';
import { readPackageModel } from '../../src/model/package-model.js';
import * as runtime from '../../src/runtime/index.js';
import { PROJECT_ROOT } from './helpers.js';

const GENERATED = join(PROJECT_ROOT, 'generated');
/** The runtime's public values: its error classes (the rest of its surface is types). */
const RUNTIME_CLASSES = Object.keys(runtime);
const packages = readdirSync(GENERATED, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

it('generated/ is up to date (npm run generate -- --check)', async () => {
  const lines: string[] = [];
  const ctx = resolveContext({
    mode: 'check',
    color: false,
    reporter: { info: (line) => void lines.push(line), error: (line) => void lines.push(line) },
  });
  expect(await generateOnce(ctx), `run \`npm run generate\`:\n${lines.join('\n')}`).toBe(0);
});

describe.each(packages)('package %s', (name) => {
  it('lists exactly its files in package.json, and what a registry expects', async () => {
    const dir = join(GENERATED, name);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const files = (await listPackageFiles(dir)).filter(
      (file) => ![MANIFEST_FILE, 'package.json', 'README.md'].includes(file),
    );
    const listed = (manifest.files as string[]).flatMap((entry) =>
      files.filter((file) => file === entry || file.startsWith(`${entry}/`)),
    );
    expect(listed.sort()).toEqual(files);
    // What a registry and its consumers expect, the repository as the root package.json names it.
    const root = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: `@voice-agent-sdks/${name}`,
      license: 'MIT',
      repository: { type: 'git', url: root.repository.url, directory: `generated/${name}` },
      keywords: expect.arrayContaining([name]),
      engines: { node: expect.any(String) },
      publishConfig: { access: 'public' },
      type: 'module',
      sideEffects: false,
      exports: {
        '.': { types: './index.d.ts', default: './index.js' },
        './openapi.json': './openapi.json',
      },
    });
    expect(Object.keys(manifest.dependencies)).toEqual(['openapi-fetch']);
    expect(await readFile(join(dir, 'LICENSE'), 'utf8')).toMatch(
      /^MIT License\n\nCopyright \(c\) the voice-agent-sdks team\n\nPermission is hereby granted/,
    );
  });

  it('loads in Node, exports its factory and the error classes only, and the factory builds a client with a function per operation', async () => {
    const dir = join(GENERATED, name);
    const module = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Record<string, unknown>;
    const factoryName = `create${name.charAt(0).toUpperCase()}${name.slice(1)}Client`;
    expect(Object.keys(module).sort()).toEqual([...RUNTIME_CLASSES, factoryName].sort());
    const api = await readPackageModel(dir);
    const credentials = Object.fromEntries(
      Object.values(api.securitySchemes).map((s) => [s.credential, 'secret']),
    );
    const client = (module[factoryName] as (options: object) => Record<string, unknown>)(credentials);
    for (const { operationId } of api.operations) expect(typeof client[operationId]).toBe('function');
  });
});

// That every package type-checks under strict settings, its own .d.ts files included, is shown by
// test/packaging/: each package is installed from its tarball and compiled by a strict consumer.
