/**
 * A string matching a schema's `pattern`, for the sample requests of specs whose identifiers are
 * patterns (Twilio's `^CA[0-9a-fA-F]{32}$`). Covers what such patterns are made of: literals and
 * escapes, `.`, classes (`[a-f0-9_-]`, `\d`, `\w`, `\s`), groups with alternatives (the first one
 * taken), and quantifiers (the least they allow). Whatever else (lookarounds, backreferences) gives
 * up; the result is checked against the pattern itself, so a string is only returned if it matches.
 */

/** What a class or escape stands for, as its first character. */
const ESCAPES: Record<string, string> = { d: '0', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' };

class Unsupported extends Error {}

/**
 * Reads `pattern` from `at`, writing the least string it allows, up to a `)` or `|` at this level;
 * with `once`, an atom its quantifier lets be left out (`*`, `?`, `{0,n}`) is written once.
 */
function sequence(pattern: string, at: number, once: boolean): [text: string, next: number] {
  let text = '';
  let i = at;
  while (i < pattern.length && pattern[i] !== ')' && pattern[i] !== '|') {
    let [atom, next] = single(pattern, i, once);
    // The least repetition the quantifier allows (lazy marks change nothing about that).
    const quantifier = /^(?:\{(\d+)(?:,\d*)?\}|[*+?])\??/.exec(pattern.slice(next));
    if (quantifier) {
      const least = quantifier[1] !== undefined ? Number(quantifier[1]) : quantifier[0][0] === '+' ? 1 : 0;
      const times = once ? Math.max(least, 1) : least;
      if (times > 1024) throw new Unsupported(); // a sample, not a stress test
      atom = atom.repeat(times);
      next += quantifier[0].length;
    }
    text += atom;
    i = next;
  }
  return [text, i];
}

/** One atom: a group, a class, an escape, an anchor or a literal. */
function single(pattern: string, i: number, once: boolean): [text: string, next: number] {
  const char = pattern[i]!;
  if (char === '^' || char === '$') return ['', i + 1];
  if (char === '.') return ['a', i + 1];
  if (char === '(') {
    if (pattern[i + 1] === '?' && pattern[i + 2] !== ':') throw new Unsupported();
    let [text, next] = sequence(pattern, pattern[i + 1] === '?' ? i + 3 : i + 1, once);
    // The other alternatives are read past, not used.
    while (pattern[next] === '|') next = sequence(pattern, next + 1, once)[1];
    if (pattern[next] !== ')') throw new Unsupported();
    return [text, next + 1];
  }
  if (char === '[') {
    const end = pattern.indexOf(']', i + 2);
    if (end < 0) throw new Unsupported();
    const body = pattern.slice(i + 1, end);
    // A negated class: a letter, else a digit; checked against the whole pattern at the end.
    if (body.startsWith('^')) return [/[a]/.test(body) ? '0' : 'a', end + 1];
    const first = body[0] === '\\' ? (ESCAPES[body[1]!] ?? body[1]!) : body[0]!;
    return [first, end + 1];
  }
  if (char === '\\') {
    const escaped = pattern[i + 1];
    if (escaped === undefined || /[1-9bBk]/.test(escaped)) throw new Unsupported();
    return [ESCAPES[escaped] ?? escaped, i + 2];
  }
  return [char, i + 1];
}

/** The least string `pattern` allows, at least `minLength` long when it can be, or undefined. */
export function stringMatching(pattern: string, minLength = 0): string | undefined {
  let matcher: RegExp;
  try {
    matcher = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  try {
    // The least string first; when it is too short, each optional atom once (`[a-z_]*` with a
    // `minLength` of 2: '' cannot be grown, 'a' can).
    for (const once of [false, true]) {
      let [text, next] = sequence(pattern, 0, once);
      if (next !== pattern.length && pattern[next] !== '|') return undefined;
      // A pattern that allows more (`[a-z]+`) may need to be longer than its least.
      while (text !== '' && text.length < minLength && matcher.test(text + text.slice(-1)))
        text += text.slice(-1);
      if (matcher.test(text) && text.length >= minLength) return text;
    }
    return undefined;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
