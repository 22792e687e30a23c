/**
 * The last line of defence for credentials: everything `npm run verify` prints goes through a
 * redactor of the credential values it read, so an upstream or Prism that echoes one (in an error
 * detail, a redirect's Location, a body) never shows it on the terminal or in `--json`.
 */
import type { CommandIo } from '../shared/command-io.js';

export const REDACTED = '<redacted>';

/**
 * Values shorter than this are left alone: they would match ordinary text in the report (a token
 * `t` would eat every `t`), and no real credential is that short.
 */
export const MIN_REDACTED_LENGTH = 6;

/**
 * The forms a credential takes on the way out: as given, URL-encoded (query, cookie), base64
 * (Basic), and escaped in a JSON string (`--json`).
 */
function forms(secret: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    Buffer.from(secret).toString('base64'),
  ];
}

export function redactor(secrets: Iterable<string>): (text: string) => string {
  const all = [...new Set([...secrets].flatMap(forms))]
    .filter((form) => form.length >= MIN_REDACTED_LENGTH)
    // Longest first, so a value is replaced whole before a part of it is.
    .sort((a, b) => b.length - a.length);
  if (all.length === 0) return (text) => text;
  return (text) => all.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** `io` with stdout and stderr passed through `redact`. */
export function redactingIo(io: CommandIo, redact: (text: string) => string): CommandIo {
  return {
    ...io,
    stdout: (text) => io.stdout(redact(text)),
    stderr: (text) => io.stderr(redact(text)),
  };
}
