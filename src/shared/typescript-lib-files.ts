/**
 * TypeScript's own lib files (lib.dom.d.ts is 1.9 MB), parsed and bound once per process and
 * shared by every program made in it, as the language service's document registry shares them:
 * the change classifier's checks and, in the tests, each type-check of generated declarations
 * would otherwise parse them again (about two seconds of CPU each time on this machine). Keyed by
 * what the parse depends on; nothing but TypeScript's lib folder is shared.
 */
import { dirname } from 'node:path';
import ts from 'typescript';

const LIB_DIR = dirname(ts.getDefaultLibFilePath({}));
const libFiles = new Map<string, ts.SourceFile>();

/** `host`, reading each lib file from this process's shared parse. */
export function sharingLibFiles(host: ts.CompilerHost, options: ts.CompilerOptions): ts.CompilerHost {
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (!fileName.startsWith(LIB_DIR))
      return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
    const key = `${fileName} ${JSON.stringify(languageVersionOrOptions)} ${options.moduleDetection}`;
    let file = libFiles.get(key);
    if (file === undefined) {
      file = getSourceFile(fileName, withoutJsDoc(languageVersionOrOptions), onError, shouldCreate);
      if (file !== undefined) libFiles.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * A lib file's parse options with its JSDoc skipped as `tsc` skips it (TypeScript 5.3+: parsed only
 * where a type error may depend on it: in a declaration file, `@see` and `@link` tags only): lib.dom.d.ts is mostly
 * documentation, and its comments parsed as nodes were a fifth of its parse. Nothing here reads a
 * lib file's documentation.
 */
function withoutJsDoc(
  languageVersionOrOptions: ts.ScriptTarget | ts.CreateSourceFileOptions,
): ts.CreateSourceFileOptions {
  const given =
    typeof languageVersionOrOptions === 'object'
      ? languageVersionOrOptions
      : { languageVersion: languageVersionOrOptions };
  return { ...given, jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors };
}
