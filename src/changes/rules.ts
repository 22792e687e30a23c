import type { ChangeKind } from './types.js';

/**
 * Which way data flows through the place a change is found. Request bodies and parameters are
 * input (the consumer writes them, the API validates them); responses are output (the API writes
 * them, the consumer reads them). The same edit often means opposite things on the two sides:
 * accepting more is harmless on input and surprising on output, and the reverse.
 */
export type Direction = 'input' | 'output';

interface Rule {
  input: ChangeKind;
  output: ChangeKind;
}

/** A rule whose kind does not depend on the direction (operations, security, servers). */
const always = (kind: ChangeKind): Rule => ({ input: kind, output: kind });
const onInput = (input: ChangeKind, { output }: { output: ChangeKind }): Rule => ({ input, output });

/**
 * Every rule the classifier applies, one row each, with why it is breaking or additive.
 *
 * Three principles decide the rows, so the table stays consistent:
 * - Variance. Input is contravariant: a change that makes the API accept more is additive, one that
 *   makes it accept less is breaking. Output is covariant: a change that lets the API return more
 *   (new enum values, null, wider ranges) is breaking, one that promises more is additive.
 * - Consumers meet the contract through the generated types, so where a type changes in a way the
 *   variance misses (a narrower union that existing code can no longer compare with, a `default`
 *   that decides whether a field is optional), the type decides.
 * - When a rule could go either way, it is breaking: a needless major bump costs a version number,
 *   a missed one breaks somebody's build.
 */
export const RULES = {
  // --- Operations -----------------------------------------------------------------------------
  // The generated client loses the function; every caller breaks.
  operationRemoved: always('breaking'),
  operationAdded: always('additive'),
  // The generated client names its function after the operationId, so this is a rename.
  operationIdChanged: always('breaking'),
  // An operationId spelt otherwise that names the same method (`List_voices` → `list-voices`, both
  // `listVoices`): the client and its types are as they were.
  operationIdRespelled: always('docs'),
  // The operationId stayed but the method moved (another operation now takes its name, or gave it
  // back): every caller of the old name breaks.
  methodRenamed: always('breaking'),

  // --- Parameters (input) ---------------------------------------------------------------------
  // Callers still passing it get a type error, and a path parameter removed changes the URL.
  parameterRemoved: always('breaking'),
  parameterAdded: always('additive'),
  // Existing calls do not pass it and start failing validation.
  requiredParameterAdded: always('breaking'),
  parameterBecameRequired: always('breaking'),
  parameterBecameOptional: always('additive'),
  // Header names are case-insensitive on the wire, but the generated `<Operation>HeaderParams`
  // type keys each header as the spec spells it: `{ 'X-Request-Id': id }` stops compiling.
  parameterKeyRenamed: always('breaking'),
  // style/explode/allowReserved change the bytes on the wire for the same value.
  parameterSerializationChanged: always('breaking'),

  // --- Request body (input) -------------------------------------------------------------------
  requestBodyRemoved: always('breaking'),
  requestBodyAdded: always('additive'),
  requiredRequestBodyAdded: always('breaking'),
  requestBodyBecameRequired: always('breaking'),
  requestBodyBecameOptional: always('additive'),

  // --- Media types ----------------------------------------------------------------------------
  // Input: callers sending it are rejected. Output: consumers decoding it receive something else.
  mediaTypeRemoved: always('breaking'),
  // Input: one more way to send the body. Output: openapi-fetch types `data` (2xx) and `error`
  // (documented errors) as the union of every media type's schema, so a new one widens it
  // (`Agent | string`) and code reading `data.name` stops compiling.
  mediaTypeAdded: onInput('additive', { output: 'breaking' }),

  // --- Responses (output) ---------------------------------------------------------------------
  // The client decodes the documented 2xx status; any other status becomes an error for it.
  successStatusChanged: always('breaking'),
  // The status could always happen; documenting it only gives consumers a typed body for it.
  errorResponseAdded: always('additive'),
  // The typed error body for that status disappears, and code that names it stops compiling.
  errorResponseRemoved: always('breaking'),

  // --- Schema fields (request body fields, response fields, response headers) -----------------
  // Input: a closed body rejects it and the request type drops it. Output: readers lose a value.
  fieldRemoved: always('breaking'),
  // Input: optional, nobody has to send it. Output: response schemas are open, so nothing that
  // parses today's responses breaks on a new field.
  fieldAdded: always('additive'),
  // Input: existing calls do not send it. Output: a field that is always there is a promise.
  requiredFieldAdded: onInput('breaking', { output: 'additive' }),
  fieldBecameRequired: onInput('breaking', { output: 'additive' }),
  // Output: readers that relied on the field being present now meet `undefined`.
  fieldBecameOptional: onInput('additive', { output: 'breaking' }),

  // --- Types ----------------------------------------------------------------------------------
  // Neither side covers the other: values valid before are invalid now, in both directions.
  typeChanged: always('breaking'),
  // e.g. integer -> number. Output: readers get values their code was not written for.
  typeWidened: onInput('additive', { output: 'breaking' }),
  // e.g. `[string, integer]` -> `string`, or no `type` -> `object`. Output, decided: breaking,
  // though the API promises more. The generated type loses a member, and TypeScript rejects code
  // that still compares with it: `agent.id === 5` (TS2367) stops compiling.
  typeNarrowed: always('breaking'),
  // number -> integer: both are `number` in the generated type, so output code keeps compiling.
  typeNarrowedWithinGeneratedType: onInput('breaking', { output: 'additive' }),
  // `type: [X, 'null']`, or `null` in the enum of such a type. Output: every reader must now
  // handle null.
  nullableAdded: onInput('additive', { output: 'breaking' }),
  // Input: callers sending null are rejected. Output: a promise; when only the enum dropped null,
  // the generated type keeps `| null` (it follows `type`), so no code stops compiling.
  nullableRemoved: onInput('breaking', { output: 'additive' }),

  // --- Enums ----------------------------------------------------------------------------------
  // Output, decided: breaking. The generated type is a union of literals; exhaustive `switch`es
  // over it stop compiling (`never` checks) or fall through at run time on the new value.
  enumValuesAdded: onInput('additive', { output: 'breaking' }),
  // Input: callers sending a removed value are rejected. Output, decided: breaking too, though the
  // API promises less. The value leaves the union of literals, and TypeScript rejects code that
  // still names it: `agent.mode === 'path'` (TS2367) and `case 'path':` (TS2678) stop compiling.
  enumValuesRemoved: always('breaking'),
  // Output, decided: breaking, for the reason removed values are. The field's type becomes a union
  // of literals, and code comparing it with any other value (`agent.name === 'x'`, `case 'x':`)
  // stops compiling.
  enumAdded: always('breaking'),
  enumRemoved: onInput('additive', { output: 'breaking' }),

  // --- Ranges, lengths, item counts, multipleOf, uniqueItems ----------------------------------
  // Input: values inside the old range but outside the new one are rejected.
  constraintTightened: onInput('breaking', { output: 'additive' }),
  // Output: readers that sized buffers or validated against the old range see values outside it.
  constraintRelaxed: onInput('additive', { output: 'breaking' }),

  // --- Patterns and formats -------------------------------------------------------------------
  patternAdded: onInput('breaking', { output: 'additive' }),
  patternRemoved: onInput('additive', { output: 'breaking' }),
  // Two regular expressions cannot be compared for inclusion, so a change counts as both ways.
  patternChanged: always('breaking'),
  formatAdded: onInput('breaking', { output: 'additive' }),
  formatRemoved: onInput('additive', { output: 'breaking' }),
  formatChanged: always('breaking'),

  // --- Defaults -------------------------------------------------------------------------------
  // Input: a request that omits the field silently behaves differently. Output: a default in a
  // response schema only describes, it never fills anything in.
  defaultChanged: onInput('breaking', { output: 'docs' }),
  // Writing down the default the server already applied changes no behaviour.
  defaultAdded: always('docs'),

  // --- Generated types -----------------------------------------------------------------------
  // What openapi-typescript generates beyond what the schema validates (see `type-shape.ts`).
  // A field with a `default` is typed non-optional, outside inline parameters and request bodies.
  // Input: code building the object without it stops compiling. Output: a promise it is there.
  fieldRequiredByDefault: onInput('breaking', { output: 'additive' }),
  // The `default` dropped: output readers get `| undefined` and stop compiling where they used the
  // value as it was. Input: callers may now leave it out.
  fieldOptionalWithoutDefault: onInput('additive', { output: 'breaking' }),
  // `additionalProperties` written (`true`, `{}`) on an object with fields gives its type an index
  // signature; left out, extra fields are just as valid but the type has no place for them.
  indexSignatureAdded: always('additive'),
  // Code reading (output) or writing (input) fields the object does not list stops compiling.
  indexSignatureRemoved: always('breaking'),

  // --- Closed and open objects ----------------------------------------------------------------
  // Input: callers sending an undocumented field are now rejected. Output: a promise of no extras.
  objectClosed: onInput('breaking', { output: 'additive' }),
  // Output: extra fields in an open response cannot break code that reads the known ones.
  objectOpened: always('additive'),

  // --- oneOf / anyOf --------------------------------------------------------------------------
  // Output: readers meet a shape their code does not handle.
  variantAdded: onInput('additive', { output: 'breaking' }),
  // Output, decided: breaking, as for enum values removed: the variant leaves the generated union,
  // and code handling it (`case 'sip':` on a discriminator, TS2678) stops compiling.
  variantRemoved: always('breaking'),

  // --- Anything the classifier does not model in detail ---------------------------------------
  // `not`, `patternProperties`, callbacks, webhooks...: a contract changed and we cannot say
  // which way, so it is breaking by the second principle. The message says it was not analysed.
  unanalysedContractChanged: always('breaking'),

  // --- Security -------------------------------------------------------------------------------
  // Credentials are taken once at client construction; any change to what must be sent (a scheme
  // added to a requirement, a requirement replaced, a scheme's type, header or location changed)
  // breaks every existing client construction or every request.
  securityRequirementAdded: always('breaking'),
  securityRequirementChanged: always('breaking'),
  securityAlternativeRemoved: always('breaking'),
  // A new way to authenticate; the old ways still work.
  securityAlternativeAdded: always('additive'),
  // The client factory takes an option for every scheme, used by an operation or not, so renaming
  // the option of an unused one still breaks the code that passes it.
  unusedCredentialOptionRenamed: always('breaking'),

  // --- Servers --------------------------------------------------------------------------------
  // Clients configured with the old base URL stop reaching the API.
  serverRemoved: always('breaking'),
  serverAdded: always('additive'),
  // The generated client uses the first server when none is given.
  defaultServerChanged: always('breaking'),
  // Variables build the URL; a changed default or enum changes where requests go.
  serverVariablesChanged: always('breaking'),

  // --- Named schemas ----------------------------------------------------------------------------
  // The generated package exports a type per component schema (`VadConfig`); code importing a
  // removed one stops compiling. A rename is a removal plus an addition.
  namedSchemaRemoved: always('breaking'),
  namedSchemaAdded: always('additive'),
  // An exported type name that now denotes something else, or whose type moved to another name (a
  // new schema taking `UpdateAgentResponse` pushes the operation's response to
  // `UpdateAgentResponse2`): code importing the name stops compiling, or compiles against the
  // wrong type.
  exportedTypeRenamed: always('breaking'),

  // --- Documentation --------------------------------------------------------------------------
  // description, summary, title, examples, tags, x-doc-discrepancies, other x- extensions.
  docsChanged: always('docs'),
  // The package ships the bundled spec (`openapi.json`): a difference nothing above reports
  // (`info.version` alone, the order of keys) still changes its contents, and one version must
  // never have two.
  otherSpecChange: always('docs'),
  // A component no operation references cannot change what any consumer sends or receives
  // (schemas excepted: they are exported types, see above).
  unusedComponentChanged: always('docs'),
} satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

export function kindOf(rule: RuleId, direction: Direction): ChangeKind {
  return RULES[rule][direction];
}
