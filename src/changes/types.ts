/**
 * The public shapes of the spec-change classifier: what it reads and what it reports.
 */

/**
 * How a change affects the people who call the generated client, which is what picks the semver bump:
 * `breaking` may require them to change code (major), `additive` gives them something new without
 * taking anything away (minor), `docs` changes no contract at all (patch).
 */
export type ChangeKind = 'breaking' | 'additive' | 'docs';

/** The order kinds are listed in, everywhere: reports, changelog sections, sorting. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['breaking', 'additive', 'docs'];

export interface SpecChange {
  kind: ChangeKind;
  /**
   * A readable place in the spec, always one of these forms (see `location.ts`):
   * `PATCH /org/{org_id}/agents/{agent_id} request.default_functions`, `... response 200.tools[].name`,
   * `... parameter path.agent_id`, `... security`, `... servers`, `servers`, `info`,
   * `components.securitySchemes.BearerAuth`; or, for a type the package exports, `type Agent`.
   */
  location: string;
  /** One sentence, no location; values appear as `code` so the changelog renders them verbatim. */
  message: string;
}

/** What the classifier needs to know about the package besides the two documents. */
export interface ClassifyOptions {
  /**
   * Names the package exports besides the spec's types (the runtime's exports, the client's
   * names). A type that would take one of them gets a numeric suffix instead, so comparing the
   * exported type names of two documents needs them. Default: none.
   */
  reservedTypeNames?: readonly string[];
}

/**
 * A bundled OpenAPI 3.1 document as parsed JSON: one object whose `$ref`s are all local
 * (`#/components/...`). Typed as any JSON object so the pipeline's parsed documents pass as they
 * are; `classifyChanges` checks `openapi` is 3.1.x and reads everything else defensively, reporting a
 * malformed part as a `SpecShapeError` naming the side and the place.
 */
export type OpenApiDocument = { readonly [key: string]: unknown };
