/**
 * The one form every `SpecChange.location` takes. It mirrors how people read the spec and how
 * `x-doc-discrepancies[].field` names places (`request.llmModel`):
 *
 *   PATCH /org/{org_id}/agents/{agent_id}                       the operation
 *   PATCH /org/{org_id}/agents/{agent_id} request.tools[].name  a request body field ([] = items)
 *   PATCH /org/{org_id}/agents/{agent_id} request.variables.*   values of a map (additionalProperties)
 *   PATCH /org/{org_id}/agents/{agent_id} response 200.id       a response field
 *   PATCH /org/{org_id}/agents/{agent_id} response 200 header X-Request-Id
 *   PATCH /org/{org_id}/agents/{agent_id} parameter path.agent_id
 *   PATCH /org/{org_id}/agents/{agent_id} security | servers | responses | x-doc-discrepancies
 *   servers, info, tags, components.securitySchemes.BearerAuth  document-level places
 *   type UpdateAgentResponse                                    a type the package exports
 */

export function operationLocation(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** A media type other than JSON is named, so two bodies of one operation stay apart. */
export function bodyLocation(owner: string, mediaType: string): string {
  return mediaType === 'application/json' ? owner : `${owner}[${mediaType}]`;
}

const PLAIN_NAME = /^[A-Za-z_$][\w$-]*$/;

export function propertyLocation(parent: string, name: string): string {
  return PLAIN_NAME.test(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
}

export function itemsLocation(parent: string): string {
  return `${parent}[]`;
}

export function mapValuesLocation(parent: string): string {
  return `${parent}.*`;
}
