/**
 * Suite `client-calls`: calls per second of a generated client (its `updateAgent` operation
 * function, and its raw `PATCH`) against bare openapi-fetch (`createClient<paths>` on the same
 * package's `paths`), all with the same stubbed `fetch` (a canned 200 JSON response, the spec's
 * own example, no network) and the same bearer header. What is measured is the client's own work
 * per call: building the request, middleware, auth, decoding, and checking the response against
 * the spec (the default, `validate.response: 'warn'`) or not (`off`). Each round runs a batch of
 * sequential calls of every alternative, interleaved; the result is the median of the per-round
 * ratios. Targets: the generated client keeps at least 0.9x of openapi-fetch's rate without
 * checks and 0.85x with them, in both call styles.
 */
import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import { createDigaClient, type UpdateAgentBody } from '../../../generated/diga/index.js';
import type { paths } from '../../../generated/diga/types.js';
import { interleave, median } from '../measure.js';
import { check, describeMachine, formatValue, measurement } from '../results.js';
import type { Suite } from '../suite.js';

const TITLE = 'calls per second, generated client vs bare openapi-fetch';

/**
 * Calls of each alternative per round: enough that timer resolution and a GC pause do not matter,
 * few enough that the alternatives take turns often (a busy neighbour then slows all of them).
 */
const CALLS_PER_ROUND = 1_000;

const BASE_URL = 'https://api.diga.io';
const TOKEN = 'bench-token';
/** The spec's example of the response: a body the checks go through whole. */
const AGENT: unknown = (
  JSON.parse(readFileSync(new URL('../../../generated/diga/openapi.json', import.meta.url), 'utf8')) as {
    paths: Record<
      string,
      {
        patch: {
          responses: Record<
            string,
            { content: Record<string, { examples: Record<string, { value: unknown }> }> }
          >;
        };
      }
    >;
  }
).paths['/v1/agent/{agent_id}']!.patch.responses['200']!.content['application/json']!.examples['page']!.value;
const BODY: UpdateAgentBody = { name: 'Bench agent' };

/**
 * A fresh canned response per call (a body can be read once), as a server's would be. It reads
 * `init.signal`, as every real fetch does, so that a client that makes its abort signal lazily
 * pays for it here too.
 */
const stubFetch = async (_request: Request, init?: RequestInit): Promise<Response> => {
  void init?.signal;
  return new Response(JSON.stringify(AGENT), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
};

export const clientCallsSuite: Suite = {
  name: 'client-calls',
  title: TITLE,
  defaultRuns: 60,
  async run({ runs, log, signal }) {
    const machine = describeMachine();
    const generated = createDigaClient({
      token: TOKEN,
      baseUrl: BASE_URL,
      fetch: stubFetch,
      validate: { response: 'off' },
    });
    const validated = createDigaClient({ token: TOKEN, baseUrl: BASE_URL, fetch: stubFetch });
    const bare = createClient<paths>({
      baseUrl: BASE_URL,
      fetch: stubFetch,
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const path = { agent_id: 'agent_1' };
    const alternatives = {
      updateAgent: () => callsPerSecond(() => generated.updateAgent({ path, body: BODY })),
      rawPatch: () =>
        callsPerSecond(() => generated.PATCH('/v1/agent/{agent_id}', { params: { path }, body: BODY })),
      validatedUpdateAgent: () => callsPerSecond(() => validated.updateAgent({ path, body: BODY })),
      validatedRawPatch: () =>
        callsPerSecond(() => validated.PATCH('/v1/agent/{agent_id}', { params: { path }, body: BODY })),
      openapiFetch: () =>
        callsPerSecond(() => bare.PATCH('/v1/agent/{agent_id}', { params: { path }, body: BODY })),
    };
    // Untimed: lets the JIT compile every alternative's path before the first measured round.
    await interleave(1, alternatives, undefined, signal);
    const samples = await interleave(
      runs,
      alternatives,
      (round, s) =>
        log(
          `round ${round}/${runs}: updateAgent ${rate(s.updateAgent)} (validated ${rate(s.validatedUpdateAgent)}), raw PATCH ${rate(s.rawPatch)} (validated ${rate(s.validatedRawPatch)}), openapi-fetch ${rate(s.openapiFetch)}`,
        ),
      signal,
    );
    const ratios = (of: number[]): number[] => of.map((value, round) => value / samples.openapiFetch[round]!);
    return {
      suite: 'client-calls',
      title: TITLE,
      method:
        `The \`diga\` package's client, \`createDigaClient({ token, baseUrl, fetch })\` with \`validate: { response: 'off' }\` and ` +
        `with the default (\`'warn'\`: each response's status, media type and body checked against the spec), called as ` +
        `\`updateAgent({ path, body })\` and as \`PATCH('/v1/agent/{agent_id}', { params, body })\`, against ` +
        `openapi-fetch's \`createClient<paths>({ baseUrl, fetch, headers: { Authorization } })\` calling the ` +
        `same \`PATCH\`. Every client gets the same stub \`fetch\` (a new canned 200 \`application/json\` response of the spec's example, ` +
        `Response per call, after reading \`init.signal\` as every real fetch does: the generated client makes ` +
        `each attempt's abort signal only when fetch asks for it, so a stub that ignored \`init\` would spare ` +
        `it that cost, about 4.5 µs a call on Node 20) and sends the same bearer header. A round is ${CALLS_PER_ROUND.toLocaleString('en-US')} ` +
        `sequential awaited calls of each alternative in turn, after one untimed warm-up round; checks are ` +
        `the median of the per-round ratios.`,
      date: new Date().toISOString(),
      machine,
      runs,
      measurements: [
        measurement('generated `updateAgent`', 'calls/s', samples.updateAgent, median(samples.updateAgent)),
        measurement('generated raw `PATCH`', 'calls/s', samples.rawPatch, median(samples.rawPatch)),
        measurement(
          'generated `updateAgent`, validated',
          'calls/s',
          samples.validatedUpdateAgent,
          median(samples.validatedUpdateAgent),
        ),
        measurement(
          'generated raw `PATCH`, validated',
          'calls/s',
          samples.validatedRawPatch,
          median(samples.validatedRawPatch),
        ),
        measurement('openapi-fetch `PATCH`', 'calls/s', samples.openapiFetch, median(samples.openapiFetch)),
      ],
      checks: [
        check('`updateAgent` / openapi-fetch', median(ratios(samples.updateAgent)), 'x', { min: 0.9 }),
        check('raw `PATCH` / openapi-fetch', median(ratios(samples.rawPatch)), 'x', { min: 0.9 }),
        check('validated `updateAgent` / openapi-fetch', median(ratios(samples.validatedUpdateAgent)), 'x', {
          min: 0.85,
        }),
        check('validated raw `PATCH` / openapi-fetch', median(ratios(samples.validatedRawPatch)), 'x', {
          min: 0.85,
        }),
      ],
      info: [],
    };
  },
};

async function callsPerSecond(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < CALLS_PER_ROUND; index += 1) await call();
  return CALLS_PER_ROUND / ((performance.now() - started) / 1000);
}

function rate(value: number): string {
  return formatValue(value, 'calls/s');
}
