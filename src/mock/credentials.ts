/**
 * Credentials for requests the commands send, from the spec's security schemes. Each credential is
 * read from an environment variable named after the API and the generated client's option
 * (`DIGA_TOKEN` for diga's `token`, `TRILLET_WORKSPACE_ID` for trillet's `workspaceId`), and an
 * operation uses the first security alternative whose variables are all set, as the client does
 * (`src/runtime/auth.ts`).
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import type { SecuritySchemeInfo } from '../model/types.js';
import { words } from '../shared/names.js';
import type { LoadedApi, ApiOperation } from './api.js';
import { UsageError } from '../shared/errors.js';

/** `DIGA_TOKEN` from `diga` and `token`; also used for path parameters (`DIGA_AGENT_ID`). */
export function envVarName(api: string, name: string): string {
  return [...words(api), ...words(name)].map((word) => word.toUpperCase()).join('_');
}

/** Where a credential goes in a request. */
export interface CredentialPlacement {
  headers: Record<string, string>;
  query: Record<string, string>;
}

export interface CredentialUse {
  scheme: string;
  info: SecuritySchemeInfo;
  envVar: string;
}

/** Adds one credential to `target` the way the scheme says. */
export function placeCredential(info: SecuritySchemeInfo, value: string, target: CredentialPlacement): void {
  if (info.type === 'http') {
    // Basic's variable holds `user:password`: what the client sends, base64-encoded.
    target.headers['authorization'] =
      info.scheme === 'bearer' ? `Bearer ${value}` : `Basic ${Buffer.from(value).toString('base64')}`;
  } else if (info.in === 'header') {
    target.headers[info.name.toLowerCase()] = value;
  } else if (info.in === 'query') {
    target.query[info.name] = value;
  } else {
    const pair = `${info.name}=${encodeURIComponent(value)}`;
    const cookie = target.headers['cookie'];
    target.headers['cookie'] = cookie ? `${cookie}; ${pair}` : pair;
  }
}

/** The security alternatives of an operation, each scheme with the variable that holds its credential. */
export function credentialAlternatives(api: LoadedApi, operation: ApiOperation): CredentialUse[][] {
  return operation.model.security.map((alternative) =>
    alternative.map((scheme) => {
      const info = api.model.securitySchemes[scheme];
      // describeApi has checked every named scheme exists.
      if (!info) throw new Error(`security scheme ${scheme} is not in the model`);
      return { scheme, info, envVar: envVarName(api.source.api, info.credential) };
    }),
  );
}

/**
 * The credentials the operation's requests carry: the first alternative whose variables are all
 * set, else an empty alternative (authentication optional), else a `UsageError` naming the
 * variables to set. `uses` lists the schemes whose credential came from the environment.
 */
export function credentialsFromEnv(
  api: LoadedApi,
  operation: ApiOperation,
  env: Readonly<Record<string, string | undefined>>,
  providedHeaders: ReadonlySet<string> = new Set(),
): { uses: CredentialUse[]; placement: CredentialPlacement } {
  const alternatives = credentialAlternatives(api, operation);
  const fromEnv = (use: CredentialUse) => (env[use.envVar] ?? '') !== '';
  // A header the request already carries (a --requests entry's `headers`) counts as given.
  const provided = (use: CredentialUse) => providedHeaders.has(credentialHeader(use.info) ?? '');
  const isSet = (use: CredentialUse) => fromEnv(use) || provided(use);
  const chosen =
    alternatives.find((alternative) => alternative.length > 0 && alternative.every(isSet)) ??
    alternatives.find((alternative) => alternative.length === 0) ??
    (alternatives.length === 0 ? [] : undefined);
  if (chosen === undefined) {
    const options = alternatives
      .map((alternative) => alternative.map((use) => `${use.envVar} (${use.scheme})`).join(' and '))
      .join(', or ');
    throw new UsageError(undefined, `${operation.model.operationId} needs credentials: set ${options}`);
  }
  const placement: CredentialPlacement = { headers: {}, query: {} };
  const uses = chosen.filter((use) => !provided(use));
  for (const use of uses) {
    const value = env[use.envVar]!;
    const problem = credentialProblem(use.info, value);
    // Named, never quoted: the value is a secret.
    if (problem !== undefined) throw new UsageError(use.envVar, problem);
    placeCredential(use.info, value, placement);
  }
  return { uses, placement };
}

/**
 * Why `value` cannot be sent as the scheme's credential, or `undefined`. A header carries only
 * Latin-1 without line breaks (fetch throws on anything else, quoting the value, and a line break
 * would start another header); a query or cookie credential is URL-encoded, so only blank is wrong.
 * Basic credentials travel base64-encoded, so they may hold any character too.
 */
export function credentialProblem(info: SecuritySchemeInfo, value: string): string | undefined {
  if (value.trim() === '') return 'is blank; set it to the credential';
  const header = credentialHeader(info);
  if (header === undefined || (info.type === 'http' && info.scheme === 'basic')) return undefined;
  return headerValueProblem(value);
}

/**
 * Why `value` cannot be an HTTP header value, or `undefined`; never quotes the value. The allowed
 * characters are RFC 9110's field-vchar, space and tab, as Node's http checks them when Prism
 * forwards the request (fetch alone would let other control characters through).
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.5
 */
export function headerValueProblem(value: string): string | undefined {
  return /[^\t\x20-\x7e\x80-\xff]/.test(value)
    ? 'cannot be sent in a header: it holds a line break, a control character or a character outside Latin-1'
    : undefined;
}

/** `header Authorization: Bearer <token> (BearerAuth)`, for people. */
export function describeScheme({ scheme, info }: CredentialUse): string {
  if (info.type === 'http') {
    return `header Authorization: ${info.scheme === 'bearer' ? 'Bearer' : 'Basic'} <${info.credential}> (${scheme})`;
  }
  return `${info.in} ${info.name}: <${info.credential}> (${scheme})`;
}

/** The header a scheme's credential travels in, lower-case; `undefined` for query and cookie schemes. */
export function credentialHeader(info: SecuritySchemeInfo): string | undefined {
  if (info.type === 'http') return 'authorization';
  return info.in === 'header' ? info.name.toLowerCase() : undefined;
}
