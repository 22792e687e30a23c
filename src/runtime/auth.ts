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
import type { ApiDescription, OperationInfo, SecuritySchemeInfo } from './api-description.js';
import { ConfigurationError } from './errors.js';
import { base64 } from './secrets.js';

/** Adds one credential to a request; returns a new Request when the URL has to change. */
export type AuthStep = (request: Request) => Request;

function authStep(scheme: SecuritySchemeInfo, value: string): AuthStep {
  const { in: place, name } = scheme as { in?: string; name: string };
  // encodeURIComponent, not URLSearchParams: the redactor looks for exactly this encoding.
  const pair = `${name}=${encodeURIComponent(value)}`;
  // The header it goes in (query credentials are added to the URL below); Basic takes the
  // credential as `user:password`.
  const [header, content] =
    scheme.type == 'http'
      ? ['Authorization', scheme.scheme == 'bearer' ? `Bearer ${value}` : `Basic ${base64(value)}`]
      : place == 'header'
        ? [name, value]
        : ['cookie', pair];
  return (request) => {
    // `request.url` only when needed: undici serialises the URL on every read.
    if (place == 'query') {
      const { url } = request;
      return new Request(`${url}${url.includes('?') ? '&' : '?'}${pair}`, request);
    }
    const { headers } = request;
    // Browsers forbid setting Cookie from script: cookie schemes work on servers and edge runtimes.
    const cookie = place == 'cookie' && headers.get('cookie');
    headers.set(header, cookie ? `${cookie}; ${content}` : content);
    return request;
  };
}

/** The steps an operation's requests get, or a ConfigurationError naming the options it misses. */
export function planAuth(
  api: ApiDescription,
  op: OperationInfo,
  credentials: Readonly<Record<string, string>>,
): AuthStep[] {
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
  return (chosen ?? []).map((s) => authStep(s, credentials[s.credential]!));
}
