import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGenerateArgs, type ParsedArgs } from '../../../src/pipeline/orchestration/cli.js';
import {
  GENERATOR_ROOT,
  resolveContext,
  type GenerateContext,
} from '../../../src/pipeline/orchestration/context.js';

describe('parseGenerateArgs', () => {
  it.each<[string, { given: string[]; want: ParsedArgs }]>([
    [
      'no arguments: every API',
      { given: [], want: { help: false, overrides: { apis: [], mode: 'write', force: false, docs: true } } },
    ],
    [
      'API names',
      {
        given: ['diga', 'cozmo', 'diga'],
        want: {
          help: false,
          overrides: { apis: ['diga', 'cozmo'], mode: 'write', force: false, docs: true },
        },
      },
    ],
    [
      '--check',
      {
        given: ['--check'],
        want: { help: false, overrides: { apis: [], mode: 'check', force: false, docs: true } },
      },
    ],
    [
      '--watch diga',
      {
        given: ['--watch', 'diga'],
        want: { help: false, overrides: { apis: ['diga'], mode: 'watch', force: false, docs: true } },
      },
    ],
    [
      '--force --check',
      {
        given: ['--force', '--check'],
        want: { help: false, overrides: { apis: [], mode: 'check', force: true, docs: true } },
      },
    ],
    [
      '--no-docs',
      {
        given: ['--no-docs'],
        want: { help: false, overrides: { apis: [], mode: 'write', force: false, docs: false } },
      },
    ],
    ['--help', { given: ['--help'], want: { help: true } }],
  ])('%s', (_, { given, want }) => {
    expect(parseGenerateArgs(given)).toEqual(want);
  });

  it.each<[string, { given: string[]; want: string }]>([
    ['an unknown flag', { given: ['--chek'], want: "Unknown option '--chek'" }],
    ['an unknown short flag', { given: ['-x'], want: "Unknown option '-x'" }],
    [
      'a value for a boolean flag',
      { given: ['--force=yes'], want: "Option '--force' does not take an argument" },
    ],
    [
      '--check with --watch',
      { given: ['--check', '--watch'], want: '--check and --watch cannot be combined' },
    ],
    ['a flag after --', { given: ['--', '--check'], want: "Unknown option '--check'" }],
  ])('rejects %s', (_, { given, want }) => {
    expect(() => parseGenerateArgs(given)).toThrow(want);
  });
});

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
