// @ts-check
/**
 * The `voice-agent-sdks` Redocly plugin: the house rules the vendor specs follow beyond
 * `recommended-strict`. Plain ESM JavaScript because Redocly imports plugins at runtime, from the
 * CLI (`npx redocly lint`) and from the pipeline's lint stage alike; `redocly.yaml` enables the
 * rules as `voice-agent-sdks/<rule>`.
 * @see https://redocly.com/docs/cli/custom-plugins
 */
import { DocDiscrepancies } from './rules/doc-discrepancies.js';
import { OperationId } from './rules/operation-id.js';
import { RequestBodyClosed } from './rules/request-body-closed.js';

export const PLUGIN_ID = 'voice-agent-sdks';

/** @returns {import('@redocly/openapi-core').Plugin} */
export default function voiceAgentSdksPlugin() {
  return {
    id: PLUGIN_ID,
    rules: {
      oas3: {
        'request-body-closed': RequestBodyClosed,
        'operation-id': OperationId,
        'doc-discrepancies': DocDiscrepancies,
      },
    },
  };
}
