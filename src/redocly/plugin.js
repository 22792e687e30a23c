// @ts-check
/**
 * The `voice-agent-sdks` Redocly plugin: the house rules the transcribed specs follow beyond
 * `recommended-strict`, and the `published` preset for vendors' own documents (`presets.js`). Plain
 * ESM JavaScript because Redocly imports plugins at runtime, from the CLI (`npx redocly lint`) and
 * from the pipeline's lint stage alike; `redocly.yaml` enables the rules as
 * `voice-agent-sdks/<rule>` and the preset as `extends: [voice-agent-sdks/published]`.
 * @see https://redocly.com/docs/cli/custom-plugins
 */
import { PUBLISHED_PRESET } from './presets.js';
import { DocDiscrepancies } from './rules/doc-discrepancies.js';
import { OperationId } from './rules/operation-id.js';
import { RequestBodyClosed } from './rules/request-body-closed.js';
import { SchemaShape } from './rules/schema-shape.js';

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
        'schema-shape': SchemaShape,
      },
    },
    configs: { published: PUBLISHED_PRESET },
  };
}
