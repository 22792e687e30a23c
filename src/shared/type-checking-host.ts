/**
 * Compiler hosts for programs that are only type-checked (the change classifier's, and in the
 * tests each type-check of generated declarations), set up as `tsc` sets up its own:
 * - TypeScript's own lib files (lib.dom.d.ts is 1.9 MB) are parsed and bound once per process and
 *   shared by every program made in it, as the language service's document registry shares them;
 *   each program would otherwise parse them again (about two seconds of CPU each time on this
 *   machine). Keyed by what the parse depends on; nothing but TypeScript's lib folder is shared.
 * - JSDoc is parsed only where a type error may depend on it (TypeScript 5.3+, as `tsc` does: in
 *   a TypeScript file, `@see` and `@link` tags only). lib.dom.d.ts and the generated declarations are
 *   mostly documentation, which nothing checked here reads.
 */
import { dirname } from 'node:path';
import ts from 'typescript';

const LIB_DIR = dirname(ts.getDefaultLibFilePath({}));
const libFiles = new Map<string, ts.SourceFile>();

/** A host for a program under `options` that is type-checked (or emitted), not read for its documentation. */
export function typeCheckingHost(options: ts.CompilerOptions, setParentNodes?: boolean): ts.CompilerHost {
  const host = ts.createCompilerHost(options, setParentNodes);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (!fileName.startsWith(LIB_DIR))
      return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
    const key = `${fileName} ${JSON.stringify(languageVersionOrOptions)} ${options.moduleDetection}`;
    let file = libFiles.get(key);
    if (file === undefined) {
      file = getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
      if (file !== undefined) libFiles.set(key, file);
    }
    return file;
  };
  return host;
}
