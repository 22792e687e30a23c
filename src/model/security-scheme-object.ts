import { isBindingName } from '../shared/names.js';
import { deref, isObject, optionalString, pointer, type JsonObject } from '../shared/openapi.js';
import { credentialName } from './credentials.js';
import type { Fail, SecuritySchemeInfo } from './types.js';

/**
 * Security schemes as the runtime attaches them, each with the name of the factory option that
 * holds its credential.
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
export function readSecuritySchemes(document: JsonObject, fail: Fail): Record<string, SecuritySchemeInfo> {
  const schemes: Record<string, SecuritySchemeInfo> = {};
  const raw = isObject(document.components) ? document.components.securitySchemes : undefined;
  if (!isObject(raw)) return schemes;
  const credentialOwner = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    const at = pointer('components', 'securitySchemes', name);
    const scheme = deref(document, value, at)?.value;
    if (scheme === undefined) {
      fail(at, `security scheme ${name} cannot be resolved`);
      continue;
    }
    const description = optionalString(scheme.description);
    let info: SecuritySchemeInfo | undefined;
    if (scheme.type === 'http') {
      const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
      if (httpScheme !== 'bearer' && httpScheme !== 'basic') {
        fail(
          `${at}/scheme`,
          `http scheme ${JSON.stringify(scheme.scheme)} is not supported (bearer or basic)`,
        );
        continue;
      }
      info = { type: 'http', scheme: httpScheme, credential: '' };
    } else if (scheme.type === 'apiKey') {
      if (scheme.in !== 'header' && scheme.in !== 'query' && scheme.in !== 'cookie') {
        fail(`${at}/in`, 'an apiKey scheme must say `in: header`, `query` or `cookie`');
        continue;
      }
      if (typeof scheme.name !== 'string' || scheme.name === '') {
        fail(at, 'an apiKey scheme needs the `name` of its header, query parameter or cookie');
        continue;
      }
      info = { type: 'apiKey', in: scheme.in, name: scheme.name, credential: '' };
    } else {
      fail(
        `${at}/type`,
        `security scheme type ${JSON.stringify(scheme.type)} is not supported: the runtime attaches http bearer/basic and apiKey credentials`,
      );
      continue;
    }
    const override = scheme['x-credential-name'];
    if (override !== undefined && (typeof override !== 'string' || !isBindingName(override))) {
      fail(
        `${at}/x-credential-name`,
        `x-credential-name must be a JavaScript identifier, got ${JSON.stringify(override)}`,
      );
      continue;
    }
    const credential = credentialName(scheme);
    if (credential === undefined || !isBindingName(credential)) {
      fail(at, `cannot derive a credential name for ${name}; set x-credential-name`);
      continue;
    }
    info.credential = credential;
    const owner = credentialOwner.get(info.credential);
    if (owner !== undefined) {
      fail(
        at,
        `security schemes ${owner} and ${name} both take the credential \`${info.credential}\`; give one an x-credential-name`,
      );
      continue;
    }
    credentialOwner.set(info.credential, name);
    if (description !== undefined) info.description = description;
    schemes[name] = info;
  }
  return schemes;
}
