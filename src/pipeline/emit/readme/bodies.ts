/**
 * The README's section on bodies that are not JSON: what to pass for uploads and forms, and what
 * binary, text and event-stream responses resolve with, each with the operations it applies to.
 * Nothing for an API whose bodies are all JSON.
 */
import { requestBodyKind } from '../../../model/media-type-object.js';
import type { ApiModel, OperationModel } from '../../../model/types.js';

/** `a`, `a` and `b`, `a`, `b` and 2 more: the operations a paragraph applies to. */
function operationList(operations: OperationModel[]): string {
  const names = operations.map((operation) => `\`${operation.operationId}\``);
  if (names.length <= 3)
    return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

export function bodiesSection(model: ApiModel): string {
  const having = (test: (operation: OperationModel) => boolean): OperationModel[] =>
    model.operations.filter(test);
  const bodyKind = (operation: OperationModel) =>
    operation.requestBody === undefined ? undefined : requestBodyKind(operation.requestBody.mediaType);
  const multipart = having((operation) => bodyKind(operation) === 'multipart');
  const forms = having((operation) => bodyKind(operation) === 'urlencoded');
  const raw = having((operation) => bodyKind(operation) === 'raw');
  const bytes = having((operation) => operation.returns === 'bytes');
  const text = having((operation) => operation.returns === 'text');
  const events = having((operation) => operation.returns === 'events');

  const paragraphs: string[] = [];
  if (multipart.length > 0)
    paragraphs.push(
      `**Uploads** (\`multipart/form-data\`: ${operationList(multipart)}): pass an object, one part per property. ` +
        "A `Blob` or `File` goes as a file, with its own type and name (`new File([bytes], 'voice.mp3', { type: " +
        "'audio/mpeg' })`); bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`) as a file named `blob`; an array as one " +
        "part per item; another object as JSON text, or as a part of the content type the spec's `encoding` " +
        'names for it; anything else as text. `null` and `undefined` send no part; a `FormData` goes as given.',
    );
  if (forms.length > 0)
    paragraphs.push(
      `**Forms** (\`application/x-www-form-urlencoded\`: ${operationList(forms)}): pass an object. An array is ` +
        'one field per item, an object one field per key (`name[key]` where the spec says `deepObject`), as ' +
        "OpenAPI's default and the spec's `encoding` say; names and values are percent-encoded.",
    );
  if (raw.length > 0)
    paragraphs.push(
      `**Other bodies** (${operationList(raw)}): a \`Blob\`, bytes or text, sent as they are under the spec's media type.`,
    );
  if (bytes.length > 0)
    paragraphs.push(
      `**Binary responses** (audio, images, archives: ${operationList(bytes)}) resolve with a \`Blob\` ` +
        "(`await blob.arrayBuffer()`; `blob.type` is the response's Content-Type), never parsed as JSON. " +
        "With `{ as: 'stream' }` as the call's options they resolve as soon as the headers arrive, with a " +
        '`ReadableStream<Uint8Array>` of the bytes as they come (to play or pipe audio while it is made).',
    );
  if (text.length > 0)
    paragraphs.push(
      `**Text responses** (${operationList(text)}) resolve with the body's text; \`{ as: 'stream' }\` gives its bytes as a stream.`,
    );
  if (events.length > 0)
    paragraphs.push(
      `**Event streams** (\`text/event-stream\`: ${operationList(events)}) resolve with an async iterable of ` +
        '`ServerSentEvent`s (`{ event, data, id?, retry? }`), each as it arrives: `for await (const event of ' +
        'await client.…(…))`. `data` is text: `JSON.parse` it where the API sends JSON. Leaving the loop ' +
        "early cancels the request; `{ as: 'stream' }` gives the bytes instead.",
    );
  if (bytes.length + text.length + events.length > 0)
    paragraphs.push(
      "A body is read under the call's `timeoutMs`, from sending until its last byte, and its `signal`: give " +
        'a long stream a longer `timeoutMs`. A body cut off or out of time rejects the call (or errors the ' +
        'stream, or the loop) with a `ConnectionError` or `TimeoutError`, and is not retried.',
    );
  return paragraphs.length === 0 ? '' : `## Bodies that are not JSON\n\n${paragraphs.join('\n\n')}`;
}
