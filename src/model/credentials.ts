/**
 * The factory options that take an API's credentials: how a security scheme's option is named,
 * which the pipeline and the change classifier must agree on (renaming one breaks construction
 * code), and which of them the factory requires.
 */
import { camelCase, isBindingName } from '../shared/names.js';
import { deref, isObject, type JsonObject } from '../shared/openapi.js';
import type { CredentialModel, OperationModel, SecuritySchemeInfo } from './types.js';

/**
 * The options of the runtime's `ClientOptions`: a credential named like one would be unreachable.
 * test/model/describe-api.test.ts holds this list to the runtime's.
 */
export const CLIENT_OPTION_NAMES: readonly string[] = [
  'baseUrl',
  'fetch',
  'headers',
  'middleware',
  'logger',
  'timeoutMs',
  'maxRetries',
  'retryDelayMs',
  'validate',
  'onContractViolation',
];

/**
 * Whether an option of this name would be found in every options object: an Object.prototype
 * member (`toString`, `valueOf`, `constructor`), which the client would read as the credential
 * when the application passes none.
 */
export function isInheritedName(name: string): boolean {
  return Object.hasOwn(Object.prototype, name);
}

/**
 * The name derived from the scheme itself: `token` for HTTP bearer, `accessToken` for OAuth 2 and
 * OpenID Connect (a bearer access token too), `basic` for HTTP basic, an API key's name camel-cased
 * without its `x-` (`x-workspace-id` gives `workspaceId`, `X-WorkSpace-Id` gives `workSpaceId`).
 */
function derivedCredentialName(scheme: JsonObject): string | undefined {
  if (scheme.type === 'http') {
    const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
    return httpScheme === 'bearer' ? 'token' : httpScheme === 'basic' ? 'basic' : undefined;
  }
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return 'accessToken';
  if (scheme.type === 'apiKey' && typeof scheme.name === 'string')
    return camelCase(scheme.name.replace(/^x-/i, ''));
  return undefined;
}

/** A scheme's factory option, and the name derived from the scheme when the option is another. */
export interface CredentialName {
  /** Undefined when nothing names the scheme's option (`describeApi` then rejects the scheme). */
  name: string | undefined;
  /** The name the scheme derives, when it does not get it (clashes, or is no usable name). */
  instead?: string;
}

/**
 * Each scheme's factory option, by scheme name, in the order given: its `x-credential-name`, else
 * the name derived from the scheme. Schemes whose derived names clash (two bearer schemes, OAuth 2
 * beside OpenID Connect), or that derive none usable (a reserved word, an option of the runtime's
 * own), are named after their scheme names instead (`BearerAuth` gives `bearerAuth`), numbered if
 * that is taken too. An `x-credential-name` is never changed: two that clash are the spec's
 * problem, which `describeApi` reports.
 *
 * Decided from the schemes alone: the change classifier names the options of two revisions with
 * this too, so an option renamed by a scheme added beside it is a breaking change it reports.
 */
export function nameCredentials(schemes: readonly [string, JsonObject][]): Map<string, CredentialName> {
  const names = new Map<string, CredentialName>();
  const explicit = new Set<string>();
  const derived = new Map<string, string | undefined>();
  for (const [schemeName, scheme] of schemes) {
    const override = scheme['x-credential-name'];
    if (override === undefined) derived.set(schemeName, derivedCredentialName(scheme));
    else {
      names.set(schemeName, { name: typeof override === 'string' ? override : undefined });
      if (typeof override === 'string') explicit.add(override);
    }
  }
  const counts = new Map<string, number>();
  for (const name of derived.values()) if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  const usable = (name: string | undefined): name is string =>
    name !== undefined &&
    isBindingName(name) &&
    !CLIENT_OPTION_NAMES.includes(name) &&
    !isInheritedName(name) &&
    !explicit.has(name);
  const taken = new Set([...explicit, ...CLIENT_OPTION_NAMES]);
  const fallbacks: string[] = [];
  // Derived names that clash with nothing first, so that a scheme named after itself never takes one.
  for (const [schemeName, name] of derived) {
    if (usable(name) && counts.get(name) === 1) {
      names.set(schemeName, { name });
      taken.add(name);
    } else fallbacks.push(schemeName);
  }
  for (const schemeName of fallbacks) {
    const base = camelCase(schemeName);
    let name = base;
    for (let suffix = 2; name !== undefined && taken.has(name); suffix += 1) name = `${base}${suffix}`;
    const found = usable(name) ? name : undefined;
    if (found !== undefined) taken.add(found);
    const instead = derived.get(schemeName);
    names.set(schemeName, instead === undefined ? { name: found } : { name: found, instead });
  }
  return new Map(schemes.map(([schemeName]) => [schemeName, names.get(schemeName)!]));
}

/**
 * One credential per scheme, required when the factory cannot be made without it: when every
 * operation that needs credentials (one that cannot be called anonymously) needs it in each of its
 * alternatives. The client's factory plans each operation's credentials when it is made (the
 * runtime's `planAuth`) and refuses only options with which none of those operations can be
 * called; an operation whose credentials were not given rejects when called. So Rebilly's
 * publishable key, which its token operation alone takes, is optional beside the secret key or
 * JWT every other one takes, and so are they; Diga's token, which its one operation needs, is not.
 */
export function collectCredentials(
  schemes: Record<string, SecuritySchemeInfo>,
  operations: OperationModel[],
): CredentialModel[] {
  // Operations that cannot be called anonymously.
  const authenticated = operations.filter(
    (operation) =>
      operation.security.length > 0 && operation.security.every((alternative) => alternative.length > 0),
  );
  return Object.entries(schemes).map(([scheme, info]) => ({
    name: info.credential,
    scheme,
    required:
      authenticated.length > 0 &&
      authenticated.every((operation) =>
        operation.security.every((alternative) => alternative.includes(scheme)),
      ),
  }));
}

/**
 * The factory option of each of a document's security schemes, by scheme name (see
 * `nameCredentials`), for the change classifier, which reads documents that need not be valid.
 */
export function documentCredentialNames(document: JsonObject): Map<string, string | undefined> {
  const raw = isObject(document.components) ? document.components.securitySchemes : undefined;
  const schemes: [string, JsonObject][] = Object.entries(isObject(raw) ? raw : {}).map(([name, value]) => [
    name,
    deref(document, value, '')?.value ?? {},
  ]);
  return new Map([...nameCredentials(schemes)].map(([name, { name: option }]) => [name, option]));
}
