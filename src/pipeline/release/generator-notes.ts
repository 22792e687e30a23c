/**
 * Why the generator changed packages, for their changelogs: a note is quoted in the entry of a
 * release whose public types changed with the generator, when a change of that release is about an
 * export the note names, and in the entry of a release that only the generator's changes to the
 * shipped files made, when one of those files is one the note names. Write one with a generator
 * change that removes or alters exports or changes what a package ships; keep it while a package
 * made before that change may still be regenerated.
 */
export interface GeneratorNote {
  /** The exports whose change the note explains. */
  exports?: readonly string[];
  /** The shipped files (package-relative) whose change the note explains. */
  files?: readonly string[];
  text: string;
}

export const GENERATOR_NOTES: readonly GeneratorNote[] = [
  {
    exports: [
      'api',
      'createApiClient',
      'ApiClient',
      'ApiDescription',
      'OperationInfo',
      'HttpMethod',
      'OperationArgs',
      'OperationFunction',
      'SecurityScheme',
      'DEFAULTS',
      'MAX_RETRY_AFTER_MS',
      'Credentials',
      'Settings',
    ],
    text:
      "The package exports a surface chosen by hand: its factory, the factory's options and the " +
      "client's type, the spec's types, the error classes and what their constructors take, the " +
      'option types (`ClientOptions`, `CallOptions`, `Logger`, `LogDetails`, `FetchFunction`) and ' +
      'the openapi-fetch types these name. The exports removed were the runtime shared by every ' +
      'package: the generic `createApiClient` and its operations table `api` with their types, the ' +
      'defaults (documented on each option) and the longest Retry-After honoured (60 s, documented ' +
      'on `retryDelayMs`). Create clients with the factory; its options and client types cover ' +
      'what the generic ones did.',
  },
  {
    files: ['LICENSE'],
    text:
      'The package is ready for a registry: it carries its licence (MIT, in `LICENSE` and a section ' +
      'of the README, beside one on how its versions move) and, in package.json, the repository and ' +
      'folder it is built from, keywords and public access. Nothing a consumer runs or compiles changed.',
  },
  {
    // Issue 20: every package's spec types and client changed with it.
    exports: ['paths', 'components', 'operations'],
    text:
      'The types tell what the spec says, in both call styles. A response field with a `default` ' +
      'is optional unless the spec requires it (a default is what the server assumes for a field ' +
      "a request leaves out). The client's raw calls (`client.PATCH(path, { params, body })`) check " +
      "a request as written: a field the spec does not have no longer compiles. A raw call's " +
      '`error` is the body of a status the spec gives one, else an `ApiStatusError`, and never ' +
      'empty, so `data` is the success type after `if (error) throw error`; `paths` no longer ' +
      'carries the `default` response that typed such errors `unknown`. A conditional requirement ' +
      'on an enum field is typed (the package README lists them), every inline enum has a name, and ' +
      "`baseUrl` offers the spec's servers.",
  },
  {
    exports: [
      'ClientOptions',
      'CallOptions',
      'Logger',
      'LogDetails',
      'ContractViolation',
      'ContractViolationError',
      'ValidateOptions',
      'ValidationMode',
    ],
    text:
      'The client checks what crosses the wire against the spec (issue 17): the options `validate` ' +
      "(`{ response, request }`, each `'warn'`, `'throw'` or `'off'`; per call too) and " +
      "`onContractViolation`, the error `ContractViolationError`, and `violation` in a `logger.warn`'s " +
      "details. Responses are checked by default (`'warn'`: each distinct violation reported once per " +
      "client, the call's result unchanged; with neither a logger nor the hook, on the console); " +
      "`validate: { response: 'off' }` keeps the previous behaviour, and a client that never " +
      'validates never loads the checks.',
  },
  {
    // Clients made with only the credentials some operations take (Deepgram's JWT, Rebilly's secret key).
    files: ['runtime/client.js', 'runtime/auth.js'],
    text:
      'A client may hold only the credentials of the operations it calls: calling an operation whose ' +
      'credentials it was not given rejects with a `ConfigurationError` naming the operation and the ' +
      'options that would satisfy it, before anything is sent, where the factory used to throw. The ' +
      'factory still throws when no operation that needs credentials could be called with those given, ' +
      "and for a credential of the wrong shape. A credential is required in the factory's options only " +
      'when every operation that needs credentials needs it.',
  },
  {
    // A spec with readOnly or writeOnly properties: its types, client and named exports changed.
    exports: ['$Read', '$Write', 'Readable', 'Writable'],
    text:
      'readOnly and writeOnly properties are typed by direction, as OpenAPI means them: a request ' +
      'body (its named `…Body` type, the operation method, the raw call) neither asks for nor accepts ' +
      'a readOnly property, even one the schema lists as required (a server-assigned `id`); a ' +
      'response carries the readOnly properties and no writeOnly one (a password). A component ' +
      "schema's named type is the view of where the spec uses it, `Readable<…>` (a response's) or, " +
      'for a schema only requests use, `Writable<…>`; `components["schemas"]` marks the properties ' +
      "with openapi-typescript's `$Read<T>` and `$Write<T>`. Code that sent a readOnly field, or " +
      'read a writeOnly one from a response, no longer compiles: leave the field out.',
  },
  {
    // Sweep 3: raw calls of form, multipart and byte bodies went out as JSON.
    files: ['runtime/client.js'],
    text:
      "A raw call to an operation's path (`client.POST('/upload', { body })`) sends its body as the " +
      "operation's function does: under the spec's media type, a form's fields urlencoded, a multipart " +
      'upload with its files, bytes as given; it sent them as JSON. A call that gives its own ' +
      '`bodySerializer` or Content-Type is sent as it says.',
  },
  {
    // Sweep 3: currencytick's apikey, a query parameter of each operation and its apiKey scheme.
    files: ['runtime/auth.js'],
    text:
      "A query key the call passes itself, as a parameter the spec declares beside the key's scheme, " +
      "is sent once, with its value; it was sent a second time with the client's.",
  },
  {
    // Sweep 3: the README's examples, as written, are requests the server (and the mock) accepts.
    files: ['README.md'],
    text:
      "The README's usage example writes, for a parameter whose schema a placeholder breaks, a value " +
      'it takes: a uuid, a date-time or a string of its pattern, a list of one item, the media type ' +
      'of an Accept or Content-Type header; and its raw call reads a success that is not JSON as the ' +
      "operation's function does (`parseAs: 'text'`, `'blob'` or `'stream'`), where it rejected.",
  },
];
