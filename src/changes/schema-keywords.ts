/**
 * The value-level keywords of one schema node: type, enum/const, numeric bounds, lengths and
 * counts, multipleOf, uniqueItems, pattern, format, default. Structure (properties, items,
 * composition) lives in `schema-diff.ts`.
 */
import { report, type DiffContext } from './context.js';
import type { DocumentSide } from './errors.js';
import { canonicalJson, code, codeList, jsonEqual, type JsonObject } from './json.js';
import type { Direction, RuleId } from './rules.js';
import { fail, getArray, getBoolean, getNumber, getString, type Where } from './shape.js';
import type { Sides, TypePath } from './type-shape.js';

/** Where a schema sits and how to read it. */
export interface SchemaSite {
  location: string;
  direction: Direction;
  /** Appended to messages for constraints inside `then`/`else`: ` when ai_provider is "byom"`. */
  condition: string;
  /**
   * Inside `then`/`else`, `properties` add constraints to fields declared elsewhere instead of
   * declaring fields, so a property missing there means "no extra constraint", not "removed".
   */
  constraintsOnly: boolean;
  /** Where openapi-typescript types the schema on each side (see `type-shape.ts`). */
  typedAt: Sides<TypePath>;
}

/** Reports a change at the site, in the site's direction, with the site's condition appended. */
export function reportAt(ctx: DiffContext, site: SchemaSite, rule: RuleId, message: string): void {
  report(ctx, rule, site.direction, site.location, `${message}${site.condition}`);
}

export function whereAt(side: DocumentSide, site: SchemaSite): Where {
  return { side, at: site.location };
}

// --- type -----------------------------------------------------------------------------------------

/** The JSON types a node allows; `undefined` when it has no `type` and so allows any. */
function typesOf(keywords: JsonObject, where: Where): string[] | undefined {
  const type = keywords.type;
  if (type === undefined) return undefined;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type) && type.every((item) => typeof item === 'string'))
    return [...new Set(type as string[])];
  return fail(where, `"type" must be a string or an array of strings, got ${canonicalJson(type)}`);
}

/** Whether every value of type set `inner` is also allowed by `outer`; integers are numbers. */
function covers(outer: string[] | undefined, inner: string[] | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return inner.every((type) => outer.includes(type) || (type === 'integer' && outer.includes('number')));
}

function typeLabel(types: string[] | undefined): string {
  return types === undefined ? 'any' : types.join(' | ');
}

function withoutNull(types: string[] | undefined): string[] | undefined {
  return types?.filter((type) => type !== 'null');
}

/**
 * Whether the two type sets give the same generated type apart from `| null`: openapi-typescript
 * types `integer` as `number`, and comparisons with null compile whatever the type.
 */
function sameGeneratedType(a: string[] | undefined, b: string[] | undefined): boolean {
  const generated = (types: string[] | undefined) =>
    types === undefined
      ? undefined
      : [...new Set(withoutNull(types)!.map((type) => (type === 'integer' ? 'number' : type)))].sort().join();
  return a !== undefined && b !== undefined && generated(a) === generated(b);
}

/**
 * Compares `type`. Returns false when the types are unrelated (string -> object): the node is
 * then a different thing, and its nested keywords are not compared, to report one change, not ten.
 */
export function compareType(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  site: SchemaSite,
): boolean {
  const was = typesOf(before, whereAt('before', site));
  const is = typesOf(after, whereAt('after', site));
  const widened = covers(is, was);
  const narrowed = covers(was, is);
  if (widened && narrowed) return true;
  const fromTo = `from ${code(typeLabel(was))} to ${code(typeLabel(is))}`;
  if (!widened && !narrowed) {
    reportAt(ctx, site, 'typeChanged', `type changed ${fromTo}`);
    return false;
  }
  const sameApartFromNull =
    was !== undefined &&
    is !== undefined &&
    covers(withoutNull(was), withoutNull(is)) &&
    covers(withoutNull(is), withoutNull(was));
  const [rule, wording] = widened
    ? sameApartFromNull
      ? (['nullableAdded', 'made nullable'] as const)
      : (['typeWidened', 'type widened'] as const)
    : sameApartFromNull
      ? (['nullableRemoved', 'no longer nullable'] as const)
      : sameGeneratedType(was, is)
        ? (['typeNarrowedWithinGeneratedType', 'type narrowed'] as const)
        : (['typeNarrowed', 'type narrowed'] as const);
  reportAt(ctx, site, rule, `${wording}: ${fromTo}`);
  return true;
}

// --- enum / const ---------------------------------------------------------------------------------

/**
 * The allowed values as canonical JSON, or undefined without `enum`/`const`. When the node has a
 * `type`, null is left out of `values` (nullability is reported once, by the type comparison) and
 * `listsNull` says whether the values named it.
 */
function allowedValues(
  keywords: JsonObject,
  where: Where,
): { values: string[]; listsNull: boolean } | undefined {
  const values = keywords.const !== undefined ? [keywords.const] : getArray(keywords, 'enum', where);
  if (values === undefined) return undefined;
  const typed = keywords.type !== undefined;
  return {
    values: values.filter((value) => !(typed && value === null)).map(canonicalJson),
    listsNull: values.includes(null),
  };
}

export function compareEnum(ctx: DiffContext, before: JsonObject, after: JsonObject, site: SchemaSite): void {
  const allowedWere = allowedValues(before, whereAt('before', site));
  const allowedAre = allowedValues(after, whereAt('after', site));
  if (allowedWere === undefined && allowedAre === undefined) return;
  if (allowedWere === undefined)
    return reportAt(ctx, site, 'enumAdded', `restricted to enum ${codeList(allowedAre?.values ?? [])}`);
  if (allowedAre === undefined)
    return reportAt(
      ctx,
      site,
      'enumRemoved',
      `enum restriction removed (was ${codeList(allowedWere.values)})`,
    );
  const { values: was } = allowedWere;
  const { values: is } = allowedAre;
  const removed = was.filter((value) => !is.includes(value));
  const added = is.filter((value) => !was.includes(value));
  if (removed.length > 0)
    reportAt(ctx, site, 'enumValuesRemoved', `enum values removed: ${codeList(removed)}`);
  if (added.length > 0) reportAt(ctx, site, 'enumValuesAdded', `enum values added: ${codeList(added)}`);
  // Under `type: [X, 'null']` null is valid only while the enum lists it too, so an enum gaining or
  // losing null changes nullability as much as the type does (which `compareType` reports).
  const typeAllowsNull = (keywords: JsonObject, side: DocumentSide) =>
    typesOf(keywords, whereAt(side, site))?.includes('null') === true;
  if (typeAllowsNull(before, 'before') && typeAllowsNull(after, 'after')) {
    if (allowedWere.listsNull && !allowedAre.listsNull)
      reportAt(ctx, site, 'nullableRemoved', `no longer nullable: ${code(null)} removed from the enum`);
    if (!allowedWere.listsNull && allowedAre.listsNull)
      reportAt(ctx, site, 'nullableAdded', `made nullable: ${code(null)} added to the enum`);
  }
}

// --- numeric bounds -------------------------------------------------------------------------------

interface Bound {
  value: number;
  exclusive: boolean;
}

/**
 * The effective bound from `minimum`/`exclusiveMinimum` (or the maximum pair). In 3.1 the
 * exclusive keywords are numbers; the 3.0 boolean form is rejected rather than misread.
 */
function boundOf(keywords: JsonObject, side: 'lower' | 'upper', where: Where): Bound | undefined {
  const [inclusiveKey, exclusiveKey] =
    side === 'lower' ? ['minimum', 'exclusiveMinimum'] : ['maximum', 'exclusiveMaximum'];
  if (typeof keywords[exclusiveKey] === 'boolean') {
    fail(where, `"${exclusiveKey}" must be a number in OpenAPI 3.1 (the boolean form is OpenAPI 3.0)`);
  }
  const inclusive = getNumber(keywords, inclusiveKey, where);
  const exclusive = getNumber(keywords, exclusiveKey, where);
  const candidates: Bound[] = [];
  if (inclusive !== undefined) candidates.push({ value: inclusive, exclusive: false });
  if (exclusive !== undefined) candidates.push({ value: exclusive, exclusive: true });
  return candidates.reduce<Bound | undefined>(
    (tightest, bound) => (tightest === undefined || stricter(bound, tightest, side) ? bound : tightest),
    undefined,
  );
}

function stricter(a: Bound, b: Bound, side: 'lower' | 'upper'): boolean {
  if (a.value !== b.value) return side === 'lower' ? a.value > b.value : a.value < b.value;
  return a.exclusive && !b.exclusive;
}

function boundLabel(bound: Bound, side: 'lower' | 'upper'): string {
  const operator = side === 'lower' ? (bound.exclusive ? '>' : '>=') : bound.exclusive ? '<' : '<=';
  return code(`${operator} ${bound.value}`);
}

function compareBound(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  site: SchemaSite,
  side: 'lower' | 'upper',
): void {
  const was = boundOf(before, side, whereAt('before', site));
  const is = boundOf(after, side, whereAt('after', site));
  if (was === undefined && is === undefined) return;
  const name = `${side} bound`;
  if (was === undefined)
    return reportAt(ctx, site, 'constraintTightened', `${name} added: ${boundLabel(is!, side)}`);
  if (is === undefined)
    return reportAt(ctx, site, 'constraintRelaxed', `${name} removed (was ${boundLabel(was, side)})`);
  const fromTo = `from ${boundLabel(was, side)} to ${boundLabel(is, side)}`;
  if (stricter(is, was, side)) reportAt(ctx, site, 'constraintTightened', `${name} tightened ${fromTo}`);
  else if (stricter(was, is, side)) reportAt(ctx, site, 'constraintRelaxed', `${name} relaxed ${fromTo}`);
}

// --- lengths, item and property counts ------------------------------------------------------------

const COUNT_LIMITS = [
  ['minLength', 'min'],
  ['maxLength', 'max'],
  ['minItems', 'min'],
  ['maxItems', 'max'],
  ['minProperties', 'min'],
  ['maxProperties', 'max'],
] as const;

function compareCount(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  site: SchemaSite,
  key: string,
  limit: 'min' | 'max',
): void {
  const was = getNumber(before, key, whereAt('before', site));
  const is = getNumber(after, key, whereAt('after', site));
  if (was === is) return;
  // An absent minimum is 0 and an absent maximum is unlimited, so `minLength: 0` added changes nothing.
  const effective = (value: number | undefined) => value ?? (limit === 'min' ? 0 : Infinity);
  const tighter = limit === 'min' ? effective(is) > effective(was) : effective(is) < effective(was);
  if (effective(is) === effective(was)) return;
  const message =
    was === undefined
      ? `${code(key)} added: ${code(is)}`
      : is === undefined
        ? `${code(key)} removed (was ${code(was)})`
        : `${code(key)} changed from ${code(was)} to ${code(is)}`;
  reportAt(ctx, site, tighter ? 'constraintTightened' : 'constraintRelaxed', message);
}

function compareMultipleOf(ctx: DiffContext, before: JsonObject, after: JsonObject, site: SchemaSite): void {
  const was = getNumber(before, 'multipleOf', whereAt('before', site));
  const is = getNumber(after, 'multipleOf', whereAt('after', site));
  if (was === is) return;
  if (was === undefined)
    return reportAt(ctx, site, 'constraintTightened', `${code('multipleOf')} added: ${code(is)}`);
  if (is === undefined)
    return reportAt(ctx, site, 'constraintRelaxed', `${code('multipleOf')} removed (was ${code(was)})`);
  const message = `${code('multipleOf')} changed from ${code(was)} to ${code(is)}`;
  // Every multiple of 10 is a multiple of 5: 5 -> 10 accepts fewer values, 10 -> 5 more.
  if (Number.isInteger(is / was)) reportAt(ctx, site, 'constraintTightened', message);
  else if (Number.isInteger(was / is)) reportAt(ctx, site, 'constraintRelaxed', message);
  else
    reportAt(ctx, site, 'unanalysedContractChanged', `${message}; neither accepts all values of the other`);
}

function compareUniqueItems(ctx: DiffContext, before: JsonObject, after: JsonObject, site: SchemaSite): void {
  const was = getBoolean(before, 'uniqueItems', whereAt('before', site)) ?? false;
  const is = getBoolean(after, 'uniqueItems', whereAt('after', site)) ?? false;
  if (was === is) return;
  if (is)
    reportAt(ctx, site, 'constraintTightened', `items must now be unique (${code('uniqueItems: true')})`);
  else
    reportAt(
      ctx,
      site,
      'constraintRelaxed',
      `items no longer need to be unique (${code('uniqueItems')} removed)`,
    );
}

export function compareLimits(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  site: SchemaSite,
): void {
  compareBound(ctx, before, after, site, 'lower');
  compareBound(ctx, before, after, site, 'upper');
  for (const [key, limit] of COUNT_LIMITS) compareCount(ctx, before, after, site, key, limit);
  compareMultipleOf(ctx, before, after, site);
  compareUniqueItems(ctx, before, after, site);
}

// --- pattern and format ---------------------------------------------------------------------------

export function compareStringRules(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  site: SchemaSite,
): void {
  for (const key of ['pattern', 'format'] as const) {
    const was = getString(before, key, whereAt('before', site));
    const is = getString(after, key, whereAt('after', site));
    if (was === is) continue;
    const rules =
      key === 'pattern'
        ? ({ added: 'patternAdded', removed: 'patternRemoved', changed: 'patternChanged' } as const)
        : ({ added: 'formatAdded', removed: 'formatRemoved', changed: 'formatChanged' } as const);
    if (was === undefined) reportAt(ctx, site, rules.added, `${key} added: ${code(is)}`);
    else if (is === undefined) reportAt(ctx, site, rules.removed, `${key} removed (was ${code(was)})`);
    else reportAt(ctx, site, rules.changed, `${key} changed from ${code(was)} to ${code(is)}`);
  }
}

// --- default --------------------------------------------------------------------------------------

export function compareDefault(
  ctx: DiffContext,
  before: JsonObject,
  after: JsonObject,
  site: SchemaSite,
): void {
  const was = before.default;
  const is = after.default;
  if (jsonEqual(was, is)) return;
  if (was === undefined) reportAt(ctx, site, 'defaultAdded', `default added: ${code(canonicalJson(is))}`);
  else if (is === undefined)
    reportAt(ctx, site, 'defaultChanged', `default removed (was ${code(canonicalJson(was))})`);
  else
    reportAt(
      ctx,
      site,
      'defaultChanged',
      `default changed from ${code(canonicalJson(was))} to ${code(canonicalJson(is))}`,
    );
}
