/**
 * Authentication from the API's security schemes.
 *
 * Applied by `send` to each attempt's final Request, right before fetch, rather than as an
 * openapi-fetch onRequest middleware: that skips openapi-fetch's middleware machinery (about 4%
 * of a stubbed call), and user onRequest hooks, which run before, never see a credential. Header
 * steps change the Request in place (a copy costs a Request), so onResponse and onError hooks,
 * which get the same Request, do.
 *
 * Which schemes a request carries is decided once, at construction: per operation, the first
 * security alternative whose credentials were all given (an empty alternative, "auth optional",
 * only when no other is satisfied), and every scheme of it is sent. An operation none of whose
 * alternatives is satisfied is a ConfigurationError then and there, not a 401 later.
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
import type { ApiDescription, SecuritySchemeInfo } from './api-description.js';
import { ConfigurationError } from './errors.js';
import { base64 } from './secrets.js';

/** Adds one credential to a request; returns a new Request when the URL has to change. */
export type AuthStep = (request: Request) => Request;

function authStep(scheme: SecuritySchemeInfo, value: string): AuthStep {
  const header =
    (name: string, content: string): AuthStep =>
    (request) => (request.headers.set(name, content), request);
  if (scheme.type === 'http') {
    // Basic takes the credential as `user:password`.
    return header('Authorization', scheme.scheme === 'bearer' ? `Bearer ${value}` : `Basic ${base64(value)}`);
  }
  // encodeURIComponent, not URLSearchParams: the redactor looks for exactly this encoding.
  const pair = `${scheme.name}=${encodeURIComponent(value)}`;
  if (scheme.in === 'header') return header(scheme.name, value);
  if (scheme.in === 'query') {
    return (request) => new Request(`${request.url}${request.url.includes('?') ? '&' : '?'}${pair}`, request);
  }
  // Browsers forbid setting Cookie from script: cookie schemes work on servers and edge runtimes.
  return (request) => {
    const cookie = request.headers.get('cookie');
    return header('cookie', cookie ? `${cookie}; ${pair}` : pair)(request);
  };
}

/** The steps each operation's requests get, by operation id. */
export function planAuth(
  api: ApiDescription,
  credentials: Readonly<Record<string, string>>,
): Record<string, AuthStep[]> {
  const plans: Record<string, AuthStep[]> = {};
  for (const op of Object.values(api.operations)) {
    // The pipeline's lint (security-defined) guarantees that every name has a scheme.
    const alternatives = op.security.map((names) => names.map((name) => api.securitySchemes[name]!));
    const usable = alternatives.filter((schemes) =>
      schemes.every((s) => Object.hasOwn(credentials, s.credential)),
    );
    const chosen = usable.find((schemes) => schemes.length) ?? usable[0];
    if (!chosen && alternatives.length) {
      const options = alternatives.map((schemes) => schemes.map((s) => `"${s.credential}"`).join(' and '));
      throw new ConfigurationError(
        `Missing credential: pass ${options.join(', or ')} (needed by ${op.operationId})`,
      );
    }
    plans[op.operationId] = (chosen ?? []).map((s) => authStep(s, credentials[s.credential]!));
  }
  return plans;
}
