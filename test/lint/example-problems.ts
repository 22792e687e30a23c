/**
 * The problems of Redocly's three example rules on a document, as plain strings to compare: with
 * Redocly's own rules, or with examples interpreted (src/pipeline/lint/examples/).
 */
import { BaseResolver, createConfig, lintDocument, makeDocumentFromString } from '@redocly/openapi-core';
import { withInterpretedExamples } from '../../src/pipeline/lint/examples/rules.js';

const RULES = [
  'no-invalid-media-type-examples',
  'no-invalid-parameter-examples',
  'no-invalid-schema-examples',
];

/**
 * The rules' config by `allowAdditionalProperties`, resolved once: Redocly lints document after
 * document with one config, and resolving it took a sixth of a table's time.
 */
const configs = new Map<boolean, ReturnType<typeof createConfig>>();

function rulesConfig(allowAdditionalProperties: boolean): ReturnType<typeof createConfig> {
  let config = configs.get(allowAdditionalProperties);
  if (config === undefined) {
    const settings = allowAdditionalProperties ? { allowAdditionalProperties: true } : {};
    config = createConfig({
      rules: Object.fromEntries(RULES.map((rule) => [rule, { severity: 'warn', ...settings }])),
    } as never);
    configs.set(allowAdditionalProperties, config);
  }
  return config;
}

export async function exampleProblems(
  text: string,
  path: string,
  options: { interpreted: boolean; allowAdditionalProperties?: boolean },
): Promise<string[]> {
  const config = await rulesConfig(options.allowAdditionalProperties ?? false);
  const problems = await lintDocument({
    document: makeDocumentFromString(text, path),
    config: options.interpreted ? withInterpretedExamples(config) : config,
    externalRefResolver: new BaseResolver(),
  });
  return problems.map((problem) =>
    JSON.stringify([
      problem.ruleId,
      problem.message,
      problem.location[0]?.pointer,
      problem.location[0]?.reportOnKey,
      problem.from?.pointer,
      problem.suggest,
    ]),
  );
}
