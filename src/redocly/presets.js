// @ts-check
/**
 * The plugin's presets, for `extends: [voice-agent-sdks/<preset>]` in an `apis` entry.
 *
 * `published`: a vendor's document as the vendor ships it. Only what would break generation is an
 * error; every other rule the project's config enables (`recommended-strict`, the house rules for
 * transcriptions) reports a warning, which the pipeline prints as one count per rule. Redocly merges
 * an entry's preset over the top-level config, so each of those rules is named here:
 * test/lint/published-preset.test.ts fails naming any rule that would still be an error.
 * @see https://redocly.com/docs/cli/custom-plugins/custom-config
 */

/** Rules whose problems would break generation, or make it emit wrong types: errors. */
export const PUBLISHED_ERRORS = ['no-unresolved-refs', 'voice-agent-sdks/schema-shape'];

/** `recommended-strict`'s rules for OpenAPI 3.0 and 3.1 (Redocly 2.x): warnings for a vendor's document. */
const RECOMMENDED_STRICT_RULES = [
  'info-license',
  'info-license-strict',
  'no-ambiguous-paths',
  'no-duplicated-enum-values',
  'no-duplicated-tag-names',
  'no-empty-servers',
  'no-enum-type-mismatch',
  'no-example-value-and-externalValue',
  'no-identical-paths',
  'no-illogical-composition-keywords',
  'no-invalid-media-type-examples',
  'no-invalid-parameter-examples',
  'no-invalid-schema-examples',
  'no-mixed-number-range-constraints',
  'no-path-trailing-slash',
  'no-required-schema-properties-undefined',
  'no-schema-type-mismatch',
  'no-server-example.com',
  'no-server-trailing-slash',
  'no-server-variables-empty-enum',
  'no-undefined-server-variable',
  'no-unsafe-markdown',
  'no-unused-components',
  'nullable-type-sibling',
  'operation-2xx-response',
  'operation-4xx-response',
  'operation-operationId',
  'operation-operationId-unique',
  'operation-operationId-url-safe',
  'operation-parameters-unique',
  'operation-summary',
  'path-declaration-must-exist',
  'path-not-include-query',
  'path-parameters-defined',
  'security-defined',
  'security-scopes-defined',
  'spec-components-invalid-map-name',
  'spec-discriminator-defaultMapping',
  'spec-example-values',
  'spec-no-invalid-encoding-combinations',
  'spec-no-invalid-tag-parents',
  'spec-querystring-parameters',
  'spec-ref-siblings',
  // A vendor's unknown keyword is no reason to refuse its document; what would break the
  // generator is `schema-shape`'s to report.
  'struct',
  'tag-description',
];

/** The house rules: conventions of our transcriptions, which a vendor's document does not follow. */
const TRANSCRIPTION_RULES = [
  'voice-agent-sdks/request-body-closed',
  'voice-agent-sdks/operation-id',
  'voice-agent-sdks/doc-discrepancies',
];

/** @typedef {'error' | 'warn' | 'off'} Severity */

/** @type {(rules: string[], severity: Severity) => Record<string, Severity>} */
const all = (rules, severity) => Object.fromEntries(rules.map((rule) => [rule, severity]));

export const PUBLISHED_PRESET = {
  rules: {
    ...all(RECOMMENDED_STRICT_RULES, 'warn'),
    ...all(TRANSCRIPTION_RULES, 'off'),
    ...all(PUBLISHED_ERRORS, 'error'),
  },
};
