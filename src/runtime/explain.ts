/**
 * Where and why a value breaks a check: the same nodes `checks.ts` holds values against, walked
 * again keyword by keyword, each rule broken a `Finding` with its place in the value (a JSON
 * pointer) and in the schema (the keyword's path). Loaded with `report.ts` (once something broke)
 * and with a request's checks, never on a call that keeps the contract. A finding keeps the JSON
 * type of what came, never the value: a body may hold personal data or a secret.
 */
import * as keywords from './checks.js';
import { bit, holds, member, type Check, type Finding, type Keyword } from './checks.js';
import type { Issue } from './contract.js';

/** A property name or index as a JSON pointer segment (RFC 6901). */
export const segment = (key: string | number): string =>
  `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Where a keyword's findings go: what it came with, the value, and the places of both. */
interface At {
  arg: any;
  value: any;
  /** The value's pointer. */
  pointer: string;
  /** The schema path of the node the keyword is in. */
  path: string;
  findings: Finding[];
}

/** Records a failed rule of the value at `pointer` (the keyword's value, by default). */
const fail = (
  { value, pointer, path, findings }: At,
  rule: string,
  param?: unknown,
  at = pointer,
  schema = `${path}/${rule}`,
  got = value,
): void => {
  findings.push({ p: at, s: schema, r: rule, a: param, g: got === undefined ? -1 : bit(got) });
};

/** Each key of an object value (none for another value). */
const keys = (value: unknown): string[] => (bit(value) == 64 ? Object.keys(value as object) : []);

/** The formats' tests, keywords of their own, and their names. */
const FORMATS: [Keyword, string][] = [
  [keywords.isUuid, 'uuid'],
  [keywords.isDateTime, 'date-time'],
  [keywords.isDate, 'date'],
  [keywords.isTime, 'time'],
  [keywords.isUri, 'uri'],
  [keywords.isUriReference, 'uri-reference'],
  [keywords.isEmail, 'email'],
  [keywords.isHostname, 'hostname'],
  [keywords.isIpv4, 'ipv4'],
  [keywords.isInt32, 'int32'],
  [keywords.isInt64, 'int64'],
];

/** Each keyword's findings, once its check said the value breaks it. */
const DETAILS = new Map<Keyword, (at: At) => void>([
  [keywords.apply, (at) => walk(at.arg, at.value, at.findings, at.pointer, at.path)],
  [keywords.ref, (at) => walk(at.arg(), at.value, at.findings, at.pointer, at.path)],
  [keywords.sub, (at) => walk(at.arg[1], at.value, at.findings, at.pointer, at.path + at.arg[0])],
  [keywords.nullable, (at) => walk(at.arg, at.value, at.findings, at.pointer, at.path)],
  [keywords.oneOfValues, (at) => fail(at, 'enum', at.arg)],
  [keywords.equalTo, (at) => fail(at, 'enum', at.arg)],
  [keywords.constant, (at) => fail(at, 'const', at.arg)],
  ...(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const).map(
    (rule) => [keywords[rule], (at: At) => fail(at, rule, at.arg)] as const,
  ),
  [keywords.size, (at) => fail(at, at.arg[0], at.arg[1])],
  [keywords.pattern, (at) => fail(at, 'pattern', at.arg.source)],
  ...FORMATS.map(([test, name]) => [test, (at: At) => fail(at, 'format', name)] as const),
  [keywords.uniqueItems, (at) => fail(at, 'uniqueItems')],
  [keywords.items, (at) => each(at, at.value, at.arg, '/items')],
  [keywords.restItems, (at) => each(at, at.value.slice(at.arg[1]), at.arg[0], at.arg[2], at.arg[1])],
  [
    keywords.prefixItems,
    (at) =>
      at.arg[0].forEach(
        (check: Check, index: number) =>
          index < at.value.length && under(at, check, index, `/${at.arg[1] ?? 'prefixItems'}/${index}`),
      ),
  ],
  [
    keywords.contains,
    (at) => {
      const [check, min = 1, max = Infinity] = at.arg;
      const count = at.value.filter((item: unknown) => holds(check, item)).length;
      if (count < min) fail(at, min == 1 ? 'contains' : 'minContains', min);
      if (count > max) fail(at, 'maxContains', max);
    },
  ],
  [keywords.properties, (at) => present(at, at.arg)],
  [keywords.required, (at) => missing(at, at.arg, '/required')],
  [
    keywords.requiredProperties,
    (at) => {
      missing(at, Object.keys(at.arg[0]).slice(0, at.arg[1]), '/required');
      present(at, at.arg[0]);
    },
  ],
  [keywords.requiredAt, (at) => missing(at, at.arg[0], at.arg[1])],
  [keywords.never, (at) => fail(at, 'false', undefined, at.pointer, at.path)],
  [
    keywords.otherProperties,
    (at) => {
      const [rule, known, check] = at.arg;
      for (const key of keys(at.value))
        if (!known(key, at.value))
          if (check === undefined)
            fail(at, rule, undefined, at.pointer + segment(key), `${at.path}/${rule}`, at.value[key]);
          else under(at, check, key, `/${rule}`);
    },
  ],
  [
    keywords.patternProperties,
    (at) => {
      for (const key of keys(at.value))
        for (const [regex, check] of at.arg)
          if (regex.test(key)) under(at, check, key, `/patternProperties${segment(regex.source)}`);
    },
  ],
  [
    keywords.propertyNames,
    (at) => {
      for (const key of keys(at.value))
        walk(at.arg, key, at.findings, at.pointer + segment(key), `${at.path}/propertyNames`);
    },
  ],
  [keywords.dependent, (at) => walk(at.arg[1], at.value, at.findings, at.pointer, at.path)],
  [keywords.anyOf, (at) => fail(at, 'anyOf', at.arg.length)],
  [keywords.oneOf, (at) => fail(at, 'oneOf', at.arg.filter((check: Check) => holds(check, at.value)).length)],
  [keywords.not, (at) => fail(at, 'not')],
  [
    keywords.when,
    (at) => {
      const then = holds(at.arg[0], at.value);
      walk(at.arg[then ? 1 : 2], at.value, at.findings, at.pointer, `${at.path}/${then ? 'then' : 'else'}`);
    },
  ],
]);

/** The findings of a value below: at `key` in the value, `path` below the node's in the schema. */
const under = (at: At, check: Check, key: string | number, path: string): void =>
  walk(check, at.value[key], at.findings, at.pointer + segment(key), at.path + path);

/** `under` for each item of a list (`from`: the index of its first). */
const each = (at: At, list: unknown[], check: Check, path: string, from = 0): void =>
  list.forEach((item, index) =>
    walk(check, item, at.findings, at.pointer + segment(index + from), at.path + path),
  );

/** `properties`: each property the object has, against its check. */
const present = (at: At, checks: Record<string, Check>): void => {
  for (const key in checks)
    if (member(at.value, key) !== undefined) under(at, checks[key]!, key, `/properties${segment(key)}`);
};

/** Each required name (0: not required this way) that the object lacks, by its index at `path`. */
const missing = (at: At, names: (string | 0)[], path: string): void => {
  if (bit(at.value) == 64)
    names.forEach((name, index) => {
      if (name !== 0 && member(at.value, name) === undefined)
        fail(at, 'required', name, at.pointer + segment(name), `${at.path}${path}/${index}`, undefined);
    });
};

/**
 * Records what `value` breaks of `check` into `findings`: where in the value (`pointer`), and
 * where each keyword is (`path`, the node's own; a `def`'s starts at the document's root). A
 * value of the wrong type is reported for that alone: the rest would only repeat it.
 */
export function walk(check: Check, value: unknown, findings: Finding[], pointer = '', path = ''): void {
  const node = check as readonly unknown[] & { s?: string };
  // A def's pointer: whole (`#/paths/…`), or a schema's under `components/schemas` by its name.
  const own = node.s;
  if (own !== undefined) path = own[0] == '#' ? own : `#/components/schemas/${own}`;
  const mask = (node[0] ?? check) as number;
  const at: At = { arg: undefined, value, pointer, path, findings };
  if (!holds(mask, value)) return fail(at, 'type', mask);
  for (let index = 1; index < node.length; index += 2) {
    const keyword = node[index] as Keyword;
    at.arg = node[index + 1];
    if (!keyword(value, at.arg)) DETAILS.get(keyword)!({ ...at });
  }
}

/** The issues of a value that is there, against a check (0: none), as issues of `location`. */
export function run(check: Check | 0, value: unknown, location: string): Issue[] {
  const findings = [] as Issue[];
  if (check && value !== undefined) walk(check, value, findings);
  for (const finding of findings) finding.i = location;
  return findings;
}
