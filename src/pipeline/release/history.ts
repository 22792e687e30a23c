import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '@redocly/openapi-core';
import { GenerateError, GenerateErrors } from '../../shared/errors.js';
import { bundleSpec } from '../bundle/index.js';
import { loadSpec } from '../load/index.js';
import type { Revision } from './index.js';

/**
 * Earlier revisions of an API, `specs/history/<api>-<version>.yaml`, bundled, oldest first: a
 * package generated for the first time replays them to rebuild its versions and changelog.
 * A file is this API's when its name starts with `<api>-` and no longer API name claims it
 * (`acme-beta-1.0.0.yaml` is acme-beta's); its version must then parse, or it would be skipped.
 */
export async function bundleHistory(
  api: { name: string },
  specsDir: string,
  redoclyConfig: () => Promise<Config>,
  display: (absolutePath: string) => string,
): Promise<Revision[]> {
  const dir = join(specsDir, 'history');
  const listYaml = async (folder: string) =>
    (await readdir(folder, { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
      .map((entry) => entry.name);
  const others = (await listYaml(specsDir))
    .map((file) => file.slice(0, -'.yaml'.length))
    .filter((name) => name !== api.name && name.startsWith(`${api.name}-`));
  const files = (await listYaml(dir)).filter(
    (file) => file.startsWith(`${api.name}-`) && !others.some((name) => file.startsWith(`${name}-`)),
  );
  const errors: GenerateError[] = [];
  const revisions: { path: string; version: number[] }[] = [];
  for (const file of files) {
    const version = /^(\d+)\.(\d+)\.(\d+)$/.exec(file.slice(api.name.length + 1, -'.yaml'.length));
    const path = join(dir, file);
    if (version === null) {
      errors.push(
        new GenerateError(
          { file: display(path) },
          `not a history file name: expected ${api.name}-<major>.<minor>.<patch>.yaml, e.g. ${api.name}-1.0.0.yaml`,
        ),
      );
    } else {
      revisions.push({ path, version: version.slice(1).map(Number) });
    }
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0]! : new GenerateErrors(errors);
  revisions.sort(
    (a, b) => a.version[0]! - b.version[0]! || a.version[1]! - b.version[1]! || a.version[2]! - b.version[2]!,
  );
  const config = await redoclyConfig();
  const bundled: Revision[] = [];
  for (const { path } of revisions) {
    // The loader first, as for the spec itself: YAML errors as file:line:column, not exceptions.
    await loadSpec(path, display(path));
    bundled.push({ document: (await bundleSpec(path, config, display)).document });
  }
  return bundled;
}
