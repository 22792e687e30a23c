/** A command's io for in-process runs: what it prints, collected. */
import type { CommandIo } from '../../src/shared/command-io.js';

export interface CapturedIo {
  io: CommandIo;
  /** Chunks written to stdout and stderr, in order. */
  out: string[];
  err: string[];
}

export function captureIo(env: Record<string, string | undefined> = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env },
    out,
    err,
  };
}
