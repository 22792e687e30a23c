/**
 * Upgrade: a published document becomes the OpenAPI 3.1 the stages after lint read (the API model,
 * types, the change classifier, the mocks). It runs after lint, so a 3.0 document is linted as 3.0.
 *
 * - OpenAPI 3.0 is upgraded as `@scalar/openapi-upgrader` does it (three-one.ts: `nullable` beside
 *   `$ref` and `allOf` becomes `anyOf [..., {type: 'null'}]`, boolean `exclusiveMinimum` a number, …), after one step
 *   of ours: a nullable `enum` gets `null` among its values. 3.0 allows `null` with `nullable: true`;
 *   in 3.1 the enum alone decides, and the upgrader leaves it without `null`.
 * - OpenAPI 3.1 that still uses 3.0's `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum`
 *   (3.1 ignores the first and refuses the second) has them read as 3.0 meant them, each use counted
 *   in a note: generating from such a document would drop the nullability without a word.
 * - In both, a parameter described by `text/plain` or `*\/*` content of a string is read as one
 *   with that `schema` (text-parameters.ts), counted in a note.
 *
 * Either way no field loses its nullability (test/pipeline/upgrade/upgrade.test.ts holds it for
 * every nullable schema of the corpus).
 * @see https://www.openapis.org/blog/2021/02/16/migrating-from-openapi-3-0-to-3-1-0
 */
import { formatPosition, type Locate } from '../../shared/errors.js';
import type { JsonObject } from '../../shared/openapi.js';
import { forEachSchema } from './schemas.js';
import { readTextParameters } from './text-parameters.js';
import { upgradeToThreeOne } from './three-one.js';

export interface Upgraded {
  /** The document in OpenAPI 3.1 (the one given, changed in place, or the upgrader's copy). */
  document: JsonObject;
  /** What the reader should know about how it was read: one line each. */
  notes: string[];
}

/** `locate` places a pointer of the document in its source, for the notes. */
export function upgradeDocument(document: JsonObject, locate: Locate): Upgraded {
  const version = String(document.openapi);
  if (version.startsWith('3.0.')) {
    forEachSchema(document, (schema) => {
      if (schema.nullable !== true) return;
      addNullToEnum(schema);
      // The upgrader wraps an untyped `$ref` or composition itself; beside a `type` it only adds
      // 'null' to the type, and the `$ref`'d schema would still refuse null.
      if (schema.type !== undefined) wrapInNullable(schema);
    });
    const upgraded = upgradeToThreeOne(document);
    return { document: upgraded, notes: textParameterNotes(upgraded, locate) };
  }
  const counts = new Map<string, number>();
  let first: string | undefined;
  forEachSchema(document, (schema, pointer) => {
    for (const keyword of readLegacyKeywords(schema)) {
      counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
      first ??= `${pointer}/${keyword}`;
    }
  });
  const notes = textParameterNotes(document, locate);
  if (first === undefined) return { document, notes };
  const uses = [...counts].map(([keyword, count]) => `${keyword} ${count}×`).join(', ');
  return {
    document,
    notes: [
      `OpenAPI 3.0 keywords in a 3.1 document, read as 3.0 means them (${uses}; first at ` +
        `${formatPosition(locate(first))}): in 3.1 \`nullable\` is \`type: [..., 'null']\`, and ` +
        '`exclusiveMinimum` a number',
      ...notes,
    ],
  };
}

/** `readTextParameters` on the document, and a note counting what it read so. */
function textParameterNotes(document: JsonObject, locate: Locate): string[] {
  const rewritten = readTextParameters(document);
  if (rewritten.length === 0) return [];
  return [
    `${rewritten.length} ${rewritten.length === 1 ? 'parameter' : 'parameters'} described by \`text/plain\` ` +
      `or \`*/*\` content of a string, read as \`schema\` (first at ${formatPosition(locate(rewritten[0]!))}): ` +
      'the same text goes out either way',
  ];
}

/** `nullable: true` allows null, even where an `enum` does not list it (OpenAPI 3.0.3, "nullable"). */
function addNullToEnum(schema: JsonObject): void {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
}

/**
 * Rewrites one schema's 3.0 keywords as 3.1 says the same (as the upgrader does for 3.0 documents);
 * returns the keywords it rewrote.
 */
function readLegacyKeywords(schema: JsonObject): string[] {
  const found: string[] = [];
  if (typeof schema.nullable === 'boolean') {
    found.push('nullable');
    if (schema.nullable) {
      addNullToEnum(schema);
      wrapInNullable(schema);
      if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
      else if (Array.isArray(schema.type) && !schema.type.includes('null'))
        schema.type = [...schema.type, 'null'];
    }
    delete schema.nullable;
  }
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof schema[exclusive] !== 'boolean') continue;
    found.push(exclusive);
    if (schema[exclusive] && typeof schema[bound] === 'number') {
      schema[exclusive] = schema[bound];
      delete schema[bound];
    } else {
      delete schema[exclusive];
    }
  }
  return found;
}

/**
 * `{ $ref | allOf | anyOf | oneOf, nullable }` → `{ anyOf: [{ $ref | … }, { type: 'null' }] }`: the
 * referenced or composed schemas would refuse null whatever the `type` beside them says.
 */
function wrapInNullable(schema: JsonObject): void {
  const composition: JsonObject = {};
  for (const keyword of ['$ref', 'allOf', 'anyOf', 'oneOf']) {
    if (schema[keyword] === undefined) continue;
    composition[keyword] = schema[keyword];
    delete schema[keyword];
  }
  // Without any, the schema has no type to narrow: it already allows null.
  if (Object.keys(composition).length > 0) schema.anyOf = [composition, { type: 'null' }];
}
