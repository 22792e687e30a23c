/**
 * Compares what an operation requires to authenticate: its effective security requirements
 * (the operation's `security`, else the document's), with each scheme resolved to what is actually
 * sent. Schemes are compared by definition, not by name: renaming `BearerAuth` changes nothing on
 * the wire, while `BearerAuth` turning into an `X-API-Key` header changes everything.
 */
import { isCredentialHeader } from '../model/header-credentials.js';
import { report, type DiffContext } from './context.js';
import { canonicalJson, code, compareText, own, type JsonObject } from './json.js';
import { dereference } from './refs.js';
import { fail, getArray, getObject, getString, getStringArray, type Where } from './shape.js';
import type { OpenApiDocument } from './types.js';

/** One alternative of a security requirement list: schemes that must all be sent together. */
interface Alternative {
  /** Canonical, name-independent; '' for an empty requirement (anonymous access). */
  signature: string;
  /** For messages: `ApiKeyAuth (API key in header X-API-Key) + WorkspaceAuth (...)`. */
  label: string;
  schemeSignatures: Set<string>;
  schemes: Scheme[];
}

interface Scheme {
  /** What is sent, and the option it is taken from. */
  signature: string;
  /** What is sent, whatever the option is called. */
  wire: string;
  /** The client factory option that takes the credential, when the scheme has one. */
  option?: string;
  label: string;
}

const NO_AUTHENTICATION = 'no authentication';

/** An operation and its path item, on one side. */
export interface OperationSide {
  item: JsonObject;
  operation: JsonObject;
}

export function compareSecurity(
  ctx: DiffContext,
  sideWas: OperationSide,
  sideIs: OperationSide,
  operation: string,
): void {
  const location = `${operation} security`;
  const was = effectiveAlternatives(ctx, 'before', sideWas, location);
  const is = effectiveAlternatives(ctx, 'after', sideIs, location);
  const removed = was.filter((alternative) => !is.some((other) => other.signature === alternative.signature));
  const added = is.filter((alternative) => !was.some((other) => other.signature === alternative.signature));
  if (removed.length === 0 && added.length === 0) return;

  const addedLabels = added.map((alternative) => alternative.label).join(' or ');
  if (removed.length === 1 && removed[0]!.signature === '') {
    // Only the anonymous alternative gone: the others, already there, are what is required now.
    const required = added.length > 0 ? addedLabels : is.map((alternative) => alternative.label).join(' or ');
    report(ctx, 'securityRequirementAdded', 'input', location, `authentication now required: ${required}`);
    return;
  }
  if (removed.length === 1 && added.length === 1) {
    const renamed = renamedOptions(removed[0]!, added[0]!);
    const message = renamed ?? describeReplacement(removed[0]!, added[0]!);
    report(ctx, 'securityRequirementChanged', 'input', location, message);
    return;
  }
  for (const alternative of removed) {
    report(ctx, 'securityAlternativeRemoved', 'input', location, `alternative ${alternative.label} removed`);
  }
  for (const alternative of added) {
    report(ctx, 'securityAlternativeAdded', 'input', location, `alternative ${alternative.label} added`);
  }
}

/**
 * When the same credentials are sent the same way and only the options that take them are renamed
 * (an `x-credential-name`, or an API key header respelt: `x-workspace-id` -> `X-WorkSpace-Id` turns
 * `workspaceId` into `workSpaceId`), says which.
 */
function renamedOptions(was: Alternative, is: Alternative): string | undefined {
  const wires = (alternative: Alternative) =>
    alternative.schemes
      .map((scheme) => scheme.wire)
      .sort(compareText)
      .join(' + ');
  if (wires(was) !== wires(is)) return undefined;
  const renames = is.schemes.flatMap((scheme) => {
    const before = was.schemes.find((other) => other.wire === scheme.wire);
    if (before === undefined || before.option === scheme.option) return [];
    return [
      `client option of ${scheme.label} renamed from ${code(before.option ?? 'none')} to ${code(scheme.option ?? 'none')}`,
    ];
  });
  return renames.length === 0 ? undefined : renames.join('; ');
}

function describeReplacement(was: Alternative, is: Alternative): string {
  const gained = [...is.schemeSignatures].filter((signature) => !was.schemeSignatures.has(signature));
  const kept = [...was.schemeSignatures].every((signature) => is.schemeSignatures.has(signature));
  if (was.signature !== '' && kept && gained.length > 0) {
    return `a scheme added to the requirement: ${was.label} becomes ${is.label}`;
  }
  return `requirement ${was.label} replaced by ${is.label}`;
}

/**
 * The operation's alternatives; an absent or empty list means no authentication at all. A document
 * without security schemes may pass a key as a header parameter, which the client takes as a
 * credential (see `header-credentials.ts`): those are its alternatives then.
 */
function effectiveAlternatives(
  ctx: DiffContext,
  side: 'before' | 'after',
  { item, operation }: OperationSide,
  at: string,
): Alternative[] {
  const document = ctx[side];
  const where: Where = { side, at };
  const requirements = getArray(operation, 'security', where) ?? getArray(document, 'security', where) ?? [];
  if (requirements.length === 0) {
    const options = ctx.headerCredentials[side];
    const headers = credentialHeaders(document, item, operation, where).filter((header) =>
      options.has(header.name.toLowerCase()),
    );
    if (headers.length > 0) return headerAlternatives(headers, options);
    return [{ signature: '', label: NO_AUTHENTICATION, schemeSignatures: new Set(), schemes: [] }];
  }
  return requirements.map((requirement, index) => {
    if (requirement === null || typeof requirement !== 'object' || Array.isArray(requirement)) {
      fail(where, `security requirement ${index} must be an object of scheme names`);
    }
    return alternativeOf(
      Object.keys(requirement).map((name) =>
        describeScheme(document, name, requirement as JsonObject, ctx.credentialNames[side].get(name), where),
      ),
    );
  });
}

function alternativeOf(unsorted: Scheme[]): Alternative {
  const schemes = [...unsorted].sort((a, b) => compareText(a.signature, b.signature));
  return {
    signature: schemes.map((scheme) => scheme.signature).join(' + '),
    label: schemes.length === 0 ? NO_AUTHENTICATION : schemes.map((scheme) => scheme.label).join(' + '),
    schemeSignatures: new Set(schemes.map((scheme) => scheme.signature)),
    schemes,
  };
}

/** The credential header parameters of an operation (its own over its path item's), in the order declared. */
function credentialHeaders(
  document: OpenApiDocument,
  item: JsonObject,
  operation: JsonObject,
  where: Where,
): { name: string; required: boolean }[] {
  const byName = new Map<string, { name: string; required: boolean }>();
  for (const list of [getArray(item, 'parameters', where), getArray(operation, 'parameters', where)]) {
    for (const raw of list ?? []) {
      const parameter = dereference(document, raw, where, 'a parameter');
      if (
        parameter.in !== 'header' ||
        typeof parameter.name !== 'string' ||
        !isCredentialHeader(parameter.name)
      )
        continue;
      byName.set(parameter.name.toLowerCase(), {
        name: parameter.name,
        required: parameter.required === true,
      });
    }
  }
  return [...byName.values()];
}

/** As the model makes them: every key, or (when some are optional) the required ones alone. */
function headerAlternatives(
  headers: { name: string; required: boolean }[],
  options: Map<string, string>,
): Alternative[] {
  const scheme = ({ name }: { name: string }): Scheme => {
    const wire = `apiKey header ${name.toLowerCase()}`;
    const option = options.get(name.toLowerCase())!;
    return {
      signature: `${wire} option ${option}`,
      wire,
      option,
      label: `${code(name)} (header parameter taken as a credential)`,
    };
  };
  const all = alternativeOf(headers.map(scheme));
  const required = headers.filter((header) => header.required);
  return required.length === headers.length ? [all] : [all, alternativeOf(required.map(scheme))];
}

/**
 * A scheme as sent on the wire, and the client factory option that takes its credential (as the
 * generator names it, see `credentialName`): renaming that option breaks construction code.
 */
function describeScheme(
  document: OpenApiDocument,
  name: string,
  requirement: JsonObject,
  option: string | undefined,
  where: Where,
): Scheme {
  const schemes = getObject(getObject(document, 'components', where) ?? {}, 'securitySchemes', where) ?? {};
  if (own(schemes, name) === undefined) {
    fail(
      where,
      `the security requirement names scheme ${JSON.stringify(name)}, which components.securitySchemes does not define`,
    );
  }
  const schemeWhere = { ...where, at: `components.securitySchemes.${name}` };
  const scheme = dereference(document, own(schemes, name), schemeWhere, 'a security scheme');
  const type = getString(scheme, 'type', schemeWhere);
  const scopes = getStringArray(requirement, name, where) ?? [];
  let wire: string;
  let label: string;
  if (type === 'http') {
    const httpScheme = (getString(scheme, 'scheme', schemeWhere) ?? '').toLowerCase();
    wire = `http ${httpScheme}`;
    label = `HTTP ${httpScheme}`;
  } else if (type === 'apiKey') {
    const location = getString(scheme, 'in', schemeWhere);
    const parameter = getString(scheme, 'name', schemeWhere) ?? '';
    // Header names are case-insensitive; query and cookie names are not.
    wire = `apiKey ${location} ${location === 'header' ? parameter.toLowerCase() : parameter}`;
    label = `API key in ${location} ${parameter}`;
  } else if (type === 'oauth2' || type === 'openIdConnect' || type === 'mutualTLS') {
    wire = `${type} ${canonicalJson([scheme.flows, scheme.openIdConnectUrl])}`;
    label = type;
  } else {
    return fail(
      schemeWhere,
      `"type" must be one of http, apiKey, oauth2, openIdConnect, mutualTLS, got ${JSON.stringify(type)}`,
    );
  }
  if (scopes.length > 0) wire += ` scopes ${[...scopes].sort(compareText).join(',')}`;
  const scopeLabel = scopes.length > 0 ? `, scopes ${scopes.map((scope) => code(scope)).join(', ')}` : '';
  return {
    signature: option === undefined ? wire : `${wire} option ${option}`,
    wire,
    ...(option === undefined ? {} : { option }),
    label: `${code(name)} (${label}${scopeLabel})`,
  };
}
