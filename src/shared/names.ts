/**
 * Identifier rules: how spec names (schema names, operationIds, header names) become TypeScript
 * names. Pure functions, so every stage, the change classifier and the mock derive the same name.
 */

// `\p{ID_Start}`/`\p{ID_Continue}` are what ECMAScript allows in identifiers; `$` and `_` are extra.
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try ' +
    'typeof var void while with implements interface let package private protected public static yield ' +
    'await'
  ).split(' '),
);

/** Whether `name` can be written bare as a property or binding name. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Whether `name` can name a declaration (an identifier that is not a reserved word). */
export function isBindingName(name: string): boolean {
  return isIdentifier(name) && !RESERVED_WORDS.has(name);
}

/** `name` as a property key: bare when it is an identifier, else a quoted string. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : JSON.stringify(name);
}

/**
 * JSON data as a JavaScript expression: its JSON text, but a key `__proto__` written computed
 * (`["__proto__"]: …`), which in an object literal would set the object's prototype instead.
 */
export function jsonExpression(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonExpression).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return `{${entries.map(([key, item]) => `${literalKey(key)}:${jsonExpression(item)}`).join(',')}}`;
}

/** A key of an object literal, quoted; `__proto__` computed, as a literal would take it for the prototype. */
export function literalKey(key: string): string {
  return key === '__proto__' ? '["__proto__"]' : JSON.stringify(key);
}

/**
 * Splits a name into words at separators and at lower-to-upper case changes, keeping acronyms
 * whole: `X-API-Key` → `X`,`API`,`Key`; `simple-user` → `simple`,`user`; `getHTTPServer` →
 * `get`,`HTTP`,`Server`.
 */
export function words(name: string): string[] {
  const out: string[] = [];
  for (const chunk of name.split(/[^\p{L}\p{N}]+/u)) {
    if (chunk === '') continue;
    out.push(...(chunk.match(/\p{Lu}+(?![\p{Ll}])|\p{Lu}?[\p{Ll}\p{N}]+|\p{Lu}|[\p{L}\p{N}]+/gu) ?? [chunk]));
  }
  return out;
}

/**
 * PascalCase type name: each word's first letter upper-cased, the rest kept (so a name that is
 * already PascalCase, `VadConfig` or `HTTPServer`, is unchanged). Returns `undefined` when no
 * identifier can be made (no letters or digits at all); a leading digit gets a `_` prefix.
 */
export function pascalCase(name: string): string | undefined {
  const joined = words(name)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  if (joined === '') return undefined;
  return /^\p{N}/u.test(joined) ? `_${joined}` : joined;
}

/**
 * camelCase option name: the first word lower-cased whole (`API` → `api`), later words with a
 * capital first letter and the rest lower-cased (`ID` → `Id`), as people write option names.
 */
export function camelCase(name: string): string | undefined {
  const parts = words(name);
  if (parts.length === 0) return undefined;
  const joined = parts
    .map((word, index) =>
      index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(),
    )
    .join('');
  return /^\p{N}/u.test(joined) ? undefined : joined;
}

/** Text safe inside a `/** … *\/` comment: a literal `*\/` would end the comment early. */
export function jsDocText(text: string): string {
  return text.replace(/\*\//g, '*\\/').trimEnd();
}

/** A JSDoc block (indented by `indent`) for `lines`, or '' when there is nothing to say. */
export function jsDocBlock(text: string | undefined, indent = ''): string {
  if (text === undefined || text.trim() === '') return '';
  const lines = jsDocText(text).split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} *${line === '' ? '' : ` ${line}`}`).join('\n')}\n${indent} */\n`;
}
