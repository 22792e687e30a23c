/**
 * Keeps credentials out of everything a person might print: error messages and fields, logs.
 *
 * The client never puts request headers into an error and logs URLs only through here, so this
 * is mostly the second line: a server that echoes the request ("invalid key sk-…") must not turn
 * its reply into a leak.
 */

export const REDACTED = '[REDACTED]';

/** Returns the value with every credential replaced, strings included, at any depth. */
export type Redact = <T>(value: T) => T;

/** @param secrets each credential, and each as its scheme encodes it (basic: base64) */
export function createRedactor(secrets: readonly string[]): Redact {
  // Each secret as it may appear: raw, URL-encoded (query, cookie), form-encoded (a server that
  // parses the query and writes it back out: a space as `+`), JSON-escaped; longest first so that
  // no secret is left half-replaced by a shorter one.
  const forms = secrets
    .flatMap((s) => [
      s,
      encodeURIComponent(s),
      new URLSearchParams({ s }).toString().slice(2),
      JSON.stringify(s).slice(1, -1),
    ])
    .sort((a, b) => b.length - a.length);
  const hide = (text: string): string => forms.reduce((t, form) => t.split(form).join(REDACTED), text);
  // A walk over the value, not a search of its JSON text, where a credential that reads like JSON's
  // own syntax (`400`, `true`, `":"`) would be replaced inside numbers and punctuation and leave
  // text that no longer parses. Strings and keys are searched; a number or boolean that shows a
  // credential (a numeric id) is replaced whole.
  const walk = (value: any): any =>
    typeof value == 'string'
      ? hide(value)
      : Array.isArray(value)
        ? value.map(walk)
        : value && typeof value == 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, item]) => [hide(key), walk(item)]))
          : value == null || hide(String(value)) == String(value)
            ? value
            : REDACTED;
  return walk;
}
