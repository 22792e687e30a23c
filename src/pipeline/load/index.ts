/**
 * Load: read a spec's bytes, hash them, and reject what is not a readable OpenAPI 3.1
 * document before the linter sees it. Redocly's own YAML loader stops at the first problem and
 * some of its messages carry no position; here every YAML error, duplicate key and wrong root
 * comes out as `file:line:column`, and the parsed YAML keeps the positions later stages use to
 * point at the spec (`locate`).
 *
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
import { readFile } from 'node:fs/promises';
import {
  Alias,
  CST,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  parseDocument,
  visit,
  type Document,
} from 'yaml';
import {
  GenerateError,
  GenerateErrors,
  quote,
  shortenQuoted,
  type SourcePosition,
} from '../../shared/errors.js';
import { sha256 } from '../../shared/hash.js';

/** OpenAPI versions the pipeline reads: the project writes 3.1 (see SPEC-CONVENTIONS.md). */
const SUPPORTED_OPENAPI = /^3\.1\.\d+$/;

export interface LoadedSpec {
  /** Absolute path. */
  path: string;
  /** Path as printed and recorded: relative to the project root, `/`-separated. */
  displayPath: string;
  bytes: Buffer;
  /** sha256 of `bytes`, hex. */
  sha256: string;
  /** The position of the node a JSON pointer (`#/paths/~1a/get`) names, or of its nearest ancestor. */
  locate(pointer: string): SourcePosition;
  /** The position of the node a JSON pointer names, when this file has that node (else undefined). */
  position(pointer: string): SourcePosition | undefined;
}

export async function loadSpec(path: string, displayPath: string): Promise<LoadedSpec> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new GenerateError({ file: displayPath }, `cannot read the spec: ${(error as Error).message}`);
  }
  const text = bytes.toString('utf8');
  // YAML text holds no NUL; a binary file does, and parsing it yields one error per line of noise.
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const before = text.slice(0, nul).split('\n');
    throw new GenerateError(
      { file: displayPath, line: before.length, column: before.at(-1)!.length + 1 },
      'not a text file (it holds a NUL byte): expected an OpenAPI 3.1 document in YAML',
    );
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: displayPath, line, column: col };
  };

  const problems = document.errors.map((error) => {
    // The parser notices an unclosed quote at the end of the file; the quote itself is what to fix.
    const offset = error.code === 'MISSING_CHAR' ? (unclosedQuoteAt(text) ?? error.pos[0]) : error.pos[0];
    return new GenerateError(at(offset), `invalid YAML: ${describeYamlError(error.code, error.message)}`);
  });
  visit(document, {
    Alias(_, alias) {
      if (alias.resolve(document) === undefined) {
        problems.push(
          new GenerateError(at(alias.range?.[0] ?? 0), `invalid YAML: alias *${alias.source} has no anchor`),
        );
      }
    },
  });
  if (problems.length > 0) throw problems.length === 1 ? problems[0]! : new GenerateErrors(problems);

  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    throw new GenerateError(at(0), 'the spec is empty: expected an OpenAPI 3.1 document');
  }
  if (!isMap(root)) {
    const found = isSeq(root) ? 'a list' : `the scalar ${quote(String((root as { value?: unknown }).value))}`;
    throw new GenerateError(
      at(root.range?.[0] ?? 0),
      `not an OpenAPI document: expected a mapping, found ${found}`,
    );
  }
  const openapi = root.get('openapi', true);
  if (openapi === undefined) {
    const swagger = root.get('swagger', true);
    if (swagger !== undefined) {
      throw new GenerateError(
        at(swagger.range?.[0] ?? 0),
        `Swagger ${String(swagger.value)} is not supported: the pipeline reads OpenAPI 3.1 documents`,
      );
    }
    throw new GenerateError(
      at(root.range?.[0] ?? 0),
      'not an OpenAPI document: the `openapi` field is missing',
    );
  }
  if (!SUPPORTED_OPENAPI.test(String(openapi.value))) {
    throw new GenerateError(
      at(openapi.range?.[0] ?? 0),
      `unsupported OpenAPI version ${quoteValue(openapi.value)}: the pipeline reads 3.1.x documents`,
    );
  }

  return {
    path,
    displayPath,
    bytes,
    sha256: sha256(bytes),
    locate: (pointer) => at(offsetOf(document, pointer).offset),
    position: (pointer) => {
      const { offset, exact } = offsetOf(document, pointer);
      return exact ? at(offset) : undefined;
    },
  };
}

/** A scalar as a message shows it: strings quoted and cut short, numbers and the like as they are. */
function quoteValue(value: unknown): string {
  return typeof value === 'string' ? quote(value) : JSON.stringify(value);
}

/** Offset of the first quoted scalar that does not end with its closing quote. */
function unclosedQuoteAt(text: string): number | undefined {
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    let found: number | undefined;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (node?.type !== 'double-quoted-scalar' && node?.type !== 'single-quoted-scalar') continue;
        const quote = node.source[0];
        if (node.source.length < 2 || !node.source.trimEnd().endsWith(quote ?? '')) {
          found ??= node.offset;
          return CST.visit.BREAK;
        }
      }
      return undefined;
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The longest a parser's message may run: some quote a whole token unquoted (`Not a YAML token: …`). */
const YAML_MESSAGE_LIMIT = 160;

function describeYamlError(code: string, message: string): string {
  let first = shortenQuoted(message.split('\n')[0] ?? message);
  if (first.length > YAML_MESSAGE_LIMIT) first = `${first.slice(0, YAML_MESSAGE_LIMIT)}…`;
  return code === 'DUPLICATE_KEY' ? `duplicate key (${first})` : first;
}

/**
 * Start offset of the node at `pointer`, walking as far as the YAML goes (aliases followed), and
 * whether it got all the way.
 */
function offsetOf(document: Document, pointer: string): { offset: number; exact: boolean } {
  const segments = pointer
    .replace(/^#?\/?/, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = document.contents;
  let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  for (const segment of segments) {
    if (node instanceof Alias) node = node.resolve(document);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (pair === undefined) return { offset, exact: false };
      // Point at the key: the value of `responses: {}` may be an empty flow map far from the name.
      if (isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
      next = pair.value;
    } else if (isSeq(node)) {
      next = node.items[Number(segment)];
      if (isNode(next) && next.range) offset = next.range[0];
    }
    if (next === undefined) return { offset, exact: false };
    // A null value (`example: ~`) is still the node named; nothing lies below it.
    if (next === null) return { offset, exact: segment === segments.at(-1) };
    node = next;
  }
  return { offset, exact: true };
}
