/**
 * A schema with a conditional requirement (`src/model/conditionals.ts`) typed as a union: the
 * fields the condition does not touch, and either the branch where it holds or the one where it
 * does not. voicebip's request body becomes
 * `{ display_name?: string; … } & ({ ai_provider: "byom"; webhook_url: string } | { ai_provider?: "openai" | "gemini"; webhook_url?: string })`,
 * so `{ ai_provider: 'byom' }` does not compile. openapi-typescript ignores `if`/`then`/`else`.
 */
import type { SchemaObject, TransformNodeOptions } from 'openapi-typescript';
// Its module, not its entry (see openapi-typescript-modules.d.ts).
import transformSchemaObject from 'openapi-typescript/dist/transform/schema-object.js';
import ts from 'typescript';
import { conditionalShape, type JsonValue } from '../../model/conditionals.js';
import { isObject, type JsonObject } from '../../shared/openapi.js';
import { setDocComment } from './doc-comments.js';

export function conditionalObject(
  schema: SchemaObject,
  options: TransformNodeOptions,
): ts.TypeNode | undefined {
  const value = schema as unknown as JsonObject;
  const shape = conditionalShape(value);
  if (shape === undefined) return undefined;
  const { if: _if, then: _then, else: _else, ...rest } = value;
  // The schema's own type, not the view a request body or response wraps it in (see read-write.ts):
  // that wraps what this returns.
  const base = transformSchemaObject(rest as unknown as SchemaObject, {
    ...options,
    ctx: { ...options.ctx, postTransform: undefined },
  });
  // An object type: its fields, then (when open) openapi-typescript's index signature.
  const [fields, ...open] = ts.isIntersectionTypeNode(base) ? base.types : [base];
  if (fields === undefined || !ts.isTypeLiteralNode(fields)) return undefined;

  const properties = value.properties as JsonObject;
  const touched = new Set([shape.property, ...shape.then, ...shape.else]);
  const common = fields.members.filter((member) => !touched.has(memberName(member) ?? ''));
  const branch = (holds: boolean): ts.TypeLiteralNode => {
    const required = new Set(holds ? shape.then : shape.else);
    const members = [...touched].flatMap((name) => {
      const original = fields.members.find((member) => memberName(member) === name);
      if (original === undefined || !ts.isPropertySignature(original) || original.type === undefined)
        return [];
      const tested = name === shape.property;
      const present = required.has(name) || (tested && holds === shape.requiresProperty);
      const type = tested ? literals(holds ? shape.values : shape.otherValues) : original.type;
      const member = ts.factory.createPropertySignature(
        original.modifiers,
        original.name,
        present ? undefined : ts.factory.createToken(ts.SyntaxKind.QuestionToken),
        type,
      );
      const schemaOfMember = properties[name];
      if (isObject(schemaOfMember)) setDocComment(member, schemaOfMember);
      return [member];
    });
    return ts.factory.createTypeLiteralNode(members);
  };
  // The `if` cannot fail when no other value is allowed and an absent field satisfies it.
  const branches =
    shape.otherValues.length === 0 && !shape.requiresProperty
      ? [branch(true)]
      : [branch(true), branch(false)];
  const union =
    branches.length === 1
      ? branches[0]!
      : ts.factory.createParenthesizedType(ts.factory.createUnionTypeNode(branches));
  return ts.factory.createIntersectionTypeNode([
    ...(common.length > 0 ? [ts.factory.createTypeLiteralNode(common)] : []),
    union,
    ...open,
  ]);
}

/** The type of a field whose value is one of `values` (`never` for none: the field must be absent). */
function literals(values: JsonValue[]): ts.TypeNode {
  if (values.length === 0) return ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword);
  const nodes = values.map((value) =>
    value === null
      ? ts.factory.createLiteralTypeNode(ts.factory.createNull())
      : typeof value === 'boolean'
        ? ts.factory.createLiteralTypeNode(value ? ts.factory.createTrue() : ts.factory.createFalse())
        : typeof value === 'number'
          ? ts.factory.createLiteralTypeNode(
              value < 0
                ? ts.factory.createPrefixUnaryExpression(
                    ts.SyntaxKind.MinusToken,
                    ts.factory.createNumericLiteral(-value),
                  )
                : ts.factory.createNumericLiteral(value),
            )
          : ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(value)),
  );
  return nodes.length === 1 ? nodes[0]! : ts.factory.createUnionTypeNode(nodes);
}

function memberName(member: ts.TypeElement): string | undefined {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
    ? name.text
    : undefined;
}
