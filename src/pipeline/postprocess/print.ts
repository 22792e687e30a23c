/**
 * Print: openapi-typescript's declarations as the post-processing prints them (free-form objects
 * widened), with the names they declare, which is all the named exports need of them. Apart from
 * the rest of the post-processing (ts-morph), for a thread that only prints (`type-halves.ts`).
 */
import ts from 'typescript';
import { printWithFreeFormObjects } from './free-form-objects.js';

/** openapi-typescript's declarations printed (free-form objects widened), and the names they declare. */
export interface PrintedTypes {
  text: string;
  declared: string[];
}

/** `statements` printed as `postprocessTypes` prints them. */
export function printTypes(statements: readonly ts.Statement[]): PrintedTypes {
  return { text: printWithFreeFormObjects(statements), declared: declaredNames(statements) };
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
