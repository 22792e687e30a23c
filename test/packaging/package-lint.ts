/**
 * The two package linters, run on the tarball exactly as npm packed it: publint (its Node API, at
 * its strictest) and Are the Types Wrong (its CLI, which has no Node API of its own). Each returns
 * its findings as readable lines; no finding means an empty list.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { run } from './consumer.js';

const require = createRequire(import.meta.url);

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
 * `node10` and `node16-cjs` resolutions) is expected, not a problem. The JSON output lists every
 * problem whatever the profile (the profile only sets the exit code), so the filter is applied here.
 */
const ESM_ONLY_IGNORED_RESOLUTIONS = ['node10', 'node16-cjs'];

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
  implementationFileName?: string;
  typesFileName?: string;
}

/**
 * Problems attw reports that are not problems. attw models a JSON file as CommonJS
 * (`module.exports = {...}`), so under `bundler` resolution it takes a `.d.ts` with `export default`
 * beside a `.json` for a false default export; but bundlers (and Node, with `type: 'json'`) give a
 * JSON module exactly one export, the default. Only that pairing is excused.
 */
function isKnownFalsePositive(problem: AttwProblem): boolean {
  return problem.kind === 'FalseExportDefault' && problem.implementationFileName?.endsWith('.json') === true;
}

function attwBin(): string {
  const manifestPath = require.resolve('@arethetypeswrong/cli/package.json');
  const manifest = require(manifestPath) as { bin: { attw: string } };
  return join(dirname(manifestPath), manifest.bin.attw);
}

/** attw's problems under the `esm-only` profile, plus one if it found no types at all. */
export async function attwFindings(tarball: string): Promise<string[]> {
  const args = [attwBin(), tarball, '--profile', 'esm-only', '--format', 'json', '--no-definitely-typed'];
  const result = await run(process.execPath, args, dirname(tarball));
  // 0: nothing found; 1: problems found (listed in the JSON); anything else: attw failed.
  if (result.code !== 0 && result.code !== 1)
    throw new Error(`attw ${tarball} exited with ${result.code}:\n${result.stderr}${result.stdout}`);
  const report = JSON.parse(result.stdout) as {
    analysis: { types: { kind: string } | false };
    problems?: Record<string, AttwProblem[]>;
  };
  if (!report.analysis.types) return ['the package ships no types that attw can find'];
  return Object.values(report.problems ?? {})
    .flat()
    .filter((problem) => !ESM_ONLY_IGNORED_RESOLUTIONS.includes(problem.resolutionKind ?? ''))
    .filter((problem) => !isKnownFalsePositive(problem))
    .map((problem) => JSON.stringify(problem));
}
