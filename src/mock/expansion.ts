/**
 * Whether Prism can serve a document at all. Prism 5.14 resolves every `$ref` by copying what it
 * names into its place, twice (`dereference`, then `decycle` of the result), so a schema that many
 * others use, and that itself uses shared schemas, is held once per path that reaches it: the copy
 * grows with the product of the uses. Vapi's description (3 MB) expands to about 1.6 billion
 * objects, and its mock was still loading when the start-up's wait ran out minutes later; GitHub's
 * 13 MB, about 0.8 million. Such a document is refused before Prism starts, naming the schema that
 * expands most, which an overlay can simplify.
 */
import { UsageError } from '../shared/errors.js';
import { getAtPointer, isObject, type JsonObject } from '../shared/openapi.js';
import type { LoadedApi } from './api.js';

/** The most objects Prism is asked to expand: six times GitHub's description, which took 15 CPU-s. */
export const MAX_EXPANDED_OBJECTS = 5_000_000;

export interface Expansion {
  /** Objects and arrays of the document with every local `$ref` replaced by a copy of its target. */
  objects: number;
  /** The `$ref` target whose one copy is largest, and how many objects that copy holds. */
  largest?: { ref: string; objects: number };
}

/**
 * How many objects and arrays the document holds once every local `$ref` is copied into its place,
 * a `$ref` back into one being copied counting one (Prism keeps such a cycle as a `$ref`). Each
 * target's size is counted once and reused, so the count costs a walk of the document, not of its
 * expansion; exact without cycles, and with them an estimate, a little high.
 */
export function expansionOf(document: JsonObject): Expansion {
  const sizes = new Map<string, number>();
  const open = new Set<string>();
  let largest: Expansion['largest'];
  const size = (node: unknown): number => {
    if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + size(item), 1);
    if (!isObject(node)) return 0;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#')) {
      if (open.has(ref)) return 1;
      const known = sizes.get(ref);
      if (known !== undefined) return known;
      const target = getAtPointer(document, ref);
      if (target === undefined) return 1;
      open.add(ref);
      const objects = size(target);
      open.delete(ref);
      sizes.set(ref, objects);
      if (largest === undefined || objects > largest.objects) largest = { ref, objects };
      return objects;
    }
    let objects = 1;
    for (const key in node) objects += size(node[key]);
    return objects;
  };
  const objects = size(document);
  return largest === undefined ? { objects } : { objects, largest };
}

/** Refuses an API whose document Prism cannot expand (see above), before Prism is started. */
export function refuseUnservable(api: LoadedApi): void {
  const { objects, largest } = expansionOf(api.document);
  if (objects <= MAX_EXPANDED_OBJECTS) return;
  throw new UsageError(
    api.source.displayPath,
    `Prism cannot serve this document: it copies each \`$ref\`'s target into every place that uses ` +
      `it, and this document would grow to about ${approximately(objects)} objects (at most ` +
      `${approximately(MAX_EXPANDED_OBJECTS)} load in minutes)` +
      (largest === undefined
        ? ''
        : `; ${largest.ref} alone copies to ${approximately(largest.objects)}, a schema an overlay can simplify`),
  );
}

/** 1.6 billion, 830 thousand, 512. */
function approximately(count: number): string {
  for (const [size, name] of [
    [1e9, 'billion'],
    [1e6, 'million'],
    [1e3, 'thousand'],
  ] as const)
    if (count >= size) return `${Number((count / size).toPrecision(2))} ${name}`;
  return String(count);
}
