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
