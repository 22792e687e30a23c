/**
 * Compares `paths`: which operations exist, and for each operation present on both sides its
 * parameters, request body, responses, security and servers. Operations are matched by method and
 * path template, so a renamed path (or path parameter) is the old operation removed and a new one
 * added.
 */
import { report, type DiffContext } from './context.js';
import { compareDocumentation, isDocumentationKeyword } from './docs-diff.js';
import { code, jsonEqual, own, unionKeys, type JsonObject } from './json.js';
import { operationLocation } from './location.js';
import { compareParameters, effectiveParameters } from './parameters-diff.js';
import { dereference } from './refs.js';
import { compareRequestBody } from './request-diff.js';
import { compareResponses } from './responses-diff.js';
import { compareSecurity } from './security-diff.js';
import { compareServerLists, serversOf } from './servers-diff.js';
import { getObject, getString, type Where } from './shape.js';
import { typePathOf } from './type-shape.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Operation keywords compared by a dedicated stage; the rest are documentation or unanalysed. */
const OPERATION_KEYWORDS = new Set([
  'operationId',
  'parameters',
  'requestBody',
  'responses',
  'security',
  'servers',
]);
const PATH_ITEM_KEYWORDS = new Set([...METHODS, 'parameters', 'servers']);

export function compareOperations(ctx: DiffContext): void {
  const pathsWere = getObject(ctx.before, 'paths', { side: 'before', at: 'paths' }) ?? {};
  const pathsAre = getObject(ctx.after, 'paths', { side: 'after', at: 'paths' }) ?? {};
  for (const path of unionKeys(Object.keys(pathsWere), Object.keys(pathsAre))) {
    const itemWas = pathItem(ctx, 'before', own(pathsWere, path), path);
    const itemIs = pathItem(ctx, 'after', own(pathsAre, path), path);
    // A path on one side only is reported through its operations, without its descriptions.
    if (own(pathsWere, path) !== undefined && own(pathsAre, path) !== undefined) {
      compareDocumentation(ctx, itemWas, itemIs, path);
      compareLevelServers(ctx, [itemWas], [itemIs], path);
      compareUnanalysedKeywords(ctx, itemWas, itemIs, path, PATH_ITEM_KEYWORDS);
    }
    for (const method of METHODS) {
      const location = operationLocation(method, path);
      const operationWas = getObject(itemWas, method, { side: 'before', at: location });
      const operationIs = getObject(itemIs, method, { side: 'after', at: location });
      if (operationWas === undefined && operationIs === undefined) continue;
      if (operationIs === undefined) report(ctx, 'operationRemoved', 'input', location, 'operation removed');
      else if (operationWas === undefined)
        report(ctx, 'operationAdded', 'input', location, 'operation added');
      else
        compareOperation(
          ctx,
          { itemWas, itemIs, operationWas, operationIs, key: `${method} ${path}` },
          location,
          typePathOf('#', 'paths', path, method),
        );
    }
  }
}

interface OperationPair {
  itemWas: JsonObject;
  itemIs: JsonObject;
  operationWas: JsonObject;
  operationIs: JsonObject;
  /** `<method> <path>`, as `methodNames` keys the operation. */
  key: string;
}

/** @param typed where openapi-typescript types the operation (its JSON pointer) */
function compareOperation(ctx: DiffContext, pair: OperationPair, location: string, typed: string): void {
  const { itemWas, itemIs, operationWas, operationIs, key } = pair;
  const idWas = getString(operationWas, 'operationId', { side: 'before', at: location });
  const idIs = getString(operationIs, 'operationId', { side: 'after', at: location });
  const methodWas = ctx.methodNames.before.get(key);
  const methodIs = ctx.methodNames.after.get(key);
  if (idWas !== idIs) {
    report(
      ctx,
      methodWas === methodIs ? 'operationIdRespelled' : 'operationIdChanged',
      'input',
      location,
      `operationId changed from ${code(idWas ?? 'none')} to ${code(idIs ?? 'none')}` +
        (methodWas === methodIs ? `; the method stays ${code(methodIs ?? 'none')}` : ''),
    );
  } else if (methodWas !== methodIs) {
    report(
      ctx,
      'methodRenamed',
      'input',
      location,
      `method renamed from ${code(methodWas ?? 'none')} to ${code(methodIs ?? 'none')}: the names of the other operations moved it`,
    );
  }
  compareDocumentation(ctx, operationWas, operationIs, location);
  compareParameters(
    ctx,
    effectiveParameters(ctx.before, itemWas, operationWas, { side: 'before', at: location }, typed),
    effectiveParameters(ctx.after, itemIs, operationIs, { side: 'after', at: location }, typed),
    location,
  );
  compareRequestBody(ctx, operationWas, operationIs, location, typed);
  compareResponses(ctx, operationWas, operationIs, location, typed);
  compareSecurity(
    ctx,
    { item: itemWas, operation: operationWas },
    { item: itemIs, operation: operationIs },
    location,
  );
  compareLevelServers(ctx, [operationWas, itemWas], [operationIs, itemIs], location);
  compareUnanalysedKeywords(ctx, operationWas, operationIs, location, OPERATION_KEYWORDS);
}

/**
 * Servers declared on a path item or an operation override the document's. They are compared here
 * only when this level declares servers on either side; otherwise the document-level comparison
 * already covers them. Each side's effective list is the first level (innermost first) that has one.
 */
function compareLevelServers(
  ctx: DiffContext,
  levelsWere: JsonObject[],
  levelsAre: JsonObject[],
  owner: string,
): void {
  const location = `${owner} servers`;
  const own = (levels: JsonObject[], side: 'before' | 'after') =>
    serversOf(levels[0]!, { side, at: location });
  if (own(levelsWere, 'before') === undefined && own(levelsAre, 'after') === undefined) return;
  const effective = (levels: JsonObject[], side: 'before' | 'after') => {
    const document = side === 'before' ? ctx.before : ctx.after;
    for (const level of [...levels, document]) {
      const servers = serversOf(level, { side, at: location });
      if (servers !== undefined) return servers;
    }
    return [];
  };
  compareServerLists(ctx, effective(levelsWere, 'before'), effective(levelsAre, 'after'), location);
}

function pathItem(ctx: DiffContext, side: 'before' | 'after', raw: unknown, path: string): JsonObject {
  if (raw === undefined) return {};
  const where: Where = { side, at: path };
  return dereference(ctx[side], raw, where, 'a path item');
}

/** `callbacks` and anything else not modelled: a difference is counted as breaking, saying so. */
function compareUnanalysedKeywords(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  location: string,
  handled: ReadonlySet<string>,
): void {
  for (const key of unionKeys(Object.keys(before), Object.keys(after))) {
    if (handled.has(key) || isDocumentationKeyword(key) || jsonEqual(before[key], after[key])) continue;
    report(
      ctx,
      'unanalysedContractChanged',
      'input',
      location,
      `${code(key)} changed (not analysed in detail, counted as breaking)`,
    );
  }
}
