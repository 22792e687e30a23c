/**
 * Post-processing step: free-form objects accept keys. openapi-typescript types an object schema
 * without properties as `Record<string, never>`, to which no key can be assigned; in OpenAPI such
 * an object is free-form (`additionalProperties` defaults to true), so it becomes
 * `{ [key: string]: unknown }`. The top-level placeholders (`webhooks`, `$defs`, and `paths`,
 * `components` or `operations` of a spec without any) keep openapi-typescript's spelling: they
 * mean "no entries", not an object of the API. Explicitly closed
 * empty objects never reach this step as `Record<string, never>` (see `closedEmptyObject` in the
 * types stage).
 *
 * The widening is a substitution while openapi-typescript's nodes are printed: finding the nodes in
 * the printed text would parse it again (9 MB and half a second on GitHub's description).
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import ts from 'typescript';

export const FREE_FORM_OBJECT = '{ [key: string]: unknown }';

/** Top-level declarations openapi-typescript writes as `Record<string, never>` when empty. */
const ROOT_PLACEHOLDERS = new Set(['paths', 'webhooks', 'components', '$defs', 'operations']);

/**
 * Prints `statements` (openapi-typescript's output, as its `astToString` prints them) with every
 * free-form object widened.
 */
export function printWithFreeFormObjects(statements: readonly ts.Statement[]): string {
  const placeholders = new Set<ts.Node>();
  for (const statement of statements) {
    if (
      ts.isTypeAliasDeclaration(statement) &&
      ROOT_PLACEHOLDERS.has(statement.name.text) &&
      isEmptyRecord(statement.type)
    ) {
      placeholders.add(statement.type);
    }
  }
  const printer = ts.createPrinter(
    { newLine: ts.NewLineKind.LineFeed, removeComments: false },
    {
      // An identifier prints its text as is: the widened type is spelled exactly as written here.
      substituteNode: (_hint, node) =>
        isEmptyRecord(node) && !placeholders.has(node) ? ts.factory.createIdentifier(FREE_FORM_OBJECT) : node,
    },
  );
  // As `astToString` prints: the statements as an empty source file's.
  const sourceFile = ts.factory.updateSourceFile(
    ts.createSourceFile('types.d.ts', '', ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS),
    statements,
  );
  return printer.printFile(sourceFile);
}

function isEmptyRecord(node: ts.Node): boolean {
  if (!ts.isTypeReferenceNode(node)) return false;
  if (!ts.isIdentifier(node.typeName) || node.typeName.text !== 'Record') return false;
  const [key, value] = node.typeArguments ?? [];
  return key?.kind === ts.SyntaxKind.StringKeyword && value?.kind === ts.SyntaxKind.NeverKeyword;
}
