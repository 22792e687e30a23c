/**
 * Redocly configs this process loaded and validated, used again while nothing they were made from
 * has changed: `--watch` runs the pipeline at every save, and each run loaded and validated
 * `redocly.yaml` again (15 to 30 ms of CPU, most of it Redocly's lint of the config: a tenth of a
 * small spec's run). What a config is made from, compared byte for byte at each use: its text,
 * every file it extends (Redocly's `resolvedRefMap`) and the lint-ignore file beside it. Its
 * plugins are modules, which Node loads once per process whatever this does. A config that
 * extends a URL, or failed to load or validate, is not kept: it is loaded again, and its problems
 * reported again, every time.
 */
import { readFileOrUndefined } from '../../shared/files.js';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '@redocly/openapi-core';

/** Beside the config, the problems `redocly lint --generate-ignore-file` recorded (Redocly's name). */
const IGNORE_FILE = '.redocly.lint-ignore.yaml';

/** A project's config or two per process; the tests' temporary projects have one each. */
const LIMIT = 8;

interface Kept {
  config: Config;
  /** Absolute path → its text when the config was loaded (undefined: there was no such file). */
  inputs: Map<string, string | undefined>;
}

const kept = new Map<string, Kept>();

/** What `loadConfig` was given: the file at `configPath`, or `text` as if it were that file's. */
const keyOf = (configPath: string, text: string | undefined): string =>
  text === undefined ? `file\0${resolve(configPath)}` : `text\0${resolve(configPath)}\0${text}`;

const readOrUndefined = (path: string): string | undefined => readFileOrUndefined(path)?.toString('utf8');

/** The lint-ignore file's text (before loading: a change after it makes the kept config stale). */
export function ignoreFileText(configPath: string): string | undefined {
  return readOrUndefined(join(dirname(configPath), IGNORE_FILE));
}

/** The config loaded before from the same input, if every file it was made from is as it was. */
export function keptConfig(configPath: string, text: string | undefined): Config | undefined {
  const key = keyOf(configPath, text);
  const entry = kept.get(key);
  if (entry === undefined) return undefined;
  for (const [path, before] of entry.inputs) {
    if (readOrUndefined(path) !== before) {
      kept.delete(key);
      return undefined;
    }
  }
  return entry.config;
}

/**
 * Keeps a config that loaded and validated. `ignoreText`: the lint-ignore file as read before
 * loading it (`ignoreFileText`); a config given as text reads none.
 */
export function keepConfig(
  configPath: string,
  text: string | undefined,
  config: Config,
  ignoreText: string | undefined,
): void {
  const inputs = new Map<string, string | undefined>();
  if (text === undefined) {
    const source = config.document?.source;
    if (source === undefined) return;
    inputs.set(configPath, source.body);
    inputs.set(join(dirname(configPath), IGNORE_FILE), ignoreText);
  }
  for (const resolved of config.resolvedRefMap?.values() ?? []) {
    const source = resolved.resolved ? resolved.document?.source : undefined;
    if (source === undefined || /^[a-z][a-z\d+.-]*:\/\//i.test(source.absoluteRef)) return;
    inputs.set(source.absoluteRef, source.body);
  }
  const key = keyOf(configPath, text);
  kept.delete(key);
  kept.set(key, { config, inputs });
  if (kept.size > LIMIT) kept.delete(kept.keys().next().value!);
}
