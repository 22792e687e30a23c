/**
 * Why the generator changed packages' public types, for their changelogs: a note is quoted in the
 * entry of a release whose public types changed with the generator, when a change of that release
 * is about an export the note names. Write one with a generator change that removes or alters
 * exports; keep it while a package made before that change may still be regenerated.
 */
export interface GeneratorNote {
  /** The exports whose change the note explains. */
  exports: readonly string[];
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
];
