/**
 * Keeps credentials out of everything a person might print: error messages and fields (response
 * header names included), the cause chain of every error the client throws, logs.
 *
 * The client never puts request headers into an error and logs URLs only through here, so this
 * is mostly the second line: a server that echoes the request ("invalid key sk-…") must not turn
 * its reply into a leak.
 */

export const REDACTED = '[REDACTED]';

/** Returns the value with every credential replaced, strings included, at any depth. */
export type Redact = <T>(value: T) => T;

/** `{}` or `Object.create(null)`, not an instance of some class. */
export const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return prototype == Object.prototype || prototype == null;
};

/** @param secrets each credential, and each as its scheme encodes it (basic: base64) */
export function createRedactor(secrets: readonly string[]): Redact {
  // Each secret as it may appear: raw, URL-encoded (query, cookie), form-encoded (a server that
  // parses the query and writes it back out: a space as `+`), JSON-escaped; longest first so that
  // no secret is left half-replaced by a shorter one. One pass: a secret found inside the
  // replacement (`E` in `[REDACTED]`) is not replaced again. Never matches without secrets.
  const pattern =
    secrets
      .flatMap((s) => [
        s,
        encodeURIComponent(s),
        new URLSearchParams({ s }).toString().slice(2),
        JSON.stringify(s).slice(1, -1),
      ])
      .sort((a, b) => b.length - a.length)
      .map((form) => form.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&'))
      .join('|') || '(?!)';
  const values = new RegExp(pattern, 'g');
  // Header names, which Headers lower-cases; `redacted` keeps a name a name (`[` is no name character).
  const names = new RegExp(pattern, 'gi');
  const hide = (text: unknown): string => String(text).replace(values, REDACTED);
  // What the current walk has been through: a cause may hold a cycle, JSON never does.
  let seen: Set<unknown>;
  // A walk over the value, not a search of its JSON text, where a credential that reads like JSON's
  // own syntax (`400`, `true`, `":"`) would be replaced inside numbers and punctuation and leave
  // text that no longer parses. Strings and keys are searched; a number or boolean that shows a
  // credential (a numeric id) is replaced whole.
  const walk = (value: any): any => {
    if (typeof value == 'string') return hide(value);
    if (!value || typeof value != 'object')
      return value == null || hide(value) == String(value) ? value : REDACTED;
    if (seen.has(value)) return;
    seen.add(value);
    // A server may echo a key as a header's name.
    if (value instanceof Headers)
      return new Headers(
        [...value].map(([name, text]): [string, string] => [name.replace(names, 'redacted'), hide(text)]),
      );
    // The cause chain of an error the client throws, which loggers walk: a copy with its name,
    // message, stack and code. The rest goes: undici's parser keeps the peer's raw bytes from the
    // fault on (`data`), which may begin inside a credential, where no redactor would see it.
    if (value instanceof Error) {
      const { name, message, stack, code, cause } = value as Error & { code?: unknown };
      return Object.assign(
        new Error(hide(message), cause === undefined ? undefined : { cause: walk(cause) }),
        { name: hide(name), stack: hide(stack) },
        code !== undefined && { code: walk(code) },
      );
    }
    if (Array.isArray(value)) return value.map(walk);
    // Parsed JSON. Other objects (sockets, bytes) appear only in causes, and are left out.
    return isPlainObject(value)
      ? Object.fromEntries(Object.entries(value).map(([key, item]) => [hide(key), walk(item)]))
      : undefined;
  };
  return (value) => ((seen = new Set()), walk(value));
}
