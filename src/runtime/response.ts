/**
 * Success bodies that are not JSON, read by the operation functions: nothing, text, bytes (a Blob,
 * or the stream itself when the call asks `{ as: 'stream' }`) and server-sent events (an async
 * iterable of events). The generated `operations.js` imports only the readers its operations use,
 * so a JSON-only client carries none of this.
 *
 * Each reader gets the Response unread (`send` fetched it with openapi-fetch's `parseAs: 'stream'`,
 * which keeps the attempt's deadline running after the headers arrive): the body is read under the
 * call's `timeoutMs` and signal, whether the reader reads it whole or the caller reads a stream.
 * What reading throws becomes the client's error, as for any attempt: the caller's abort reason,
 * a TimeoutError, or a ConnectionError whose cause is a redacted copy. A body read after its
 * response arrived is not retried.
 */
import type { Settings } from './context.js';
import { decodeResult } from './decode.js';
import type { RequestTarget } from './errors.js';
import type { CallOptions } from './options.js';
import type { Redact } from './secrets.js';
import { attemptFailure, type FetchResult } from './send.js';

/**
 * Reads an operation's success body (see the operations table's `returns`), given what `send`
 * resolved, where the request went, the redactor, the call's options and its settings.
 */
export type ResponseReader = (
  result: FetchResult,
  target: RequestTarget,
  redact: Redact,
  options: (CallOptions & { as?: string }) | undefined,
  settings: Settings,
) => unknown;

/** What reading a body needs for its errors. */
type ReadContext = [
  target: RequestTarget,
  redact: Redact,
  options: (CallOptions & { as?: string }) | undefined,
  settings: Settings,
];

/** Whether the call asked for the body as a stream: `{ as: 'stream' }`. */
const asStream = ([, , options]: ReadContext): boolean => options?.as == 'stream';

/**
 * What reading a body threw, as the client's error, as `send` makes it for an attempt: the caller's
 * abort reason, a TimeoutError (the deadline aborts the fetch, and the body fails with an
 * AbortError), or a ConnectionError.
 */
const readFailure = (cause: unknown, [target, redact, options, settings]: ReadContext): unknown =>
  attemptFailure(
    cause,
    (cause as Error)?.name == 'AbortError',
    undefined,
    true,
    options?.signal,
    settings.timeoutMs,
    target,
    redact,
  );

/**
 * A reader of what a success body is made into; an error status is `decodeResult`'s, as for every
 * operation.
 */
const successes =
  (read: (response: Response, context: ReadContext) => unknown): ResponseReader =>
  (result, ...context) =>
    result.response.ok ? read(result.response, context) : decodeResult(result, context[0], context[1]);

/** Reads the whole body, failing as the client fails. */
async function whole<T>(read: Promise<T>, context: ReadContext): Promise<T> {
  try {
    return await read;
  } catch (cause) {
    throw readFailure(cause, context);
  }
}

/** The body as a stream of its bytes, whose errors are the client's. */
function byteStream(response: Response, context: ReadContext): ReadableStream<Uint8Array> {
  const reader = response.body?.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      } catch (cause) {
        controller.error(readFailure(cause, context));
      }
    },
    cancel: (reason) => reader?.cancel(reason),
  });
}

/** The spec documents no body: whatever came is let go unread. */
export const nothing: ResponseReader = successes((response) => void response.body?.cancel().catch(() => {}));

/** A text type (`text/plain`, `text/html`, XML): the body's text, or `{ as: 'stream' }` its bytes. */
export const text: ResponseReader = successes((response, context) =>
  asStream(context) ? byteStream(response, context) : whole(response.text(), context),
);

/**
 * Any other type (audio, images, archives, `application/octet-stream`): a Blob, whose `type` is the
 * response's Content-Type, or `{ as: 'stream' }` the bytes as they arrive.
 */
export const bytes: ResponseReader = successes((response, context) =>
  asStream(context) ? byteStream(response, context) : whole(response.blob(), context),
);

/** One server-sent event. */
export interface ServerSentEvent {
  /** The `event:` field; `message` when the server names none. */
  event: string;
  /** The `data:` lines, joined by newlines: text, which the API may document as JSON. */
  data: string;
  /** The last `id:` the stream set (`lastEventId`), if any. */
  id?: string;
  /** A `retry:` the event carried: the reconnection time the server asks for, in milliseconds. */
  retry?: number;
}

/**
 * `text/event-stream`: the events as they arrive, an async iterable (`for await`); leaving the loop
 * early cancels the body. `{ as: 'stream' }` gives the bytes instead.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export const events: ResponseReader = successes((response, context) =>
  asStream(context) ? byteStream(response, context) : parseEvents(byteStream(response, context)),
);

async function* parseEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = stream.getReader();
  // Strips a byte order mark, and keeps a character split between chunks for the next one.
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  let retry: number | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      let lines: string[];
      if (done) {
        // An unterminated last line is incomplete, and dropped; a CR last may have ended one.
        if (!buffer.endsWith('\r')) return;
        lines = [buffer.slice(0, -1)];
      } else {
        buffer += decoder.decode(value, { stream: true });
        // A line ends at CRLF, LF or CR; a CR last in the buffer may be the first half of a CRLF.
        lines = buffer.split(/\r\n|\n|\r(?!$)/);
        buffer = lines.pop()!;
      }
      for (const line of lines) {
        if (line == '') {
          // An empty line dispatches the event, if it has data.
          if (data.length > 0)
            yield {
              event: event || 'message',
              data: data.join('\n'),
              ...(id === undefined ? {} : { id }),
              ...(retry === undefined ? {} : { retry }),
            };
          data = [];
          event = '';
          retry = undefined;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field == 'data') data.push(fieldValue);
        else if (field == 'event') event = fieldValue;
        else if (field == 'id' && !fieldValue.includes('\0')) id = fieldValue;
        else if (field == 'retry' && /^\d+$/.test(fieldValue)) retry = +fieldValue;
      }
      // The stream ended: an event without its empty line is dropped, as the standard says.
      if (done) return;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
