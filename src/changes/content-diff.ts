/**
 * Compares a `content` map (media type -> schema) of a request body, response or parameter.
 */
import { report, type DiffContext } from './context.js';
import { compareDocumentation } from './docs-diff.js';
import { code, jsonEqual, unionKeys, type JsonObject } from './json.js';
import { bodyLocation } from './location.js';
import type { Direction } from './rules.js';
import { compareSchemas, rootSite } from './schema-diff.js';
import { getObject } from './shape.js';
import { typePathOf, type Sides, type TypePath } from './type-shape.js';

/**
 * @param owner the location of the body, e.g. `PATCH /v1/agent/{agent_id} request`.
 * @param typed where openapi-typescript types the request body or response on each side
 */
export function compareContent(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  owner: string,
  direction: Direction,
  typed: Sides<TypePath>,
): void {
  const contentWas = getObject(before, 'content', { side: 'before', at: owner }) ?? {};
  const contentIs = getObject(after, 'content', { side: 'after', at: owner }) ?? {};
  for (const mediaType of unionKeys(Object.keys(contentWas), Object.keys(contentIs))) {
    const location = bodyLocation(owner, mediaType);
    const mediaWas = getObject(contentWas, mediaType, { side: 'before', at: owner });
    const mediaIs = getObject(contentIs, mediaType, { side: 'after', at: owner });
    if (mediaWas === undefined) {
      report(ctx, 'mediaTypeAdded', direction, owner, `media type ${code(mediaType)} added`);
    } else if (mediaIs === undefined) {
      report(ctx, 'mediaTypeRemoved', direction, owner, `media type ${code(mediaType)} removed`);
    } else {
      compareDocumentation(ctx, mediaWas, mediaIs, location);
      // A media type without a schema accepts or returns anything.
      const typedAt = (path: TypePath) =>
        path === undefined ? undefined : typePathOf(path, 'content', mediaType);
      compareSchemas(
        ctx,
        mediaWas.schema ?? {},
        mediaIs.schema ?? {},
        rootSite(location, direction, { before: typedAt(typed.before), after: typedAt(typed.after) }),
      );
      if (!jsonEqual(mediaWas.encoding, mediaIs.encoding)) {
        report(
          ctx,
          'unanalysedContractChanged',
          direction,
          location,
          `${code('encoding')} changed (not analysed in detail, counted as breaking)`,
        );
      }
    }
  }
}
