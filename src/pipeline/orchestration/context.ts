/**
 * The options of one `npm run generate`, resolved once into a `GenerateContext` with documented
 * defaults. Stages read the context and nothing else (no `process.cwd()`, no environment), which
 * is what makes the output the same from any directory, and lets tests run the whole pipeline
 * in-process against a temporary tree by overriding a few fields of `DEFAULT_CTX`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NoopKey } from '../../shared/noop-record.cjs';
import { NODE_FS, type WriteFs } from '../write/index.js';
import { stdoutIsTerminal } from '../../shared/stdio.cjs';

/** The repository this file belongs to: the generator's own root. */
export const GENERATOR_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export type GenerateMode = 'write' | 'check' | 'watch';

/** Where progress and problems go; tests collect them, the CLI prints them. */
export interface Reporter {
  /** Progress and summaries. */
  info(line: string): void;
  /** Problems: what failed, where and why. */
  error(line: string): void;
}

export interface GenerateContext {
  /**
   * The project whose specs are generated; every path printed or recorded is relative to it.
   * @default the repository root
   */
  rootDir: string;
  /**
   * One API per top-level `*.yaml` file here; sub-folders (`history/`, shared fragments) are not APIs.
   * @default `${rootDir}/specs`
   */
  specsDir: string;
  /**
   * One package per API: `${outDir}/<api>/`.
   * @default `${rootDir}/generated`
   */
  outDir: string;
  /**
   * The Redocly config used to lint and bundle (its decorators and plugins apply).
   * @default `${rootDir}/redocly.yaml`
   */
  configPath: string;
  /**
   * The generator's own sources: its `src/` is hashed into every manifest and its
   * `src/runtime/*.ts` compiled into every package.
   * @default GENERATOR_ROOT
   */
  generatorDir: string;
  /**
   * The client runtime copied (compiled) into every package.
   * @default `${generatorDir}/src/runtime`
   */
  runtimeDir: string;
  /**
   * The package.json whose `dependencies["openapi-fetch"]` range the packages depend on.
   * @default `${generatorDir}/package.json`
   */
  rootPackageJson: string;
  /**
   * What the generator keeps of its own work between runs, by content (the compiled runtime).
   * @default `${generatorDir}/.cache/generate`
   */
  cacheDir: string;
  /**
   * npm scope of the packages: `@voice-agent-sdks/diga`.
   * @default '@voice-agent-sdks'
   */
  packageScope: string;
  /**
   * APIs to generate, by name; empty means every spec.
   * @default []
   */
  apis: string[];
  /**
   * `write` regenerates stale packages; `check` writes nothing and fails if any package is
   * stale; `watch` writes, then regenerates the API whose spec changes.
   * @default 'write'
   */
  mode: GenerateMode;
  /**
   * Ignore the manifests: regenerate every selected API (with `check`: regenerate in memory
   * and compare bytes).
   * @default false
   */
  force: boolean;
  /**
   * ANSI colours in progress output.
   * @default stdout is a TTY and NO_COLOR is not set
   */
  color: boolean;
  /**
   * Render each package's reference page (`docs/index.html`, not committed) when it is missing or
   * older than the package's `openapi.json`. Costs about a second per API.
   * @default true
   */
  docs: boolean;
  /**
   * Quiet time after the last change before `watch` regenerates.
   * @default 150
   */
  watchDebounceMs: number;
  /**
   * The file-system calls that change `generated/` (mkdir, writeFile, link, copyFile, rename, rm);
   * tests inject failures and kills through them.
   * @default node:fs/promises
   */
  fs: WriteFs;
  /** Stops `watch` mode; the CLI aborts it on Ctrl-C, SIGTERM or a closed stdout. */
  signal?: AbortSignal;
  /**
   * Set by the command line run from its compiled build, as launched: a run that finds nothing to
   * do is recorded, and the launcher answers the same command line from the record while nothing
   * the answer read changes (`src/shared/noop-record.cjs`).
   * @default undefined: nothing recorded
   */
  noopRecord?: NoopRecording;
  /** @default stdout / stderr */
  reporter: Reporter;
}

/** What a recorded no-op is recorded for, besides the files it read. */
export interface NoopRecording {
  /** The command line and what else its output depends on. */
  key: NoopKey;
  /** The folder name of the compiled build that runs. */
  build: string;
  /** When the process started (ms since the epoch): a file changed since is not recorded. */
  startedAt: number;
}

export type GenerateOverrides = Partial<GenerateContext>;

export function resolveContext(overrides: GenerateOverrides = {}): GenerateContext {
  const rootDir = resolve(overrides.rootDir ?? GENERATOR_ROOT);
  const generatorDir = resolve(overrides.generatorDir ?? GENERATOR_ROOT);
  const ctx: GenerateContext = {
    rootDir,
    specsDir: resolve(rootDir, overrides.specsDir ?? 'specs'),
    outDir: resolve(rootDir, overrides.outDir ?? 'generated'),
    configPath: resolve(rootDir, overrides.configPath ?? 'redocly.yaml'),
    generatorDir,
    runtimeDir: resolve(generatorDir, overrides.runtimeDir ?? 'src/runtime'),
    rootPackageJson: resolve(generatorDir, overrides.rootPackageJson ?? 'package.json'),
    cacheDir: resolve(generatorDir, overrides.cacheDir ?? '.cache/generate'),
    packageScope: overrides.packageScope ?? '@voice-agent-sdks',
    apis: overrides.apis ?? [],
    mode: overrides.mode ?? 'write',
    force: overrides.force ?? false,
    docs: overrides.docs ?? true,
    color: overrides.color ?? (stdoutIsTerminal() && !process.env.NO_COLOR),
    watchDebounceMs: overrides.watchDebounceMs ?? 150,
    fs: overrides.fs ?? NODE_FS,
    reporter: overrides.reporter ?? {
      info: (line) => void process.stdout.write(`${line}\n`),
      error: (line) => void process.stderr.write(`${line}\n`),
    },
  };
  if (overrides.signal !== undefined) ctx.signal = overrides.signal;
  if (overrides.noopRecord !== undefined) ctx.noopRecord = overrides.noopRecord;
  return ctx;
}

/** The context of a plain `npm run generate` in this repository. */
export const DEFAULT_CTX: GenerateContext = resolveContext();
