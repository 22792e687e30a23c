/**
 * The published corpus (`test/corpus/documents/`, a copy of `../shared/corpus/`: documents nobody on this project wrote) end to end,
 * through the commands a user runs, each in a temporary project: every document but Vapi's imports,
 * generates with the real runtime, type-checks in a strict consumer (`exactOptionalPropertyTypes`,
 * `noUncheckedIndexedAccess`, no lib check skipped), serves a mock (`npm run mock`), and
 * regenerates as a no-op. Vapi's is refused at `#/components/schemas/BackoffPlan`, changing
 * nothing. `npm run test:corpus` (minutes: Prism reads megabytes), which CI runs after `npm test`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handleMock } from '../../src/mock/command.js';
import { DEFAULT_MOCK_OPTIONS } from '../../src/mock/options.js';
import type { CommandIo } from '../../src/shared/command-io.js';
import { readTree, removeTemporaryDirs, typecheck, writeConsumer } from '../pipeline/helpers.js';
import { genericChecksOf } from '../contract/generic-check.js';
import { projectApis } from '../contract/mocks.js';
import { CORPUS, generateIn, projectWith, runImport } from './helpers.js';

afterAll(removeTemporaryDirs);

/**
 * `npm run mock -- <api> --port 0` in `root`, left running: its banner once out (or why the
 * command ended first), and `stop`, which ends it as Ctrl-C does and resolves with its exit code.
 */
function runMock(root: string, api: string) {
  let requestStop = () => undefined as void;
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
  let shown = () => undefined as void;
  const bannerShown = new Promise<void>((resolve) => (shown = resolve));
  let out = '';
  let err = '';
  const io: CommandIo = {
    stdout: (text) => void ((out += text), text.includes('Press Ctrl-C to stop.') && shown()),
    stderr: (text) => void (err += text),
    env: {},
  };
  const exit = handleMock({ ...DEFAULT_MOCK_OPTIONS, api, port: 0, root }, io, () =>
    stopRequested.then(() => 'SIGTERM' as const),
  );
  return {
    banner: Promise.race([
      bannerShown.then(() => out),
      exit.then((code) => {
        throw new Error(`the mock ended (exit code ${code}) before its banner:\n${out}\n${err}`);
      }),
    ]),
    stop: async () => (requestStop(), { code: await exit, errors: err }),
  };
}

/** What the generic check says of one operation: `passes`, or what went wrong. */
async function outcome(check: () => Promise<{ got: string; want: string }>): Promise<string> {
  try {
    const { got, want } = await check();
    return got === want ? 'passes' : `decodes as ${got}, not ${want}`;
  } catch (error) {
    // A status error's body is the mock's reason (Prism's validation errors): what an exception matches.
    const body = (error as { body?: unknown }).body;
    const said = body === undefined ? '' : ` ${typeof body == 'string' ? body : JSON.stringify(body)}`;
    return `${(error as Error).name}: ${(error as Error).message}${said}`;
  }
}

const DOCUMENTS: [string, { file: string; operations: number }][] = [
  ['petstore', { file: 'petstore.yaml', operations: 3 }],
  ['twilio-voice', { file: 'twilio-voice.yaml', operations: 32 }],
  ['twilio-api', { file: 'twilio-api.yaml', operations: 197 }],
  ['retell', { file: 'retell.yaml', operations: 79 }],
  ['elevenlabs', { file: 'elevenlabs.json', operations: 208 }],
];

/**
 * Why some corpus operations cannot pass the generic check, for reasons outside our code: the
 * vendor's document is wrong (its examples, which Prism answers with, break its own schemas), or
 * Prism cannot answer as the schema says. Each names its operations, and `problem` matches every
 * problem of theirs it explains: an operation passes, or each of its problems is explained and each
 * reason listed for it is seen, so an exception that stops failing (or a new problem) fails the test.
 */
interface KnownFailure {
  reason: string;
  problem: RegExp;
  operations: string[];
}

const KNOWN_FAILURES: Record<string, KnownFailure[]> = {
  retell: [
    {
      reason:
        'retell.yaml: KnowledgeBaseSourceDocument requires `file_size` but does not define it, so the ' +
        'document source Prism builds from its properties has none, and no `oneOf` branch accepts it',
      problem: /^\/(\d+\/)?knowledge_base_sources\/0[ /]/,
      operations: [
        'addKnowledgeBaseSources',
        'createKnowledgeBase',
        'deleteKnowledgeBaseSource',
        'getKnowledgeBase',
        'listKnowledgeBases',
      ],
    },
  ],
  'twilio-api': [
    {
      reason:
        "twilio-api.yaml's examples give relative URIs (`/2010-04-01/Accounts.json?…`) or '' where the " +
        'schema says `format: uri`, an absolute URI',
      problem: / must match format "uri"$/,
      operations: [
        ...['fetchAvailablePhoneNumberCountry', 'fetchCallNotification', 'fetchIncomingPhoneNumber'],
        ...['listAccount', 'listAddress', 'listApplication', 'listAuthorizedConnectApp'],
        ...['listAvailablePhoneNumberCountry', 'listAvailablePhoneNumberLocal'],
        ...['listAvailablePhoneNumberMachineToMachine', 'listAvailablePhoneNumberMobile'],
        ...['listAvailablePhoneNumberNational', 'listAvailablePhoneNumberSharedCost'],
        ...['listAvailablePhoneNumberTollFree', 'listAvailablePhoneNumberVoip'],
        ...['listCall', 'listCallEvent', 'listCallNotification', 'listCallRecording', 'listConference'],
        ...['listConferenceRecording', 'listConnectApp', 'listDependentPhoneNumber'],
        ...['listIncomingPhoneNumber', 'listIncomingPhoneNumberAssignedAddOn'],
        ...['listIncomingPhoneNumberAssignedAddOnExtension', 'listIncomingPhoneNumberLocal'],
        ...['listIncomingPhoneNumberMobile', 'listIncomingPhoneNumberTollFree', 'listKey', 'listMedia'],
        ...['listMember', 'listMessage', 'listNotification', 'listOutgoingCallerId', 'listParticipant'],
        ...['listQueue', 'listRecording', 'listRecordingAddOnResult', 'listRecordingAddOnResultPayload'],
        ...['listRecordingTranscription', 'listShortCode', 'listSigningKey'],
        ...['listSipAuthCallsCredentialListMapping', 'listSipAuthCallsIpAccessControlListMapping'],
        ...['listSipAuthRegistrationsCredentialListMapping', 'listSipCredential', 'listSipCredentialList'],
        ...['listSipCredentialListMapping', 'listSipDomain', 'listSipIpAccessControlList'],
        ...['listSipIpAccessControlListMapping', 'listSipIpAddress', 'listTranscription'],
        ...['listUsageRecord', 'listUsageRecordAllTime', 'listUsageRecordDaily', 'listUsageRecordLastMonth'],
        ...['listUsageRecordMonthly', 'listUsageRecordThisMonth', 'listUsageRecordToday'],
        ...[
          'listUsageRecordYearly',
          'listUsageRecordYesterday',
          'listUsageTrigger',
          'updateIncomingPhoneNumber',
        ],
      ],
    },
    {
      reason:
        "twilio-api.yaml's examples give numbers as strings (`price: '-0.03000'`, `latitude: '19.720000'`) " +
        'where the schema says `type: number`',
      problem: /\/(price|latitude|longitude) must be number,null$/,
      operations: [
        ...['fetchCallRecording', 'fetchRecordingTranscription', 'fetchTranscription'],
        ...['listAvailablePhoneNumberLocal', 'listCallRecording', 'listRecordingTranscription'],
        ...['listTranscription', 'listUsageRecord', 'listUsageRecordAllTime', 'listUsageRecordDaily'],
        ...['listUsageRecordLastMonth', 'listUsageRecordMonthly', 'listUsageRecordThisMonth'],
        ...['listUsageRecordToday', 'listUsageRecordYearly', 'listUsageRecordYesterday'],
      ],
    },
    {
      reason:
        "twilio-api.yaml's examples give '' for `sms_application_sid` and `voice_application_sid`, whose " +
        'schema asks for 34 characters matching `^AP[0-9a-fA-F]{32}$` (or null)',
      problem: /\/(sms|voice)_application_sid must (NOT have fewer than 34 characters|match pattern)/,
      operations: [
        ...['fetchIncomingPhoneNumber', 'listIncomingPhoneNumber', 'listIncomingPhoneNumberLocal'],
        ...['listIncomingPhoneNumberMobile', 'listIncomingPhoneNumberTollFree', 'updateIncomingPhoneNumber'],
      ],
    },
    {
      reason:
        "twilio-api.yaml's example of a dependent phone number gives `trunk_sid: APaaaa…`, whose schema " +
        'asks for `^TK[0-9a-fA-F]{32}$`',
      problem: /\/trunk_sid must match pattern/,
      operations: ['listDependentPhoneNumber'],
    },
    {
      reason:
        'twilio-api.yaml documents only a 307 redirect (to the data) for this operation, which Prism ' +
        'answers with the example body and no Location to follow: no success to decode',
      problem: /^ApiStatusError: .*: 307 /,
      operations: ['fetchRecordingAddOnResultPayloadData'],
    },
  ],
  elevenlabs: [
    {
      reason:
        "elevenlabs.json's example of GetAgentResponseModel has only `agent_id` and `name`, not the " +
        '`conversation_config` and `metadata` it requires',
      problem: /^\/ must have required property '(conversation_config|metadata)'$/,
      operations: ['getAgentRoute', 'patchAgentSettingsRoute'],
    },
    {
      reason:
        "elevenlabs.json's example of WebhookToolConfig-Output (`tool_config`'s first `oneOf` branch) is " +
        '`{ response_timeout_secs, type }`, without the `name`, `description` and `api_schema` it requires',
      problem: /\/tool_config[ /]/,
      operations: ['addToolRoute', 'getToolRoute', 'getToolsRoute', 'updateToolRoute'],
    },
    {
      reason:
        "elevenlabs.json's example of DubbingMetadataResponse gives `created_at: '2025-07-15T14:49:41.149000'`, " +
        'no time zone, where the schema says `format: date-time`',
      problem: /\/created_at must match format "date-time"$/,
      operations: ['getDubbingV1DubbingDubbingIdGet', 'listDubsV1DubbingGet'],
    },
    {
      reason:
        "Prism: a map's keys are made up without its `propertyNames` (LLMUsage's `model_usage` takes " +
        "only the LLM enum's names), so the llm_usage Prism builds is one the schema refuses",
      problem: /\/(llm_usage|agent_responses)[ /]/,
      operations: [
        ...['getAgentResponseTestRoute', 'getConversationHistoryRoute', 'getTestInvocationRoute'],
        ...['runAgentTestSuiteRoute', 'runConversationSimulationRoute', 'updateAgentResponseTestRoute'],
      ],
    },
    {
      reason:
        "Prism: a string is made up without its `pattern` (ConversationInitiationSourceInfo's `version` " +
        'must look like 1.2.3), so the one Prism builds is one the schema refuses',
      problem:
        /(source_info\/version|conversation_initiation_source_version|conversation_initiation_client_data)[ /]/,
      operations: ['getBatchCall', 'getConversationHistoryRoute'],
    },
  ],
};

/**
 * What the generic check of an operation comes to: `passes`, or the reasons that explain each of
 * its problems (a failed check lists them split by `; `), with any it does not explain.
 */
function explained(outcome: string, known: KnownFailure[]): string | string[] {
  if (outcome === 'passes') return outcome;
  const problems = outcome
    .replace(/^decodes as JSON that breaks its schema: (.*), not JSON$/, '$1')
    .split('; ');
  const reasons = problems.map(
    (problem) => known.find((failure) => failure.problem.test(problem))?.reason ?? `unexplained: ${problem}`,
  );
  return [...new Set(reasons)].sort();
}

describe.each(DOCUMENTS)('%s', (name, { file, operations }) => {
  let root: string;

  it('imports', async () => {
    root = await projectWith(file, await readFile(new URL(file, CORPUS)));
    const result = await runImport(root, `vendor/${file}`, name);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`${operations} operations`);
    expect(result.output).toMatch(
      new RegExp(`Next: \`npm run generate -- ${name}\` creates generated/${name}/`),
    );
  });

  it('generates', async () => {
    const result = await generateIn(root);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(new RegExp(`✔ \\[1/1\\] ${name} +new at 1\\.0\\.0`));
  });

  it('type-checks in a strict consumer', async () => {
    // Beside the package, not in it: a file in it is one the next run would call not generated.
    const consumer = await writeConsumer(join(root, 'generated', name), name, join(root, 'consumer.mts'));
    expect(typecheck([consumer])).toEqual([]);
  });

  let mock: ReturnType<typeof runMock> | undefined;
  afterAll(() => mock?.stop());

  it('serves a mock (npm run mock), listing every operation', async () => {
    mock = runMock(root, name);
    const banner = await mock.banner;
    expect(banner).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(banner.match(/^\S+: (GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) \//gm)).toHaveLength(
      operations,
    );
  });

  it('passes the generic contract check per operation, through the generated client, but its named exceptions', async () => {
    // Found as the repository's own contract tests find their APIs: the import made a published one.
    expect(await projectApis(root)).toEqual([{ name, kind: 'published' }]);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(await mock!.banner)![1]!;
    const { operations: found, check } = await genericChecksOf(name, url, root);
    const known = KNOWN_FAILURES[name] ?? [];
    const got: Record<string, string | string[]> = {};
    for (const operation of found)
      got[operation.model.operationId] = explained(await outcome(() => check(operation)), known);
    const want = (operationId: string) => {
      const reasons = known.filter((failure) => failure.operations.includes(operationId));
      return reasons.length === 0 ? 'passes' : reasons.map((failure) => failure.reason).sort();
    };
    expect(got).toEqual(
      Object.fromEntries(found.map(({ model: { operationId } }) => [operationId, want(operationId)])),
    );
    // A known failure names operations of the document: none outlives a vendor's rename.
    expect(known.flatMap((failure) => failure.operations).filter((id) => !(id in got))).toEqual([]);
  });

  it('stops the mock when asked, exit code 0', async () => {
    const { code, errors } = await mock!.stop();
    expect(code, errors).toBe(0);
  });

  it('regenerates as a no-op', async () => {
    const before = await readTree(join(root, 'generated'));
    const result = await generateIn(root);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/✔ 0 generated, 1 unchanged; no file changed/);
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });
});

describe('vapi', () => {
  it('is refused at #/components/schemas/BackoffPlan with its file position, changing nothing', async () => {
    const root = await projectWith('vapi.json', await readFile(new URL('vapi.json', CORPUS)));
    const before = {
      specs: await readTree(join(root, 'specs')),
      config: await readFile(join(root, 'redocly.yaml')),
    };

    const result = await runImport(root, 'vendor/vapi.json', 'vapi');

    expect(result.code).toBe(1);
    expect(result.errors).toContainEqual(
      expect.stringMatching(
        /^vendor\/vapi\.json:10764:13: error voice-agent-sdks\/schema-shape at #\/components\/schemas\/BackoffPlan\/properties\/type\/enum: an object schema's `enum` lists the string "fixed"/,
      ),
    );
    expect(result.output).not.toMatch(/internal error/);
    expect({
      specs: await readTree(join(root, 'specs')),
      config: await readFile(join(root, 'redocly.yaml')),
    }).toEqual(before);
  });
});
