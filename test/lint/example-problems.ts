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

export async function exampleProblems(
  text: string,
  path: string,
  options: { interpreted: boolean; allowAdditionalProperties?: boolean },
): Promise<string[]> {
  const settings = options.allowAdditionalProperties ? { allowAdditionalProperties: true } : {};
  const config = await createConfig({
    rules: Object.fromEntries(RULES.map((rule) => [rule, { severity: 'warn', ...settings }])),
  } as never);
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
