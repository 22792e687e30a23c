/**
 * The field inventory of each documentation page, transcribed here by hand from `../shared/seeds/`,
 * compared with the spec, so a field dropped from or invented in a spec fails a test.
 *
 * Fields the page shows only in an example, or that the conventions rebuild (trillet's flattened
 * response), are listed with the page's own fields; a comment says where each comes from.
 */
import { describe, expect, it } from 'vitest';
import {
  TRANSCRIBED_APIS,
  fieldPaths,
  loadSpec,
  requiredPaths,
  requestSchema,
  responseSchema,
  operationsOf,
  type Schema,
} from '../support/spec.js';

interface PageInventory {
  spec: string;
  method: string;
  path: string;
  pathParams: string[];
  request: string[];
  /** Request fields the page marks required, at every level (`ttsModel.provider`). */
  requestRequired: string[];
  response: string[];
  /** Response fields the page marks required, at every level. */
  responseRequired: string[];
  credentials: string[];
}

const nested = (parent: string, fields: string[]) => [parent, ...fields.map((f) => `${parent}.${f}`)];

// cozmo 001: config objects' fields come from the request example (conventions: model them);
// the response returns the same objects.
const extraConfig = [
  'allow_interruptions',
  'interruption_sensitivity',
  'min_words',
  'turn_detector_enabled',
  'turn_detector_is_multilingual',
  'turn_detector_model_type',
  'use_gender_plugin',
];
const goodbyeConfig = ['enabled', 'message'];
const greetingConfig = [
  'agent_speaks_first',
  'greeting',
  'pause_before_first_message',
  'voice_mail_message',
  'welcome_message_is_generated',
];
const roomDurationConfig = [
  'close_room_message',
  'duration_warning_message',
  'max_duration_min',
  'max_silence_sec',
  'silence_message',
  'wait_for_message_sec',
];
const vadConfig = [
  'activation_threshold',
  'max_buffered_speech',
  'min_silence_duration',
  'min_speech_duration',
  'prefix_padding_duration',
  'sample_rate',
];
// Both cozmo revisions show the same `tools` item in the response example.
const cozmoTools = [
  'tools',
  'tools[].config_override',
  'tools[].description',
  'tools[].is_enabled',
  'tools[].method',
  'tools[].name',
  'tools[].parameters',
  'tools[].parameters[].description',
  'tools[].parameters[].name',
  'tools[].parameters[].required',
  'tools[].parameters[].type',
  'tools[].tool_id',
  'tools[].url',
];
const cozmoConfigs = [
  'background_sound',
  ...nested('extra_config', extraConfig),
  ...nested('goodbye_config', goodbyeConfig),
  ...nested('greeting_config', greetingConfig),
  'llm_config',
  'precall_webhook',
  ...nested('room_duration_config', roomDurationConfig),
  'transcriber_config',
  ...nested('vad_config', vadConfig),
  'voice_config',
];
const cozmoConfigNames = [
  'background_sound',
  'extra_config',
  'goodbye_config',
  'greeting_config',
  'llm_config',
  'precall_webhook',
  'room_duration_config',
  'transcriber_config',
  'vad_config',
  'voice_config',
];

const digaLanguageAndMode = ['language', 'mode'];

const pages: [string, PageInventory][] = [
  [
    'cozmo (seed 001)',
    {
      spec: 'specs/cozmo.yaml',
      method: 'patch',
      path: '/org/{org_id}/agents/{agent_id}',
      pathParams: ['org_id', 'agent_id'],
      request: [...cozmoConfigs, 'default_functions', 'name', 'plugins', 'prompt_template', 'type'],
      requestRequired: [],
      response: [
        'allowed_sip_trunks',
        ...cozmoConfigs,
        'created_at',
        'default_functions',
        'id',
        'name',
        'organization_id',
        'plugins',
        'prompt_template',
        'public_quota',
        ...cozmoTools,
        'type',
        'updated_at',
      ],
      responseRequired: [],
      credentials: ['apiKey:header:X-API-Key'],
    },
  ],
  [
    'cozmo (seed 000, history)',
    {
      spec: 'specs/history/cozmo-1.0.0.yaml',
      method: 'patch',
      path: '/org/{org_id}/agents/{agent_id}',
      pathParams: ['org_id', 'agent_id'],
      // 000 shows no request example, so its config objects have no documented fields.
      request: ['allowed_sip_trunks', ...cozmoConfigNames, 'name', 'plugins', 'prompt_template', 'type'],
      requestRequired: [],
      response: [
        'allowed_sip_trunks',
        ...cozmoConfigNames,
        'created_at',
        'id',
        'name',
        'organization_id',
        'plugins',
        'prompt_template',
        'public_quota',
        ...cozmoTools,
        'type',
        'updated_at',
      ],
      responseRequired: [],
      credentials: ['http:bearer'],
    },
  ],
  [
    'trillet (seed 002)',
    {
      spec: 'specs/trillet.yaml',
      method: 'put',
      path: '/v1/api/agents/{agentId}',
      pathParams: ['agentId'],
      request: [
        'name',
        'llmModel',
        // ttsModel's fields: the response's nested list and the page's request example.
        ...nested('ttsModel', ['provider', 'voiceId', 'name', 'language', 'elevenLabsApiKey']),
        'smartCallback',
        'maxAttemptsForSmartCallback',
        // "Each item contains days and hours."
        'gapBetweenEachAttemptForSmartCallback',
        'gapBetweenEachAttemptForSmartCallback[].days',
        'gapBetweenEachAttemptForSmartCallback[].hours',
        'phoneNumberIds',
        // settings' known fields: the page's example (ranges from the vendor's live docs).
        ...nested('settings', ['speed', 'volume', 'temperature']),
        'variables',
      ],
      requestRequired: [
        'llmModel',
        // The vendor's live docs: a TTS update names its provider.
        'ttsModel.provider',
        // "Each item contains days and hours."
        'gapBetweenEachAttemptForSmartCallback[].days',
        'gapBetweenEachAttemptForSmartCallback[].hours',
      ],
      response: [
        '_id',
        'workspaceId',
        'userId',
        'name',
        ...nested('ttsModel', ['provider', 'voiceId', 'name', 'language', 'elevenLabsApiKey']),
        'llmModel',
        'smartCallback',
        'phoneNumberIds',
        'activeSessions',
        'activeSessions[].roomName',
        'activeSessions[].participantId',
        'activeSessions[].startTime',
        'activeSessions[].status',
        'settings',
        'status',
        'currentNode',
        'variables',
        'createdAt',
        'updatedAt',
      ],
      responseRequired: [],
      credentials: ['apiKey:header:x-api-key', 'apiKey:header:x-workspace-id'],
    },
  ],
  [
    'diga (seed 003)',
    {
      spec: 'specs/diga.yaml',
      method: 'patch',
      path: '/v1/agent/{agent_id}',
      pathParams: ['agent_id'],
      request: [
        'name',
        'description',
        'prompt',
        'greeting',
        'time_before_start',
        'voice_id',
        'boosted_keywords',
        'language',
        'redirect_number',
        'max_reminder_count',
        'reminder_frequency_ms',
        'reminder_messages',
        'knowledge_base_ids',
        'mode',
        'conversational_path_id',
        // Item fields of IntegrationToolsRequest and CallToolRequest: the page's request example.
        'integrations',
        'integrations[].integration_id',
        'integrations[].tool_ids',
        'call_tools',
        'call_tools[].call_tool_id',
        'call_tools[].settings',
      ],
      requestRequired: [],
      response: [
        'agent_id',
        'modified_at',
        'created_at',
        'version_id',
        'version_number',
        'version_created_at',
        // Voice's fields: the page's response example.
        ...nested('voice', ['id', 'name', 'description']),
        ...digaLanguageAndMode,
        'version_name',
        'is_draft',
        'is_published',
        'name',
        'description',
        'prompt',
        'greeting',
        'time_before_start',
        'boosted_keywords',
        'redirect_number',
        'max_reminder_count',
        'reminder_frequency_ms',
        'reminder_messages',
        'knowledge_base_ids',
        'conversational_path_id',
        'integrations',
        'call_tools',
      ],
      responseRequired: [
        'agent_id',
        'modified_at',
        'created_at',
        'version_id',
        'version_number',
        'version_created_at',
        'voice',
        'language',
        'mode',
      ],
      credentials: ['http:bearer'],
    },
  ],
  [
    'voicebip (seed 004)',
    {
      spec: 'specs/voicebip.yaml',
      method: 'patch',
      path: '/v1/agents/{agent_id}',
      pathParams: ['agent_id'],
      request: [
        'display_name',
        'description',
        'language',
        'ai_provider',
        'ai_model',
        'system_prompt',
        'webhook_url',
        'greeting_text',
        'tool_definitions',
        'shareable',
        'call_window_start',
        'call_window_end',
        'call_window_timezone',
        'pre_call_announcement',
        'recording_enabled',
        'consent_required',
        'status',
      ],
      requestRequired: [],
      response: [
        'agent_id',
        'workspace_id',
        'display_name',
        'description',
        'language',
        'ai_provider',
        'ai_model',
        'system_prompt',
        'webhook_url',
        'greeting_text',
        'tool_definitions',
        'shareable',
        'call_window_start',
        'call_window_end',
        'call_window_timezone',
        'pre_call_announcement',
        'recording_enabled',
        'consent_required',
        'status',
        'created_at',
        'updated_at',
      ],
      responseRequired: [],
      credentials: ['http:bearer'],
    },
  ],
];

const sorted = (list: string[]) => [...new Set(list)].sort();

function credentialsOf(doc: ReturnType<typeof loadSpec>): string[] {
  const schemes = (doc['components'] as { securitySchemes: Record<string, Schema> }).securitySchemes;
  const requirements = (doc['security'] ?? []) as Record<string, string[]>[];
  return requirements.flatMap((requirement) =>
    Object.keys(requirement).map((name) => {
      const scheme = schemes[name]!;
      return scheme['type'] === 'http'
        ? `http:${String(scheme['scheme'])}`
        : `apiKey:${String(scheme['in'])}:${String(scheme['name'])}`;
    }),
  );
}

// Every transcribed spec has its page's inventory here: a new API without one would
// otherwise have no field checked against its page.
it.each(TRANSCRIBED_APIS.map((api) => [api, `specs/${api}.yaml`] as const))(
  '%s has a page inventory in this file',
  (_api, spec) => {
    expect(pages.map(([, page]) => page.spec)).toContain(spec);
  },
);

describe.each(pages)('%s: the spec has exactly the page’s fields', (_name, page) => {
  const doc = loadSpec(page.spec);
  // The page's endpoint, wherever it sits among the spec's operations: a spec that grows another
  // (a vendor's GET beside its PATCH) still holds the page's one exactly.
  const operations = operationsOf(doc);
  const found = operations.find((op) => op.method === page.method && op.path === page.path);
  // Not found: the first test says so, and the others compare with nothing.
  const operation = found?.operation ?? { parameters: [] };
  const request = found ? requestSchema(doc, operation) : {};
  const response = found ? responseSchema(doc, operation) : {};

  it('documents the endpoint at its method and path', () => {
    expect(operations.map(({ method, path }) => ({ method, path }))).toContainEqual({
      method: page.method,
      path: page.path,
    });
  });

  it('has the path parameters', () => {
    const params = (operation['parameters'] as Schema[]).filter((p) => p['in'] === 'path');
    expect(params.map((p) => p['name'])).toEqual(page.pathParams);
    expect(params.every((p) => p['required'] === true)).toBe(true);
  });

  it('has the request fields', () => {
    expect(sorted(fieldPaths(doc, request))).toEqual(sorted(page.request));
  });

  it('marks the required request fields', () => {
    expect(sorted(requiredPaths(doc, request))).toEqual(sorted(page.requestRequired));
  });

  it('has the response fields', () => {
    expect(sorted(fieldPaths(doc, response))).toEqual(sorted(page.response));
  });

  it('marks the required response fields', () => {
    expect(sorted(requiredPaths(doc, response))).toEqual(sorted(page.responseRequired));
  });

  it('asks for the documented credentials', () => {
    expect(sorted(credentialsOf(doc))).toEqual(sorted(page.credentials));
  });
});
