/**
 * Compares two schemas found at the same place, recursively.
 *
 * References are followed on both sides, and a change inside a referenced component is reported at
 * every place that uses it, not once at the component. Why: whether a change breaks anyone depends
 * on where the component is used. The same `Agent` schema can be a request body (input) and a
 * response (output), and an enum value added to it is additive in one and breaking in the other,
 * so only the place of use can be classified. It also keeps the changelog in the consumer's terms
 * (the operation and field they call), which is what they search for. The cost is repetition when
 * a component is used in many places; these APIs have one operation each.
 */
import type { DiffContext } from './context.js';
import { compareDocumentation, isDocumentationKeyword } from './docs-diff.js';
import { canonicalJson, code, isJsonObject, jsonEqual, own, unionKeys, type JsonObject } from './json.js';
import { itemsLocation, mapValuesLocation, propertyLocation } from './location.js';
import {
  compareDefault,
  compareEnum,
  compareLimits,
  compareStringRules,
  compareType,
  reportAt,
  whereAt,
  type SchemaSite,
} from './schema-keywords.js';
import { flattenSchema, type Conditional } from './schema-flatten.js';
import { typePathOf, typeShape, type Sides, type TypePath, type TypeShape } from './type-shape.js';
import { getArray, getObject, getStringArray } from './shape.js';

export type { SchemaSite } from './schema-keywords.js';

/**
 * A site at the root of a request body, parameter, response or header; `typedAt` is where
 * openapi-typescript types its schema on each side.
 */
export function rootSite(
  location: string,
  direction: SchemaSite['direction'],
  typedAt: SchemaSite['typedAt'],
): SchemaSite {
  return { location, direction, condition: '', constraintsOnly: false, typedAt };
}

/** Keywords compared by this module or `schema-keywords.ts`; anything else falls to `compareUnanalysed`. */
const ANALYSED_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'pattern',
  'format',
  'default',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'oneOf',
  'anyOf',
  // Definitions only matter through the `$ref`s that use them, which are followed.
  '$defs',
]);

export function compareSchemas(ctx: DiffContext, before: unknown, after: unknown, site: SchemaSite): void {
  const was = flattenSchema(ctx.before, before, whereAt('before', site));
  const is = flattenSchema(ctx.after, after, whereAt('after', site));

  const refPair = `${was.refs.join(' > ')} | ${is.refs.join(' > ')}`;
  const recursive = was.refs.length + is.refs.length > 0;
  if (recursive && ctx.activeRefPairs.has(refPair)) return;
  if (recursive) ctx.activeRefPairs.add(refPair);
  const shapes: Shapes = {
    before: typeShape(ctx.before, before, site.typedAt.before),
    after: typeShape(ctx.after, after, site.typedAt.after),
  };
  try {
    compareFlat(ctx, was.keywords, is.keywords, site, shapes);
    compareConditionals(ctx, was.conditionals, is.conditionals, site);
  } finally {
    if (recursive) ctx.activeRefPairs.delete(refPair);
  }
}

/** What openapi-typescript makes of the two schemas compared (see `type-shape.ts`). */
type Shapes = Sides<TypeShape>;

function compareFlat(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  site: SchemaSite,
  shapes: Shapes,
): void {
  compareDocumentation(ctx, before, after, site.location, { condition: site.condition });
  if (!compareType(ctx, before, after, site)) return;
  compareEnum(ctx, before, after, site);
  compareLimits(ctx, before, after, site);
  compareStringRules(ctx, before, after, site);
  compareDefault(ctx, before, after, site);
  compareClosedness(ctx, before, after, site);
  compareIndexSignature(ctx, site, shapes);
  compareProperties(ctx, before, after, site, shapes);
  // Keywords of the node itself (its `items`, map values, variants) are typed where its own
  // keywords are: past its `$ref`s.
  const nested = { ...site, typedAt: { before: shapes.before.path, after: shapes.after.path } };
  compareMapValues(ctx, before, after, nested);
  compareItems(ctx, before, after, nested);
  for (const keyword of ['oneOf', 'anyOf'] as const) compareVariants(ctx, before, after, nested, keyword);
  compareUnanalysed(ctx, before, after, site);
}

// --- objects --------------------------------------------------------------------------------------

/** `additionalProperties: false`, or `unevaluatedProperties: false` beside a `$ref`. */
function isClosed(keywords: JsonObject): boolean {
  return keywords.additionalProperties === false || keywords.unevaluatedProperties === false;
}

function compareClosedness(ctx: DiffContext, before: JsonObject, after: JsonObject, site: SchemaSite): void {
  const was = isClosed(before);
  const is = isClosed(after);
  if (!was && is)
    reportAt(ctx, site, 'objectClosed', 'object closed: fields it does not list are now rejected');
  if (was && !is)
    reportAt(ctx, site, 'objectOpened', 'object opened: fields it does not list are now allowed');
}

/**
 * Whether `additionalProperties` is written changes no validation (extra fields are allowed either
 * way) but does change the type of an object with fields: only a written one gives it an index
 * signature (see `type-shape.ts`).
 */
function compareIndexSignature(ctx: DiffContext, site: SchemaSite, shapes: Shapes): void {
  if (shapes.before.fields.size === 0 || shapes.after.fields.size === 0) return;
  const was = shapes.before.indexSignature;
  const is = shapes.after.indexSignature;
  if (!was && is)
    reportAt(
      ctx,
      site,
      'indexSignatureAdded',
      'the generated type gains an index signature: fields it does not list can be read and written',
    );
  if (was && !is)
    reportAt(
      ctx,
      site,
      'indexSignatureRemoved',
      'the generated type loses its index signature: code using fields it does not list stops compiling',
    );
}

function compareProperties(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  site: SchemaSite,
  shapes: Shapes,
): void {
  const propertiesWere = getObject(before, 'properties', whereAt('before', site)) ?? {};
  const propertiesAre = getObject(after, 'properties', whereAt('after', site)) ?? {};
  const requiredWere = new Set(getStringArray(before, 'required', whereAt('before', site)));
  const requiredAre = new Set(getStringArray(after, 'required', whereAt('after', site)));

  const names = unionKeys(
    [...Object.keys(propertiesWere), ...requiredWere],
    [...Object.keys(propertiesAre), ...requiredAre],
  );
  for (const name of names) {
    const fieldSite: SchemaSite = {
      ...site,
      location: propertyLocation(site.location, name),
      typedAt: { before: shapes.before.fields.get(name), after: shapes.after.fields.get(name) },
    };
    const declaredBefore = Object.hasOwn(propertiesWere, name);
    const declaredAfter = Object.hasOwn(propertiesAre, name);
    if (!site.constraintsOnly && declaredBefore && !declaredAfter) {
      reportAt(ctx, fieldSite, 'fieldRemoved', 'field removed');
      continue;
    }
    if (!site.constraintsOnly && !declaredBefore && declaredAfter) {
      if (requiredAre.has(name)) reportAt(ctx, fieldSite, 'requiredFieldAdded', 'required field added');
      else
        reportAt(
          ctx,
          fieldSite,
          'fieldAdded',
          site.direction === 'input' ? 'optional field added' : 'field added',
        );
      continue;
    }
    if (!requiredWere.has(name) && requiredAre.has(name))
      reportAt(ctx, fieldSite, 'fieldBecameRequired', 'became required');
    if (requiredWere.has(name) && !requiredAre.has(name))
      reportAt(ctx, fieldSite, 'fieldBecameOptional', 'became optional');
    if (!requiredWere.has(name) && !requiredAre.has(name)) compareTypedPresence(ctx, fieldSite, name, shapes);
    if (declaredBefore || declaredAfter) {
      compareSchemas(ctx, own(propertiesWere, name) ?? {}, own(propertiesAre, name) ?? {}, fieldSite);
    }
  }
}

/**
 * A field `required` on neither side can still change between `field?: T` and `field: T` in the
 * generated type, by gaining or losing a `default` (see `type-shape.ts`).
 */
function compareTypedPresence(ctx: DiffContext, site: SchemaSite, name: string, shapes: Shapes): void {
  const was = shapes.before.defaulted.has(name);
  const is = shapes.after.defaulted.has(name);
  if (!was && is)
    reportAt(
      ctx,
      site,
      'fieldRequiredByDefault',
      'now required in the generated types: openapi-typescript types a field with a `default` as always present',
    );
  if (was && !is)
    reportAt(
      ctx,
      site,
      'fieldOptionalWithoutDefault',
      'now optional in the generated types: without its `default`, openapi-typescript types it as possibly absent',
    );
}

/** The schema of a map's values (`additionalProperties: {...}`); `false` is handled as closedness. */
function compareMapValues(ctx: DiffContext, before: JsonObject, after: JsonObject, site: SchemaSite): void {
  const was = before.additionalProperties;
  const is = after.additionalProperties;
  if (!isJsonObject(was) && !isJsonObject(is)) return;
  if (was === false || is === false) return;
  compareSchemas(ctx, was ?? {}, is ?? {}, { ...site, location: mapValuesLocation(site.location) });
}

// --- arrays ---------------------------------------------------------------------------------------

function compareItems(ctx: DiffContext, before: JsonObject, after: JsonObject, site: SchemaSite): void {
  if (before.items === undefined && after.items === undefined) return;
  compareSchemas(ctx, before.items ?? {}, after.items ?? {}, {
    ...site,
    location: itemsLocation(site.location),
  });
}

// --- oneOf / anyOf --------------------------------------------------------------------------------

/**
 * Variants are matched by their `$ref` when every variant on both sides is a plain reference
 * (the usual way to write a union), otherwise by position.
 */
function compareVariants(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  site: SchemaSite,
  keyword: 'oneOf' | 'anyOf',
): void {
  const was = getArray(before, keyword, whereAt('before', site));
  const is = getArray(after, keyword, whereAt('after', site));
  if (was === undefined && is === undefined) return;
  if (was === undefined || is === undefined) {
    const change = was === undefined ? 'added' : 'removed';
    reportAt(
      ctx,
      site,
      'unanalysedContractChanged',
      `${code(keyword)} ${change} (not analysed in detail, counted as breaking)`,
    );
    return;
  }
  const refOf = (variant: unknown) =>
    isJsonObject(variant) && Object.keys(variant).length === 1 && typeof variant.$ref === 'string'
      ? variant.$ref
      : undefined;
  const byRef = [...was, ...is].every((variant) => refOf(variant) !== undefined);
  const keyOf = (variant: unknown, index: number) => (byRef ? refOf(variant)! : String(index));
  const keysWere = was.map(keyOf);
  const keysAre = is.map(keyOf);

  was.forEach((variant, index) => {
    const key = keysWere[index]!;
    const variantSite = { ...site, location: `${site.location}.${keyword}[${index}]` };
    const match = keysAre.indexOf(key);
    if (match === -1)
      reportAt(
        ctx,
        variantSite,
        'variantRemoved',
        `${keyword} variant removed${byRef ? ` (${code(key)})` : ''}`,
      );
    else
      compareSchemas(ctx, variant, is[match], {
        ...site,
        location: `${site.location}.${keyword}[${match}]`,
        typedAt: {
          before: variantPath(site.typedAt.before, keyword, index),
          after: variantPath(site.typedAt.after, keyword, match),
        },
      });
  });
  is.forEach((_variant, index) => {
    const key = keysAre[index]!;
    if (keysWere.includes(key)) return;
    const variantSite = { ...site, location: `${site.location}.${keyword}[${index}]` };
    reportAt(ctx, variantSite, 'variantAdded', `${keyword} variant added${byRef ? ` (${code(key)})` : ''}`);
  });
}

/** openapi-typescript types each `oneOf`/`anyOf` variant at `<path>/<keyword>/<index>`. */
function variantPath(path: TypePath, keyword: string, index: number): TypePath {
  return path === undefined ? undefined : typePathOf(path, keyword, String(index));
}

// --- if / then / else -----------------------------------------------------------------------------

/**
 * Conditionals are matched by their `if` schema. A matched pair compares its `then` (and `else`)
 * blocks as constraints on top of the field declarations, so `required: [webhook_url]` appearing in
 * a `then` reads "became required when ai_provider is "byom"". A changed `if` is an old
 * conditional dropped and a new one added.
 */
function compareConditionals(
  ctx: DiffContext,
  before: Conditional[],
  after: Conditional[],
  site: SchemaSite,
): void {
  const was = keyConditionals(before);
  const is = keyConditionals(after);
  for (const key of unionKeys(was.keys(), is.keys())) {
    const conditional = (is.get(key) ?? was.get(key))!;
    const label = conditionLabel(conditional.if);
    const branch = (block: 'then' | 'else', condition: string) =>
      compareSchemas(ctx, was.get(key)?.[block] ?? {}, is.get(key)?.[block] ?? {}, {
        ...site,
        condition: `${site.condition} ${condition}`,
        constraintsOnly: true,
        // The generated types leave conditionals out.
        typedAt: { before: undefined, after: undefined },
      });
    branch('then', `when ${label}`);
    branch('else', `unless ${label}`);
  }
}

function keyConditionals(conditionals: Conditional[]): Map<string, Conditional> {
  const keyed = new Map<string, Conditional>();
  for (const conditional of conditionals) {
    const base = canonicalJson(conditional.if);
    let key = base;
    for (let repeat = 2; keyed.has(key); repeat++) key = `${base}#${repeat}`;
    keyed.set(key, conditional);
  }
  return keyed;
}

/** `ai_provider is "byom"` for the usual `if: { properties: { x: { const: ... } } }`; JSON otherwise. */
function conditionLabel(condition: unknown): string {
  const properties =
    isJsonObject(condition) && isJsonObject(condition.properties) ? condition.properties : undefined;
  const parts = Object.entries(properties ?? {}).map(([name, schema]) => {
    if (isJsonObject(schema) && schema.const !== undefined)
      return `${name} is ${canonicalJson(schema.const)}`;
    if (isJsonObject(schema) && Array.isArray(schema.enum))
      return `${name} is one of ${schema.enum.map((value) => canonicalJson(value)).join(', ')}`;
    return undefined;
  });
  if (parts.length === 0 || parts.some((part) => part === undefined))
    return `${code(canonicalJson(condition))} matches`;
  return parts.join(' and ');
}

// --- everything else ------------------------------------------------------------------------------

/**
 * Keywords this classifier does not model (`not`, `patternProperties`, `prefixItems`,
 * `discriminator`, `readOnly`...) still change what is valid, so any difference in them is
 * reported as breaking, saying it was not analysed.
 */
function compareUnanalysed(ctx: DiffContext, before: JsonObject, after: JsonObject, site: SchemaSite): void {
  for (const key of unionKeys(Object.keys(before), Object.keys(after))) {
    if (ANALYSED_KEYWORDS.has(key) || isDocumentationKeyword(key) || jsonEqual(before[key], after[key]))
      continue;
    // `unevaluatedProperties: false` is closedness, compared above; a schema-valued one is not.
    if (
      key === 'unevaluatedProperties' &&
      typeof (before[key] ?? false) === 'boolean' &&
      typeof (after[key] ?? false) === 'boolean'
    )
      continue;
    reportAt(
      ctx,
      site,
      'unanalysedContractChanged',
      `${code(key)} changed (not analysed in detail, counted as breaking)`,
    );
  }
}
