/**
 * Post-processing step: free-form objects accept keys. openapi-typescript types an object schema
 * without properties as `Record<string, never>`, to which no key can be assigned; in OpenAPI such
 * an object is free-form (`additionalProperties` defaults to true), so it becomes
 * `{ [key: string]: unknown }`. The top-level placeholders (`webhooks`, `$defs`, and `paths`,
 * `components` or `operations` of a spec without any) keep openapi-typescript's spelling: they
 * mean "no entries", not an object of the API. Explicitly closed
 * empty objects never reach this step as `Record<string, never>` (see `closedEmptyObject` in the
 * types stage).
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { ts } from 'ts-morph';
import type { TextEdit } from './text-edits.js';

export const FREE_FORM_OBJECT = '{ [key: string]: unknown }';

/** Top-level declarations openapi-typescript writes as `Record<string, never>` when empty. */
const ROOT_PLACEHOLDERS = new Set(['paths', 'webhooks', 'components', '$defs', 'operations']);

export function widenFreeFormObjects(sourceFile: ts.SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  const visit = (node: ts.Node): void => {
    if (isEmptyRecord(node)) {
      edits.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: FREE_FORM_OBJECT });
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const statement of sourceFile.statements) {
    if (
      ts.isTypeAliasDeclaration(statement) &&
      ROOT_PLACEHOLDERS.has(statement.name.text) &&
      isEmptyRecord(statement.type)
    ) {
      continue;
    }
    visit(statement);
  }
  return edits;
}

function isEmptyRecord(node: ts.Node): boolean {
  if (!ts.isTypeReferenceNode(node)) return false;
  if (!ts.isIdentifier(node.typeName) || node.typeName.text !== 'Record') return false;
  const [key, value] = node.typeArguments ?? [];
  return key?.kind === ts.SyntaxKind.StringKeyword && value?.kind === ts.SyntaxKind.NeverKeyword;
}
