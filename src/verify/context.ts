/**
 * The options of `npm run verify`, resolved once from the command line with documented defaults.
 */
import { isAbsolute, resolve } from 'node:path';
import { InputError, parseCommandLine, parsePort } from '../mock/cli.js';
import { envVarName } from '../mock/credentials.js';
import { PROJECT_ROOT } from '../mock/spec-source.js';

export const VERIFY_USAGE =
  'usage: npm run verify -- <api> --upstream <url> [--port N] [--requests <file.json>] [--json]';
export const VERIFY_ABOUT =
  'Checks a real API against its spec: sends requests through Prism as a validating proxy to --upstream and reports every request or response that breaks the spec.';

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
 * @param cwd where a relative `--requests` path starts: npm runs scripts in the project root, so
 * the command passes `INIT_CWD`, the directory the person ran `npm run` in.
 */
export function resolveVerifyContext(
  argv: string[],
  cwd: string,
  defaults = DEFAULT_VERIFY_CONTEXT,
): VerifyContext {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      upstream: { type: 'string' },
      port: { type: 'string' },
      requests: { type: 'string' },
      json: { type: 'boolean' },
    },
    VERIFY_USAGE,
    VERIFY_ABOUT,
  );
  const [api, ...extra] = positionals;
  if (api === undefined) throw new InputError(`which API? Give its name\n${VERIFY_USAGE}`);
  if (extra.length > 0)
    throw new InputError(`unexpected argument ${JSON.stringify(extra[0])}\n${VERIFY_USAGE}`);
  if (values.upstream === undefined) {
    throw new InputError(`--upstream is required: the base URL of the API to check\n${VERIFY_USAGE}`);
  }
  return {
    ...defaults,
    api,
    upstream: parseUpstream(values.upstream, api),
    port: parsePort(values.port) ?? defaults.port,
    json: values.json ?? defaults.json,
    ...(values.requests === undefined
      ? {}
      : { requestsFile: isAbsolute(values.requests) ? values.requests : resolve(cwd, values.requests) }),
  };
}

function parseUpstream(value: string, api: string): URL {
  const shown = JSON.stringify(withoutUserinfo(value));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`--upstream: ${shown} is not a URL (expected e.g. https://api.diga.io)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`--upstream: ${shown} is not an http or https URL`);
  }
  // Prism would drop them, and the header, the report and errors would print the password.
  if (url.username !== '' || url.password !== '') {
    throw new InputError(
      `--upstream: ${shown} carries a user name or password, which verify does not send; remove it ` +
        `and give credentials in ${envVarName(api, '')}_<OPTION> variables, named after the client's options`,
    );
  }
  if (url.search || url.hash) {
    throw new InputError(`--upstream: ${shown} has a query or fragment; give the base URL only`);
  }
  return url;
}

/** The URL as printed in errors: `http://…@host/`, so a password in it is never echoed. */
function withoutUserinfo(value: string): string {
  return value.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/?#]*@/i, '$1…@');
}
