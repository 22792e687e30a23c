// @ts-check
/**
 * Schema traversal shared by the plugin's rules. Redocly's walker visits every schema once, without
 * telling a rule whether it sits under a request body or next to a `$ref` that closes it, so the rules
 * that need that context walk the schema tree themselves with these helpers.
 * @see https://json-schema.org/draft/2020-12/json-schema-core#section-10.2 (applicators)
 */

/** @typedef {import('@redocly/openapi-core').UserContext} UserContext */
/** @typedef {import('@redocly/openapi-core').Location} Location */
/** @typedef {Record<string, unknown>} JsonObject */
/** @typedef {{ node: JsonObject, location: Location }} Located */

/**
 * @param {unknown} value
 * @returns {value is JsonObject}
 */
export function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {JsonObject} node
 * @returns {node is JsonObject & { $ref: string }}
 */
export function isRef(node) {
  return typeof node.$ref === 'string';
}

/**
 * Follows a `$ref` to the schema it finally names. Redocly resolves whole chains at once; a
 * `$ref` with sibling keywords on the way is a schema of its own (its siblings apply to the same
 * instance), so those hops are returned too, outermost first. Unresolvable refs give `undefined`:
 * the built-in `no-unresolved-refs` rule reports them.
 * @param {UserContext} ctx
 * @param {JsonObject & { $ref: string }} node
 * @param {Location} location where `node` itself is written
 * @returns {{ hops: Located[], target: Located } | undefined}
 */
export function followRef(ctx, node, location) {
  const resolved = ctx.resolve(node, location.source.absoluteRef);
  if (!resolved.location || !isPlainObject(resolved.node)) return undefined;
  const hops = (resolved.chain ?? []).flatMap((hop) =>
    isPlainObject(hop.node) ? [{ node: hop.node, location: hop.location }] : [],
  );
  return { hops, target: { node: resolved.node, location: resolved.location } };
}

/** Applicators whose subschemas describe the same instance as their parent. */
const SAME_INSTANCE_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'];
const SAME_INSTANCE_SINGLE_KEYWORDS = ['if', 'then', 'else'];
const SAME_INSTANCE_MAP_KEYWORDS = ['dependentSchemas'];

/**
 * Subschemas that apply to the same instance as `node` (compositions and conditionals): an
 * `unevaluatedProperties: false` on `node` also sees the properties they declare.
 * @param {JsonObject} node
 * @param {Location} location
 * @returns {Located[]}
 */
export function sameInstanceSubschemas(node, location) {
  /** @type {Located[]} */
  const found = [];
  for (const keyword of SAME_INSTANCE_LIST_KEYWORDS) {
    const list = node[keyword];
    if (!Array.isArray(list)) continue;
    list.forEach((branch, index) => {
      if (isPlainObject(branch)) found.push({ node: branch, location: location.child([keyword, index]) });
    });
  }
  for (const keyword of SAME_INSTANCE_SINGLE_KEYWORDS) {
    const branch = node[keyword];
    if (isPlainObject(branch)) found.push({ node: branch, location: location.child(keyword) });
  }
  for (const keyword of SAME_INSTANCE_MAP_KEYWORDS) {
    const map = node[keyword];
    if (!isPlainObject(map)) continue;
    for (const [name, branch] of Object.entries(map)) {
      if (isPlainObject(branch)) found.push({ node: branch, location: location.child([keyword, name]) });
    }
  }
  return found;
}

/**
 * Subschemas that describe the items of an array instance (`items`, `prefixItems`).
 * @param {JsonObject} node
 * @param {Location} location
 * @returns {Located[]}
 */
export function itemSubschemas(node, location) {
  /** @type {Located[]} */
  const found = [];
  if (isPlainObject(node.items)) found.push({ node: node.items, location: location.child('items') });
  if (Array.isArray(node.prefixItems)) {
    node.prefixItems.forEach((item, index) => {
      if (isPlainObject(item)) found.push({ node: item, location: location.child(['prefixItems', index]) });
    });
  }
  return found;
}

/**
 * Subschemas that describe values nested inside the instance: property values and array items.
 * @param {JsonObject} node
 * @param {Location} location
 * @returns {Located[]}
 */
export function nestedSubschemas(node, location) {
  /** @type {Located[]} */
  const found = [];
  for (const keyword of ['properties', 'patternProperties']) {
    const map = node[keyword];
    if (!isPlainObject(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      if (isPlainObject(value)) found.push({ node: value, location: location.child([keyword, name]) });
    }
  }
  for (const keyword of ['additionalProperties', 'unevaluatedProperties']) {
    const value = node[keyword];
    if (isPlainObject(value)) found.push({ node: value, location: location.child(keyword) });
  }
  found.push(...itemSubschemas(node, location));
  return found;
}

/**
 * The schemas of every media type of a request body or response object (resolving a `$ref` to the
 * object itself).
 * @param {UserContext} ctx
 * @param {unknown} node a Request Body or Response object, or a `$ref` to one
 * @param {Location} location where `node` is written
 * @returns {Located[]}
 */
export function mediaTypeSchemas(ctx, node, location) {
  if (!isPlainObject(node)) return [];
  let owner = { node, location };
  if (isRef(node)) {
    const resolved = followRef(ctx, node, location);
    if (!resolved) return [];
    owner = resolved.target;
  }
  const content = owner.node.content;
  if (!isPlainObject(content)) return [];
  /** @type {Located[]} */
  const found = [];
  for (const [mediaType, media] of Object.entries(content)) {
    if (isPlainObject(media) && isPlainObject(media.schema)) {
      found.push({ node: media.schema, location: owner.location.child(['content', mediaType, 'schema']) });
    }
  }
  return found;
}
