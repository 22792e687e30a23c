/**
 * `readOnly` and `writeOnly` as OpenAPI means them: a readOnly property is sent by the server only,
 * so it is not sent in a request and `required` holds for it in responses only; a writeOnly one
 * (a password) is sent by the client only, and is not in a response. openapi-typescript's
 * `readWriteMarkers` wraps such a property's type in `$Read<T>` or `$Write<T>`, and its `Readable<T>`
 * and `Writable<T>` make a response's and a request's view of a type that holds them (openapi-fetch
 * 0.17 applies them to its own calls). This module reads where a document needs them: the media
 * types whose schema reaches a marked property, each with the view of its direction (the types stage
 * wraps them, so `paths`, `operations` and every type named from them are already the right view),
 * and the view each component schema's named export takes.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-20 (readOnly, writeOnly)
 */
import {
  getAtPointer,
  isObject,
  pointer,
  pointerSegment,
  pointerSegments,
  type JsonObject,
} from '../shared/openapi.js';

/** A response's view (`Readable<T>`: readOnly properties in, writeOnly ones out) or a request's (`Writable<T>`). */
export type ReadWriteView = 'read' | 'write';

/** What the types stage needs (the model keeps it: `ApiModel.readWrite`). */
export type ReadWriteTypes = Pick<ReadWriteUse, 'media' | 'inherited'>;

export interface ReadWriteUse {
  /**
   * Media type objects whose schema reaches a marked property, by the path openapi-typescript gives
   * them (`#/paths/~1a/post/requestBody/content/application~1json`), with their direction's view:
   * a request body is written, a response read; a webhook's the other way round (the API sends its
   * request).
   */
  media: Map<string, ReadWriteView>;
  /**
   * Component schemas that reach a marked property, with the view their named export takes: a
   * response's when some response (or webhook request) uses the schema, else a request's when a
   * request body does, else a response's (a component describes a resource as the API returns it).
   */
  schemas: Map<string, ReadWriteView>;
  /**
   * Properties written as a `$ref` to a readOnly or writeOnly schema (Rebilly's `createdTime`,
   * GitHub's alert `number`), by pointer: openapi-typescript marks a property by its own keywords
   * only, so the types stage copies the keyword beside the `$ref` in its copy of the document.
   */
  inherited: Map<string, 'readOnly' | 'writeOnly'>;
}

/**
 * How a property's schema is marked: its own keyword, else that of the first schema along its
 * `$ref`s with either keyword (Rebilly's `createdTime: { $ref: ServerTimestamp }`). A schema with
 * both is neither, as openapi-typescript's markers read it.
 */
export function markOf(document: JsonObject, schema: unknown): 'readOnly' | 'writeOnly' | undefined {
  const seen = new Set<string>();
  while (isObject(schema)) {
    const readOnly = schema.readOnly === true;
    const writeOnly = schema.writeOnly === true;
    if (readOnly || writeOnly)
      return readOnly === writeOnly ? undefined : readOnly ? 'readOnly' : 'writeOnly';
    if (typeof schema.$ref !== 'string' || seen.has(schema.$ref)) return undefined;
    seen.add(schema.$ref);
    schema = getAtPointer(document, schema.$ref);
  }
  return undefined;
}

/** Whether a property's schema is readOnly (see `markOf`): a request does not send it. */
export function isReadOnly(document: JsonObject, schema: unknown): boolean {
  return markOf(document, schema) === 'readOnly';
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
/** Keywords whose value is a schema (or, for 3.0's `items`, a list of them). */
const SCHEMA_VALUES = new Set([
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** What `document` (bundled, 3.1) needs of the markers; undefined when no schema uses them. */
export function readWriteUse(document: JsonObject): ReadWriteUse | undefined {
  const roots = mediaRoots(document);
  const components = isObject(document.components) ? document.components : {};
  const componentSchemas = isObject(components.schemas) ? components.schemas : {};
  const graph = new SchemaGraph(document);
  for (const root of roots) graph.visit(root.at, root.schema);
  for (const [name, schema] of Object.entries(componentSchemas))
    graph.visit(pointer('components', 'schemas', name), schema);
  if (!graph.marked) return undefined;

  const reaches = graph.reachesMark();
  const media = new Map<string, ReadWriteView>();
  for (const root of roots) if (reaches.has(root.at)) media.set(root.path, root.view);
  const from = (view: ReadWriteView) =>
    graph.reachable(roots.filter((root) => root.view === view).map((root) => root.at));
  const read = from('read');
  const written = from('write');
  const schemas = new Map<string, ReadWriteView>();
  for (const name of Object.keys(componentSchemas)) {
    const at = pointer('components', 'schemas', name);
    if (reaches.has(at)) schemas.set(name, !read.has(at) && written.has(at) ? 'write' : 'read');
  }
  return { media, schemas, inherited: graph.inherited };
}

interface MediaRoot {
  /** openapi-typescript's path of the media type object. */
  path: string;
  /** The pointer of its schema (as `pointer` writes one). */
  at: string;
  schema: unknown;
  view: ReadWriteView;
}

/** Every media type object that openapi-typescript types, with the view of its direction. */
function mediaRoots(document: JsonObject): MediaRoot[] {
  const roots: MediaRoot[] = [];
  /** `segments`: the holder's, from the document's root. */
  const content = (holder: unknown, segments: string[], view: ReadWriteView) => {
    if (!isObject(holder) || typeof holder.$ref === 'string' || !isObject(holder.content)) return;
    for (const [mediaType, object] of Object.entries(holder.content)) {
      if (!isObject(object) || object.schema === undefined) continue;
      const at = [...segments, 'content', mediaType];
      roots.push({
        path: `#/${at.map(escape).join('/')}`,
        at: pointer(...at, 'schema'),
        schema: object.schema,
        view,
      });
    }
  };
  const pathItems = (items: unknown, root: string, sent: ReadWriteView) => {
    if (!isObject(items)) return;
    const returned: ReadWriteView = sent === 'write' ? 'read' : 'write';
    for (const [key, item] of Object.entries(items)) {
      if (!isObject(item)) continue;
      for (const method of METHODS) {
        const operation = item[method];
        if (!isObject(operation)) continue;
        content(operation.requestBody, [root, key, method, 'requestBody'], sent);
        if (isObject(operation.responses))
          for (const [status, response] of Object.entries(operation.responses))
            content(response, [root, key, method, 'responses', status], returned);
      }
    }
  };
  pathItems(document.paths, 'paths', 'write');
  // A webhook's request is what the API sends, its response what the consumer's server returns.
  pathItems(document.webhooks, 'webhooks', 'read');
  const components = isObject(document.components) ? document.components : {};
  for (const [name, body] of Object.entries(
    isObject(components.requestBodies) ? components.requestBodies : {},
  ))
    content(body, ['components', 'requestBodies', name], 'write');
  for (const [name, response] of Object.entries(isObject(components.responses) ? components.responses : {}))
    content(response, ['components', 'responses', name], 'read');
  return roots;
}

/**
 * The schemas a document's roots reach through `$ref`s, each with whether it holds a marked
 * property itself (not through a `$ref`) and the `$ref`s it makes.
 */
class SchemaGraph {
  /** By pointer: the `$ref`s of the schema's own subtree, and whether that subtree marks a property. */
  private readonly nodes = new Map<string, { refs: Set<string>; marks: boolean }>();
  /** A `$ref` as written → its pointer as `pointer` writes it (Redocly may escape otherwise). */
  private readonly pointers = new Map<string, string>();
  /** A property's `$ref` as written → how it marks the property (see `markOf`). */
  private readonly keywords = new Map<string, 'readOnly' | 'writeOnly' | undefined>();
  readonly inherited: ReadWriteUse['inherited'] = new Map();
  /** Whether any property is marked. */
  marked = false;

  constructor(private readonly document: JsonObject) {}

  /** Reads the schema at `at` and every schema its `$ref`s reach. */
  visit(at: string, schema: unknown): void {
    const queue: [string, unknown][] = [[at, schema]];
    for (const [next, value] of queue) {
      if (this.nodes.has(next)) continue;
      const node = { refs: new Set<string>(), marks: false };
      this.nodes.set(next, node);
      this.walk(value, node, next, []);
      for (const ref of node.refs)
        if (!this.nodes.has(ref)) queue.push([ref, getAtPointer(this.document, ref)]);
    }
  }

  /**
   * `at`: the pointer of the schema the walk started from; `path`: the segments from there to
   * `schema` (changed while walking, restored after).
   */
  private walk(
    schema: unknown,
    node: { refs: Set<string>; marks: boolean },
    at: string,
    path: string[],
  ): void {
    if (!isObject(schema)) return;
    // The schema's own keys, each looked up in the tables: a schema has a few of the 19 keywords.
    for (const key in schema) {
      const value = schema[key];
      if (key === '$ref') {
        if (typeof value === 'string' && value.startsWith('#')) node.refs.add(this.pointer(value));
      } else if (SCHEMA_MAPS.has(key)) {
        if (!isObject(value)) continue;
        // openapi-typescript marks `properties` and `$defs` entries.
        const marked = key === 'properties' || key === '$defs';
        for (const name in value) {
          path.push(key, name);
          if (marked && this.marks(value[name], at, path)) {
            node.marks = true;
            this.marked = true;
          }
          this.walk(value[name], node, at, path);
          path.length -= 2;
        }
      } else if (SCHEMA_VALUES.has(key) || (SCHEMA_LISTS.has(key) && Array.isArray(value))) {
        path.push(key);
        if (Array.isArray(value))
          for (let index = 0; index < value.length; index++) {
            path.push(String(index));
            this.walk(value[index], node, at, path);
            path.pop();
          }
        else this.walk(value, node, at, path);
        path.pop();
      }
    }
  }

  /** Whether openapi-typescript marks `property`, once its inherited keyword is copied beside its `$ref`. */
  private marks(property: unknown, at: string, path: string[]): boolean {
    if (!isObject(property)) return false;
    if (property.readOnly === true || property.writeOnly === true || typeof property.$ref !== 'string')
      return markOf(this.document, property) !== undefined;
    let keyword = this.keywords.get(property.$ref);
    if (keyword === undefined && !this.keywords.has(property.$ref))
      this.keywords.set(property.$ref, (keyword = markOf(this.document, property)));
    if (keyword !== undefined)
      this.inherited.set(`${at}/${path.map((segment) => pointerSegment(segment)).join('/')}`, keyword);
    return keyword !== undefined;
  }

  private pointer(ref: string): string {
    let found = this.pointers.get(ref);
    if (found === undefined) this.pointers.set(ref, (found = pointer(...pointerSegments(ref))));
    return found;
  }

  /** The pointers whose schema holds a marked property, itself or through its `$ref`s. */
  reachesMark(): Set<string> {
    const referrers = new Map<string, string[]>();
    for (const [at, node] of this.nodes)
      for (const ref of node.refs) {
        const list = referrers.get(ref);
        if (list === undefined) referrers.set(ref, [at]);
        else list.push(at);
      }
    const found = new Set<string>();
    const queue = [...this.nodes].filter(([, node]) => node.marks).map(([at]) => at);
    for (const at of queue) {
      if (found.has(at)) continue;
      found.add(at);
      queue.push(...(referrers.get(at) ?? []));
    }
    return found;
  }

  /** The pointers `from` reach through `$ref`s, themselves included. */
  reachable(from: string[]): Set<string> {
    const found = new Set<string>();
    const queue = [...from];
    for (const at of queue) {
      if (found.has(at)) continue;
      found.add(at);
      queue.push(...(this.nodes.get(at)?.refs ?? []));
    }
    return found;
  }
}

/** A pointer segment as openapi-typescript's `createRef` writes one (`~` and `/` escaped only). */
function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
