/**
 * Type-checks consumer snippets against generated declarations in memory: one TypeScript program
 * for every file given, under the strict consumer's options, so a table of cases costs one compile.
 */
import ts from 'typescript';
import { CONSUMER_COMPILER_OPTIONS } from '../../src/bench/consumer-compiler-options.js';
import { typeCheckingHost } from '../../src/shared/type-checking-host.js';

// The tests' programs are set up as the pipeline's own, the change classifier's (lib files shared, JSDoc parsed as tsc parses it).
export { typeCheckingHost };

/**
 * The diagnostics of each file, as `line: message` (1-based lines). The files sit in `root` (a
 * folder that need not exist), so that they may import real modules relative to it.
 */
export function typeCheck(
  files: Record<string, string>,
  { root = '/virtual', options: extra = {} }: { root?: string; options?: Record<string, unknown> } = {},
): Map<string, string[]> {
  const { options } = ts.convertCompilerOptionsFromJson(
    { ...CONSUMER_COMPILER_OPTIONS, noEmit: true, types: [], ...extra },
    root,
  );
  const host = typeCheckingHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const prefix = `${root}/`;
  const own = (name: string) => (name.startsWith(prefix) ? files[name.slice(prefix.length)] : undefined);
  host.readFile = (name) => own(name) ?? read(name);
  host.fileExists = (name) => own(name) !== undefined || exists(name);
  const directoryExists = host.directoryExists?.bind(host);
  // The snippets' folders exist too (`pkg/index.d.ts` makes `pkg`), so that imports between them resolve.
  const folders = new Set([root]);
  for (const file of Object.keys(files))
    for (let at = file.lastIndexOf('/'); at > 0; at = file.lastIndexOf('/', at - 1))
      folders.add(`${prefix}${file.slice(0, at)}`);
  host.directoryExists = (name) => folders.has(name) || (directoryExists?.(name) ?? false);
  host.getSourceFile = (
    (getSourceFile) =>
    (name, version, ...rest) => {
      const text = own(name);
      return text === undefined
        ? getSourceFile(name, version, ...rest)
        : ts.createSourceFile(name, text, version);
    }
  )(host.getSourceFile.bind(host));
  const names = Object.keys(files).map((file) => `${prefix}${file}`);
  const program = ts.createProgram(names, options, host);
  const found = new Map<string, string[]>(Object.keys(files).map((file) => [file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName.slice(prefix.length);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (file === undefined || !found.has(file))
      throw new Error(`a diagnostic outside the snippets (${diagnostic.file?.fileName}): ${message}`);
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    found.get(file)!.push(`${line + 1}: ${message}`);
  }
  return found;
}
