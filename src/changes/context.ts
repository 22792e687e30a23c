/**
 * The state of one comparison, created once by `classifyChanges` and passed to every stage.
 */
import { documentCredentialNames } from '../model/credentials.js';
import { credentialHeaderOptions } from '../model/header-credentials.js';
import { methodNames } from '../model/paths-object.js';
import { kindOf, type Direction, type RuleId } from './rules.js';
import type { ClassifyOptions, OpenApiDocument, SpecChange } from './types.js';

export interface DiffContext {
  readonly before: OpenApiDocument;
  readonly after: OpenApiDocument;
  /** Collected in any order; `classifyChanges` sorts and de-duplicates them at the end. */
  readonly changes: SpecChange[];
  /**
   * The pairs of `$ref` chains being compared right now, from the outermost schema inwards.
   * Meeting a pair again means the schemas are recursive (a tree node holding its children), and
   * everything inside has already been, or is being, compared one level up.
   */
  readonly activeRefPairs: Set<string>;
  /** See `ClassifyOptions`. */
  readonly reservedTypeNames: readonly string[];
  /** Each side's client method names, by `<method> <path>` (see `methodNames`). */
  readonly methodNames: { readonly before: Map<string, string>; readonly after: Map<string, string> };
  /** Each side's client option of each security scheme, by scheme name (see `documentCredentialNames`). */
  readonly credentialNames: {
    readonly before: Map<string, string | undefined>;
    readonly after: Map<string, string | undefined>;
  };
  /**
   * In a document without security schemes, each side's client option of each credential header
   * parameter, by header name in lower case (see `credentialHeaderOptions`).
   */
  readonly headerCredentials: { readonly before: Map<string, string>; readonly after: Map<string, string> };
}

export function createContext(
  before: OpenApiDocument,
  after: OpenApiDocument,
  options: ClassifyOptions = {},
): DiffContext {
  return {
    before,
    after,
    changes: [],
    activeRefPairs: new Set(),
    reservedTypeNames: options.reservedTypeNames ?? [],
    methodNames: { before: methodNames(before), after: methodNames(after) },
    credentialNames: { before: documentCredentialNames(before), after: documentCredentialNames(after) },
    headerCredentials: { before: credentialHeaderOptions(before), after: credentialHeaderOptions(after) },
  };
}

/**
 * Records a change. `direction` only matters for rules whose kind depends on it (see `RULES`);
 * rules such as `operationRemoved` give the same kind either way, and pass `'input'`.
 */
export function report(
  ctx: DiffContext,
  rule: RuleId,
  direction: Direction,
  location: string,
  message: string,
): void {
  ctx.changes.push({ kind: kindOf(rule, direction), location, message });
}
