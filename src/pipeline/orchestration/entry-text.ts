/**
 * A document's text as its cache entry holds it (`document-cache.ts`): in ASCII, each character
 * beyond it written as a JSON escape (`\u00e9`), and where those escapes are, so that the text
 * `openapiJsonText` made, and its UTF-8, the package's `openapi.json`, are had again exactly.
 *
 * Read in ASCII, the text is one byte per character in V8 too: GitHub's 13 MB description, with
 * a few dozen characters beyond ASCII, was a two-byte string of 26 MB, whose decoding and parse
 * took a fifth of a second more than its ASCII's; and encoded as ASCII, not as UTF-8, by `import`
 * (a tenth of a second less). JSON reads an escape as the character it stands for, so the parse is
 * the same document.
 */

/** Characters beyond ASCII: each UTF-16 unit of them escaped (a pair of surrogates as two escapes). */
const BEYOND_ASCII = /[^\x00-\x7f]/g;
const ESCAPE_LENGTH = 6;

export interface EntryText {
  /** The text in ASCII (`latin1` is then its bytes). */
  ascii: Buffer;
  /** Where each escape this made starts in `ascii`, in order. */
  escapes: number[];
}

/** `text` (`openapiJsonText`'s) in ASCII, and where its escapes are. */
export function entryText(text: string): EntryText {
  const escapes: number[] = [];
  const ascii = text.replace(BEYOND_ASCII, (character, offset: number) => {
    // Each escape before this one made the text 5 characters longer.
    escapes.push(offset + escapes.length * (ESCAPE_LENGTH - 1));
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return { ascii: Buffer.from(ascii, 'latin1'), escapes };
}

/**
 * The text `entryText` was made from, and its UTF-8, from `ascii` (the entry's bytes, each one
 * ASCII) and `escapes`; undefined when an escape is not where it is said to be. The text is joined
 * from `asciiText`'s pieces, not copied whole: a string not read (the package's file is written
 * from `utf8`) costs nothing more.
 */
export function textOfEntry(
  ascii: Buffer,
  asciiText: string,
  escapes: readonly number[],
): { text: string; utf8: Buffer } | undefined {
  if (escapes.length === 0) return { text: asciiText, utf8: ascii };
  let text = '';
  const parts: Buffer[] = [];
  let from = 0;
  for (let index = 0; index < escapes.length;) {
    // A run of escapes one after the other: a pair of surrogates is two of them, encoded together.
    let end = index + 1;
    while (end < escapes.length && escapes[end] === escapes[end - 1]! + ESCAPE_LENGTH) end += 1;
    const start = escapes[index]!;
    if (start < from) return undefined;
    let characters = '';
    for (let at = start; at < escapes[end - 1]! + ESCAPE_LENGTH; at += ESCAPE_LENGTH) {
      const escape = asciiText.slice(at, at + ESCAPE_LENGTH);
      if (!/^\\u[0-9a-f]{4}$/.test(escape)) return undefined;
      const unit = Number.parseInt(escape.slice(2), 16);
      if (unit < 0x80) return undefined;
      characters += String.fromCharCode(unit);
    }
    text += asciiText.slice(from, start) + characters;
    parts.push(ascii.subarray(from, start), Buffer.from(characters, 'utf8'));
    from = escapes[end - 1]! + ESCAPE_LENGTH;
    index = end;
  }
  text += asciiText.slice(from);
  parts.push(ascii.subarray(from));
  return { text, utf8: Buffer.concat(parts) };
}
