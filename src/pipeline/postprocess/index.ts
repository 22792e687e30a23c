/**
 * Stage 4, post-process: refines openapi-typescript's output into `types.d.ts`.
 *
 * Built to stay fast on large specs (GitHub's 13 MB description is the benchmark: this step must
 * cost at most 0.3x of openapi-typescript's own time there, see bench/results.md), following
 * ts-morph's performance advice without paying for ts-morph itself:
 * - analyse once, on raw compiler nodes: the output is parsed with the same TypeScript compiler
 *   openapi-typescript builds it with, without JSDoc parsing or parent pointers (half the cost
 *   of a ts-morph source file, and the steps read neither), and no node is wrapped;
 * - change in one batch: the steps' text edits are applied in one pass, and the named exports
 *   are planned as structures and printed in one go after the file, so nothing is re-parsed
 *   after a manipulation (ts-morph's `addTypeAliases` would print and parse them again: 0.1 ms
 *   an alias, 6,000 aliases on GitHub's spec);
 * - print once: edited text + the aliases.
 * Nothing here loads ts-morph at run time: its bundled second copy of the compiler added about
 * half a second to the start of every `npm run generate`, for a code writer.
 * @see https://ts-morph.com/manipulation/performance
 */
import ts from 'typescript';
import type { ApiModel } from '../model.js';
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

  // Change, in batches; print once.
  return { text: `${banner}${applyTextEdits(types, edits)}\n${printTypeAliases(names.aliases)}`, names };
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
