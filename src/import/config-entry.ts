/**
 * A published API's `apis` entry in `redocly.yaml`, written by `npm run import`: its `root`, the
 * `published` lint preset, and its overlays in the order they apply. The file is edited as YAML
 * with its comments and the other entries as they were; an entry's own additions (per-API `rules`)
 * survive a re-import.
 * @see https://redocly.com/docs/cli/configuration/reference/apis
 */
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { GenerateError } from '../shared/errors.js';
import { PUBLISHED_PRESET } from '../pipeline/orchestration/layout.js';

export interface PublishedEntry {
  /** Relative to the config's folder, `/`-separated (or absolute, for a check before writing). */
  root: string;
  overlays: string[];
}

/** The config's text with `apis.<name>` set to `entry`. */
export function withPublishedEntry(
  text: string,
  configDisplay: string,
  name: string,
  entry: PublishedEntry,
): string {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new GenerateError(
      { file: configDisplay },
      `cannot add apis.${name}: ${document.errors[0]!.message.split('\n')[0]}`,
    );
  }
  if (!isMap(document.contents) && document.contents !== null) {
    throw new GenerateError({ file: configDisplay }, `cannot add apis.${name}: the config is not a mapping`);
  }
  let apis = document.get('apis', true);
  if (!isMap(apis)) {
    document.set('apis', document.createNode({}));
    apis = document.get('apis', true);
  }
  const existing = (apis as YAMLMap).get(name, true);
  if (isMap(existing)) {
    existing.set('root', entry.root);
    const extendsList = existing.get('extends', true);
    if (!isSeq(extendsList)) existing.set('extends', document.createNode([PUBLISHED_PRESET]));
    if (entry.overlays.length > 0) existing.set('overlays', document.createNode(entry.overlays));
    else existing.delete('overlays');
  } else {
    (apis as YAMLMap).set(
      name,
      document.createNode({
        root: entry.root,
        extends: [PUBLISHED_PRESET],
        ...(entry.overlays.length > 0 ? { overlays: entry.overlays } : {}),
      }),
    );
  }
  return String(document);
}

/** The overlays `apis.<name>` lists now, as written (relative to the config's folder). */
export function listedOverlays(text: string, name: string): string[] {
  const document = parseDocument(text);
  const entry = document.getIn(['apis', name], true);
  const overlays = isMap(entry) ? entry.get('overlays', true) : undefined;
  if (!isSeq(overlays)) return [];
  return overlays.items.flatMap((item) => {
    const value = (item as { value?: unknown }).value;
    return typeof value === 'string' ? [value] : [];
  });
}

/** The `root` of `apis.<name>`, if the config has that entry. */
export function entryRoot(text: string, name: string): string | undefined {
  const document = parseDocument(text);
  const root = document.getIn(['apis', name, 'root']);
  return typeof root === 'string' ? root : undefined;
}
