/**
 * Post-process: refines openapi-typescript's output into `types.d.ts`. Each step is a module of this
 * folder that analyses the parsed output and returns text edits (or, for the named exports, aliases
 * to print); `postprocessTypes` runs them all and applies their edits in one pass.
 *
 * Built to stay fast on large specs (GitHub's 13 MB description is the benchmark: this step must
 * cost at most 0.3x of openapi-typescript's own time there):
 * - analyse openapi-typescript's nodes, not its text: the declared names are the top-level
 *   statements', and the free-form objects are widened while the nodes are printed, so the 9 MB
 *   output is never parsed;
 * - change in one batch: the named exports (ts-morph structures) are printed in one go with the
 *   project's code writer after the file, so nothing is ever re-parsed after a manipulation
 *   (ts-morph's `addTypeAliases` would print and parse them again: 0.1 ms an alias, 6,000 aliases
 *   on GitHub's spec);
 * - print once: the nodes + the aliases.
 * The aliases are ts-morph structures printed with ts-morph's code writer (`code-block-writer`, set
 * as a ts-morph project sets it), without loading ts-morph and its copy of TypeScript: nothing
 * here needs a project.
 * @see https://ts-morph.com/manipulation/performance
 */
import CodeBlockWriter from 'code-block-writer';
import ts from 'typescript';
import type { ApiModel } from '../../model/types.js';
import { printWithFreeFormObjects } from './free-form-objects.js';
import {
  GLOBAL_TYPE_NAMES,
  planNamedExports,
  printTypeAliases,
  type NamedExportsPlan,
} from './named-exports.js';

export interface PostprocessInput {
  /** openapi-typescript's output: its declarations, not yet printed (see `generateTypeNodes`). */
  types: readonly ts.Statement[];
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
  const names = planNamedExports(model, [...declaredNames(types), ...GLOBAL_TYPE_NAMES, ...reserved]);

  // Change, in batches.
  // What a ts-morph project's `createWriter()` makes with its default manipulation settings.
  const writer = new CodeBlockWriter({
    newLine: '\n',
    indentNumberOfSpaces: 4,
    useTabs: false,
    useSingleQuote: false,
  });
  printTypeAliases(writer, names.aliases);

  // Print once. (The code writer re-indents what it is given: the large text goes around it.)
  return { text: `${banner}${printWithFreeFormObjects(types)}\n${writer.toString()}`, names };
}

function declaredNames(statements: readonly ts.Statement[]): string[] {
  const found: string[] = [];
  for (const statement of statements) {
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
