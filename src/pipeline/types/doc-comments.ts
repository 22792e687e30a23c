/**
 * The doc comment of each field and component schema, with the constraints a reader needs when
 * filling the field in: `@format`, `@minimum`, `@maximum`, `@pattern`, `@minLength`, … beside
 * `@description` and `@default`, as Redocly's and orval's generators write them. openapi-typescript
 * writes the format as a `Format:` line and leaves every other constraint out; its comment is
 * replaced where the schema has one of these, and kept byte for byte everywhere else.
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#section-6
 */
import type { SchemaObject, TransformNodeOptions } from 'openapi-typescript';
import ts from 'typescript';
import { isObject, type JsonObject } from '../../shared/openapi.js';

/** Validation keywords a comment names, in this order, each as `@<keyword> <value>`. */
const CONSTRAINTS = [
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const;

const LINE_BREAK = /\r?\n/g;

/** Whether openapi-typescript's comment for `schema` lacks something this module writes. */
function needsOwnComment(schema: JsonObject): boolean {
  return schema.format !== undefined || CONSTRAINTS.some((keyword) => schema[keyword] !== undefined);
}

/** A tag's value on one line per line of its text, continued as openapi-typescript continues them. */
function tagText(value: unknown): string {
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : String(value);
  return text.trim().replace(LINE_BREAK, '\n *     ');
}

/**
 * The comment's lines: openapi-typescript's (title, summary, deprecation, description, default,
 * examples, const, enum), with the format as a tag and the constraints after the examples.
 * @see node_modules/openapi-typescript/dist/lib/ts.mjs (`addJSDocComment`)
 */
export function commentLines(schema: JsonObject): string[] {
  const lines: string[] = [];
  for (const key of ['title', 'summary']) {
    if (typeof schema[key] === 'string' && schema[key] !== '') lines.push(tagText(schema[key]));
  }
  if (schema.format !== undefined) lines.push(`@format ${tagText(schema.format)}`);
  if (schema.deprecated) lines.push('@deprecated');
  for (const key of ['description', 'default', 'example']) {
    const value = schema[key];
    if (value === undefined || (value === '' && key === 'description')) continue;
    lines.push(`@${key} ${tagText(value)}`);
  }
  if (Array.isArray(schema.examples))
    for (const example of schema.examples) lines.push(`@example ${tagText(example)}`);
  for (const keyword of CONSTRAINTS) {
    const value = schema[keyword];
    if (value === undefined || (keyword === 'uniqueItems' && value !== true)) continue;
    lines.push(keyword === 'uniqueItems' ? '@uniqueItems' : `@${keyword} ${tagText(value)}`);
  }
  if ('const' in schema) lines.push('@constant');
  if (Array.isArray(schema.enum)) {
    const type = Array.isArray(schema.type)
      ? schema.type.join('|')
      : typeof schema.type === 'string'
        ? schema.type
        : 'unknown';
    lines.push(`@enum {${type}${schema.nullable ? '|null' : ''}}`);
  }
  return lines;
}

/** Replaces the node's leading comments with the comment for `schema` (none when it has no lines). */
export function setDocComment(node: ts.Node, schema: JsonObject): void {
  const lines = commentLines(schema);
  if (lines.length === 0) {
    ts.setSyntheticLeadingComments(node, undefined);
    return;
  }
  const multiLine = lines.length > 1 || lines.some((line) => line.includes('\n'));
  const text = (multiLine ? `*\n * ${lines.join('\n * ')}\n ` : `* ${lines[0]} `).replace(/\*\//g, '*\\/');
  ts.setSyntheticLeadingComments(node, [
    { kind: ts.SyntaxKind.MultiLineCommentTrivia, text, hasTrailingNewLine: true, pos: -1, end: -1 },
  ]);
}

/**
 * Collects, while openapi-typescript transforms, the fields whose comment this module writes
 * (`record`, its `transformProperty` hook), then writes them and those of the component schemas
 * once the tree is complete (`apply`): openapi-typescript adds its own comment after the hook runs.
 */
export class DocComments {
  private readonly fields: [ts.PropertySignature, JsonObject][] = [];

  readonly record = (
    property: ts.PropertySignature,
    schema: SchemaObject,
    _options: TransformNodeOptions,
  ): ts.PropertySignature => {
    const value = schema as unknown as JsonObject;
    if (isObject(value) && needsOwnComment(value)) this.fields.push([property, value]);
    return property;
  };

  /** @param nodes openapi-typescript's output for `document` */
  apply(nodes: readonly ts.Node[], document: JsonObject): void {
    for (const [property, schema] of this.fields) setDocComment(property, schema);
    const schemas = isObject(document.components) ? document.components.schemas : undefined;
    if (!isObject(schemas)) return;
    for (const member of componentSchemaMembers(nodes)) {
      const name =
        member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
          ? member.name.text
          : undefined;
      const schema = name === undefined ? undefined : schemas[name];
      if (isObject(schema) && needsOwnComment(schema)) setDocComment(member, schema);
    }
  }
}

/** The members of `components.schemas` in openapi-typescript's `interface components`. */
function componentSchemaMembers(nodes: readonly ts.Node[]): ts.TypeElement[] {
  const components = nodes.find(
    (node): node is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(node) && node.name.text === 'components',
  );
  const schemas = components?.members.find(
    (member): member is ts.PropertySignature =>
      ts.isPropertySignature(member) && ts.isIdentifier(member.name) && member.name.text === 'schemas',
  );
  return schemas?.type && ts.isTypeLiteralNode(schemas.type) ? [...schemas.type.members] : [];
}
