/**
 * Every `x-doc-discrepancies` entry of every spec shows its decided behaviour here: requests the
 * mock must accept or reject through the generated client, and response values the spec's
 * response schema must accept or refuse. A new entry without a row, or a row whose entry is gone,
 * fails the first test.
 */
import { describe, expect, it } from 'vitest';
import { API_NAMES, operationsOf, type Json, type SpecOperation } from '../support/spec.js';
import { bundledSpec, loadPackage, operationClient, responseValidator } from './clients.js';
import { minimalObject, validPath } from './constraints.js';
import { deref } from '../support/spec.js';

/** `base` with `changes` applied; a change to `undefined` removes the field. */
function merge(base: { [key: string]: Json }, changes: { [key: string]: Json }): { [key: string]: Json } {
  const out = { ...base, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete out[key];
  return out;
}

type Probe =
  /** A request body sent through the client: accepted, or rejected with 422. */
  | { request: { [key: string]: Json }; accepted: boolean }
  /** Fields merged into the smallest valid response: the response schema accepts them or not. */
  | { response: { [key: string]: Json }; valid: boolean }
  /** Something about the generated package's API description. */
  | { package: (api: Awaited<ReturnType<typeof loadPackage>>['api']) => void };

const RAW_MESSAGE = [123];
/** The Mintlify placeholder the diga page shows for its uuid fields. */
const UUID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const cozmoConfigResponse = (field: string, object: { [key: string]: Json } = {}): Probe[] => [
  { response: { [field]: object }, valid: true },
  { response: { [field]: RAW_MESSAGE }, valid: false },
];

const decided: Record<string, Probe[]> = {
  'cozmo response.background_sound': cozmoConfigResponse('background_sound', { any: 'key' }),
  'cozmo response.extra_config': cozmoConfigResponse('extra_config', { min_words: 1 }),
  'cozmo response.goodbye_config': cozmoConfigResponse('goodbye_config', { enabled: true }),
  'cozmo response.greeting_config': cozmoConfigResponse('greeting_config', { greeting: 'Hi' }),
  'cozmo response.llm_config': cozmoConfigResponse('llm_config', { model: 'any' }),
  'cozmo response.precall_webhook': cozmoConfigResponse('precall_webhook', { url: 'any' }),
  'cozmo response.room_duration_config': cozmoConfigResponse('room_duration_config', { max_duration_min: 2 }),
  'cozmo response.transcriber_config': cozmoConfigResponse('transcriber_config', { provider: 'any' }),
  'cozmo response.vad_config': cozmoConfigResponse('vad_config', { sample_rate: 16000 }),
  'cozmo response.voice_config': cozmoConfigResponse('voice_config', { voice: 'any' }),
  'cozmo response.plugins': [
    { response: { plugins: [123, 'name', { id: 1 }] }, valid: true },
    { request: { plugins: ['<unknown>', 1, { id: 1 }] }, accepted: true },
  ],
  'cozmo request.extra_config': [
    {
      request: { extra_config: { min_words: 1, interruption_sensitivity: 0.5, use_gender_plugin: 'none' } },
      accepted: true,
    },
    { request: { extra_config: { min_words: 1.5 } }, accepted: false },
    { request: { extra_config: { use_gender_plugin: 1 } }, accepted: false },
    { request: { extra_config: { min_words: 1, undocumented: true } }, accepted: false },
  ],
  'cozmo request.goodbye_config': [
    { request: { goodbye_config: { enabled: true, message: 'Bye' } }, accepted: true },
    { request: { goodbye_config: { enabled: true, farewell: 'Bye' } }, accepted: false },
  ],
  'cozmo request.greeting_config': [
    { request: { greeting_config: { pause_before_first_message: 1.5 } }, accepted: true },
    { request: { greeting_config: { greeting_text: 'Hi' } }, accepted: false },
  ],
  'cozmo request.room_duration_config': [
    { request: { room_duration_config: { max_duration_min: 2.5, max_silence_sec: -1 } }, accepted: true },
    { request: { room_duration_config: { max_duration: 2 } }, accepted: false },
  ],
  'cozmo request.vad_config': [
    { request: { vad_config: { sample_rate: 16000, activation_threshold: 0.5 } }, accepted: true },
    { request: { vad_config: { sample_rate: 16000.5 } }, accepted: false },
    { request: { vad_config: { threshold: 0.5 } }, accepted: false },
  ],
  'cozmo response.allowed_sip_trunks': [
    { request: { allowed_sip_trunks: ['trunk-1'] }, accepted: false },
    { response: { allowed_sip_trunks: ['trunk-1'] }, valid: true },
  ],
  'cozmo response.type': [
    { request: { type: 'phone' }, accepted: false },
    { request: { type: 'video' }, accepted: true },
    { response: { type: 'phone' }, valid: true },
  ],
  'trillet operation': [
    {
      package: (api) =>
        expect(api.operations.find((operation) => operation.operationId === 'updateAgent')).toMatchObject({
          method: 'put',
          path: '/v1/api/agents/{agentId}',
        }),
    },
  ],
  'trillet request.llmModel': [
    { request: { llmModel: 'claude-3-5-sonnet-latest' }, accepted: false },
    { request: { llmModel: 'gpt-4o-mini' }, accepted: true },
    { request: { name: 'No model', llmModel: undefined as unknown as Json }, accepted: false },
  ],
  'trillet response.ttsModel': [
    { response: { ttsModel: { provider: 'rime', voiceId: 'v', name: 'n', language: 'en' } }, valid: true },
    { response: { ttsModel: 'rime' }, valid: false },
  ],
  'trillet response.activeSessions': [
    {
      response: {
        activeSessions: [
          { roomName: 'r', participantId: 'p', startTime: '2024-01-01T10:00:00Z', status: 'live' },
        ],
      },
      valid: true,
    },
    { response: { activeSessions: [{ startTime: 'yesterday' }] }, valid: false },
    { response: { activeSessions: 'r' }, valid: false },
  ],
  'trillet request.maxAttemptsForSmartCallback': [
    { request: { llmModel: 'gpt-4o-mini', maxAttemptsForSmartCallback: 2.5 }, accepted: true },
  ],
  'diga servers': [
    {
      package: (api) =>
        expect(api.servers.map((s) => s.url)).toEqual(['https://api.diga.io', 'http://localhost:3000']),
    },
  ],
  'diga request.voice_id': [
    { request: { voice_id: UUID }, accepted: true },
    { request: { voice: { id: UUID } }, accepted: false },
    { response: { voice: undefined as unknown as Json }, valid: false },
  ],
  'diga response.language': [
    { request: { language: null }, accepted: true },
    { response: { language: null }, valid: false },
    { response: { language: undefined as unknown as Json }, valid: false },
  ],
  'diga response.mode': [
    { request: { mode: null }, accepted: true },
    { response: { mode: null }, valid: false },
    { response: { mode: undefined as unknown as Json }, valid: false },
  ],
  ...Object.fromEntries(
    (
      [
        ['max_reminder_count', 3],
        ['reminder_frequency_ms', 7500],
        ['reminder_messages', []],
        ['integrations', []],
        ['call_tools', []],
      ] as const
    ).map(([field, value]): [string, Probe[]] => [
      `diga response.${field}`,
      [
        { request: { [field]: null }, accepted: true },
        { response: { [field]: null }, valid: false },
        { response: { [field]: value as Json }, valid: true },
        // A default is no promise that the field is sent.
        { response: { [field]: undefined as unknown as Json }, valid: true },
      ],
    ]),
  ),
  'diga request.reminder_frequency_ms': [
    { request: { reminder_frequency_ms: 999 }, accepted: false },
    { request: { reminder_frequency_ms: 1000 }, accepted: true },
    { response: { reminder_frequency_ms: 999 }, valid: true },
  ],
  'diga request.integrations': [
    { request: { integrations: [{ integration_id: UUID, tool_ids: [UUID] }] }, accepted: true },
    { request: { integrations: [{ integration_id: 'not-a-uuid' }] }, accepted: false },
    { request: { integrations: [{ tool_ids: ['not-a-uuid'] }] }, accepted: false },
    { request: { integrations: [{ integration_id: UUID, name: 'undocumented' }] }, accepted: false },
  ],
  'diga request.call_tools': [
    { request: { call_tools: [{ call_tool_id: UUID, settings: { any: 'key' } }] }, accepted: true },
    { request: { call_tools: [{ call_tool_id: 'not-a-uuid' }] }, accepted: false },
    { request: { call_tools: [{ call_tool_id: UUID, type: 'transfer_call' }] }, accepted: false },
  ],
  'diga response.voice': [
    { response: { voice: { id: UUID, name: 'Lucía', description: 'warm' } }, valid: true },
    // Open, as every response object: a field the page does not show still decodes.
    { response: { voice: { id: UUID, preview_url: 'https://example.com/voice.mp3' } }, valid: true },
    { response: { voice: { id: 'not-a-uuid' } }, valid: false },
  ],
  'voicebip operation': [
    {
      package: (api) =>
        expect(api.operations.find((operation) => operation.operationId === 'updateAgent')).toMatchObject({
          method: 'patch',
          path: '/v1/agents/{agent_id}',
        }),
    },
  ],
  'voicebip request.ai_provider': [
    { request: { ai_provider: 'openai' }, accepted: true },
    { request: { ai_provider: 'gemini' }, accepted: true },
    { request: { ai_provider: 'byom', webhook_url: 'https://hooks.example.com/voice' }, accepted: true },
    { request: { ai_provider: 'anthropic' }, accepted: false },
  ],
  'voicebip request.status': [{ request: { status: 'any-status-at-all' }, accepted: true }],
  'voicebip request.tool_definitions': [
    { request: { tool_definitions: '[]' }, accepted: true },
    { request: { tool_definitions: [] as Json }, accepted: false },
  ],
  'voicebip response.ai_provider': [
    { request: { ai_provider: 'anthropic' }, accepted: false },
    { response: { ai_provider: 'anthropic' }, valid: true },
  ],
  'voicebip response.status': [{ response: { status: 'any-status-at-all' }, valid: true }],
  'voicebip response.greeting_text': [{ response: { greeting_text: null }, valid: true }],
  'voicebip request.call_window_start': [
    { request: { call_window_start: null, call_window_end: null }, accepted: true },
    { request: { call_window_start: '08:00', call_window_end: '20:00' }, accepted: true },
    { request: { call_window_start: '8:00' }, accepted: false },
    { response: { call_window_start: null }, valid: true },
    { response: { call_window_start: '8am' }, valid: false },
  ],
  'voicebip request.call_window_end': [
    { request: { call_window_end: null }, accepted: true },
    { request: { call_window_end: '23:59' }, accepted: true },
    { request: { call_window_end: '24:00' }, accepted: false },
    { response: { call_window_end: null }, valid: true },
    { response: { call_window_end: '8pm' }, valid: false },
  ],
};

type Entry = { field: string; documented: string; decided: string };

// Each entry with the operation that records it: a spec may have more than one.
const entries = API_NAMES.flatMap((api) =>
  operationsOf(bundledSpec(api)).flatMap((op: SpecOperation) =>
    ((op.operation['x-doc-discrepancies'] ?? []) as Entry[]).map((entry) => ({ api, op, ...entry })),
  ),
);

it('has a row for every discrepancy entry, and no row without one', () => {
  expect(Object.keys(decided).sort()).toEqual(entries.map((e) => `${e.api} ${e.field}`).sort());
});

describe.each(entries.map((e) => [`${e.api} ${e.field}`, e] as const))('%s', async (key, entry) => {
  const doc = bundledSpec(entry.api);
  const { operation } = entry.op;
  const { pkg, call } = await operationClient(entry.api, String(operation['operationId']));
  const validate = responseValidator(doc, entry.op);
  const responseSchema = deref(doc, validateTarget(doc, operation));
  const smallestResponse = minimalObject(doc, responseSchema);

  it.each((decided[key] ?? []).map((probe, i) => [i + 1, probe] as const))(
    `shows "${entry.decided}" (probe %i)`,
    async (_i, probe) => {
      if ('package' in probe) return probe.package(pkg.api);
      if ('response' in probe) {
        const value = merge(smallestResponse, probe.response);
        return expect(validate(value).length === 0, JSON.stringify(value)).toBe(probe.valid);
      }
      const body = merge(minimalObject(doc, requestSchemaOf(doc, operation)), probe.request);
      const outcome = await call({ name: 'probe', request: { path: validPath(doc, operation), body } }).then(
        () => 'accepted',
        (error: { status?: number }) => (error.status === 422 ? 'rejected' : `failed: ${String(error)}`),
      );
      expect(outcome, JSON.stringify(body)).toBe(probe.accepted ? 'accepted' : 'rejected');
    },
  );
});

function validateTarget(doc: ReturnType<typeof bundledSpec>, operation: Record<string, Json>): Json {
  const responses = operation['responses'] as Record<string, Json>;
  const ok = deref(doc, responses['200']);
  return (ok['content'] as Record<string, { schema: Json }>)['application/json']!.schema;
}

function requestSchemaOf(doc: ReturnType<typeof bundledSpec>, operation: Record<string, Json>) {
  const body = deref(doc, operation['requestBody']);
  return deref(doc, (body['content'] as Record<string, { schema: Json }>)['application/json']!.schema);
}
