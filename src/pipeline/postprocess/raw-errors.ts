/**
 * Post-processing step: a raw call's `error` is what the server sent. openapi-fetch types it from
 * the operation's documented error responses (4xx, 5xx, their ranges and `default`) and, when none
 * documents a body, as `never`: `{ data, error } = await client.PATCH(…)` then types `error` as
 * `undefined` and `if (error)` as dead code, while the client resolves every error status with its
 * parsed body there (or its text; nothing for an empty one). Such an operation gets a `default`
 * response whose body is `unknown`, so that the consumer has to look at `error` (and, since an empty
 * error body leaves it undefined, at `data`) before using it. An operation that documents an error
 * body keeps openapi-fetch's typing, as does one whose spec writes its own `default`.
 * @see node_modules/openapi-typescript-helpers/dist/index.d.mts (`ErrorResponse`)
 */
import { ts } from 'ts-morph';
import type { TextEdit } from './text-edits.js';

/** The response keys that openapi-fetch counts as errors. */
const ERROR_KEY = /^(?:[45](?:\d\d|XX)|default)$/;

export function openRawErrors(sourceFile: ts.SourceFile): TextEdit[] {
  const operations = sourceFile.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === 'operations',
  );
  const edits: TextEdit[] = [];
  for (const operation of operations?.members ?? []) {
    const member = typeLiteral(operation)?.members.find((m) => keyOf(m) === 'responses');
    const statuses = member && typeLiteral(member);
    if (!statuses || statuses.members.some((m) => keyOf(m) === 'default' || documentsBody(m))) continue;
    // Written in the style of the file: openapi-typescript indents by four spaces.
    const indent = `${lineIndent(sourceFile, member)}    `;
    const text = [
      '/** Any status the spec gives no body: a raw call resolves with what the server sent as `error`. */',
      'default: {',
      '    headers: {',
      '        [name: string]: unknown;',
      '    };',
      '    content: {',
      '        "application/json": unknown;',
      '    };',
      '};',
    ]
      .map((line) => `${indent}${line}\n`)
      .join('');
    // On lines of its own before the closing brace's (openapi-typescript puts that on its own).
    const close = statuses.getEnd() - 1;
    const lineStart = sourceFile.text.lastIndexOf('\n', close) + 1;
    const own = sourceFile.text.slice(lineStart, close).trim() === '';
    const at = own ? lineStart : close;
    edits.push({ start: at, end: at, text: own ? text : `\n${text}` });
  }
  return edits;
}

/** The type literal a property is typed as, if it is one. */
function typeLiteral(node: ts.Node): ts.TypeLiteralNode | undefined {
  const type = ts.isPropertySignature(node) ? node.type : undefined;
  return type && ts.isTypeLiteralNode(type) ? type : undefined;
}

function keyOf(member: ts.TypeElement): string | undefined {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
    ? name.text
    : undefined;
}

/**
 * An error response with a body: `content` typed as something other than `never`, or a response
 * that is a reference (`components["responses"]["NotFound"]`), which is taken to have one.
 */
function documentsBody(member: ts.TypeElement): boolean {
  const key = keyOf(member);
  if (key === undefined || !ERROR_KEY.test(key) || !ts.isPropertySignature(member)) return false;
  const response = typeLiteral(member);
  if (!response) return true;
  const content = response.members.find((m) => keyOf(m) === 'content');
  return (
    content !== undefined &&
    ts.isPropertySignature(content) &&
    content.type?.kind !== ts.SyntaxKind.NeverKeyword
  );
}

function lineIndent(sourceFile: ts.SourceFile, node: ts.Node): string {
  const start = node.getStart(sourceFile);
  const lineStart = sourceFile.text.lastIndexOf('\n', start) + 1;
  return sourceFile.text.slice(lineStart, start);
}
