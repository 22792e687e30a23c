/**
 * What Redocly's `bundle` would do to a document that is one file of local `$ref`s: nothing, but
 * replace a `$ref` where a scalar is expected by its target (GitHub's description has one, an
 * example). The bundle stage then does only that (`inlineRefs`), and not bundle (GitHub's 13 MB:
 * two walks of the whole document, 0.6 CPU-s and more), and the lint thread parses the file's text
 * itself rather than be sent a copy of the bundle. What Redocly 2's `bundleDocument` changes, and
 * what forces the bundle here:
 *
 * - a file or URL a `$ref` or an example's `externalValue` reads: every `$ref` anywhere must be
 *   local (`#/…`), and no object may have an `externalValue`;
 * - the overlays of the API's entry, its preprocessors and decorators (`remove-unused-components`
 *   among them): none may be configured;
 * - `components`, added when the document has none;
 * - a `$ref` where its node type is a scalar (`example: { $ref }`, a key inside an `x-` extension),
 *   replaced by its target: found by walking the document with Redocly's node types as its walker
 *   does (`walk.js`), and done here for one with nothing beside `$ref` whose target is an object
 *   that is no `$ref` and holds no other such `$ref`. Every other `$ref`'s target is walked with
 *   the type the `$ref` has: that must be the type the target has where it is (else the walker
 *   would see its subtree with other types than this walk did);
 * - a discriminator's `mapping` (and `defaultMapping`), each target rewritten to
 *   `#/components/schemas/<name>`: every mapping must be written so already, to a schema that is
 *   no `$ref` itself.
 *
 * Anything else (a `$ref` that does not resolve, or resolves through another `$ref`) is left to
 * `bundle`. test/pipeline/bundle/local.test.ts holds this to Redocly's output, one rule at a time
 * and on the specs and fixtures; test/corpus/local-bundle.test.ts on the corpus and GitHub's.
 */
import {
  detectSpec,
  getTypes,
  isMappingRef,
  normalizeTypes,
  unescapePointerFragment,
  type Config,
} from '@redocly/openapi-core';
import { listedOverlayPaths } from './index.js';

/** A node type as Redocly normalizes it (`normalizeTypes`), as far as its walker reads it. */
interface NodeType {
  name: string;
  properties: Record<string, PropertyType>;
  additionalProperties?: PropertyType;
  items?: PropertyType;
  extensionsPrefix?: string;
}

/** What a node type says of a key or an item: a type, a scalar's, or a function of the value picking one. */
type Descriptor =
  NodeType | { name?: undefined; resolvable?: boolean; directResolveAs?: NodeType } | null | undefined;
type PropertyType = Descriptor | ((value: unknown, key: string) => Descriptor);

const isPlainObject = (node: unknown): node is Record<string, unknown> =>
  node !== null && typeof node === 'object' && !Array.isArray(node);
const isRef = (node: unknown): node is Record<string, unknown> & { $ref: string } =>
  isPlainObject(node) && typeof node.$ref === 'string';
const isNamed = (type: PropertyType): type is NodeType =>
  typeof type === 'object' && type !== null && typeof type.name === 'string';

const SCALAR: NodeType = { name: 'scalar', properties: {} };

/** How the walker visits a value: with a type, or as a `$ref` to a node of a type (`directResolveAs`). */
type Visit = { type: NodeType } | { resolveAs: NodeType };

/** Whether the walker visits a node's key at all: declared, or allowed by `additionalProperties`, or an extension. */
const walksKey = (type: NodeType, key: string): boolean =>
  Object.hasOwn(type.properties, key) ||
  Boolean(type.additionalProperties) ||
  (type.extensionsPrefix !== undefined && key.startsWith(type.extensionsPrefix));

/** A mapping Redocly's bundler writes back as it is: `#/components/schemas/<name>`, a name needing no escape. */
const COMPONENT_SCHEMA_REF = /^#\/components\/schemas\/([^/~%]+)$/;

/** A `$ref` where a scalar is expected, which the bundler replaces with its target. */
export interface InlinedRef {
  /** Where it is: the keys from the document's root (array indexes as numbers). */
  path: (string | number)[];
  /** Its value: a local pointer, `#/components/examples/…`. */
  ref: string;
}

/**
 * What `bundle` of `document` (the spec file's own parse) with `apiConfig` would do to it, when
 * that is only to replace `$ref`s where a scalar is expected by their targets (`inlineRefs` does
 * the same), and nothing else, in it or in what the resolver reads; undefined when it may do more.
 * Asks the config for its preprocessors' and decorators' settings as `bundle` does (Redocly counts
 * the rules asked for as used).
 */
export function localBundle(apiConfig: Config, document: unknown): InlinedRef[] | undefined {
  if (listedOverlayPaths(apiConfig).length > 0) return undefined;
  if (!isPlainObject(document) || !document.components) return undefined;
  let specVersion: ReturnType<typeof detectSpec>;
  try {
    specVersion = detectSpec(document);
  } catch {
    return undefined;
  }
  if (specVersion !== 'oas3_0' && specVersion !== 'oas3_1') return undefined;
  // As bundleDocument's `initRules` asks, preprocessors first: every rule id of every plugin.
  const rulesets = apiConfig.getRulesForSpecVersion('oas3');
  const ids = rulesets.flatMap((ruleset) => Object.keys(ruleset));
  const preprocessor = ids.some(
    (id) => apiConfig.getPreprocessorSettings(id, specVersion).severity !== 'off',
  );
  const decorator = ids.some((id) => apiConfig.getDecoratorSettings(id, specVersion).severity !== 'off');
  if (preprocessor || decorator) return undefined;
  if (apiConfig.getDecoratorSettings('remove-unused-components', specVersion).severity !== 'off')
    return undefined;
  const types = normalizeTypes(
    apiConfig.extendTypes(getTypes(specVersion), specVersion),
    apiConfig,
  ) as unknown as Record<string, NodeType>;
  return new Walk(types, document).inlined();
}

/**
 * Replaces each `$ref` of `inlined` (`localBundle`'s, of this document) by its target, as Redocly's
 * bundler does (`replaceRef`): the object keeps its place and takes the target's keys.
 */
export function inlineRefs(document: unknown, inlined: readonly InlinedRef[]): void {
  // Every target first, as Redocly resolves them all before the bundler changes anything.
  const targets = inlined.map(({ ref }) => nodeAt(document, ref)!.node as Record<string, unknown>);
  inlined.forEach(({ path }, index) => {
    let node = document as Record<string | number, unknown>;
    for (const key of path) node = node[key] as Record<string | number, unknown>;
    delete node.$ref;
    Object.assign(node, { ...targets[index], ...node });
  });
}

/** The segments of a local pointer (`#/a/b~1c`) as Redocly's resolver reads them; undefined for one it may read otherwise. */
function pointerKeys(ref: string): string[] | undefined {
  const keys: string[] = [];
  for (const fragment of ref.slice(2).split('/')) {
    if (fragment === '') return undefined;
    try {
      keys.push(unescapePointerFragment(fragment));
    } catch {
      return undefined;
    }
  }
  return keys;
}

/**
 * The node a local pointer names, found key by key: undefined when it is not there or is reached
 * through a `$ref` (Redocly's resolver would follow it).
 */
function nodeAt(root: unknown, ref: string): { node: unknown; keys: string[] } | undefined {
  const keys = pointerKeys(ref);
  if (keys === undefined) return undefined;
  let node = root;
  for (const key of keys) {
    if (isRef(node)) return undefined;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= node.length) return undefined;
      node = node[Number(key)];
    } else if (isPlainObject(node) && Object.hasOwn(node, key) && node[key] !== undefined) {
      node = node[key];
    } else {
      return undefined;
    }
  }
  return { node, keys };
}

class Walk {
  /** Each `$ref` the walker meets, by its value, with the type names it has there. */
  private readonly refs = new Map<string, Set<string>>();
  /** The `$ref`s where a scalar is expected. */
  private readonly scalarRefs: InlinedRef[] = [];
  /** The keys to the node being walked. */
  private readonly path: (string | number)[] = [];
  private changed = false;

  constructor(
    private readonly types: Record<string, NodeType>,
    private readonly root: Record<string, unknown>,
  ) {}

  inlined(): InlinedRef[] | undefined {
    this.typed(this.root, this.types.Root!);
    if (this.changed) return undefined;
    for (const [ref, typeNames] of this.refs) {
      const type = this.typeAt(ref);
      if (type === undefined || typeNames.size !== 1 || !typeNames.has(type.name)) return undefined;
    }
    // Replaced as `inlineRefs` does: by an object that is no `$ref` itself, and none inside
    // another's target (where the order of the replacements would tell).
    const targets: string[][] = [];
    for (const { ref } of this.scalarRefs) {
      const target = nodeAt(this.root, ref);
      if (target === undefined || !isPlainObject(target.node) || isRef(target.node)) return undefined;
      targets.push(target.keys);
    }
    const within = (path: (string | number)[], keys: string[]) =>
      keys.length <= path.length && keys.every((key, index) => key === String(path[index]));
    if (this.scalarRefs.some(({ path }) => targets.some((keys) => within(path, keys)))) return undefined;
    return this.scalarRefs;
  }

  /**
   * The type of a key's value as the walker's `walkProp` picks it (`resolveAs`: a string it reads
   * as a `$ref` to a node of that type); undefined where it does not walk.
   */
  private propertyType(type: NodeType, key: string, value: unknown): Visit | undefined {
    let declared: PropertyType = Object.hasOwn(type.properties, key) ? type.properties[key] : undefined;
    const extension = type.extensionsPrefix !== undefined && key.startsWith(type.extensionsPrefix);
    if (declared === undefined && !extension) declared = type.additionalProperties;
    let propType = typeof declared === 'function' ? declared(value, key) : declared;
    if (extension && !isNamed(propType)) propType = this.types.SpecExtension;
    if (!isNamed(propType) && propType?.directResolveAs) return { resolveAs: propType.directResolveAs };
    if (propType && !isNamed(propType) && propType.resolvable !== false) propType = SCALAR;
    if (!isNamed(propType) || (propType.name === 'scalar' && !isRef(value))) return undefined;
    return { type: propType };
  }

  /** An array item's type as the walker picks it; undefined where it does not walk. */
  private itemType(type: NodeType, value: unknown): Visit | undefined {
    const items = type.items;
    if (items === undefined) return undefined;
    // Redocly's item types read the value only (the walker passes a pointer too).
    const itemType = typeof items === 'function' ? items(value, '') : items;
    if (!isNamed(itemType) && itemType?.directResolveAs) return { resolveAs: itemType.directResolveAs };
    return isNamed(itemType) ? { type: itemType } : undefined;
  }

  /** `value` visited as `visit` says, or only scanned. */
  private visit(value: unknown, visit: Visit | undefined): void {
    if (visit === undefined) this.scan(value);
    else if ('type' in visit) this.typed(value, visit.type);
    else if (typeof value === 'string') this.typed({ $ref: value }, visit.resolveAs);
    else this.changed = true;
  }

  /** A node the walker visits with `type`, and everything under it: untyped parts only scanned. */
  private typed(node: unknown, type: NodeType): void {
    if (this.changed) return;
    if (isPlainObject(node) && typeof node.externalValue === 'string') {
      this.changed = true;
      return;
    }
    if (isRef(node)) {
      if (!node.$ref.startsWith('#/')) {
        this.changed = true;
        return;
      }
      // A `$ref` where a scalar is expected is replaced by its target (with nothing beside it,
      // only its target's keys are left); elsewhere its target is walked with this type (checked
      // once the walk is done), and keys beside it like a node's.
      if (type.name === 'scalar') {
        if (Object.keys(node).length === 1) this.scalarRefs.push({ path: [...this.path], ref: node.$ref });
        else this.changed = true;
        return;
      }
      const typeNames = this.refs.get(node.$ref) ?? new Set<string>();
      typeNames.add(type.name);
      this.refs.set(node.$ref, typeNames);
      for (const key of Object.keys(node)) {
        if (key !== '$ref') this.property(type, key, node[key]);
      }
      return;
    }
    if (type.name === 'scalar') return this.scan(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        this.path.push(index);
        this.visit(item, this.itemType(type, item));
        this.path.pop();
      });
      return;
    }
    if (!isPlainObject(node)) return;
    if (type.name === 'Discriminator') this.discriminator(node);
    if (type.name === 'DiscriminatorMapping') this.mapping(node);
    for (const key of Object.keys(node)) this.property(type, key, node[key]);
  }

  /**
   * A key of a node of `type`: walked with its type when the walker walks it (a key it does not
   * visit, undeclared where nothing else is allowed, is only scanned).
   */
  private property(type: NodeType, key: string, value: unknown): void {
    this.path.push(key);
    this.visit(
      value,
      walksKey(type, key) && value !== undefined ? this.propertyType(type, key, value) : undefined,
    );
    this.path.pop();
  }

  /** Where the walker does not go: only what Redocly's resolver would read (another file, a URL). */
  private scan(node: unknown): void {
    if (this.changed) return;
    if (Array.isArray(node)) {
      for (const item of node) this.scan(item);
      return;
    }
    if (!isPlainObject(node)) return;
    if (
      (typeof node.$ref === 'string' && !node.$ref.startsWith('#/')) ||
      typeof node.externalValue === 'string'
    ) {
      this.changed = true;
      return;
    }
    for (const key of Object.keys(node)) this.scan(node[key]);
  }

  private discriminator(node: Record<string, unknown>): void {
    if (typeof node.defaultMapping === 'string' && isMappingRef(node.defaultMapping)) this.changed = true;
  }

  /** Each target the bundler would write back as `#/components/schemas/<name>` must be written so. */
  private mapping(node: Record<string, unknown>): void {
    const schemas = isPlainObject(this.root.components) ? this.root.components.schemas : undefined;
    for (const value of Object.values(node)) {
      if (typeof value !== 'string' || !isMappingRef(value)) continue;
      const name = COMPONENT_SCHEMA_REF.exec(value)?.[1];
      const target = name !== undefined && isPlainObject(schemas) ? schemas[name] : undefined;
      if (!isPlainObject(target) || isRef(target)) {
        this.changed = true;
        return;
      }
    }
  }

  /**
   * The type of the node a local `$ref` names, where it is in the document: undefined when it is
   * not there, is reached through another `$ref`, or is somewhere the walker does not go.
   */
  private typeAt(ref: string): NodeType | undefined {
    const keys = pointerKeys(ref);
    if (keys === undefined) return undefined;
    let node: unknown = this.root;
    let type: NodeType = this.types.Root!;
    for (const key of keys) {
      if (isRef(node)) return undefined;
      let visit: Visit | undefined;
      if (Array.isArray(node)) {
        if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= node.length) return undefined;
        node = node[Number(key)];
        visit = this.itemType(type, node);
      } else if (isPlainObject(node) && Object.hasOwn(node, key) && node[key] !== undefined) {
        node = node[key];
        visit = walksKey(type, key) ? this.propertyType(type, key, node) : undefined;
      } else {
        return undefined;
      }
      if (visit === undefined || !('type' in visit) || visit.type.name === 'scalar') return undefined;
      type = visit.type;
    }
    return type;
  }
}
