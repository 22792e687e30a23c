/**
 * Document-level places: `openapi`, `info`, the document's `servers`, `tags`, `externalDocs`,
 * extensions, and top-level sections this classifier does not analyse (`webhooks`,
 * `jsonSchemaDialect`). `paths`, `components` and `security` have their own stages.
 */
import { report, type DiffContext } from './context.js';
import { isDocumentationKeyword } from './docs-diff.js';
import { code, jsonEqual, unionKeys } from './json.js';
import { compareServerLists, serversOf } from './servers-diff.js';
import { getObject } from './shape.js';

/** Compared by their own stages (`security` per operation, as each operation's effective requirement). */
const STAGED_KEYWORDS = new Set(['openapi', 'info', 'servers', 'paths', 'components', 'security']);

export function compareDocumentLevel(ctx: DiffContext): void {
  const { before, after } = ctx;
  if (before.openapi !== after.openapi) {
    report(
      ctx,
      'docsChanged',
      'input',
      'openapi',
      `OpenAPI version changed from ${code(before.openapi)} to ${code(after.openapi)}`,
    );
  }
  compareInfo(ctx);
  compareServerLists(
    ctx,
    serversOf(before, { side: 'before', at: 'servers' }) ?? [],
    serversOf(after, { side: 'after', at: 'servers' }) ?? [],
    'servers',
  );
  for (const key of unionKeys(Object.keys(before), Object.keys(after))) {
    if (STAGED_KEYWORDS.has(key) || jsonEqual(before[key], after[key])) continue;
    if (isDocumentationKeyword(key)) {
      report(
        ctx,
        'docsChanged',
        'input',
        key,
        before[key] === undefined ? 'added' : after[key] === undefined ? 'removed' : 'changed',
      );
    } else {
      report(
        ctx,
        'unanalysedContractChanged',
        'input',
        key,
        'changed (not analysed in detail, counted as breaking)',
      );
    }
  }
}

/**
 * Everything in `info` is for people. `info.version` is left out: it is the spec's revision
 * number, bumped with every edit, and the package version is computed from the real changes.
 * When it is the only change, `remainder-diff.ts` reports it, since the package still changes.
 */
function compareInfo(ctx: DiffContext): void {
  const { version: _versionWas, ...infoWas } =
    getObject(ctx.before, 'info', { side: 'before', at: 'info' }) ?? {};
  const { version: _versionIs, ...infoIs } =
    getObject(ctx.after, 'info', { side: 'after', at: 'info' }) ?? {};
  for (const key of unionKeys(Object.keys(infoWas), Object.keys(infoIs))) {
    if (jsonEqual(infoWas[key], infoIs[key])) continue;
    const change = infoWas[key] === undefined ? 'added' : infoIs[key] === undefined ? 'removed' : 'changed';
    report(ctx, 'docsChanged', 'input', 'info', `${code(key)} ${change}`);
  }
}
