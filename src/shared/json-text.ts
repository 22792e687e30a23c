/**
 * Positions in JSON text, found by scanning it only when a message needs one: `JSON.parse` keeps
 * none, and the YAML parser that would keep them took 17 s on GitHub's 13 MB description (JSON.parse
 * takes a fraction of a second). A scan costs one pass over the text before the place it looks for.
 * @see https://www.rfc-editor.org/rfc/rfc8259
 */
import { quote } from './errors.js';

export interface JsonSyntaxError {
  /** 0-based offset of the first character that cannot be where it is (the text's length when it ends early). */
  offset: number;
  message: string;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lineColumns(text)(offset);
}

/**
 * `lineColumn` for many offsets of one text: its line starts found once, each offset then a binary
 * search (thousands of lint errors placed in GitHub's description each counted lines from the start).
 */
export function lineColumns(text: string): (offset: number) => { line: number; column: number } {
  let lineStarts: number[] | undefined;
  return (offset) => {
    if (lineStarts === undefined) {
      lineStarts = [0];
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
        lineStarts.push(index + 1);
      }
    }
    // The last line starting at or before `offset` (a line break at `offset` ends its line).
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
}

/**
 * Where `text` stops being JSON, and why; undefined when it is JSON. For text `JSON.parse` refused:
 * V8's message gives no position for an early end or an unexpected token.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.skipValue();
    scanner.skipWhitespace();
    if (scanner.at < text.length) scanner.fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof ScanError) return { offset: error.offset, message: error.message };
    throw error;
  }
}

/**
 * Offset of what a JSON pointer's segments name in valid JSON text: of the member's key inside an
 * object (so a message points at the name), of the element inside an array; as far as the text
 * goes when a segment is missing.
 */
export function jsonPointerOffset(text: string, segments: readonly string[]): number {
  return jsonPointerOffsets(text)(segments);
}

/**
 * `jsonPointerOffset` for many pointers into one text: each object or array a pointer goes through
 * is scanned once and its members' places kept, so a thousand pointers cost about one pass over the
 * text, not a thousand (GitHub's description: two minutes to place its lint errors).
 */
export function jsonPointerOffsets(text: string): (segments: readonly string[]) => number {
  const scanner = new Scanner(text, true);
  scanner.skipWhitespace();
  const root = scanner.at;
  /** Offset of a container's value → its members (or elements, by index) and where each is. */
  const containers = new Map<number, Map<string, Member>>();
  return (segments) => {
    let found = root;
    let value = root;
    try {
      for (const segment of segments) {
        let members = containers.get(value);
        if (members === undefined) {
          members = scanner.members(value);
          containers.set(value, members);
        }
        const member = members.get(segment);
        if (member === undefined) break;
        found = member.at;
        value = member.value;
      }
    } catch (error) {
      if (!(error instanceof ScanError)) throw error;
    }
    return found;
  };
}

/** A member whose name an earlier member of the same object has. */
export interface DuplicateKey {
  key: string;
  /** 0-based offset of the repeated name's opening quote. */
  offset: number;
  /** Offset of the first member of that name. */
  first: number;
}

/**
 * Every repeated member name in valid JSON text, each object's names compared unescaped, in the
 * order of the text. `JSON.parse` keeps the last and drops the others without a word (an operation
 * lost to a second `get`), where the YAML parser refuses a duplicate key. One pass, jumping from
 * quote to quote: GitHub's 13 MB description in about half the time `JSON.parse` takes.
 */
export function duplicateJsonKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  /** Per open container, its names so far and where each first was; undefined for an array. */
  const open: (Map<string, number> | undefined)[] = [];
  for (let index = 0; index < text.length;) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const end = endOfValidString(text, index);
      let next = end;
      while (WHITESPACE.has(text.charCodeAt(next))) next += 1;
      const names = open.at(-1);
      if (names !== undefined && text.charCodeAt(next) === COLON) {
        const raw = text.slice(index + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(index, end)) as string) : raw;
        const first = names.get(key);
        if (first === undefined) names.set(key, index);
        else found.push({ key, offset: index, first });
        index = next + 1;
      } else index = end;
      continue;
    }
    if (code === OPEN_BRACE) open.push(new Map());
    else if (code === OPEN_BRACKET) open.push(undefined);
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) open.pop();
    index += 1;
  }
  return found;
}

/** What is wrong with a repeated name, for a message at its place: `lineColumnOf` places the first. */
export function duplicateKeyMessage(
  { key, first }: DuplicateKey,
  lineColumnOf: (offset: number) => { line?: number; column?: number },
): string {
  const { line, column } = lineColumnOf(first);
  return `duplicate key ${quote(key)} (the first at line ${line}, column ${column}): a JSON reader keeps only one of them; remove or rename the other`;
}

/** Just past the string opening at `start`, in valid JSON: the next quote no backslash escapes. */
function endOfValidString(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
  }
  return text.length;
}

/** A member's key (an element's value) offset, and its value's. */
interface Member {
  at: number;
  value: number;
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** What an unclosed `{` or `[` was, for the message about a text that ends inside it. */
interface Open {
  offset: number;
  kind: 'object' | 'array';
}

const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
/** A literal or a number, matched where the scanner is (sticky): no slice of a 13 MB text. */
const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Scanner {
  at = 0;
  private readonly open: Open[] = [];

  constructor(
    private readonly text: string,
    /**
     * The text is JSON (`JSON.parse` took it): values are skipped by counting brackets and jumping
     * from quote to quote, without checking them (GitHub's description: 60 ms a pointer, not 300).
     */
    private readonly valid = false,
  ) {}

  fail(what: string, offset = this.at): never {
    if (offset >= this.text.length && this.open.length > 0) {
      const { offset: start, kind } = this.open.at(-1)!;
      const { line, column } = lineColumn(this.text, start);
      throw new ScanError(
        this.text.length,
        `the text ends inside the ${kind} opened at line ${line}, column ${column}: is the file cut short?`,
      );
    }
    if (offset >= this.text.length) throw new ScanError(offset, `the text ends where ${what}`);
    throw new ScanError(offset, what);
  }

  skipWhitespace(): void {
    while (this.at < this.text.length && WHITESPACE.has(this.text.charCodeAt(this.at))) this.at += 1;
  }

  /**
   * The members of the object at `start` by name (the first of a repeated name), or the elements of
   * the array there by index; none for another value.
   */
  members(start: number): Map<string, Member> {
    const found = new Map<string, Member>();
    this.at = start;
    const first = this.text[this.at];
    if (first === '{') {
      this.at += 1;
      for (let member = 0; ; member += 1) {
        this.skipWhitespace();
        if (this.text[this.at] === '}') return found;
        if (member > 0) {
          this.expect(',', "',' or '}' after a member");
          this.skipWhitespace();
        }
        const keyAt = this.at;
        const key = this.readString();
        this.skipWhitespace();
        this.expect(':', "':' after a member's name");
        this.skipWhitespace();
        if (!found.has(key)) found.set(key, { at: keyAt, value: this.at });
        this.skipValue();
      }
    }
    if (first === '[') {
      this.at += 1;
      for (let element = 0; ; element += 1) {
        this.skipWhitespace();
        if (this.text[this.at] === ']') return found;
        if (element > 0) {
          this.expect(',', "',' or ']' after an element");
          this.skipWhitespace();
        }
        found.set(String(element), { at: this.at, value: this.at });
        this.skipValue();
      }
    }
    return found;
  }

  skipValue(): void {
    this.skipWhitespace();
    const start = this.at;
    const char = this.text[start];
    if (this.valid && (char === '{' || char === '[')) {
      this.at = this.endOfValidContainer(start);
      return;
    }
    if (char === '{' || char === '[') {
      const kind = char === '{' ? 'object' : 'array';
      const close = char === '{' ? '}' : ']';
      this.open.push({ offset: start, kind });
      this.at += 1;
      this.skipWhitespace();
      if (this.text[this.at] === close) {
        this.at += 1;
        this.open.pop();
        return;
      }
      for (;;) {
        if (kind === 'object') {
          this.skipWhitespace();
          this.readString();
          this.skipWhitespace();
          this.expect(':', "':' after a member's name");
        }
        this.skipValue();
        this.skipWhitespace();
        if (this.text[this.at] === close) {
          this.at += 1;
          this.open.pop();
          return;
        }
        this.expect(',', `',' or '${close}' after ${kind === 'object' ? 'a member' : 'an element'}`);
      }
    }
    if (char === '"') {
      this.readString();
      return;
    }
    LITERAL.lastIndex = start;
    const literal = LITERAL.exec(this.text);
    if (literal === null) {
      this.fail(char === undefined ? 'a value was expected' : `${JSON.stringify(char)} cannot start a value`);
    }
    this.at += literal[0].length;
  }

  private expect(char: string, what: string): void {
    if (this.text[this.at] !== char) {
      const found = this.text[this.at];
      this.fail(
        found === undefined ? `${what} was expected` : `expected ${what}, found ${JSON.stringify(found)}`,
      );
    }
    this.at += 1;
  }

  /** Just past the object or array opening at `start`, in valid JSON. */
  private endOfValidContainer(start: number): number {
    let depth = 0;
    for (let index = start; index < this.text.length; index += 1) {
      const code = this.text.charCodeAt(index);
      if (code === QUOTE) index = endOfValidString(this.text, index) - 1;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth += 1;
      else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) return index + 1;
    }
    return this.text.length;
  }

  /** The string here, unescaped; the scanner moves past it. */
  private readString(): string {
    const start = this.at;
    if (this.valid && this.text.charCodeAt(start) === QUOTE) {
      this.at = endOfValidString(this.text, start);
      const raw = this.text.slice(start, this.at);
      return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    }
    if (this.text.charCodeAt(start) !== QUOTE) {
      const found = this.text[start];
      this.fail(
        found === undefined
          ? 'a string was expected'
          : `expected a string in double quotes, found ${JSON.stringify(found)}`,
      );
    }
    let escaped = false;
    for (let index = start + 1; index < this.text.length; index += 1) {
      const code = this.text.charCodeAt(index);
      if (code === BACKSLASH) {
        escaped = true;
        index += 1;
      } else if (code === QUOTE) {
        this.at = index + 1;
        const raw = this.text.slice(start, index + 1);
        if (!escaped) return raw.slice(1, -1);
        try {
          return JSON.parse(raw) as string;
        } catch {
          this.fail('invalid escape in a string', start);
        }
      } else if (code < 0x20) {
        this.fail('a control character (a line break?) inside a string', index);
      }
    }
    this.at = this.text.length;
    return this.fail('a string was not closed', this.text.length);
  }
}
