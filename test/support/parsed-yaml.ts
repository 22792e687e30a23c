/**
 * A large YAML fixture parsed once, not once per run: the `yaml` package takes about a second of
 * CPU for Twilio's 1.5 MB description. The value is kept as JSON in `.cache/test/yaml/`, named by
 * a hash of the text, so an edited fixture is parsed again; a value JSON cannot hold as it is
 * (a NaN, an Infinity) is never kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
const CACHE = fileURLToPath(new URL('../../.cache/test/yaml/', import.meta.url));

export function parseYamlOnce(text: string): unknown {
  const key = createHash('sha256').update(text).digest('hex').slice(0, 32);
  const path = join(CACHE, `${key}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  const value: unknown = parse(text);
  const json = JSON.stringify(value);
  if (!isDeepStrictEqual(JSON.parse(json), value)) return value;
  // Written beside it and renamed into place: another worker may be writing the same file.
  mkdirSync(CACHE, { recursive: true });
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, json);
  renameSync(partial, path);
  return value;
}
