/**
 * A run that found nothing to do, recorded for the launcher (`src/shared/noop-record.cjs`): what it
 * printed, and every file and folder its answer read. Folders are recorded whole: a superset costs
 * a few stats more, a file forgotten would be a wrong answer.
 */
import { join } from 'node:path';
import { NOOP_RECORD, writeNoopRecord } from '../../shared/noop-record.cjs';
import type { ApiEntry } from './build.js';
import type { GenerateContext, Reporter } from './context.js';
import { generatorInputs, readManifest } from './manifest.js';

export interface NoopWitness {
  /** The run's reporter: every line passed on, and kept. */
  reporter: Reporter;
  /**
   * Records the run, which found every package in `selected` fresh, changed nothing and printed
   * `summary` (with its time) last. A run that printed a problem is not recorded.
   */
  record(summary: string, selected: readonly ApiEntry[]): Promise<void>;
}

/** The witness of a run whose context asks for a record; undefined otherwise. */
export function witnessNoop(ctx: GenerateContext): NoopWitness | undefined {
  const recording = ctx.noopRecord;
  if (recording === undefined) return undefined;
  const lines: string[] = [];
  let complained = false;
  return {
    reporter: {
      info(line) {
        lines.push(line);
        ctx.reporter.info(line);
      },
      error(line) {
        complained = true;
        ctx.reporter.error(line);
      },
    },
    async record(summary, selected) {
      if (complained || !lines.at(-1)?.startsWith(`${summary} (`)) return;
      // Each package's inputs: its spec, and every file the spec references, wherever it is.
      const inputs = new Set<string>();
      for (const api of selected) {
        const manifest = await readManifest(api.outDir);
        if (manifest === undefined) return;
        for (const input of Object.keys(manifest.inputs)) inputs.add(join(ctx.rootDir, input));
      }
      const generator = generatorInputs(ctx);
      writeNoopRecord(join(ctx.rootDir, NOOP_RECORD), {
        rootDir: ctx.rootDir,
        ...recording,
        trees: [ctx.specsDir, ctx.outDir, ...generator.trees],
        files: [ctx.configPath, ...generator.files, ...inputs],
        lines: lines.slice(0, -1),
        summary,
      });
    },
  };
}
