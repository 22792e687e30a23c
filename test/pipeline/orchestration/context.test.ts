/** The options of one `npm run generate`, resolved into a context with the defaults it documents. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GENERATOR_ROOT,
  resolveContext,
  type GenerateContext,
} from '../../../src/pipeline/orchestration/context.js';

describe('resolveContext', () => {
  it.each<[string, { given: Parameters<typeof resolveContext>[0]; want: Partial<GenerateContext> }]>([
    [
      'no overrides: the defaults documented on GenerateContext',
      {
        given: {},
        want: {
          rootDir: GENERATOR_ROOT,
          specsDir: join(GENERATOR_ROOT, 'specs'),
          outDir: join(GENERATOR_ROOT, 'generated'),
          configPath: join(GENERATOR_ROOT, 'redocly.yaml'),
          runtimeDir: join(GENERATOR_ROOT, 'src/runtime'),
          rootPackageJson: join(GENERATOR_ROOT, 'package.json'),
          packageScope: '@voice-agent-sdks',
          apis: [],
          mode: 'write',
          force: false,
          docs: true,
          watchDebounceMs: 150,
        },
      },
    ],
    [
      'relative paths resolve against the project, the runtime against the generator',
      {
        given: { rootDir: '/project', generatorDir: '/generator', specsDir: 'apis', runtimeDir: 'rt' },
        want: {
          specsDir: '/project/apis',
          outDir: '/project/generated',
          configPath: '/project/redocly.yaml',
          runtimeDir: '/generator/rt',
          rootPackageJson: '/generator/package.json',
        },
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(resolveContext(given)).toMatchObject(want);
  });
});
