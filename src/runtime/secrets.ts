/**
 * Keeps credentials out of everything a person might print: error messages and fields, logs.
 *
 * The client never puts request headers into an error and logs URLs only through here, so this
 * is mostly the second line: a server that echoes the request ("invalid key sk-…") must not turn
 * its reply into a leak.
 */

export const REDACTED = '[REDACTED]';

/** Returns the value with every credential replaced: strings directly, anything else as JSON. */
export type Redact = <T>(value: T) => T;

/** Base64 of the UTF-8 bytes (btoa alone rejects characters above U+00FF). */
export function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

export function createRedactor(secrets: readonly string[]): Redact {
  // Each secret as it may appear: raw, URL-encoded (query, cookie), base64 (basic auth),
  // JSON-escaped; longest first so that no secret is left half-replaced by a shorter one.
  const forms = [
    ...new Set(secrets.flatMap((s) => [s, encodeURIComponent(s), base64(s), JSON.stringify(s).slice(1, -1)])),
  ].sort((a, b) => b.length - a.length);
  const scrub = (text: string): string => forms.reduce((out, form) => out.split(form).join(REDACTED), text);
  return <T>(value: T): T =>
    typeof value === 'string'
      ? (scrub(value) as T)
      : value === undefined
        ? value
        : JSON.parse(scrub(JSON.stringify(value)));
}
