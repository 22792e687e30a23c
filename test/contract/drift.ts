/**
 * Planted drift, derived from an operation's spec: for each kind of contract break the issue names
 * (a missing required field, a wrong type, a value off its enum, a bad uuid or date-time, a number
 * out of range, null where not allowed, an unknown field in a closed object, a wrong content
 * type), a body that breaks the spec that way and no other, and where the client must say it
 * broke. The response is searched first; a kind the response's schema cannot express (our
 * responses are open, per SPEC-CONVENTIONS) is planted in the request, which the client checks
 * before sending. A kind neither side can express is left out, and listed.
 */
import { deref, type Json, type OpenApi, type Operation, type Schema } from '../support/spec.js';
import { minimalObject, sampleValue, typesOf } from './constraints.js';

export type DriftKind =
  | 'missing required field'
  | 'wrong type'
  | 'value off its enum'
  | 'bad uuid'
  | 'bad date-time'
  | 'number out of range'
  | 'null where not allowed'
  | 'unknown field in a closed object'
  | 'wrong content type';

export const DRIFT_KINDS: readonly DriftKind[] = [
  'missing required field',
  'wrong type',
  'value off its enum',
  'bad uuid',
  'bad date-time',
  'number out of range',
  'null where not allowed',
  'unknown field in a closed object',
  'wrong content type',
];

/** Marks what was planted, so a test can look for it where it must not be. */
export const PLANTED = 'planted-7f3a';
const PLANTED_NUMBER = 918273.5;

export interface Drift {
  kind: DriftKind;
  side: 'response' | 'request';
  /** The body sent (request) or answered (response). */
  body: Json;
  contentType: string;
  /** What the client must report: the part, the pointer and the rule. */
  want: { in: string; pointer: string; rule: string };
  /** The planted value, when it can be looked for in what is printed. */
  planted?: string;
}

type Found = { segments: string[]; schema: Schema; parent: Schema };

/** Every property of an object schema, depth first, with its path (nested objects and their items' objects). */
function fields(doc: OpenApi, schema: Schema, segments: string[] = [], out: Found[] = []): Found[] {
  for (const [name, raw] of Object.entries((schema['properties'] ?? {}) as Record<string, Json>)) {
    const property = deref(doc, raw);
    out.push({ segments: [...segments, name], schema: property, parent: schema });
    if (typesOf(property).includes('object') && segments.length < 3)
      fields(doc, property, [...segments, name], out);
  }
  return out;
}

/** `base` with `value` at `segments` (parents made with their required fields), or without it (`undefined`). */
function withValue(
  doc: OpenApi,
  root: Schema,
  base: Json,
  segments: string[],
  value: Json | undefined,
): Json {
  const copy = structuredClone(base) as { [key: string]: Json };
  let node = copy;
  let schema = root;
  for (const segment of segments.slice(0, -1)) {
    schema = deref(doc, ((schema['properties'] ?? {}) as Record<string, Json>)[segment]);
    const next = node[segment];
    node[segment] =
      next && typeof next === 'object' && !Array.isArray(next)
        ? next
        : minimalObject(doc as never, schema as never);
    node = node[segment] as { [key: string]: Json };
  }
  const last = segments.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const pointerOf = (segments: string[]) =>
  segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** One body per kind, in the side that can express it; the kinds neither can, apart. */
export function plantDrift(
  doc: OpenApi,
  operation: Operation,
  response: { schema: Schema; example: Json | undefined },
): { drifts: Drift[]; inexpressible: DriftKind[] } {
  const requestMedia = (
    deref(doc, operation['requestBody'])['content'] as Record<string, { schema?: Json }> | undefined
  )?.['application/json'];
  const sides = [
    {
      side: 'response' as const,
      root: response.schema,
      base: response.example ?? (sampleValue(doc as never, response.schema as never) as Json),
    },
    ...(requestMedia?.schema
      ? [
          {
            side: 'request' as const,
            root: deref(doc, requestMedia.schema),
            base: minimalObject(doc as never, deref(doc, requestMedia.schema) as never) as Json,
          },
        ]
      : []),
  ];
  const drifts: Drift[] = [];
  const inexpressible: DriftKind[] = [];
  for (const kind of DRIFT_KINDS) {
    const drift = sides.map((side) => plantIn(doc, kind, side)).find((each) => each !== undefined);
    if (drift) drifts.push(drift);
    else inexpressible.push(kind);
  }
  return { drifts, inexpressible };
}

function plantIn(
  doc: OpenApi,
  kind: DriftKind,
  { side, root, base }: { side: 'response' | 'request'; root: Schema; base: Json },
): Drift | undefined {
  const all = fields(doc, root);
  const make = (found: Found, value: Json | undefined, rule: string, planted?: string): Drift => ({
    kind,
    side,
    body: withValue(doc, root, base, found.segments, value),
    contentType: 'application/json',
    want: { in: 'body', pointer: pointerOf(found.segments), rule },
    ...(planted === undefined ? {} : { planted }),
  });
  const first = (test: (schema: Schema, found: Found) => boolean) =>
    all.find((found) => test(found.schema, found));
  switch (kind) {
    case 'missing required field': {
      const name = ((root['required'] ?? []) as string[])[0];
      return name === undefined
        ? undefined
        : make({ segments: [name], schema: {}, parent: root }, undefined, 'required');
    }
    case 'wrong type': {
      const found = first(
        (s) =>
          typesOf(s).length === 1 &&
          ['string', 'integer', 'number', 'boolean'].includes(typesOf(s)[0]!) &&
          !s['enum'],
      );
      if (!found) return undefined;
      const isString = typesOf(found.schema)[0] === 'string';
      return make(
        found,
        isString ? PLANTED_NUMBER : `${PLANTED}-type`,
        'type',
        isString ? String(PLANTED_NUMBER) : `${PLANTED}-type`,
      );
    }
    case 'value off its enum': {
      const found = first((s) => Array.isArray(s['enum']) && typesOf(s).includes('string'));
      return found && make(found, `${PLANTED}-enum`, 'enum', `${PLANTED}-enum`);
    }
    case 'bad uuid': {
      const found = first((s) => s['format'] === 'uuid');
      return found && make(found, `${PLANTED}-uuid`, 'format', `${PLANTED}-uuid`);
    }
    case 'bad date-time': {
      const found = first((s) => s['format'] === 'date-time');
      return found && make(found, `${PLANTED}-date`, 'format', `${PLANTED}-date`);
    }
    case 'number out of range': {
      const found = first((s) => typeof s['minimum'] === 'number' || typeof s['maximum'] === 'number');
      if (!found) return undefined;
      const below = typeof found.schema['minimum'] === 'number';
      const value = below
        ? Number(found.schema['minimum']) - 1000.25
        : Number(found.schema['maximum']) + 1000.25;
      const integer = typesOf(found.schema).includes('integer') && !typesOf(found.schema).includes('number');
      const planted = integer ? Math.trunc(value) : value;
      return make(found, planted, below ? 'minimum' : 'maximum', String(planted));
    }
    case 'null where not allowed': {
      const found = first((s) => typesOf(s).length > 0 && !typesOf(s).includes('null'));
      return found && make(found, null, 'type');
    }
    case 'unknown field in a closed object': {
      const closed = [{ segments: [] as string[], schema: root }, ...all].find(
        ({ schema }) => schema['additionalProperties'] === false || schema['unevaluatedProperties'] === false,
      );
      if (!closed) return undefined;
      const key = `${PLANTED}-field`;
      const rule =
        closed.schema['additionalProperties'] === false ? 'additionalProperties' : 'unevaluatedProperties';
      const parent =
        closed.segments.length === 0 ? (structuredClone(base) as { [key: string]: Json }) : undefined;
      const body = parent
        ? { ...parent, [key]: 'x' }
        : withValue(doc, root, base, closed.segments, {
            ...minimalObject(doc as never, closed.schema as never),
            [key]: 'x',
          });
      return {
        kind,
        side,
        body,
        contentType: 'application/json',
        want: { in: 'body', pointer: `${pointerOf(closed.segments)}/${key}`, rule },
      };
    }
    case 'wrong content type':
      return side === 'response'
        ? {
            kind,
            side,
            body: base,
            contentType: 'text/plain',
            want: { in: 'header', pointer: '/content-type', rule: 'content-type' },
          }
        : undefined;
  }
}
