// @ts-check
/**
 * `request-body-closed`: every object schema a request body reaches states whether undocumented
 * keys are allowed, so a mock server rejects a misspelt field instead of accepting it silently.
 *
 * Closed means `additionalProperties: false`, or `unevaluatedProperties: false` on the schema, on a
 * `$ref` that points at it, or on a composition (`allOf`/`anyOf`/`oneOf`, `if`/`then`/`else`) that
 * contains it: shapes shared with responses are authored open and closed at the request's
 * reference site. `additionalProperties: true` (or a schema) is an explicit choice and accepted.
 * Whatever a schema states covers the subschemas that describe the same instance, so a conditional
 * such as `if: { properties: { ai_provider: { const: byom } } }` needs no statement of its own.
 * Responses are not checked: they stay open so a vendor adding a field breaks no consumer.
 *
 * It also reports `additionalProperties: false` that rejects properties declared elsewhere for the
 * same instance (by an `allOf` sibling, a branch, or the target of a `$ref` it sits next to):
 * `additionalProperties` only sees the properties written beside it, so such a body never validates.
 */
import {
  followRef,
  isPlainObject,
  isRef,
  mediaTypeSchemas,
  nestedSubschemas,
  sameInstanceSubschemas,
} from '../schemas.js';

/** @typedef {import('../schemas.js').JsonObject} JsonObject */
/** @typedef {import('../schemas.js').Located} Located */
/** @typedef {import('../schemas.js').UserContext} UserContext */
/** @typedef {import('../schemas.js').Location} Location */

/** @type {import('@redocly/openapi-core').Oas3Rule} */
export function RequestBodyClosed() {
  // One lint run walks each schema once per state, however many request bodies share it.
  /** @type {Set<string>} */
  const walked = new Set();
  /** @type {Set<string>} */
  const reported = new Set();

  /**
   * @param {UserContext} ctx
   * @param {Location} location
   * @param {string} message
   */
  function report(ctx, location, message) {
    const key = `${location.absolutePointer}\n${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    ctx.report({ message, location });
  }

  /**
   * @param {UserContext} ctx
   * @param {Located} schema
   * @param {boolean} statedAbove a schema for the same instance (a composition, a `$ref` site) already
   *   states whether undocumented keys are allowed
   * @param {Location | undefined} refSite the `$ref` through which this schema was reached
   */
  function walk(ctx, schema, statedAbove, refSite) {
    walkOwnKeywords(ctx, schema, statedAbove, refSite);
    if (!isRef(schema.node)) return;
    const resolved = followRef(ctx, schema.node, schema.location);
    if (!resolved) return;
    let stated = statedAbove || statesClosure(schema.node);
    for (const hop of resolved.hops) {
      walkOwnKeywords(ctx, hop, stated, schema.location);
      stated ||= statesClosure(hop.node);
    }
    walk(ctx, resolved.target, stated, schema.location);
  }

  /**
   * Checks the keywords written on this schema object and walks its subschemas; the `$ref` it may
   * carry is followed by `walk`.
   * @param {UserContext} ctx
   * @param {Located} schema
   * @param {boolean} statedAbove
   * @param {Location | undefined} refSite
   */
  function walkOwnKeywords(ctx, schema, statedAbove, refSite) {
    const key = `${schema.location.absolutePointer}\n${statedAbove}`;
    if (walked.has(key)) return;
    walked.add(key);

    const problem = statedAbove ? undefined : closureProblem(schema.node, refSite);
    if (problem) report(ctx, schema.location, problem);
    for (const conflict of closureConflicts(ctx, schema)) report(ctx, conflict.location, conflict.message);

    const stated = statedAbove || statesClosure(schema.node);
    for (const branch of sameInstanceSubschemas(schema.node, schema.location)) {
      walk(ctx, branch, stated, undefined);
    }
    // Closure keywords reach no deeper than their own instance: nested objects state their own.
    for (const nested of nestedSubschemas(schema.node, schema.location)) {
      walk(ctx, nested, false, undefined);
    }
  }

  return {
    RequestBody(requestBody, ctx) {
      for (const schema of mediaTypeSchemas(ctx, requestBody, ctx.location)) {
        walk(ctx, schema, false, undefined);
      }
    },
  };
}

/**
 * Whether the schema itself says if undocumented keys are allowed.
 * @param {JsonObject} node
 * @returns {boolean}
 */
function statesClosure(node) {
  const additional = node.additionalProperties;
  return (
    additional === true ||
    additional === false ||
    isPlainObject(additional) ||
    node.unevaluatedProperties === false
  );
}

/**
 * Why this schema fails the rule, or `undefined` when it states its closure (or is no object schema).
 * @param {JsonObject} node
 * @param {Location | undefined} refSite
 * @returns {string | undefined}
 */
function closureProblem(node, refSite) {
  const hasProperties = isPlainObject(node.properties);
  const isObjectSchema = hasProperties || isPlainObject(node.patternProperties) || allowsObject(node.type);
  if (!isObjectSchema || statesClosure(node)) return undefined;
  // A `$ref` written as `{ $ref, type: object }` is described by its target.
  if (isRef(node) && !hasProperties) return undefined;
  if (!hasProperties) {
    // A composition without properties of its own is as closed as its branches, which are checked.
    if (sameInstanceKeywordsPresent(node)) return undefined;
    return (
      'Request object schema lists no properties, so it must say whether it is free-form: ' +
      'add `additionalProperties: true` (any keys) or `additionalProperties: false` (an empty object).'
    );
  }
  const siteHint = refSite
    ? `, or, if the shape is shared with a response, close it where the request references it ` +
      `(${refSite.pointer}) with \`unevaluatedProperties: false\` next to the \`$ref\``
    : '';
  return (
    'Request schema declares properties but does not say whether undocumented keys are allowed: ' +
    `close it with \`additionalProperties: false\`${siteHint}; ` +
    'write `additionalProperties: true` only where the docs allow extra keys.'
  );
}

/**
 * `additionalProperties: false` that rejects properties another schema declares for the same
 * instance: on the schema itself against its branches and `$ref` target, and on an `allOf` branch
 * against the schema and the other branches. (`anyOf`/`oneOf` branches are alternatives: one may
 * rightly reject what another declares.)
 * @param {UserContext} ctx
 * @param {Located} schema
 * @returns {{ location: Location, message: string }[]}
 */
function closureConflicts(ctx, schema) {
  /** @type {{ location: Location, message: string }[]} */
  const conflicts = [];
  const own = ownPropertyNames(schema.node);
  if (schema.node.additionalProperties === false) {
    const rejected = difference(declaredPropertyNames(ctx, schema, new Set()), own);
    if (rejected.size > 0) {
      conflicts.push({
        location: schema.location,
        message:
          `\`additionalProperties: false\` here rejects ${listNames(rejected)}, which its ` +
          `${isRef(schema.node) ? '`$ref` target or ' : ''}subschemas declare, because it only sees the properties ` +
          'written beside it; no request sending them validates. Use `unevaluatedProperties: false` instead.',
      });
    }
  }
  const branches = Array.isArray(schema.node.allOf) ? schema.node.allOf : [];
  const branchLocations = branches.map((branch, index) =>
    isPlainObject(branch) ? { node: branch, location: schema.location.child(['allOf', index]) } : undefined,
  );
  const declaredByBranch = branchLocations.map((branch) =>
    branch ? declaredPropertyNames(ctx, branch, new Set()) : new Set(),
  );
  branchLocations.forEach((branch, index) => {
    if (!branch) return;
    const declaredElsewhere = new Set(own);
    declaredByBranch.forEach((names, other) => {
      if (other !== index) for (const name of names) declaredElsewhere.add(name);
    });
    for (const member of sameInstanceTargets(ctx, branch)) {
      if (member.node.additionalProperties !== false) continue;
      const rejected = difference(declaredElsewhere, ownPropertyNames(member.node));
      if (rejected.size === 0) continue;
      conflicts.push({
        location: member.location,
        message:
          `\`additionalProperties: false\` here rejects ${listNames(rejected)}, declared by another member of the ` +
          `\`allOf\` at ${schema.location.pointer}, so no request sending them validates: remove it and close the ` +
          'composition with `unevaluatedProperties: false` next to `allOf`.',
      });
    }
  });
  return conflicts;
}

/**
 * A schema followed through its `$ref`: the schema, the composed-ref hops and the final target.
 * @param {UserContext} ctx
 * @param {Located} schema
 * @returns {Located[]}
 */
function sameInstanceTargets(ctx, schema) {
  if (!isRef(schema.node)) return [schema];
  const resolved = followRef(ctx, schema.node, schema.location);
  if (!resolved) return [schema];
  return [schema, ...resolved.hops, resolved.target];
}

/**
 * Property names declared for the instance a schema describes: its own, its `$ref` target's and
 * those of its same-instance subschemas.
 * @param {UserContext} ctx
 * @param {Located} schema
 * @param {Set<string>} seen pointers already visited (cyclic refs)
 * @returns {Set<string>}
 */
function declaredPropertyNames(ctx, schema, seen) {
  const names = ownPropertyNames(schema.node);
  if (seen.has(schema.location.absolutePointer)) return names;
  seen.add(schema.location.absolutePointer);
  const related = [
    ...sameInstanceTargets(ctx, schema).slice(1),
    ...sameInstanceSubschemas(schema.node, schema.location),
  ];
  for (const other of related) {
    for (const name of declaredPropertyNames(ctx, other, seen)) names.add(name);
  }
  return names;
}

/**
 * @param {JsonObject} node
 * @returns {Set<string>}
 */
function ownPropertyNames(node) {
  return new Set(isPlainObject(node.properties) ? Object.keys(node.properties) : []);
}

/**
 * @param {Set<string>} names
 * @param {Set<string>} without
 * @returns {Set<string>}
 */
function difference(names, without) {
  return new Set([...names].filter((name) => !without.has(name)));
}

/**
 * @param {Set<string>} names
 * @returns {string}
 */
function listNames(names) {
  return [...names].map((name) => `\`${name}\``).join(', ');
}

/**
 * @param {JsonObject} node
 * @returns {boolean}
 */
function sameInstanceKeywordsPresent(node) {
  return ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'dependentSchemas'].some(
    (keyword) => keyword in node,
  );
}

/**
 * @param {unknown} type
 * @returns {boolean}
 */
function allowsObject(type) {
  return type === 'object' || (Array.isArray(type) && type.includes('object'));
}
