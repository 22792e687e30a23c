/**
 * Property-based tests (fast-check) of parameter serialisation and redaction. Random values of
 * every kind (full Unicode with lone surrogates and control characters, nested arrays and objects,
 * Dates, class instances, Proxies that throw, ...) in every parameter position, in both call
 * styles: each is sent exactly as its style says, the path keeping its template's segments, or
 * refused with a ConfigurationError before anything is sent. Random credentials of every kind
 * against a server that echoes them everywhere: none shows in what is thrown, logged or returned.
 *
 * Each property runs a modest number of times with fast-check's random seed, which it reports on a
 * failure; `FC_SEED=<seed>` replays one.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigurationError, type Logger } from '../../src/runtime/index.js';
import { type ApiDescription } from '../../src/runtime/api-description.js';
import { createApiClient, type OperationFunction } from '../../src/runtime/client.js';
import { apiKeyCookie, apiKeyHeader, apiKeyQuery, httpBasic, httpBearer } from '../../src/runtime/auth.js';
import { callOnce, ECHOES, leaks } from './echo.js';
import { startFaultServer, type FaultServer } from './fault-server.js';
import { leakedSecrets, printed } from './test-api.js';

const RUNS = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
});

// ---------------------------------------------------------------------------------------------
// Values

/** Characters that are special somewhere: in a URL, a path, a header, JSON, or to UTF-16. */
const SPECIAL = [
  '',
  '.',
  '..',
  '/',
  '\\',
  '%',
  '%2e',
  '%2F',
  '?',
  '#',
  '&',
  '=',
  '+',
  ',',
  ';',
  '[',
  ']',
  '{',
  '}',
  ' ',
  '\t',
  '\r',
  '\n',
  '\0',
  '\x7f',
  '"',
  "'",
  '\u00a0',
  'é',
  '€',
  '\u2028',
  '😀',
  '\uD800',
  '\uDFFF',
  '__proto__',
  'constructor',
  '[REDACTED]',
];
const unit = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom(...SPECIAL),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);
const text = fc.string({ unit, maxLength: 12 });

class Point {
  constructor(readonly x = 1) {}
}
const trap = (): never => {
  throw new Error('trap');
};
/** Values no style serialises, however they stringify. */
const EXOTIC: unknown[] = [
  new Date(0),
  new Date(NaN),
  new Point(),
  new Map([['a', 1]]),
  new Set(['a']),
  new String('boxed'),
  /re/,
  new Uint8Array([1]),
  Symbol('s'),
  () => 'f',
  new Proxy({}, { get: trap, getPrototypeOf: trap, ownKeys: trap }),
  new Proxy([], { get: trap }),
  {
    get x(): string {
      return trap();
    },
  },
  { toString: trap, valueOf: trap },
  [, 'sparse'],
];
const leaf = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.bigInt(),
  fc.constantFrom(null, undefined, NaN, Infinity, -0),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: leaf },
    fc.constantFrom(...EXOTIC),
    fc.array(tie('value'), { maxLength: 3 }),
    // Null-prototype objects and own `__proto__` keys included.
    fc.dictionary(text, tie('value'), { maxKeys: 3 }),
  ),
}));

// ---------------------------------------------------------------------------------------------
// The oracle: what OpenAPI's styles make of a value, written from the spec, not from the runtime

const REFUSED = Symbol('refused');
type Expected = string | typeof REFUSED;

/** Whether a string has a UTF-8 form: no lone surrogate. */
function wellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** A primitive as text, or REFUSED. */
function leafText(item: unknown): Expected {
  if (typeof item == 'string') return wellFormed(item) ? item : REFUSED;
  if (typeof item == 'number') return Number.isFinite(item) ? String(item) : REFUSED;
  return typeof item == 'bigint' || typeof item == 'boolean' ? String(item) : REFUSED;
}

/** The parts of a value: [key, text] pairs (key undefined for items), or REFUSED. */
function partsOf(given: unknown): [string | undefined, string][] | typeof REFUSED {
  try {
    const flat = (items: [string | undefined, unknown][]) => {
      const parts = items.map(([key, item]) => [key, leafText(item)] as const);
      return parts.some(([key, item]) => item === REFUSED || (key !== undefined && !wellFormed(key)))
        ? REFUSED
        : (parts as [string | undefined, string][]);
    };
    if (Array.isArray(given)) {
      const items: unknown[] = [];
      for (let index = 0; index < given.length; index++) items.push(given[index]);
      return items.some((item) => item == null) ? REFUSED : flat(items.map((item) => [undefined, item]));
    }
    if (typeof given == 'object' && given !== null) {
      const prototype = Object.getPrototypeOf(given);
      if (prototype !== Object.prototype && prototype !== null) return REFUSED;
      return flat(Object.entries(given).filter(([, item]) => item != null));
    }
    return flat([[undefined, given]]);
  } catch {
    return REFUSED;
  }
}

/** `simple`, unexploded (a path's and a header's default): every part encoded, joined by commas. */
function simple(given: unknown): Expected {
  const parts = partsOf(given);
  if (parts === REFUSED) return REFUSED;
  return parts
    .flatMap(([key, item]) => (key === undefined ? [item] : [key, item]))
    .map(encodeURIComponent)
    .join(',');
}

// ---------------------------------------------------------------------------------------------
// Clients that record what they would send

const api: ApiDescription = {
  server: 'https://api.example.invalid',
  schemes: [],
  operations: { updateAgent: { method: 'PATCH', path: '/v1/agents/{agent_id}/config', security: [] } },
};

const STYLES = ['operation function', 'raw call'] as const;

/** The request a call sent, or the ConfigurationError it was refused with (nothing sent then). */
async function send(style: (typeof STYLES)[number], params: Record<string, unknown>) {
  const sent: Request[] = [];
  const client = createApiClient(api, {
    maxRetries: 0,
    fetch: async (request) => (sent.push(request), Response.json({})),
  });
  const call =
    style == 'raw call'
      ? client.PATCH('/v1/agents/{agent_id}/config', { params } as never)
      : (client as unknown as Record<string, OperationFunction>).updateAgent!(params);
  const refused = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (refused !== undefined) {
    expect(refused).toBeInstanceOf(ConfigurationError);
    expect(sent).toEqual([]);
    return { refused: refused as ConfigurationError };
  }
  expect(sent).toHaveLength(1);
  return { request: sent[0]! };
}

describe.each(STYLES)('parameters of any value, %s', (style) => {
  test('a path parameter: its template, with exactly its encoded segment, or refused naming it', async () => {
    await fc.assert(
      fc.asyncProperty(value, async (given) => {
        const outcome = await send(style, { path: { agent_id: given } });
        // Missing; or a value that leaves an empty or dot segment (another resource), or one
        // between encoded slashes (for a server that decodes them).
        const want = given == null ? '' : simple(given);
        if (want === REFUSED) expect(outcome.refused?.message).toContain('"params.path.agent_id"');
        else if (
          want == '' ||
          decodeURIComponent(want)
            .split(/[/\\]/)
            .some((piece) => /^\.\.?$/.test(piece))
        )
          expect(outcome.refused?.message).toContain('path parameter {agent_id} is missing, empty');
        else expect(new URL(outcome.request!.url).pathname).toBe(`/v1/agents/${want}/config`);
      }),
      RUNS(150),
    );
  });

  test('query parameters: exactly their names and values, form exploded, or refused naming one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(text, value, { maxKeys: 3 }), async (query) => {
        const outcome = await send(style, { path: { agent_id: 'a' }, query });
        // Form, exploded: an item per array item, an object's keys as names.
        const want: [string, string][] = [];
        let refused = false;
        for (const [name, given] of Object.entries(query)) {
          // A name is checked even when its value, null or undefined, leaves it out.
          if (!wellFormed(name)) refused = true;
          if (given == null) continue;
          const parts = partsOf(given);
          if (parts === REFUSED) refused = true;
          else for (const [key, item] of parts) want.push([key ?? name, item]);
        }
        if (refused) expect(outcome.refused?.message).toMatch(/"params\.query\./);
        else {
          const url = new URL(outcome.request!.url);
          expect([url.pathname, url.hash, [...url.searchParams]]).toEqual(['/v1/agents/a/config', '', want]);
        }
      }),
      RUNS(150),
    );
  });

  test('a header parameter: as given, or simple with its parts encoded, or refused naming it', async () => {
    const name = fc.oneof(
      fc.constantFrom('x-trace', 'X-Request-Id', 'x_y.z!'),
      fc.string({ unit, minLength: 1, maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(name, value, async (header, given) => {
        const outcome = await send(style, { path: { agent_id: 'a' }, header: { [header]: given } });
        const sent = given == null ? '' : typeof given == 'object' ? simple(given) : leafText(given);
        // RFC 9110: a token, and a field value of tabs, spaces, visible ASCII and Latin-1 (no
        // control characters), with no surrounding whitespace, which fetch would strip.
        const valid =
          /^[!#$%&'*+.^_`|~\w-]+$/.test(header) &&
          sent !== REFUSED &&
          sent.trim() === sent &&
          [...sent].every((char) => /[\t\x20-\x7e]/.test(char) || (char >= '\x80' && char <= '\xff'));
        if (!valid) expect(outcome.refused?.message).toContain(`params.header.${header}`);
        else expect(outcome.request!.headers.get(header)).toBe(given == null ? null : sent);
      }),
      RUNS(150),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Credentials

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

/** One API per kind of credential, its scheme on the one operation. */
const SCHEMES = {
  bearer: httpBearer('secret'),
  basic: httpBasic('secret'),
  'header key': apiKeyHeader('secret', 'x-api-key'),
  'query key': apiKeyQuery('secret', 'api_key'),
  cookie: apiKeyCookie('secret', 'session'),
};

const apiOf = (scheme: keyof typeof SCHEMES) => ({
  server: 'https://api.example.invalid',
  schemes: [SCHEMES[scheme]],
  operations: {
    updateAgent: { method: 'PATCH' as const, path: '/agents/{agent_id}', security: [[SCHEMES[scheme]]] },
  },
});

/**
 * A credential of random characters around a marker: the marker keeps it from being found by
 * chance inside the client's own words ("updateAgent"), the random ends try whitespace, controls
 * and lone surrogates at the edges, where fetch would normalise them.
 */
const credential = fc.tuple(text, text).map(([head, tail]) => `${head}~K3y~${tail}`);

describe.each(Object.keys(SCHEMES) as (keyof typeof SCHEMES)[])('a random %s credential', (scheme) => {
  test('is refused without being shown, or never shows in what a call throws, logs or returns', async () => {
    await fc.assert(
      fc.asyncProperty(
        credential,
        fc.constantFrom(...Object.keys(ECHOES)),
        fc.constantFrom(...STYLES),
        async (secret, echo, style) => {
          const api = apiOf(scheme);
          const make = (logger?: Logger) =>
            createApiClient(api, { secret, baseUrl: server.url, maxRetries: 0, logger });
          let construction: unknown;
          try {
            make();
          } catch (error) {
            construction = error;
          }
          if (construction) {
            expect(construction).toBeInstanceOf(ConfigurationError);
            expect(leakedSecrets(printed(construction), [secret])).toEqual([]);
            return;
          }
          server.play([ECHOES[echo]!]);
          const outcome = await callOnce(make, api, 'updateAgent', style);
          expect(outcome.thrown ?? outcome.error).toBeDefined();
          expect(leaks(outcome, [secret])).toEqual([]);
        },
      ),
      RUNS(60),
    );
  });
});
