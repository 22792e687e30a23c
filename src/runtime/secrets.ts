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
  // Each secret as it may appear: raw, URL-encoded (query, cookie), JSON-escaped; longest first
  // so that no secret is left half-replaced by a shorter one.
  const forms = secrets
    .flatMap((s) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)])
    .sort((a, b) => b.length - a.length);
  // Everything goes through its JSON text, strings too: one path that reaches every nested string,
  // and a secret that needs escaping is found in its escaped form. Falsy values hide nothing (and
  // JSON.stringify(undefined) is no text).
  return (value) =>
    value && JSON.parse(forms.reduce((text, form) => text.split(form).join(REDACTED), JSON.stringify(value)));
}
