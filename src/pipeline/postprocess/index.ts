/**
 * Post-process: refines openapi-typescript's output into `types.d.ts`. Each step is a module of this
 * folder that analyses the parsed output and returns text edits (or, for the named exports, aliases
 * to print); `postprocessTypes` runs them all and applies their edits in one pass.
 *
 * Built to stay fast on large specs (GitHub's 13 MB description is the benchmark: this step must
 * cost at most 0.3x of openapi-typescript's own time there):
 * - analyse once, on raw compiler nodes: the output is parsed with the compiler ts-morph ships,
 *   without JSDoc parsing or parent pointers (half the cost of a ts-morph source file, and the
 *   steps read neither), and no node is wrapped;
 * - change in one batch: the steps' text edits are applied in one pass, and the named exports
 *   (ts-morph structures) are printed in one go with the project's code writer after the file,
 *   so nothing is ever re-parsed after a manipulation (ts-morph's `addTypeAliases` would print
 *   and parse them again: 0.1 ms an alias, 6,000 aliases on GitHub's spec);
 * - print once: edited text + the aliases.
 * The ts-morph project is in memory and loads no lib files: nothing here needs type information.
 * @see https://ts-morph.com/manipulation/performance
 */
import { Project, ts } from 'ts-morph';
import type { ApiModel } from '../../model/types.js';
import { widenFreeFormObjects } from './free-form-objects.js';
import {
  GLOBAL_TYPE_NAMES,
  planNamedExports,
  printTypeAliases,
  type NamedExportsPlan,
} from './named-exports.js';
import { applyTextEdits } from './text-edits.js';

export interface PostprocessInput {
  /** openapi-typescript's output. */
  types: string;
  model: ApiModel;
  /** Names the package exports besides `types.d.ts` (runtime exports, the client's names). */
  reserved: Iterable<string>;
  /** Prepended as is. */
  banner: string;
}

export interface PostprocessResult {
  text: string;
  names: NamedExportsPlan;
}

export function postprocessTypes({ types, model, reserved, banner }: PostprocessInput): PostprocessResult {
  // Analyse.
  const sourceFile = ts.createSourceFile(
    'types.d.ts',
    types,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
  );
  const edits = widenFreeFormObjects(sourceFile);
  const names = planNamedExports(model, [...declaredNames(sourceFile), ...GLOBAL_TYPE_NAMES, ...reserved]);

  // Change, in batches.
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { noLib: true, types: [] },
  });
  const writer = project.createWriter();
  printTypeAliases(writer, names.aliases);

  // Print once. (The code writer re-indents what it is given: the large text goes around it.)
  return { text: `${banner}${applyTextEdits(types, edits)}\n${writer.toString()}`, names };
}

function declaredNames(sourceFile: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const statement of sourceFile.statements) {
    if (
      (ts.isTypeAliasDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isEnumDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isFunctionDeclaration(statement)) &&
      statement.name !== undefined
    ) {
      found.push(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) found.push(declaration.name.text);
      }
    }
  }
  return found;
}
