/** The options of `npm run mock`, with their defaults (parsed in src/cli/commands/mock.ts). */
import { PROJECT_ROOT } from './spec-source.js';

export interface MockOptions {
  api: string;
  /** 0 picks a free port. @default 4010 (Prism's own default, so URLs in notes keep working) */
  port: number;
  /** Generate responses from the schemas instead of returning the examples. @default false */
  dynamic: boolean;
  /** Makes dynamic responses repeatable; only with `dynamic`. */
  seed?: string;
  /** Where `specs/` and `generated/` are. @default the project root */
  root: string;
}

export const DEFAULT_MOCK_OPTIONS: Omit<MockOptions, 'api'> = {
  port: 4010,
  dynamic: false,
  root: PROJECT_ROOT,
};
