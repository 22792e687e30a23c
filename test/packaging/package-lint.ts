/**
 * The two package linters, run on the tarball exactly as npm packed it: publint and Are the Types
 * Wrong, both through their Node APIs (publint at its strictest, attw as its CLI's `esm-only`
 * profile would judge, with no exception). Each returns its findings as readable lines; no finding
 * means an empty list.
 */
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { readFile } from 'node:fs/promises';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/** Every publint message, suggestions included, with warnings raised to errors. */
export async function publintFindings(tarball: string): Promise<string[]> {
  const bytes = await readFile(tarball);
  const { messages, pkg } = await publint({
    pack: {
      tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    },
    level: 'suggestion',
    strict: true,
  });
  return messages.map((message) => `${message.type} ${message.code}: ${formatMessage(message, pkg) ?? ''}`);
}

/**
 * attw's `esm-only` profile: the packages are ESM only, so a `require()` of them failing (the
 * `node10` and `node16-cjs` resolutions) is expected, not a problem. The core lists every problem
 * (a profile is the CLI's filter), so the filter is applied here.
 */
const ESM_ONLY_IGNORED_RESOLUTIONS = ['node10', 'node16-cjs'];

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
  implementationFileName?: string;
  typesFileName?: string;
}

/** attw's problems under the `esm-only` profile, plus one if it found no types at all. */
export async function attwFindings(tarball: string): Promise<string[]> {
  const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(await readFile(tarball))));
  if (!analysis.types) return ['the package ships no types that attw can find'];
  return analysis.problems
    .map((problem) => problem as AttwProblem)
    .filter((problem) => !ESM_ONLY_IGNORED_RESOLUTIONS.includes(problem.resolutionKind ?? ''))
    .map((problem) => JSON.stringify(problem));
}
