/**
 * What a bundle of packages built with esbuild needs to run as the packages do from their folders
 * (the compiled command line, `src/cli/compiled/build.mjs`, and Prism's, `src/mock/prism-bundle.ts`):
 * a package's `__dirname`/`__filename` become its own folder and file (TypeScript finds its lib
 * files so) and its dynamic `import(x)` a real import made by the launcher (V8 drops the import
 * callback of code read from a cache). Paths are relative to the bundle's folder: a bundle copied
 * or moved with its repository finds that repository's files.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { IMPORT_GLOBAL } from './globals.cjs';

/** The global a rewritten `import(x)` calls, which the launcher defines. */
export { IMPORT_GLOBAL };

/**
 * Defined at the top of each bundle: the absolute path of a path relative to the bundle's folder
 * (`__dirname` there, as `launch.cjs` runs a bundle), and its file URL.
 */
export const PATH_HELPERS = [
  'const __cliPath = (relative) => require("node:path").join(__dirname, relative);',
  'const __cliUrl = (relative) => require("node:url").pathToFileURL(__cliPath(relative)).href;',
].join('\n');

/**
 * An expression for `path` in a bundle written to `outDir`, relative to where the bundle runs.
 * @param {'__cliPath' | '__cliUrl'} helper
 * @param {string} outDir
 * @param {string} path
 */
export function relativeTo(helper, outDir, path) {
  return `${helper}(${JSON.stringify(relative(outDir, path).split('\\').join('/'))})`;
}

/**
 * `text` with every character beyond ASCII written as a `\uXXXX` escape, so that a bundle written so
 * reads as Latin-1 (a copy of its bytes, where decoding UTF-8 is not) into a one-byte string, which
 * V8 compiles faster than a two-byte one: a single character beyond ASCII makes a whole bundle
 * two-byte. esbuild escapes them everywhere but in a regular expression literal (evanw/esbuild#4205)
 * and in the comments it keeps: four of Prism's packages' (a slug's CJK ranges, an en dash), 40 to
 * 50 ms CPU of each Prism start. In such a literal `\u4e00` matches what `一` matches; the identity
 * escape `\一` of one without the `u` flag becomes `\u4e00` too (its backslash dropped, else it would
 * escape the next one). Only its `source` reads differently, which nothing prints.
 * @param {string} text
 * @returns {string}
 */
export function asciiOnly(text) {
  return text.replace(
    /(\\*)([^\x00-\x7f])/g,
    (/** @type {string} */ _match, /** @type {string} */ backslashes, /** @type {string} */ unit) => {
      const kept = backslashes.length % 2 === 1 ? backslashes.slice(1) : backslashes;
      return `${kept}\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
    },
  );
}

/**
 * Packages' files as Node would run them from their folder (see the comment above).
 * @param {string} outDir
 * @returns {import('esbuild').Plugin}
 */
export function packagesPlugin(outDir) {
  return {
    name: 'packages',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        // Not where a module declares its own (an ES module's `const __dirname = ...`).
        if (
          /\b__(dirname|filename)\b/.test(text) &&
          !/\b(const|let|var)\s+__(dirname|filename)\b/.test(text)
        ) {
          text = text
            .replace(/(?<![\w$.])__dirname\b/g, relativeTo('__cliPath', outDir, dirname(args.path)))
            .replace(/(?<![\w$.])__filename\b/g, relativeTo('__cliPath', outDir, args.path));
        }
        // A call `import(` on an expression, not on a string literal (static specifiers are bundled).
        text = text.replace(
          /(?<![\w$.'"`])import\((?=\s*(?:\/\*[\s\S]*?\*\/\s*)?[\w$(])/g,
          `${IMPORT_GLOBAL}(`,
        );
        return { contents: text, loader: 'js' };
      });
    },
  };
}
