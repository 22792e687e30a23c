// @ts-check
/**
 * `doc-discrepancies`: the operation-level `x-doc-discrepancies` list, where a spec records how it
 * decided each place the vendor's page contradicts itself, is well-formed and points at real fields.
 * Tests and the package READMEs read the list, so a typo in `field` must fail the lint rather than
 * point nowhere.
 */
import {
  followRef,
  isPlainObject,
  isRef,
  itemSubschemas,
  mediaTypeSchemas,
  sameInstanceSubschemas,
} from '../schemas.js';

/** @typedef {import('../schemas.js').Located} Located */
/** @typedef {import('../schemas.js').UserContext} UserContext */

const EXTENSION = 'x-doc-discrepancies';
const ENTRY_KEYS = ['field', 'documented', 'decided', 'reason'];
const FIELD_ROOTS = ['request', 'response', 'parameters', 'security', 'servers', 'operation'];
const SUCCESS_STATUS = /^2(\d\d|XX)$/i;

/** @type {import('@redocly/openapi-core').Oas3Rule} */
export function DocDiscrepancies() {
  /** @type {Set<string>} */
  const misplacedReported = new Set();
  return {
    Operation(operation, ctx) {
      // The typings know no extensions; read the operation as the plain mapping it is.
      const fields = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (operation));
      if (!(EXTENSION in fields)) return;
      const list = fields[EXTENSION];
      const listLocation = ctx.location.child(EXTENSION);
      if (!Array.isArray(list)) {
        ctx.report({
          message: `\`${EXTENSION}\` must be a list of { ${ENTRY_KEYS.join(', ')} } objects.`,
          location: listLocation,
        });
        return;
      }
      list.forEach((entry, index) => checkEntry(ctx, fields, entry, listLocation.child(index)));
    },
    // The list describes one operation's request and response, so anywhere else it is misplaced.
    any(node, ctx) {
      if (ctx.type.name === 'Operation' || !isPlainObject(node) || !(EXTENSION in node)) return;
      const location = ctx.location.child(EXTENSION);
      if (misplacedReported.has(location.absolutePointer)) return;
      misplacedReported.add(location.absolutePointer);
      ctx.report({
        message: `\`${EXTENSION}\` belongs on an operation (next to \`operationId\`), not on ${ctx.type.name}.`,
        location: location.key(),
      });
    },
  };
}

/**
 * @param {UserContext} ctx
 * @param {Record<string, unknown>} operation
 * @param {unknown} entry
 * @param {import('../schemas.js').Location} location
 */
function checkEntry(ctx, operation, entry, location) {
  if (!isPlainObject(entry)) {
    ctx.report({
      message: `Each \`${EXTENSION}\` entry must be an object with the keys ${ENTRY_KEYS.join(', ')}.`,
      location,
    });
    return;
  }
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.includes(key)) {
      ctx.report({
        message: `Unknown key \`${key}\` in an \`${EXTENSION}\` entry; the keys are exactly ${ENTRY_KEYS.join(', ')}.`,
        location: location.child(key).key(),
      });
    }
  }
  for (const key of ENTRY_KEYS) {
    const value = entry[key];
    if (value === undefined) {
      ctx.report({ message: `\`${EXTENSION}\` entry is missing \`${key}\`.`, location });
    } else if (typeof value !== 'string' || value.trim() === '') {
      ctx.report({
        message: `\`${key}\` of an \`${EXTENSION}\` entry must be a non-empty string.`,
        location: location.child(key),
      });
    }
  }
  if (typeof entry.field === 'string' && entry.field.trim() !== '') {
    const problem = fieldProblem(ctx, operation, entry.field);
    if (problem) ctx.report({ message: problem, location: location.child('field') });
  }
}

/**
 * Why `field` does not name a place in this operation, or `undefined` when it does.
 * @param {UserContext} ctx
 * @param {Record<string, unknown>} operation
 * @param {string} field
 * @returns {string | undefined}
 */
function fieldProblem(ctx, operation, field) {
  const segments = field.split('.');
  const [root, ...path] = segments;
  if (segments.some((segment) => segment === '')) {
    return `\`field\` ${JSON.stringify(field)} is not a dotted location such as \`request.llmModel\` or \`response.extra_config\`.`;
  }
  if (root === undefined || !FIELD_ROOTS.includes(root)) {
    return `\`field\` ${JSON.stringify(field)} must start with one of ${FIELD_ROOTS.map((r) => `\`${r}\``).join(', ')}.`;
  }
  if (root !== 'request' && root !== 'response') return undefined;

  const schemas =
    root === 'request' ? requestSchemas(ctx, operation) : successResponseSchemas(ctx, operation);
  const what = root === 'request' ? 'request body' : '2xx response';
  if (schemas.length === 0)
    return `\`field\` ${JSON.stringify(field)} refers to the ${what}, but the operation has no ${what} schema.`;
  if (path.length === 0) return undefined;

  let current = schemas;
  for (const [depth, name] of path.entries()) {
    current = current.flatMap((schema) => propertySchemas(ctx, schema, name));
    if (current.length === 0) {
      const missing = [root, ...path.slice(0, depth + 1)].join('.');
      const where = missing === field ? '' : ` (\`${missing}\` does not exist)`;
      return (
        `\`field\` ${JSON.stringify(field)} names no property of the ${what} schema${where}; ` +
        'properties were looked up through `$ref`s, compositions and array items.'
      );
    }
  }
  return undefined;
}

/**
 * @param {UserContext} ctx
 * @param {Record<string, unknown>} operation
 * @returns {Located[]}
 */
function requestSchemas(ctx, operation) {
  return mediaTypeSchemas(ctx, operation.requestBody, ctx.location.child('requestBody'));
}

/**
 * @param {UserContext} ctx
 * @param {Record<string, unknown>} operation
 * @returns {Located[]}
 */
function successResponseSchemas(ctx, operation) {
  const responses = operation.responses;
  if (!isPlainObject(responses)) return [];
  return Object.entries(responses)
    .filter(([status]) => SUCCESS_STATUS.test(status))
    .flatMap(([status, response]) =>
      mediaTypeSchemas(ctx, response, ctx.location.child(['responses', status])),
    );
}

/**
 * The schemas of property `name` of the instance `schema` describes, looking through `$ref`s,
 * compositions and, for arrays, their items.
 * @param {UserContext} ctx
 * @param {Located} schema
 * @param {string} name
 * @returns {Located[]}
 */
function propertySchemas(ctx, schema, name) {
  return sameInstanceSchemas(ctx, schema, new Set()).flatMap(({ node, location }) => {
    const properties = node.properties;
    if (!isPlainObject(properties) || !isPlainObject(properties[name])) return [];
    return [{ node: properties[name], location: location.child(['properties', name]) }];
  });
}

/**
 * Every schema object that applies to the instance `schema` describes; an array stands for its items.
 * @param {UserContext} ctx
 * @param {Located} schema
 * @param {Set<string>} seen pointers already expanded (cyclic refs)
 * @returns {Located[]}
 */
function sameInstanceSchemas(ctx, schema, seen) {
  if (seen.has(schema.location.absolutePointer)) return [];
  seen.add(schema.location.absolutePointer);
  /** @type {Located[]} */
  const expanded = [schema];
  if (isRef(schema.node)) {
    const resolved = followRef(ctx, schema.node, schema.location);
    if (resolved) {
      for (const hop of [...resolved.hops, resolved.target])
        expanded.push(...sameInstanceSchemas(ctx, hop, seen));
    }
  }
  for (const branch of [
    ...sameInstanceSubschemas(schema.node, schema.location),
    ...itemSubschemas(schema.node, schema.location),
  ]) {
    expanded.push(...sameInstanceSchemas(ctx, branch, seen));
  }
  return expanded;
}
