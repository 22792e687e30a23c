/**
 * The factory options that take an API's credentials: how a security scheme's option is named,
 * which the pipeline and the change classifier must agree on (renaming one breaks construction
 * code), and which of them the factory requires.
 */
import { camelCase } from '../shared/names.js';
import type { JsonObject } from '../shared/openapi.js';
import type { CredentialModel, OperationModel, SecuritySchemeInfo } from './types.js';

/**
 * The factory option that takes a security scheme's credential, as the package names it: the
 * scheme's `x-credential-name`, else the name derived from the scheme. Undefined when there is
 * none (`describeApi` then rejects the scheme). The change classifier compares it too.
 */
export function credentialName(scheme: JsonObject): string | undefined {
  const override = scheme['x-credential-name'];
  if (override !== undefined) return typeof override === 'string' ? override : undefined;
  return derivedCredentialName(scheme);
}

/**
 * `token` for HTTP bearer, `basic` for HTTP basic, an API key's name camel-cased without its `x-`
 * (`x-workspace-id` gives `workspaceId`, `X-WorkSpace-Id` gives `workSpaceId`).
 */
function derivedCredentialName(scheme: JsonObject): string | undefined {
  if (scheme.type === 'http') {
    const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
    return httpScheme === 'bearer' ? 'token' : httpScheme === 'basic' ? 'basic' : undefined;
  }
  if (scheme.type === 'apiKey' && typeof scheme.name === 'string')
    return camelCase(scheme.name.replace(/^x-/i, ''));
  return undefined;
}

/** One credential per scheme, required when every authenticated operation needs it. */
export function collectCredentials(
  schemes: Record<string, SecuritySchemeInfo>,
  operations: OperationModel[],
): CredentialModel[] {
  // Required: every operation that cannot be called anonymously needs it in each of its alternatives.
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
