/**
 * The `discriminators` of openapi-typescript's context: its `scanDiscriminators` (7.13,
 * `src/lib/utils.ts`), step for step, but walking the document with one path it pushes and pops
 * where the original copies the path at every node (`path.concat(key)`, twice over the whole
 * document): on GitHub's description a fifth of the transform's time. Like the original it
 * patches the discriminator enums into `schema`, each patch recorded to be undone (`edits.ts`). test/pipeline/types/discriminators.test.ts
 * compares both, result and patched document.
 */
import type { DiscriminatorObject, OpenAPI3, OpenAPITSOptions } from 'openapi-typescript';
import { createRef, resolveRef, warn } from 'openapi-typescript/dist/lib/utils.js';
import { Edits } from './edits.js';

type Node = Record<string, unknown>;
type Mapping = Record<string, { inferred?: string; defined?: string[] }>;

export function scanDiscriminators(
  schema: OpenAPI3,
  options: OpenAPITSOptions,
  /** Where the patches are recorded, to be undone (`generateTypeNodes`). @default kept */
  edits: Edits = new Edits(),
): { objects: Record<string, DiscriminatorObject>; refsHandled: string[] } {
  const objects: Record<string, DiscriminatorObject> = {};
  const refsHandled: string[] = [];
  walk(schema, (obj, path) => {
    const discriminator = obj.discriminator as DiscriminatorObject | undefined;
    if (!discriminator?.propertyName) return;
    const ref = createRef(path);
    objects[ref] = discriminator;
    if (!Array.isArray(obj.oneOf)) return;
    const mapping: Mapping = {};
    for (const item of obj.oneOf as Node[]) {
      if ('$ref' in item) {
        const value = (item.$ref as string).split('/').pop();
        if (value) {
          const entry = mapping[item.$ref as string];
          if (!entry) mapping[item.$ref as string] = { inferred: value };
          else entry.inferred = value;
        }
      }
    }
    if (discriminator.mapping) {
      for (const mappedValue in discriminator.mapping) {
        const mappedRef = discriminator.mapping[mappedValue];
        if (!mappedRef) continue;
        if (!mapping[mappedRef]?.defined) mapping[mappedRef] = { defined: [] };
        mapping[mappedRef].defined?.push(mappedValue);
      }
    }
    for (const [mappedRef, { inferred, defined }] of Object.entries(mapping)) {
      if (refsHandled.includes(mappedRef)) continue;
      if (!inferred && !defined) continue;
      const mappedValues = defined ?? [inferred!];
      if (patchDiscriminatorEnum(schema, mappedRef, mappedValues, discriminator, ref, options, edits)) {
        refsHandled.push(mappedRef);
      }
    }
  });
  walk(schema, (obj, path) => {
    if (!Array.isArray(obj.allOf)) return;
    for (const item of obj.allOf as Node[]) {
      if ('$ref' in item) {
        if (!objects[item.$ref as string]) return;
        const ref = createRef(path);
        const discriminator = objects[item.$ref as string]!;
        const mappedValues: string[] = [];
        if (discriminator.mapping) {
          for (const mappedValue in discriminator.mapping) {
            if (discriminator.mapping[mappedValue] === ref) mappedValues.push(mappedValue);
          }
          if (mappedValues.length > 0) {
            if (
              patchDiscriminatorEnum(
                schema,
                ref,
                mappedValues,
                discriminator,
                item.$ref as string,
                options,
                edits,
              )
            ) {
              refsHandled.push(ref);
            }
          }
        }
        objects[ref] = { ...objects[item.$ref as string]! };
      } else if ((item.discriminator as DiscriminatorObject | undefined)?.propertyName) {
        objects[createRef(path)] = { ...(item.discriminator as DiscriminatorObject) };
      }
    }
  });
  return { objects, refsHandled };
}

/**
 * `callback` on every object (not array) of `value`, depth first in key order, with its path; the
 * path is one array, valid during the call only. Keys are read after the callback, as the
 * original does: what a callback adds to the object is walked too.
 */
function walk(value: unknown, callback: (obj: Node, path: (string | number)[]) => void): void {
  const path: (string | number)[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i]);
        path.pop();
      }
      return;
    }
    callback(node as Node, path);
    for (const key of Object.keys(node)) {
      path.push(key);
      visit((node as Node)[key]);
      path.pop();
    }
  };
  visit(value);
}

function createDiscriminatorEnum(values: string[], previous?: Node): Node {
  return {
    type: 'string',
    enum: values,
    description: previous?.description
      ? `${previous.description as string} (enum property replaced by openapi-typescript)`
      : 'discriminator enum property added by openapi-typescript',
  };
}

function patchDiscriminatorEnum(
  schema: OpenAPI3,
  ref: string,
  values: string[],
  discriminator: DiscriminatorObject,
  discriminatorRef: string,
  options: OpenAPITSOptions,
  edits: Edits,
): boolean {
  const resolved = resolveRef<Node>(schema, ref, { silent: options.silent ?? false });
  if (resolved?.allOf) {
    edits.push(resolved.allOf as Node[], {
      type: 'object',
      required: [discriminator.propertyName],
      properties: { [discriminator.propertyName]: createDiscriminatorEnum(values) },
    });
    return true;
  } else if (typeof resolved === 'object' && 'type' in resolved && resolved.type === 'object') {
    if (!resolved.properties) edits.set(resolved, 'properties', {});
    const properties = resolved.properties as Node;
    if (!resolved.required) edits.set(resolved, 'required', [discriminator.propertyName]);
    else if (!(resolved.required as string[]).includes(discriminator.propertyName))
      edits.push(resolved.required as string[], discriminator.propertyName);
    edits.set(
      properties,
      discriminator.propertyName,
      createDiscriminatorEnum(values, properties[discriminator.propertyName] as Node | undefined),
    );
    return true;
  }
  warn(
    `Discriminator mapping has an invalid schema (neither an object schema nor an allOf array): ${ref} => ${values.join(
      ', ',
    )} (Discriminator: ${discriminatorRef})`,
    options.silent,
  );
  return false;
}
