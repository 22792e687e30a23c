/**
 * `npm run generate` on the shapes of a published document that no transcribed spec has: the key
 * as a header parameter and no security schemes (ElevenLabs), operationIds that are no camelCase
 * identifiers, clash, shadow the client's members or are missing, and two operations sharing one.
 * What generate reports (warning lines at the spec's positions), what the package says (its
 * README), and the error that names the fix, with nothing written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generate,
  PROJECT_ROOT,
  readTree,
  removeTemporaryDirs,
  temporaryProject,
  typecheck,
  writeProjectConfig,
} from './helpers.js';

afterAll(removeTemporaryDirs);

const VOICES = `openapi: 3.1.0
info:
  title: Voices API
  version: 1.0.0
servers:
  - url: https://api.voices.test
paths:
  /v1/history:
    get:
      operationId: List_generated_items_v1_history_get
      summary: List history
      parameters:
        - $ref: '#/components/parameters/Key'
      responses:
        '200':
          description: The items.
          content:
            application/json:
              schema:
                type: object
  /v1/history/{id}/audio:
    parameters:
      - name: id
        in: path
        required: true
        schema:
          type: string
    get:
      summary: The audio of an item
      parameters:
        - $ref: '#/components/parameters/Key'
      responses:
        '200':
          description: The audio.
          content:
            audio/mpeg:
              schema:
                type: string
                format: binary
  /v1/users:
    get:
      operationId: get-user
      summary: A user, derived name
      parameters:
        - $ref: '#/components/parameters/Key'
      responses:
        '204':
          description: Nothing.
  /v1/users/me:
    get:
      operationId: getUser
      summary: A user, own name
      parameters:
        - name: xi-api-key
          in: header
          required: true
          schema:
            type: string
      responses:
        '204':
          description: Nothing.
  /meta:
    get:
      operationId: then
      summary: Would make the client a thenable
      responses:
        '204':
          description: Nothing.
components:
  parameters:
    Key:
      name: xi-api-key
      in: header
      required: false
      description: Your API key.
      schema:
        type: string
`;

/**
 * Operations that take different credentials (Rebilly's token operation takes only the publishable
 * key), and a first operation whose arguments the spec gives no example of: a path and a query
 * parameter that are numbers, a required header, a body with required fields.
 */
const SPEECH = `openapi: 3.1.0
info:
  title: Speech API
  version: 1.0.0
servers:
  - url: https://api.speech.test
security:
  - Secret: []
  - JWT: []
paths:
  /v1/tts/{voice_id}:
    post:
      operationId: synthesize
      summary: Speech from text
      parameters:
        - name: voice_id
          in: path
          required: true
          schema:
            type: integer
        - name: speed
          in: query
          required: true
          schema:
            type: number
            minimum: 0.5
        - name: Accept
          in: header
          required: true
          schema:
            type: string
            enum:
              - audio/wav
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required:
                - text
                - voice
              properties:
                text:
                  type: string
                voice:
                  $ref: '#/components/schemas/Voice'
      responses:
        '200':
          description: The audio.
          content:
            application/octet-stream:
              schema:
                type: string
                format: binary
  /v1/tokens:
    post:
      operationId: createToken
      summary: A token for a browser
      security:
        - Publishable: []
      responses:
        '204':
          description: Nothing.
components:
  securitySchemes:
    Secret:
      type: apiKey
      in: header
      name: X-Secret-Key
    JWT:
      type: http
      scheme: bearer
    Publishable:
      type: apiKey
      in: header
      name: X-Publishable-Key
  schemas:
    Voice:
      type: object
      required:
        - gender
      properties:
        gender:
          type: string
          enum:
            - female
            - male
`;

/**
 * Servers on each path and none for the document (Resemble's), HTTP basic, and a first operation
 * that uploads a file in a form: the example's client names the path's server and a username and
 * password, and its body a Blob.
 */
const DETECT = `openapi: 3.1.0
info:
  title: Detect API
  version: 1.0.0
security:
  - Basic: []
components:
  securitySchemes:
    Basic:
      type: http
      scheme: basic
paths:
  /detect:
    servers:
      - url: https://app.detect.test/api/v2
    post:
      operationId: createDetection
      summary: Analyse a file
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required:
                - file
              properties:
                file:
                  type: string
                  format: binary
                visualize:
                  type: boolean
      responses:
        '204':
          description: Nothing.
`;

/** The project's config with the house rules a published document does not follow switched off for it. */
async function publishedConfig(root: string, names = ['voices']): Promise<string> {
  const path = await writeProjectConfig(root, names);
  const relaxed = [
    'voice-agent-sdks/operation-id',
    'voice-agent-sdks/request-body-closed',
    'operation-operationId',
    'operation-operationId-url-safe',
    'operation-operationId-unique',
    'operation-tag-defined',
    'security-defined',
    'tag-description',
    'no-empty-servers',
  ];
  let config = await readFile(path, 'utf8');
  for (const name of names)
    config = config.replace(
      `    root: specs/${name}.yaml\n`,
      `    root: specs/${name}.yaml\n    rules:\n${relaxed.map((rule) => `      ${rule}: off\n`).join('')}`,
    );
  await writeFile(path, config);
  return path;
}

describe('a published document', () => {
  it('generates, reporting each name it had to give at its place, and its README lists them', async () => {
    const root = await temporaryProject({ 'voices.yaml': VOICES });
    const result = await generate(root, { configPath: await publishedConfig(root) });
    expect(result.code, result.output).toBe(0);
    /** `specs/voices.yaml:<line>:<column>` where `text` starts: the key a warning is about. */
    const at = (text: string): string => {
      const lines = VOICES.split('\n');
      const line = lines.findIndex((candidate) => candidate.includes(text));
      return `specs/voices.yaml:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
    };
    expect(result.info.filter((line) => line.includes(': warning '))).toEqual([
      `${at('paths:')}: warning the document declares no security schemes: ` +
        "the header parameter xi-api-key (of 4 operations) is taken as a credential, the client option `xiApiKey`; a call's own value wins",
      `${at('paths:')}: warning 1 operationId is not a camelCase identifier and 1 operation has no operationId: ` +
        'their methods are named from them (or from the method and path), as the package README\'s "Method names" lists',
      `${at('operationId: get-user')}: warning operationId get-user is the method getUser2: getUser is taken by getUser`,
      `${at('operationId: then')}: warning operationId then is the method thenOperation: ` +
        'JavaScript calls a method of that name by itself: returning the client from an async function, or awaiting it, would call the operation',
    ]);

    const dir = join(root, 'generated', 'voices');
    const table = await readFile(join(dir, 'operations.js'), 'utf8');
    expect(table).toContain('headerParameter("xiApiKey", "xi-api-key")');
    expect(table.match(/^ {4}"\w+":/gm)).toEqual([
      '    "listGeneratedItemsV1HistoryGet":',
      '    "getV1HistoryIdAudio":',
      '    "getUser2":',
      '    "getUser":',
      '    "thenOperation":',
    ]);
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain(
      "| `xiApiKey` | `xi-api-key` header (a header parameter of the operations: a call's own value wins) | yes |",
    );
    expect(readme).toContain(
      '| `getUser2` | `GET /v1/users` | `get-user` | `getUser` is taken by getUser: numbered |',
    );
    expect(readme).toContain(
      '| `getV1HistoryIdAudio` | `GET /v1/history/{id}/audio` |  | no operationId: named from the method and path |',
    );
    // A header the client sends is optional in the call, whatever the spec says.
    const index = await readFile(join(dir, 'index.d.ts'), 'utf8');
    expect(index).toMatch(/getUser\(args\?: \{ header\?: GetUserHeaderParams \| undefined \}/);
    const types = await readFile(join(dir, 'types.d.ts'), 'utf8');
    // In the raw call's types (\`paths\`) too: \`client.GET('/v1/users/me')\` needs no header.
    expect(types).toMatch(
      /getUser: \{\n\s+parameters: \{\n\s+query\?: never;\n\s+header\?: \{\n\s+"xi-api-key"\?: string;/,
    );
    expect(types).toContain(
      'export type GetUserHeaderParams = Omit<NonNullable<operations["getUser"]["parameters"]["header"]>, "xi-api-key"> & Partial<Pick<NonNullable<operations["getUser"]["parameters"]["header"]>, "xi-api-key">>;',
    );
  });

  it('has a README whose usage example compiles and makes a client, where the spec gives no example, operations take different credentials or only paths name servers', async () => {
    const root = await temporaryProject({ 'speech.yaml': SPEECH, 'detect.yaml': DETECT });
    const result = await generate(root, {
      configPath: await publishedConfig(root, ['speech', 'detect']),
      runtimeDir: join(PROJECT_ROOT, 'src', 'runtime'),
    });
    expect(result.code, result.output).toBe(0);
    const dir = join(root, 'generated', 'speech');
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    // Optional, as the secret key and the JWT are: a client without it is made, and only createToken,
    // which takes it alone, rejects.
    expect(readme).toContain('| `publishableKey` | `X-Publishable-Key` header | no |');
    expect(readme).toContain('| `secretKey` | `X-Secret-Key` header | no |');
    const usage = /## Usage\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(usage).toContain(
      // The example's operation's first alternative, not the publishable key it does not call with.
      'const client = createSpeechClient({\n  secretKey: process.env.SPEECH_SECRET_KEY!,\n});\n',
    );
    expect(usage).toContain(
      "    path: { voice_id: 0 },\n    query: { speed: 0.5 },\n    header: { Accept: 'audio/wav' },\n" +
        "    body: {\n      text: 'x',\n      voice: {\n        gender: 'female',\n      },\n    },\n",
    );
    const detectDir = join(root, 'generated', 'detect');
    const detectUsage = /## Usage\n\n```ts\n([\s\S]*?)```/.exec(
      await readFile(join(detectDir, 'README.md'), 'utf8'),
    )![1]!;
    expect(detectUsage).toContain(
      "  baseUrl: 'https://app.detect.test/api/v2',\n" +
        '  basic: { username: process.env.DETECT_BASIC_USERNAME!, password: process.env.DETECT_BASIC_PASSWORD! },\n',
    );
    expect(detectUsage).toContain("    body: {\n      file: new Blob(['…']),\n    },\n");
    const consumers = [
      [dir, usage, 'speech'],
      [detectDir, detectUsage, 'detect'],
    ].map(([folder, text, name]) => {
      const consumer = join(folder!, 'usage.mts');
      return [
        consumer,
        'declare const process: { env: Record<string, string | undefined> };\n' +
          text!.replace(`from '@voice-agent-sdks/${name!}'`, "from './index.js'") +
          'export {};\n',
      ] as const;
    });
    // The factory's options: a credential is required only when every operation that needs
    // credentials needs it (detect's basic); each of speech's may be given alone.
    const options = join(dir, 'options.mts');
    await writeFile(
      options,
      "import { createSpeechClient } from './index.js';\n" +
        "import { createDetectClient } from '../detect/index.js';\n" +
        "createSpeechClient({ secretKey: 's' });\n" +
        "createSpeechClient({ token: 't' });\n" +
        "createSpeechClient({ publishableKey: 'p', secretKey: undefined });\n" +
        '// @ts-expect-error a credential is a string\n' +
        'createSpeechClient({ secretKey: 1 });\n' +
        "createDetectClient({ baseUrl: 'https://d.test', basic: { username: 'u', password: 'p' } });\n" +
        "// @ts-expect-error basic is required: detect's one operation needs it\n" +
        "createDetectClient({ baseUrl: 'https://d.test' });\n" +
        'export {};\n',
    );
    for (const [consumer, text] of consumers) await writeFile(consumer, text);
    expect(typecheck([...consumers.map(([consumer]) => consumer), options])).toEqual([]);
    // The example's credentials are enough for the factory, and so is each credential alone; none
    // is not. An operation whose credential was not given rejects when called, naming it.
    const { createSpeechClient } = (await import(pathToFileURL(join(dir, 'index.js')).href)) as {
      createSpeechClient: (options: Record<string, unknown>) => Record<string, () => Promise<unknown>>;
    };
    const fetch = (): never => {
      throw new Error('nothing is sent');
    };
    for (const options of [{ secretKey: 's' }, { token: 't' }, { publishableKey: 'p' }])
      expect(() => createSpeechClient({ ...options, fetch })).not.toThrow();
    expect(() => createSpeechClient({ fetch })).toThrow(
      /POST \/v1\/tts\/\{voice_id\} \(synthesize\): Missing credential: pass "secretKey", or "token"/,
    );
    await expect(createSpeechClient({ secretKey: 's', fetch }).createToken!()).rejects.toThrow(
      /POST \/v1\/tokens \(createToken\): Missing credential: pass "publishableKey"$/,
    );
    await expect(createSpeechClient({ publishableKey: 'p', fetch }).synthesize!()).rejects.toThrow(
      /\(synthesize\): Missing credential: pass "secretKey", or "token"$/,
    );
  });

  it('with two operations sharing an operationId fails at the second, naming the overlay that fixes it, and writes nothing', async () => {
    const spec = VOICES.replace(
      'operationId: getUser\n',
      'operationId: List_generated_items_v1_history_get\n',
    );
    const root = await temporaryProject({ 'voices.yaml': spec });
    const result = await generate(root, { configPath: await publishedConfig(root) });
    expect(result.code, result.output).toBe(1);
    const line = spec.split('\n').lastIndexOf('      operationId: List_generated_items_v1_history_get') + 1;
    expect(result.errors[0]).toBe(
      `specs/voices.yaml:${line}:7: operationId List_generated_items_v1_history_get is also used by GET /v1/history; ` +
        "an operationId names one operation (its method of the client and its types). Give this one another, in the API's overlay " +
        'for a published document or in the spec itself:\n' +
        '  - target: "$.paths[\'/v1/users/me\'].get"\n    update:\n      operationId: getV1UsersMe',
    );
    expect([...(await readTree(join(root, 'generated'))).keys()]).toEqual([]);
  });
});
