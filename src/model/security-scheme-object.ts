import { isBindingName } from '../shared/names.js';
import { deref, isObject, optionalString, pointer, type JsonObject } from '../shared/openapi.js';
import { isInheritedName, nameCredentials } from './credentials.js';
import type { ModelWarning } from './operation-names.js';
import { overlayAction } from './overlay-fix.js';
import type { Fail, SecuritySchemeInfo } from './types.js';

/**
 * Security schemes as the runtime attaches them, each with the name of the factory option that
 * holds its credential (see `nameCredentials`). OAuth 2 and OpenID Connect schemes are what the
 * client sends for them: an access token as `Authorization: Bearer`, which the application gets
 * from the provider (flows, scopes and discovery are the provider's SDK's business).
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
export function readSecuritySchemes(
  document: JsonObject,
  fail: Fail,
): { schemes: Record<string, SecuritySchemeInfo>; warnings: ModelWarning[] } {
  // No prototype: a scheme named `__proto__` is a key like any other, `constructor` none inherited.
  const schemes: Record<string, SecuritySchemeInfo> = Object.create(null);
  const warnings: ModelWarning[] = [];
  const raw = isObject(document.components) ? document.components.securitySchemes : undefined;
  if (!isObject(raw)) return { schemes, warnings };
  const resolved: [string, JsonObject][] = [];
  for (const [name, value] of Object.entries(raw)) {
    const scheme = deref(document, value, pointer('components', 'securitySchemes', name))?.value;
    if (scheme === undefined)
      fail(pointer('components', 'securitySchemes', name), `security scheme ${name} cannot be resolved`);
    else resolved.push([name, scheme]);
  }
  const names = nameCredentials(resolved);
  const credentialOwner = new Map<string, string>();
  for (const [name, scheme] of resolved) {
    const at = pointer('components', 'securitySchemes', name);
    const info = readScheme(scheme, at, fail);
    if (info === undefined) continue;
    const override = scheme['x-credential-name'];
    if (override !== undefined && (typeof override !== 'string' || !isBindingName(override))) {
      fail(
        `${at}/x-credential-name`,
        `x-credential-name must be a JavaScript identifier, got ${JSON.stringify(override)}`,
      );
      continue;
    }
    if (typeof override === 'string' && isInheritedName(override)) {
      fail(
        `${at}/x-credential-name`,
        `x-credential-name ${override} is a member of every object: the client would read it as the credential when none is given`,
      );
      continue;
    }
    const { name: credential, instead } = names.get(name)!;
    if (credential === undefined) {
      fail(
        at,
        `cannot derive a credential name for ${name}; set x-credential-name, in the spec or in the API's overlay:\n` +
          overlayAction(`$.components.securitySchemes['${name}']`, { 'x-credential-name': 'apiKey' }),
      );
      continue;
    }
    info.credential = credential;
    const owner = credentialOwner.get(info.credential);
    if (owner !== undefined) {
      fail(
        at,
        `security schemes ${owner} and ${name} both take the credential \`${info.credential}\`; give one another x-credential-name`,
      );
      continue;
    }
    credentialOwner.set(info.credential, name);
    if (instead !== undefined)
      warnings.push({
        at,
        message: `the option of security scheme ${name} is \`${credential}\`, named after the scheme: \`${instead}\` is another scheme's too, or no usable option name`,
      });
    const description = optionalString(scheme.description);
    if (description !== undefined) info.description = description;
    schemes[name] = info;
  }
  return { schemes, warnings };
}

/** What the runtime attaches for one scheme, its credential still to be named; undefined (reported) if it cannot. */
function readScheme(scheme: JsonObject, at: string, fail: Fail): SecuritySchemeInfo | undefined {
  if (scheme.type === 'http') {
    const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
    if (httpScheme === 'bearer' || httpScheme === 'basic')
      return { type: 'http', scheme: httpScheme, credential: '' };
    fail(`${at}/scheme`, `http scheme ${JSON.stringify(scheme.scheme)} is not supported (bearer or basic)`);
    return undefined;
  }
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect')
    return { type: 'http', scheme: 'bearer', origin: scheme.type, credential: '' };
  if (scheme.type === 'apiKey') {
    if (scheme.in !== 'header' && scheme.in !== 'query' && scheme.in !== 'cookie') {
      fail(`${at}/in`, 'an apiKey scheme must say `in: header`, `query` or `cookie`');
      return undefined;
    }
    if (typeof scheme.name !== 'string' || scheme.name === '') {
      fail(at, 'an apiKey scheme needs the `name` of its header, query parameter or cookie');
      return undefined;
    }
    return { type: 'apiKey', in: scheme.in, name: scheme.name, credential: '' };
  }
  fail(
    `${at}/type`,
    `security scheme type ${JSON.stringify(scheme.type)} is not supported: the runtime attaches http bearer/basic, apiKey, and OAuth 2 or OpenID Connect access tokens`,
  );
  return undefined;
}
