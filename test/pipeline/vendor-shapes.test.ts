/**
 * The package of the `vendor-shapes` fixture, generated with the real runtime: a strict consumer
 * compiles against what it declares for the shapes published APIs use (OAuth 2 beside OpenID
 * Connect, basic's username and password, uploads, forms, bytes as a Blob or a stream, text, event
 * streams), and the package itself sends and reads them against a local server.
 */
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startMediaServer, type MediaServer } from '../runtime/media-server.js';
import { generate, HERE, PROJECT_ROOT, removeTemporaryDirs, temporaryProject, typecheck } from './helpers.js';

let packageDir: string;
let server: MediaServer;
beforeAll(async () => {
  const root = await temporaryProject({});
  await cp(join(HERE, 'fixtures', 'vendor-shapes'), join(root, 'specs'), { recursive: true });
  const result = await generate(root, { runtimeDir: join(PROJECT_ROOT, 'src', 'runtime') });
  if (result.code !== 0) throw new Error(result.output);
  packageDir = join(root, 'generated', 'studio');
  server = await startMediaServer();
});
afterAll(async () => {
  await server?.close();
  await removeTemporaryDirs();
});

test('a strict consumer compiles against each shape, and not against what the shapes rule out', async () => {
  const consumer = join(packageDir, 'consumer.mts');
  await writeFile(
    consumer,
    `import { createStudioClient, type ServerSentEvent, type TextToSpeechResponse } from './index.js';

const client = createStudioClient({ oAuth: 'token', basic: { username: 'AC1', password: 'secret' } });

export async function use(): Promise<string[]> {
  const audio: Blob = await client.textToSpeech({ path: { voice_id: 'v' }, body: { text: 'Hola' } });
  const named: TextToSpeechResponse = audio;
  const live: ReadableStream<Uint8Array> = await client.textToSpeech(
    { path: { voice_id: 'v' }, body: { text: 'Hola' } },
    { as: 'stream', timeoutMs: 120_000 },
  );
  const data: string[] = [named.type, String(live.locked)];
  for await (const event of await client.streamCallEvents({ path: { call_id: 'c' } })) {
    const typed: ServerSentEvent = event;
    data.push(typed.event, typed.data, typed.id ?? '');
  }
  await client.createVoice({
    body: { name: 'Reception', samples: [new File([new Uint8Array(4)], 'one.wav')], labels: { accent: 'es' } },
  });
  await client.uploadSample({ path: { voice_id: 'v' }, body: new Blob(['bytes']) });
  await client.createCall({ body: { To: '+15550100', StatusCallbackEvent: ['ringing'], Variables: { a: 'b' } } });
  const transcript: string = await client.getTranscript({ path: { call_id: 'c' } });
  data.push(transcript);
  // An operation whose arguments are all optional has its stream too.
  const csv: string = await client.exportCalls();
  const csvBytes: ReadableStream<Uint8Array> = await client.exportCalls(undefined, { as: 'stream' });
  data.push(csv, String(csvBytes.locked));
  // @ts-expect-error basic takes a username and a password, not one string
  createStudioClient({ basic: 'AC1:secret' });
  // @ts-expect-error a file part is a Blob, not a path
  await client.createVoice({ body: { name: 'Reception', samples: ['/tmp/one.wav'] } });
  // @ts-expect-error a JSON operation has no stream to ask for
  await client.createCall({ body: { To: '+15550100' } }, { as: 'stream' });
  return data;
}
`,
  );
  expect(typecheck([consumer])).toEqual([]);
});

test('the package sends and reads each shape', async () => {
  const audio = new Uint8Array([0xff, 0xfb, 0x90, 0x00]);
  server.on('/text-to-speech/v', (_request, response) =>
    response.writeHead(200, { 'content-type': 'audio/mpeg' }).end(audio),
  );
  server.on('/calls', (_request, response) =>
    response.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"CA1"}'),
  );
  server.on('/calls/c/events', (_request, response) =>
    response.writeHead(200, { 'content-type': 'text/event-stream' }).end('event: status\ndata: ringing\n\n'),
  );
  const { createStudioClient } = (await import(pathToFileURL(join(packageDir, 'index.js')).href)) as {
    createStudioClient: (
      options: object,
    ) => Record<string, (args?: object, options?: object) => Promise<unknown>>;
  };
  const client = createStudioClient({
    baseUrl: server.url,
    oAuth: 'access-token',
    basic: { username: 'AC1', password: 'secret' },
  });

  const blob = (await client.textToSpeech!({ path: { voice_id: 'v' }, body: { text: 'Hola' } })) as Blob;
  expect([blob.type, [...new Uint8Array(await blob.arrayBuffer())]]).toEqual(['audio/mpeg', [...audio]]);
  expect(server.received.at(-1)!.headers.authorization).toBe('Bearer access-token');

  expect(
    await client.createCall!({ body: { To: '+15550100', StatusCallbackEvent: ['ringing', 'answered'] } }),
  ).toEqual({
    sid: 'CA1',
  });
  const call = server.received.at(-1)!;
  expect(call.headers.authorization).toBe(`Basic ${Buffer.from('AC1:secret').toString('base64')}`);
  expect(call.body.toString()).toBe(
    'To=%2B15550100&StatusCallbackEvent=ringing&StatusCallbackEvent=answered',
  );

  const events: unknown[] = [];
  for await (const event of (await client.streamCallEvents!({
    path: { call_id: 'c' },
  })) as AsyncIterable<unknown>)
    events.push(event);
  expect(events).toEqual([{ event: 'status', data: 'ringing' }]);
});
