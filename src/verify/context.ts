/**
 * The options of `npm run verify` with their documented defaults (parsed in src/cli/commands/verify.ts).
 */
import { envVarName } from '../mock/credentials.js';
import { PROJECT_ROOT } from '../mock/spec-source.js';
import { UsageError } from '../shared/errors.js';

export interface VerifyContext {
  api: string;
  /** The vendor's base URL, base path included (`https://v2-nova-api.prod.czmx.in/api`). */
  upstream: URL;
  /** Port of the Prism proxy; 0 picks a free one. @default 0 */
  port: number;
  /** A JSON file of requests (absolute); absent: the spec's examples and smallest requests. */
  requestsFile?: string;
  /** Print the report as JSON instead of text. @default false */
  json: boolean;
  /** How long one request through Prism may take, upstream included. @default 30_000 */
  requestTimeoutMs: number;
  /** How long the upstream may take to accept a connection before anything is sent. @default 5_000 */
  connectTimeoutMs: number;
  /** Where `specs/` and `generated/` are. @default the project root */
  root: string;
}

export const DEFAULT_VERIFY_CONTEXT: Omit<VerifyContext, 'api' | 'upstream'> = {
  port: 0,
  json: false,
  requestTimeoutMs: 30_000,
  connectTimeoutMs: 5_000,
  root: PROJECT_ROOT,
};

/**
 * The `--upstream` value as a base URL; refused with the reason when it is not an http(s) URL, or
 * carries credentials, a query or a fragment.
 */
export function parseUpstream(value: string, api: string): URL {
  const shown = JSON.stringify(withoutUserinfo(value));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError('--upstream', `${shown} is not a URL (expected e.g. https://api.diga.io)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--upstream', `${shown} is not an http or https URL`);
  }
  // Prism would drop them, and the header, the report and errors would print the password.
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(
      '--upstream',
      `${shown} carries a user name or password, which verify does not send; remove it ` +
        `and give credentials in ${envVarName(api, '')}_<OPTION> variables, named after the client's options`,
    );
  }
  if (url.search || url.hash) {
    throw new UsageError('--upstream', `${shown} has a query or fragment; give the base URL only`);
  }
  return url;
}

/** The URL as printed in errors: `http://…@host/`, so a password in it is never echoed. */
function withoutUserinfo(value: string): string {
  return value.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/?#]*@/i, '$1…@');
}
