/**
 * Load: read a spec's bytes, hash them, and reject what is not a readable OpenAPI document of a
 * version the pipeline reads, before the linter sees it. Redocly's own YAML loader stops at the
 * first problem and some of its messages carry no position; here every YAML or JSON syntax error,
 * duplicate YAML key and wrong root comes out as `file:line:column`, and the loaded spec keeps the
 * positions later stages use to point at it (`locate`).
 *
 * A `.json` file is read with `JSON.parse` (GitHub's 13 MB description took 17 s through the YAML
 * parser, which keeps positions), its positions found by scanning the text only when a message
 * needs one (`src/shared/json-text.ts`).
 *
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
import { readFile } from 'node:fs/promises';
import {
  Alias,
  Composer,
  CST,
  isAlias,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  type Document,
  type Node,
} from 'yaml';
import {
  GenerateError,
  GenerateErrors,
  quote,
  shortenQuoted,
  type SourcePosition,
} from '../../shared/errors.js';
import { sha256 } from '../../shared/hash.js';
import {
  duplicateJsonKeys,
  duplicateKeyMessage,
  findJsonSyntaxError,
  jsonPointerOffsets,
  lineColumns,
} from '../../shared/json-text.js';
import {
  getAtPointer,
  isObject,
  pointerSegment,
  pointerSegments,
  type JsonObject,
} from '../../shared/openapi.js';

/** An OpenAPI minor version the pipeline reads. */
export type OpenApiVersion = '3.0' | '3.1';

/** What a transcribed spec may be: the project writes 3.1 (see SPEC-CONVENTIONS.md). */
export const TRANSCRIBED_VERSIONS: readonly OpenApiVersion[] = ['3.1'];
/** What a vendor publishes and the pipeline reads: 3.0 is upgraded to 3.1 after lint (`src/pipeline/upgrade/`). */
export const PUBLISHED_VERSIONS: readonly OpenApiVersion[] = ['3.0', '3.1'];

export interface LoadedSpec {
  /** Absolute path. */
  path: string;
  /** Path as printed and recorded: relative to the project root, `/`-separated. */
  displayPath: string;
  bytes: Buffer;
  /** sha256 of `bytes`, hex. */
  sha256: string;
  /** The minor version its `openapi` field names. */
  version: OpenApiVersion;
  /** The position of the node a JSON pointer (`#/paths/~1a/get`) names, or of its nearest ancestor. */
  locate(pointer: string): SourcePosition;
  /** The position of the node a JSON pointer names, when this file has that node (else undefined). */
  position(pointer: string): SourcePosition | undefined;
  /** The document as plain data (parsed once, on first call). */
  parsed(): JsonObject;
  /**
   * A JSON spec's text and value as Redocly's resolver would read the file (`PipelineResolver`),
   * handed to the bundle stage, which changes the value in place, rather than read and parsed a
   * second time (GitHub's 13 MB: 0.2 s). Once only; `parsed` and `position` then parse the text
   * again if asked. Undefined for YAML, which Redocly parses its own way.
   */
  takeDocument?(): { body: string; parsed: unknown } | undefined;
}

/** A document's root as the version checks read it, whichever syntax it was written in. */
export interface RootView {
  kind: 'empty' | 'mapping' | 'list' | 'scalar';
  /** The scalar's value, for `kind: 'scalar'`. */
  scalar?: unknown;
  at: SourcePosition;
  /** A top-level field: its value and where it is. */
  field(name: string): { value: unknown; at: SourcePosition } | undefined;
}

export interface Parsed {
  root: RootView;
  locate(pointer: string): SourcePosition;
  position(pointer: string): SourcePosition | undefined;
  parsed(): JsonObject;
  takeDocument?: LoadedSpec['takeDocument'];
}

export async function loadSpec(
  path: string,
  displayPath: string,
  versions: readonly OpenApiVersion[] = TRANSCRIBED_VERSIONS,
  options: {
    /**
     * Whether these very bytes loaded before, in one of these `versions`, by this loader: that
     * version, or undefined (a package's manifest says so, or what `import` kept of a published
     * document). Such a spec is then parsed only when a message needs a position or a stage its
     * data: the `yaml` parser, cold, took a seventh of a full run, and GitHub's 13 MB of JSON a
     * third of a second to decode, parse and index.
     */
    loadedBefore?: (sha256: string) => Promise<OpenApiVersion | undefined>;
    /**
     * How the bytes read from `path` are hashed: `generate` takes the hash it remembers of a file
     * whose stat is as recorded (`FileHashes.hashRead`), so that a spec broken in its first line,
     * hashed by an earlier run, is reported without loading `node:crypto`.
     */
    hash?: (bytes: Buffer) => string;
  } = {},
): Promise<LoadedSpec> {
  const expected = `an OpenAPI ${versions.join(' or ')} document`;
  const hashOf = options.hash ?? sha256;
  // Read and hashed once: kept for the full load when the bytes are new.
  let read: { bytes: Buffer; hash: string } | undefined;
  if (options.loadedBefore) {
    const bytes = await readFile(path).catch(() => undefined);
    const hash = bytes && hashOf(bytes);
    if (bytes && hash) read = { bytes, hash };
    const version = bytes && hash ? await options.loadedBefore(hash) : undefined;
    if (bytes && hash && version !== undefined && versions.includes(version)) {
      let parsed: Omit<Parsed, 'root'> | undefined;
      const document = (): Omit<Parsed, 'root'> => {
        if (parsed !== undefined) return parsed;
        const text = bytes.toString('utf8');
        return (parsed = path.endsWith('.json')
          ? loadedJson(text, displayPath)
          : parseYaml(text, displayPath));
      };
      return {
        path,
        displayPath,
        bytes,
        sha256: hash,
        version,
        locate: (pointer) => document().locate(pointer),
        position: (pointer) => document().position(pointer),
        parsed: () => document().parsed(),
      };
    }
  }
  const loaded = await loadDocument(path, displayPath, expected, read?.bytes);
  const version = checkRoot(loaded.root, versions, expected);
  const { bytes, locate, position, parsed, takeDocument } = loaded;
  return {
    path,
    displayPath,
    bytes,
    sha256: read?.hash ?? hashOf(bytes),
    version,
    locate,
    position,
    parsed,
    ...(takeDocument ? { takeDocument } : {}),
  };
}

export interface LoadedDocument extends Parsed {
  bytes: Buffer;
}

/**
 * Any YAML or JSON document (an overlay, a spec before its checks), read as `loadSpec` reads a
 * spec: syntax errors at `file:line:column`, positions kept. `expected` says what it should be;
 * `given`: the file's bytes, when the caller has read them already.
 */
export async function loadDocument(
  path: string,
  displayPath: string,
  expected: string,
  given?: Buffer,
): Promise<LoadedDocument> {
  let bytes: Buffer;
  try {
    bytes = given ?? (await readFile(path));
  } catch (error) {
    throw new GenerateError({ file: displayPath }, `cannot read the file: ${(error as Error).message}`);
  }
  const text = bytes.toString('utf8');
  const json = path.endsWith('.json');
  // Text holds no NUL; a binary file does, and parsing it yields one error per line of noise. (Looked
  // for in the bytes: a NUL character is a NUL byte in UTF-8, and nothing else is.)
  const nul = bytes.includes(0) ? text.indexOf('\0') : -1;
  if (nul !== -1) {
    const before = text.slice(0, nul).split('\n');
    throw new GenerateError(
      { file: displayPath, line: before.length, column: before.at(-1)!.length + 1 },
      `not a text file (it holds a NUL byte): expected ${expected} in ${json ? 'JSON' : 'YAML'}`,
    );
  }
  return { bytes, ...(json ? parseJson(text, displayPath) : parseYaml(text, displayPath)) };
}

/** The version of an OpenAPI document whose root `root` is, or the error saying what it is instead. */
function checkRoot(root: RootView, versions: readonly OpenApiVersion[], expected: string): OpenApiVersion {
  if (root.kind === 'empty') throw new GenerateError(root.at, `the spec is empty: expected ${expected}`);
  if (root.kind !== 'mapping') {
    const found = root.kind === 'list' ? 'a list' : `the scalar ${quote(String(root.scalar))}`;
    throw new GenerateError(root.at, `not an OpenAPI document: expected a mapping, found ${found}`);
  }
  const openapi = root.field('openapi');
  if (openapi === undefined) {
    const swagger = root.field('swagger');
    if (swagger !== undefined) {
      throw new GenerateError(
        swagger.at,
        `Swagger ${String(swagger.value)} is not supported: the pipeline reads OpenAPI ${versions.join(' and ')} ` +
          'documents; ask the vendor for an OpenAPI 3 description, or convert this one (e.g. with swagger2openapi) and use the result',
      );
    }
    const asyncapi = root.field('asyncapi');
    if (asyncapi !== undefined) {
      throw new GenerateError(
        asyncapi.at,
        'an AsyncAPI document, not an OpenAPI one: the pipeline reads OpenAPI documents',
      );
    }
    throw new GenerateError(root.at, 'not an OpenAPI document: the `openapi` field is missing');
  }
  const value = openapi.value;
  const version = versions.find(
    (minor) => typeof value === 'string' && value.startsWith(`${minor}.`) && /^\d+\.\d+\.\d+$/.test(value),
  );
  if (version === undefined) {
    throw new GenerateError(
      openapi.at,
      `unsupported OpenAPI version ${quoteValue(openapi.value)}: the pipeline reads ${versions.map((minor) => `${minor}.x`).join(' and ')} documents`,
    );
  }
  return version;
}

function parseYaml(text: string, displayPath: string): Parsed {
  // A spec broken in its first lines is reported from them: the rest is not parsed.
  const head = parseYamlHead(text);
  if (head !== undefined)
    throwProblems(yamlProblems(head.document, () => head.tokens, head.lineCounter, displayPath));

  const lineCounter = new LineCounter();
  const { document, tokens } = parseYamlDocument(text, lineCounter);
  throwProblems(yamlProblems(document, tokens, lineCounter, displayPath));
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: displayPath, line, column: col };
  };

  const root = document.contents;
  const view: RootView =
    root === null || (isScalar(root) && (root.value === null || root.value === ''))
      ? { kind: 'empty', at: at(0), field: () => undefined }
      : {
          kind: isMap(root) ? 'mapping' : isSeq(root) ? 'list' : 'scalar',
          scalar: (root as { value?: unknown }).value,
          at: at(root.range?.[0] ?? 0),
          field: (name) => {
            if (!isMap(root)) return undefined;
            const node = root.get(name, true);
            return node === undefined ? undefined : { value: node.value, at: at(node.range?.[0] ?? 0) };
          },
        };
  let plain: JsonObject | undefined;
  return {
    root: view,
    locate: (pointer) => at(offsetOf(document, pointer).offset),
    position: (pointer) => {
      const { offset, exact } = offsetOf(document, pointer);
      return exact ? at(offset) : undefined;
    },
    parsed: () => (plain ??= document.toJS({ maxAliasCount: -1 }) as JsonObject),
  };
}

/** Every syntax error of a parsed YAML document, and every alias without its anchor, at their positions. */
function yamlProblems(
  document: Document,
  tokens: () => Iterable<CST.Token>,
  lineCounter: LineCounter,
  displayPath: string,
): GenerateError[] {
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: displayPath, line, column: col };
  };
  let unclosedQuote: { offset: number | undefined } | undefined;
  const problems = document.errors.map((error) => {
    // The parser notices an unclosed quote at the end of the file; the quote itself is what to fix.
    unclosedQuote ??= error.code === 'MISSING_CHAR' ? { offset: unclosedQuoteAt(tokens()) } : undefined;
    const offset = error.code === 'MISSING_CHAR' ? (unclosedQuote?.offset ?? error.pos[0]) : error.pos[0];
    return new GenerateError(at(offset), `invalid YAML: ${describeYamlError(error.code, error.message)}`);
  });
  for (const { node, message } of nodeProblems(document))
    problems.push(new GenerateError(at(node.range?.[0] ?? 0), `invalid YAML: ${message}`));
  return problems;
}

function throwProblems(problems: GenerateError[]): void {
  if (problems.length > 0) throw problems.length === 1 ? problems[0]! : new GenerateErrors(problems);
}

/** How far into a YAML text its head may end (`parseYamlHead`): a spec's first lines, in a fraction of the parse. */
const HEAD_BYTES = 2048;

/** A line that starts a top-level key (`paths:`), where a head may end. */
const TOP_LEVEL_KEY = /\n(?=[A-Za-z_$][\w$.-]*:(?:[ \t]|\r?\n))/g;

/**
 * The document of a YAML text's head: its top-level entries before the last line, at most
 * HEAD_BYTES in, that starts another. Its problems are the whole text's first ones (a cold parse of
 * a 16 KB spec took 15 to 40 ms, most of a broken spec's report): it is parsed from the whole text's
 * tokens, so a quoted scalar or flow collection that reads on past that line is read as the whole
 * text reads it, and only when the parser of the whole text starts a new entry of the top-level
 * mapping there. Undefined otherwise (no such line, a line inside a value, a text that is no mapping).
 */
function parseYamlHead(
  text: string,
): { document: Document; tokens: CST.Token[]; lineCounter: LineCounter } | undefined {
  let end: number | undefined;
  for (const match of text.slice(0, HEAD_BYTES).matchAll(TOP_LEVEL_KEY)) end = match.index + 1;
  if (end === undefined) return undefined;
  const keyEnd = end + text.slice(end).indexOf(':') + 1;

  // The whole text's parser, up to the head's end and on through the next line's key.
  const whole = new Parser();
  const head: string[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    const from = whole.offset;
    if (from < end) head.push(lexeme);
    for (const token of whole.next(lexeme)) if (token.type === 'document') return undefined;
    if (from < end && whole.offset > end) return undefined; // a token reads on past the head's end
    if (whole.offset >= keyEnd) break;
  }
  const [document, map] = whole.stack;
  const entry = map?.type === 'block-map' ? map.items.at(-1) : undefined;
  if (
    whole.stack.length !== 2 ||
    document?.type !== 'document' ||
    map?.type !== 'block-map' ||
    map.indent !== 0 ||
    entry?.key?.offset !== end
  )
    return undefined;

  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0); // as `Parser.parse` does first
  const parser = new Parser(lineCounter.addNewLine);
  const tokens = head.flatMap((lexeme) => [...parser.next(lexeme)]);
  tokens.push(...parser.end());
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, lineCounter });
  const [first] = composer.compose(tokens, true, end);
  return first === undefined ? undefined : { document: first, tokens, lineCounter };
}

function parseJson(text: string, displayPath: string): Parsed {
  const { body, at, locate } = jsonText(text, displayPath);
  if (body.trim() === '') {
    return {
      root: { kind: 'empty', at: at(0), field: () => undefined },
      locate: () => at(0),
      position: () => undefined,
      parsed: () => ({}),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body) ?? { offset: 0, message: (error as Error).message };
    throw new GenerateError(at(found.offset), `invalid JSON: ${shortenQuoted(found.message)}`);
  }
  // JSON.parse keeps the last of a repeated name without a word; the YAML loader refuses it too.
  throwProblems(
    duplicateJsonKeys(body).map(
      (duplicate) =>
        new GenerateError(at(duplicate.offset), `invalid JSON: ${duplicateKeyMessage(duplicate, at)}`),
    ),
  );
  // Handed over (`takeDocument`): the text is parsed again for whoever asks after.
  let given = false;
  const current = (): unknown => {
    if (given) {
      given = false;
      value = JSON.parse(body);
    }
    return value;
  };
  // Places are found when a message asks for one: placing a field scans the text up to it and
  // indexes the members before it (GitHub's 13 MB: 0.1 s before the bundle stage could start).
  const start = () => at(body.length - body.trimStart().length);
  const root: RootView = isObject(value)
    ? {
        kind: 'mapping',
        get at() {
          return start();
        },
        field: (name) => {
          const object = current() as JsonObject;
          if (!Object.hasOwn(object, name)) return undefined;
          return {
            value: object[name],
            get at() {
              return locate(`#/${pointerSegment(name)}`);
            },
          };
        },
      }
    : {
        kind: Array.isArray(value) ? 'list' : 'scalar',
        scalar: value,
        get at() {
          return start();
        },
        field: () => undefined,
      };
  const position = (pointer: string): SourcePosition | undefined =>
    getAtPointer(current() as JsonObject, pointer) === undefined ? undefined : locate(pointer);
  let taken = false;
  return {
    root,
    locate,
    position,
    parsed: () => current() as JsonObject,
    takeDocument: () => {
      if (taken) return undefined;
      taken = true;
      given = true;
      // As Redocly's resolver reads a file: its line breaks made `\n`.
      return { body: text.replace(/\r\n/g, '\n'), parsed: value };
    },
  };
}

/**
 * A JSON text that loaded before (so it parses, to an OpenAPI object): placing a pointer reads the
 * text only, and its value is parsed when `position` or `parsed` asks for it.
 */
function loadedJson(text: string, displayPath: string): Omit<Parsed, 'root'> {
  const { body, locate } = jsonText(text, displayPath);
  let value: JsonObject | undefined;
  const parsed = (): JsonObject => (value ??= JSON.parse(body) as JsonObject);
  return {
    locate,
    position: (pointer) => (getAtPointer(parsed(), pointer) === undefined ? undefined : locate(pointer)),
    parsed,
  };
}

/** A JSON text's body and how its offsets and pointers are placed. */
function jsonText(
  text: string,
  displayPath: string,
): { body: string; at(offset: number): SourcePosition; locate(pointer: string): SourcePosition } {
  // A byte order mark is no JSON, but editors write one; positions still count it.
  const skip = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = text.slice(skip);
  // Lint errors can be thousands: lines and pointers are each found in one pass, kept for the next.
  const lineColumnOf = lineColumns(text);
  const at = (offset: number): SourcePosition => ({ file: displayPath, ...lineColumnOf(offset + skip) });
  const offsetOf = jsonPointerOffsets(body);
  return { body, at, locate: (pointer) => at(offsetOf(pointerSegments(pointer))) };
}

/** A scalar as a message shows it: strings quoted and cut short, numbers and the like as they are. */
function quoteValue(value: unknown): string {
  return typeof value === 'string' ? quote(value) : JSON.stringify(value);
}

/**
 * The tags an OpenAPI document may carry: JSON's types, and the merge key. Redocly's parser (js-yaml,
 * core schema) refuses any other tag, and a custom one (`!Ref`, `!Sub`) is no JSON value: the
 * `yaml` package reads it as a string and warns, and the bundle stage then stopped with a stack trace.
 */
const JSON_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq', 'merge'].map((name) => `tag:yaml.org,2002:${name}`),
);

/**
 * What a parsed YAML document holds that no JSON document can, in document order: an alias without
 * its anchor (no node before it, in document order, has it), a mapping key that is a list or a
 * mapping (Redocly's parser stopped with "object-based map does not support complex keys"), a tag
 * other than JSON's. One walk, where `alias.resolve` walks the whole document for each alias
 * (cozmo's 16 aliases: most of the time its spec took to load).
 */
function nodeProblems(document: Document): { node: Node | Alias; message: string }[] {
  const anchors = new Set<string>();
  const problems: { node: Node | Alias; message: string }[] = [];
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      if (!anchors.has(node.source)) problems.push({ node, message: `alias *${node.source} has no anchor` });
    } else if (isPair(node)) {
      if (isCollection(node.key))
        problems.push({
          node: node.key,
          message: 'a mapping key is a list or mapping: an OpenAPI document is JSON, whose keys are strings',
        });
      walk(node.key);
      walk(node.value);
    } else if (isScalar(node) || isCollection(node)) {
      if (node.anchor) anchors.add(node.anchor);
      if (node.tag !== undefined && !JSON_TAGS.has(node.tag))
        problems.push({
          node,
          message: `tag ${node.tag.replace(/^tag:yaml\.org,2002:/, '!!')} is not JSON: an OpenAPI document holds strings, numbers, booleans, null, lists and mappings; remove the tag`,
        });
      if (isCollection(node)) for (const item of node.items) walk(item);
    }
  };
  walk(document.contents);
  return problems;
}

/**
 * `parseDocument(text, options)` as the `yaml` package runs it, keeping the parser's tokens for
 * `unclosedQuoteAt`, which parsed the text a second time (a third of the time a broken spec took
 * to report). `tokens()` are all of the text's: parsed again only when the parse stopped early, at
 * a second document.
 */
function parseYamlDocument(
  text: string,
  lineCounter: LineCounter,
): { document: Document; tokens: () => Iterable<CST.Token> } {
  const kept: CST.Token[] = [];
  let complete = false;
  function* parsed(): Generator<CST.Token> {
    for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
      kept.push(token);
      yield token;
    }
    complete = true;
  }
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, lineCounter });
  let document: Document | undefined;
  for (const each of composer.compose(parsed(), true, text.length)) {
    if (document === undefined) document = each;
    else if (document.options.logLevel !== 'silent') {
      document.errors.push(
        new YAMLParseError(
          [each.range[0], each.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  // `compose(…, true)` ends with a document, an empty one for an empty text.
  return { document: document!, tokens: () => (complete ? kept : new Parser().parse(text)) };
}

/** Offset of the first quoted scalar that does not end with its closing quote. */
function unclosedQuoteAt(tokens: Iterable<CST.Token>): number | undefined {
  for (const token of tokens) {
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
  const segments = pointerSegments(pointer);
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
