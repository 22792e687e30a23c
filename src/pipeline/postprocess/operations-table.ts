/**
 * Post-processing step: the operations table. The runtime knows a vendor only through the
 * `ApiDescription` in `operations.js` (see `src/runtime/api-description.ts`): servers, security
 * schemes with their credential names, and per operation its method, path, security, servers and
 * documented statuses, all derived from the spec by `describeApi`. Emitted as plain JSON in a
 * module, so it reads the same in the JS and the declaration.
 */
import type { ApiDescription } from '../../runtime/api-description.js';
import { jsDocText } from '../names.js';

export interface OperationsModule {
  js: string;
  dts: string;
}

export function emitOperationsTable(api: ApiDescription, banner: string): OperationsModule {
  return {
    js:
      banner +
      `/** @type {import('./runtime/api-description.js').ApiDescription} */\n` +
      `export const api = ${JSON.stringify(api, null, 2)};\n`,
    dts:
      banner +
      `import type { ApiDescription } from './runtime/api-description.js';\n\n` +
      `/** ${jsDocText(`${api.title} ${api.version}`)}, as the runtime reads it: servers, credentials and operations. */\n` +
      `export declare const api: ApiDescription;\n`,
  };
}
