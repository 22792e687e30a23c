/**
 * The last stage: a difference no other stage reports. The package ships the bundled spec as its
 * `openapi.json`, so documents that differ only where consumers cannot tell (`info.version`, the
 * order of keys or of list items) still give the package new contents, and one version must never
 * have two. Such a difference is reported as documentation, at each top-level place it is in, so
 * the release is a patch; beside any other change it goes unsaid.
 */
import { report, type DiffContext } from './context.js';
import { code, isJsonObject, jsonEqual, unionKeys } from './json.js';

export function compareRemainder(ctx: DiffContext): void {
  const { before, after } = ctx;
  // Byte for byte as `openapi.json` holds them: key order included.
  if (ctx.changes.length > 0 || JSON.stringify(before) === JSON.stringify(after)) return;
  let reported = false;
  for (const key of unionKeys(Object.keys(before), Object.keys(after))) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    report(ctx, 'otherSpecChange', 'input', key, describe(before[key], after[key], key));
    reported = true;
  }
  if (!reported)
    report(ctx, 'otherSpecChange', 'input', 'openapi.json', 'the order of top-level keys changed');
}

function describe(before: unknown, after: unknown, key: string): string {
  if (key === 'info' && isJsonObject(before) && isJsonObject(after)) {
    const { version: versionWas, ...restWas } = before;
    const { version: versionIs, ...restIs } = after;
    if (versionWas !== versionIs && jsonEqual(restWas, restIs))
      return `${code('version')} changed from ${code(versionWas ?? 'none')} to ${code(versionIs ?? 'none')}, and nothing else a consumer can tell apart`;
  }
  return 'other changes to the spec, none to the contract (such as the order of keys or of list items)';
}
