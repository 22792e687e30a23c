import { isObject, pointerSegment } from '../shared/openapi.js';
import type { Fail } from './types.js';

/**
 * A `security` list as alternatives of scheme names, each name checked against the declared schemes.
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
export function readSecurity(
  value: unknown,
  at: string,
  declared: Set<string>,
  fail: Fail,
): string[][] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    fail(at, '`security` must be a list of security requirements');
    return undefined;
  }
  const alternatives: string[][] = [];
  value.forEach((requirement, index) => {
    if (!isObject(requirement)) {
      fail(`${at}/${index}`, 'a security requirement must be a mapping of scheme names to scopes');
      return;
    }
    const names = Object.keys(requirement);
    for (const name of names) {
      if (!declared.has(name)) {
        fail(
          `${at}/${index}/${pointerSegment(name)}`,
          `security requirement names ${name}, which is not in components.securitySchemes` +
            (declared.size > 0 ? ` (defined: ${[...declared].join(', ')})` : ''),
        );
      }
    }
    alternatives.push(names);
  });
  return alternatives;
}
