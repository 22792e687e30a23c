/**
 * OpenAPI 3.0 → 3.1 as `@scalar/openapi-upgrader`'s `upgrade(document, '3.1')` does it, to the byte,
 * in two walks of the document instead of its three, each deciding what a node is in constant time.
 *
 * The upgrader decides what each node is (a Schema Object, data under `example`, an extension, a
 * name someone chose) from its whole path, again for every node and with every prefix of it: the
 * cost of a node grows with the cube of its depth, and GitHub's description (13 MB, nodes 20 deep)
 * took 2.5 s of the upgrade's 3. Every one of those predicates reads a path left to right, so each is
 * kept here per path as a fold of its parent's (`Place`), with the upgrader's rules unchanged.
 *
 * Documents this does not cover go to the upgrader itself: a Swagger 2.0 field, and the `x-ext`
 * resources of Scalar's own bundler (Redocly's bundle, which the pipeline upgrades, has neither).
 * test/pipeline/upgrade/three-one.test.ts holds the two equal on the corpus and on generated
 * documents built from every keyword the rules name.
 * @see https://www.openapis.org/blog/2021/02/16/migrating-from-openapi-3-0-to-3-1-0
 */
import { upgrade } from '@scalar/openapi-upgrader';
import type { JsonObject } from '../../shared/openapi.js';

// The upgrader's tables (dist/helpers/is-inside-data-value.js, @scalar/helpers' is-schema-path.js,
// dist/3.0-to-3.1/upgrade-from-three-to-three-one.js).
const SCHEMA_SEGMENTS = new Set([
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'additionalProperties',
  'schema',
  'schemas',
]);
const USER_KEYED_MAPS = new Set([
  'paths',
  'webhooks',
  'responses',
  'content',
  'headers',
  'examples',
  'links',
  'encoding',
  'variables',
  'parameters',
  'requestBodies',
  'securitySchemes',
  'pathItems',
  'scopes',
]);
const OPENAPI_NAME_MAPS = new Set([...USER_KEYED_MAPS, 'schemas']);
const NAMED_SCHEMA_MAP_SEGMENTS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);
const DATA_KEYWORDS = new Set(['example', 'default', 'const', 'enum']);
const ANNOTATION_KEYWORDS = new Set([
  'title',
  'description',
  'deprecated',
  'default',
  'example',
  'examples',
  'externalDocs',
  'readOnly',
  'writeOnly',
]);

/**
 * A node's path, with what the upgrader's predicates say of it, each computed from its parent's.
 * Field comments name the upgrader's function of the path.
 */
interface Place {
  parent: Place | undefined;
  /** The last segment; undefined for the root. */
  segment: string | undefined;
  length: number;
  /** `isSchemaPath` */
  schemaPath: boolean;
  /** `isSchemaPath`'s count of upcoming segments that are names. */
  userKeys: number;
  /** `openApiNameLevels` */
  nameLevels: number;
  /** `openApiNameLevels` returned 0 early: a prefix is a schema path. */
  nameLevelsDone: boolean;
  /** `isOpenApiObjectName(path, length - 1)` */
  objectName: boolean;
  /** `isNamedSchemaMap` */
  namedSchemaMap: boolean;
  /** `isInsideDataValue(path, '3.0')` */
  insideData: boolean;
  /** `isInsideExtension` */
  insideExtension: boolean;
  /** `applyChangesToDocument`'s `isInsideExamplesMap` */
  insideExamplesMap: boolean;
  /** The same path with a root `x-webhooks` read as `webhooks`, as `isInsideExtension` reads it. */
  objectPlace: Place;
}

const ROOT: Place = (() => {
  const root = {
    parent: undefined,
    segment: undefined,
    length: 0,
    schemaPath: false,
    userKeys: 0,
    nameLevels: 0,
    nameLevelsDone: false,
    objectName: false,
    namedSchemaMap: false,
    insideData: false,
    insideExtension: false,
    insideExamplesMap: false,
    objectPlace: undefined,
  } as unknown as Place;
  root.objectPlace = root;
  return root;
})();

const levelsOf = (place: Place): number => (place.nameLevelsDone ? 0 : place.nameLevels);

/** The predicates of `parent`'s path with `segment` appended, but `insideExtension` and `objectPlace`. */
function extend(parent: Place, segment: string): Place {
  const index = parent.length;
  // isSchemaPath
  let schemaPath = parent.schemaPath;
  let userKeys = 0;
  if (!schemaPath) {
    if (parent.userKeys > 0) userKeys = parent.userKeys - 1;
    else if (SCHEMA_SEGMENTS.has(segment) || segment.endsWith('Schema')) schemaPath = true;
    else if (segment === 'callbacks') userKeys = 2;
    else if (USER_KEYED_MAPS.has(segment)) userKeys = 1;
  }
  // openApiNameLevels
  let nameLevels = 0;
  let nameLevelsDone = parent.nameLevelsDone;
  if (!nameLevelsDone) {
    if (parent.nameLevels > 0) nameLevels = parent.nameLevels - 1;
    else if (parent.schemaPath) nameLevelsDone = true;
    else if (segment === 'callbacks') nameLevels = 2;
    else if (OPENAPI_NAME_MAPS.has(segment) || (index === 0 && segment === 'x-webhooks')) nameLevels = 1;
  }
  // isOpenApiObjectName(path, index)
  const levels = levelsOf(parent);
  let objectName = false;
  if (levels > 0) {
    if (!segment.startsWith('x-')) objectName = true;
    else {
      const isPaths = parent.length === 1 && parent.segment === 'paths';
      const isResponses =
        parent.segment === 'responses' &&
        !(parent.length === 1 || (parent.length === 2 && parent.parent!.segment === 'components'));
      const isCallbackExpression = levels === 1 && levelsOf(parent.parent!) === 2;
      objectName = !isPaths && !isResponses && !isCallbackExpression;
    }
  }
  // isNamedSchemaMap
  const namedSchemaMap =
    !objectName &&
    ((segment === 'schemas' && parent.segment === 'components') ||
      (NAMED_SCHEMA_MAP_SEGMENTS.has(segment) && !parent.namedSchemaMap));
  // isInsideDataValue, at this index
  let insideData = parent.insideData;
  if (!insideData && !objectName) {
    if (DATA_KEYWORDS.has(segment) && !parent.namedSchemaMap && !isDefaultResponse(parent, segment)) {
      insideData = true;
    } else if (
      segment === 'value' &&
      parent.parent?.segment === 'examples' &&
      !parent.parent.parent!.namedSchemaMap
    ) {
      insideData = true;
    }
  }
  const insideExamplesMap =
    parent.insideExamplesMap ||
    (segment === 'examples' && index > 0 && !parent.namedSchemaMap && levelsOf(parent) === 0);
  return {
    parent,
    segment,
    length: index + 1,
    schemaPath,
    userKeys,
    nameLevels,
    nameLevelsDone,
    objectName,
    namedSchemaMap,
    insideData,
    insideExtension: false,
    insideExamplesMap,
    // Set by `child`: every place has the same fields, in the same order (one hidden class).
    objectPlace: undefined as unknown as Place,
  };
}

/** `isDefaultResponse(path, index)`, `segment` being `path[index]` and `parent` its prefix. */
function isDefaultResponse(parent: Place, segment: string): boolean {
  return segment === 'default' && parent.segment === 'responses' && !parent.parent!.namedSchemaMap;
}

function child(parent: Place, segment: string): Place {
  const place = extend(parent, segment);
  const objectPlace =
    parent.length === 0 && segment === 'x-webhooks'
      ? extend(ROOT, 'webhooks')
      : parent.objectPlace === parent
        ? place
        : extend(parent.objectPlace, segment);
  place.objectPlace = objectPlace;
  // isInsideExtension, read on the object path
  place.insideExtension =
    parent.insideExtension ||
    (objectPlace.segment!.startsWith('x-') && !objectPlace.parent!.namedSchemaMap && !objectPlace.objectName);
  return place;
}

/** `isSchemaObjectPath` */
const isSchemaObjectPath = (place: Place): boolean =>
  place.schemaPath && !place.namedSchemaMap && !place.insideExtension;

/** `isUnionArm` */
function isUnionArm(place: Place): boolean {
  if (place.length < 2) return false;
  const keywordPlace = place.parent!;
  if (!isSchemaObjectPath(keywordPlace.parent!)) return false;
  return (
    (keywordPlace.segment === 'oneOf' || keywordPlace.segment === 'anyOf') && /^\d+$/.test(place.segment!)
  );
}

function pathOf(place: Place): string[] {
  const path: string[] = [];
  for (let at: Place | undefined = place; at !== undefined && at.length > 0; at = at.parent)
    path.push(at.segment!);
  return path.reverse();
}

interface NullableComposition {
  base: unknown;
  keywords: string[];
  unwrapAllOf: boolean;
}

/** The upgrader's `getNullableComposition`. */
function nullableComposition(schema: JsonObject): NullableComposition | undefined {
  if (schema.nullable !== true || schema.type !== undefined || typeof schema.$ref === 'string') {
    return undefined;
  }
  const keywords = ['allOf', 'anyOf', 'oneOf'].filter((keyword) => Array.isArray(schema[keyword]));
  if (keywords.length === 0) return undefined;
  const { allOf, anyOf, oneOf } = schema;
  const composition = {
    ...(allOf === undefined ? {} : { allOf }),
    ...(anyOf === undefined ? {} : { anyOf }),
    ...(oneOf === undefined ? {} : { oneOf }),
  };
  const unwrapAllOf = Object.keys(composition).length === 1 && Array.isArray(allOf) && allOf.length === 1;
  return { base: unwrapAllOf && Array.isArray(allOf) ? allOf[0] : composition, keywords, unwrapAllOf };
}

/**
 * Every object the upgrader's `traverse` visits, with its place: objects under object keys and
 * objects directly in arrays (not arrays in arrays, nor what they hold), children first.
 */
function visitObjects(node: JsonObject, place: Place, visit: (node: JsonObject, place: Place) => void): void {
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (typeof value !== 'object' || value === null) continue;
    const here = child(place, key);
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        const item: unknown = value[index];
        if (typeof item === 'object' && item !== null && !Array.isArray(item))
          visitObjects(item as JsonObject, child(here, String(index)), visit);
      }
    } else visitObjects(value as JsonObject, here, visit);
  }
  visit(node, place);
}

/** The upgrader's `traverse`: a copy of every object it visits, `transform` applied children first. */
function transformObjects(
  content: JsonObject,
  place: Place,
  transform: (node: JsonObject, place: Place) => JsonObject,
): JsonObject {
  const result: JsonObject = { ...content };
  for (const key of Object.keys(content)) {
    const value = content[key];
    if (typeof value !== 'object' || value === null) continue;
    const here = child(place, key);
    if (Array.isArray(value)) {
      result[key] = value.map((item: unknown, index) =>
        typeof item === 'object' && item !== null && !Array.isArray(item)
          ? transformObjects(item as JsonObject, child(here, String(index)), transform)
          : item,
      );
    } else result[key] = transformObjects(value as JsonObject, here, transform);
  }
  return transform(result, place);
}

/** The document upgraded to OpenAPI 3.1.1; `document.openapi` is set to it too, as the upgrader does. */
export function upgradeToThreeOne(document: JsonObject): JsonObject {
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.0')) return document;
  if ('x-ext' in document || typeof document.swagger === 'string') {
    return upgrade(document, '3.1') as unknown as JsonObject;
  }
  document.openapi = '3.1.1';
  // Record moves in the original tree before applying them, including nested compositions.
  const compositions = new Map<string, NullableComposition>();
  visitObjects(document, ROOT, (node, place) => {
    const composition = nullableComposition(node);
    if (composition && isSchemaObjectPath(place) && !place.insideData)
      compositions.set(JSON.stringify(pathOf(place)), composition);
  });
  return transformObjects(document, ROOT, (node, place) => {
    if (compositions.size > 0 && typeof node.$ref === 'string' && !place.insideData && !place.insideExtension)
      node.$ref = relocateReference(node.$ref, compositions);
    return applyChanges(node, place);
  });
}

/** The upgrader's `applyChangesToDocument`. */
function applyChanges(schema: JsonObject, place: Place): JsonObject {
  if (place.insideData || place.insideExtension) return schema;
  if (isSchemaObjectPath(place)) {
    const composition = nullableComposition(schema);
    if (schema.type !== undefined && schema.nullable === true) {
      schema.type = [schema.type, 'null'];
    } else if (schema.nullable === true) {
      if (typeof schema.$ref === 'string') {
        schema.anyOf = [{ $ref: schema.$ref }, { type: 'null' }];
        delete schema.$ref;
      } else if (composition) {
        schema.anyOf = [composition.base, { type: 'null' }];
        delete schema.allOf;
        delete schema.oneOf;
      } else if (isUnionArm(place) && isNullableOnly(schema)) {
        schema.type = 'null';
      }
    }
    delete schema.nullable;
  }
  if (schema.exclusiveMinimum === true && schema.minimum !== undefined) {
    schema.exclusiveMinimum = schema.minimum;
    delete schema.minimum;
  } else if (typeof schema.exclusiveMinimum === 'boolean') {
    delete schema.exclusiveMinimum;
  }
  if (schema.exclusiveMaximum === true && schema.maximum !== undefined) {
    schema.exclusiveMaximum = schema.maximum;
    delete schema.maximum;
  } else if (typeof schema.exclusiveMaximum === 'boolean') {
    delete schema.exclusiveMaximum;
  }
  if (
    schema.example !== undefined &&
    !place.insideExamplesMap &&
    !place.namedSchemaMap &&
    levelsOf(place) === 0
  ) {
    schema.examples = place.schemaPath ? [schema.example] : { default: { value: schema.example } };
    delete schema.example;
  }
  if (schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'))) {
    if (schema.format === 'binary') {
      const { format: _format, type: _type, ...binarySchema } = schema;
      const hasMediaType = place.segment === 'schema' && place.parent?.parent?.segment === 'content';
      return hasMediaType ? binarySchema : { contentMediaType: 'application/octet-stream', ...binarySchema };
    }
    if (schema.format === 'base64' || schema.format === 'byte') {
      const { format: _format, ...rest } = schema;
      return { ...rest, contentEncoding: 'base64' };
    }
  }
  if (schema['x-webhooks'] !== undefined && place.length === 0) {
    schema.webhooks = schema['x-webhooks'];
    delete schema['x-webhooks'];
  }
  return schema;
}

function isNullableOnly(schema: JsonObject): boolean {
  return Object.keys(schema).every(
    (key) => key === 'nullable' || ANNOTATION_KEYWORDS.has(key) || key.startsWith('x-'),
  );
}

/** The upgrader's `parseLocalReference`. */
function parseLocalReference(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  try {
    const pointer = decodeURIComponent(ref.slice(1));
    return pointer.startsWith('/')
      ? pointer
          .replaceAll('%', '%25')
          .split('/')
          .slice(1)
          .map((segment) => decodeURI(segment.replaceAll('~1', '/').replaceAll('~0', '~')))
      : undefined;
  } catch {
    return undefined;
  }
}

/** The upgrader's `relocateReference`: a local `$ref` into a composition that moved follows it. */
function relocateReference(ref: string, compositions: Map<string, NullableComposition>): string {
  const segments = parseLocalReference(ref);
  if (!segments) return ref;
  const output: string[] = [];
  for (let index = 0; index < segments.length; index++) {
    const keyword = segments[index]!;
    const composition = compositions.get(JSON.stringify(segments.slice(0, index)));
    if (composition?.keywords.includes(keyword)) {
      output.push('anyOf', '0');
      if (keyword === 'allOf' && composition.unwrapAllOf && segments[index + 1] === '0') index++;
      else output.push(keyword);
    } else {
      output.push(keyword);
    }
  }
  return output.every((segment, index) => segment === segments[index]) && output.length === segments.length
    ? ref
    : `#/${output.map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}
