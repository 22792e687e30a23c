/**
 * Type-checks consumer snippets against generated declarations in memory: one TypeScript program
 * for every file given, under the strict consumer's options, so a table of cases costs one compile.
 */
import ts from 'typescript';
import { CONSUMER_COMPILER_OPTIONS } from '../../../src/bench/consumer-compiler-options.js';

/** The diagnostics of each file, as `line: message` (1-based lines). */
export function typeCheck(files: Record<string, string>): Map<string, string[]> {
  const { options } = ts.convertCompilerOptionsFromJson(
    { ...CONSUMER_COMPILER_OPTIONS, noEmit: true, types: [] },
    '/virtual',
  );
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const own = (name: string) => files[name.replace(/^\/virtual\//, '')];
  host.readFile = (name) => own(name) ?? read(name);
  host.fileExists = (name) => own(name) !== undefined || exists(name);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) => name === '/virtual' || (directoryExists?.(name) ?? false);
  host.getSourceFile = (
    (getSourceFile) =>
    (name, version, ...rest) => {
      const text = own(name);
      return text === undefined
        ? getSourceFile(name, version, ...rest)
        : ts.createSourceFile(name, text, version);
    }
  )(host.getSourceFile.bind(host));
  const names = Object.keys(files).map((file) => `/virtual/${file}`);
  const program = ts.createProgram(names, options, host);
  const found = new Map<string, string[]>(Object.keys(files).map((file) => [file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName.replace(/^\/virtual\//, '');
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (file === undefined || !found.has(file))
      throw new Error(`a diagnostic outside the snippets: ${message}`);
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    found.get(file)!.push(`${line + 1}: ${message}`);
  }
  return found;
}
