/**
 * The package README's "Servers" section when the spec's first server is relative, so that the
 * client has no default (the fixtures cover a default server and an operation with its own).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generate, HERE, removeTemporaryDirs, temporaryProject } from './helpers.js';

afterAll(removeTemporaryDirs);

const PING = join(HERE, 'fixtures', 'minimal', 'ping.yaml');

it('says that the factory needs a baseUrl when the first server is relative, and passes one', async () => {
  const spec = (await readFile(PING, 'utf8')).replace(
    'servers:\n  - url: https://ping.test\n',
    'servers:\n  - url: /v1\n    description: Same origin.\n  - url: https://ping.test\n',
  );
  const root = await temporaryProject({ 'ping.yaml': spec });
  const result = await generate(root);
  expect(result.code, result.output).toBe(0);
  const readme = await readFile(join(root, 'generated', 'ping', 'README.md'), 'utf8');
  expect(readme).toContain(
    'The spec names no absolute server first, so the factory needs a `baseUrl`. Its servers:\n\n' +
      '| server | description |\n| --- | --- |\n' +
      '| `/v1` | Same origin. |\n| `https://ping.test` |  |\n',
  );
  expect(readme).toContain("const client = createPingClient({\n  baseUrl: 'https://ping.test',\n});\n");
});
