/**
 * Every command's command line, parsed into the arguments of its work: the defaults, each option,
 * and one error per mistake (the part of the message that names it). Parsing loads nothing heavy
 * and starts nothing, so these rows run in-process.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/command.js';
import { parseCommand } from '../../src/cli/command.js';
import { bench, diff, generate, importCommand, mock, release, verify } from '../../src/cli/commands/index.js';
import { DEFAULT_MOCK_OPTIONS } from '../../src/mock/options.js';
import { DEFAULT_RELEASE_CONTEXT } from '../../src/publish/context.js';
import { DEFAULT_VERIFY_CONTEXT } from '../../src/verify/context.js';
import { captureIo } from '../support/io.js';

/** Where `npm run` was typed: a relative `--requests` path starts there. */
const CWD = '/home/someone/project';
const parse = (command: Command, argv: string[]) =>
  parseCommand(command, argv, captureIo({ INIT_CWD: CWD }).io);

const accepted: [string, { given: [Command, string[]]; want: unknown }][] = [
  [
    'generate: every API',
    { given: [generate, []], want: { apis: [], mode: 'write', force: false, docs: true } },
  ],
  [
    'generate: API names, once each',
    {
      given: [generate, ['diga', 'cozmo', 'diga']],
      want: { apis: ['diga', 'cozmo'], mode: 'write', force: false, docs: true },
    },
  ],
  [
    'generate --check',
    { given: [generate, ['--check']], want: { apis: [], mode: 'check', force: false, docs: true } },
  ],
  [
    'generate --watch diga',
    {
      given: [generate, ['--watch', 'diga']],
      want: { apis: ['diga'], mode: 'watch', force: false, docs: true },
    },
  ],
  [
    'generate --force --check',
    { given: [generate, ['--force', '--check']], want: { apis: [], mode: 'check', force: true, docs: true } },
  ],
  [
    'generate --no-docs',
    { given: [generate, ['--no-docs']], want: { apis: [], mode: 'write', force: false, docs: false } },
  ],
  ['diff <api>', { given: [diff, ['ping']], want: { api: 'ping' } }],
  ['diff <api> --base <ref>', { given: [diff, ['ping', '--base', 'v1']], want: { api: 'ping', base: 'v1' } }],
  [
    'import <file> --name <api>: the file as given, from where npm run was typed',
    {
      given: [importCommand, ['vendor/openapi.json', '--name', 'acme']],
      want: { source: 'vendor/openapi.json', name: 'acme', cwd: CWD },
    },
  ],
  [
    'import <URL> --name <api> --overlay <file>',
    {
      given: [importCommand, ['https://example.com/openapi.yaml', '--name', 'acme', '--overlay', 'fix.yaml']],
      want: { source: 'https://example.com/openapi.yaml', name: 'acme', cwd: CWD, overlay: 'fix.yaml' },
    },
  ],
  ['mock: the defaults', { given: [mock, ['diga']], want: { ...DEFAULT_MOCK_OPTIONS, api: 'diga' } }],
  [
    'mock: every option',
    {
      given: [mock, ['diga', '--port', '0', '--dynamic', '--seed', 's1']],
      want: { ...DEFAULT_MOCK_OPTIONS, api: 'diga', port: 0, dynamic: true, seed: 's1' },
    },
  ],
  [
    'verify: the defaults',
    {
      given: [verify, ['diga', '--upstream', 'https://api.diga.io']],
      want: { ...DEFAULT_VERIFY_CONTEXT, api: 'diga', upstream: new URL('https://api.diga.io') },
    },
  ],
  [
    'verify: every option, a relative --requests path from where npm was run',
    {
      given: [
        verify,
        ['cozmo', '--upstream', 'http://127.0.0.1:9/api', '--port', '4020', '--requests', 'r.json', '--json'],
      ],
      want: {
        ...DEFAULT_VERIFY_CONTEXT,
        api: 'cozmo',
        upstream: new URL('http://127.0.0.1:9/api'),
        port: 4020,
        requestsFile: `${CWD}/r.json`,
        json: true,
      },
    },
  ],
  [
    'verify --port 0, the lower end',
    {
      given: [verify, ['diga', '--upstream', 'http://x', '--port', '0']],
      want: expect.objectContaining({ port: 0 }),
    },
  ],
  [
    'verify --port 65535, the upper end',
    {
      given: [verify, ['diga', '--upstream', 'http://x', '--port', '65535']],
      want: expect.objectContaining({ port: 65535 }),
    },
  ],
  ['bench: every suite', { given: [bench, []], want: {} }],
  [
    'bench: named suites and runs',
    { given: [bench, ['noop', 'specs', '--runs', '2']], want: { suites: ['noop', 'specs'], runs: 2 } },
  ],
  ['release: every package', { given: [release, []], want: DEFAULT_RELEASE_CONTEXT }],
  [
    'release: packages by name, once each, and every option',
    {
      given: [
        release,
        ['diga', 'cozmo', 'diga', '--dry-run', '--provenance', '--registry', 'http://127.0.0.1:4873'],
      ],
      want: {
        ...DEFAULT_RELEASE_CONTEXT,
        apis: ['diga', 'cozmo'],
        dryRun: true,
        provenance: true,
        registry: 'http://127.0.0.1:4873/',
      },
    },
  ],
];

describe('accepted', () => {
  it.each(accepted)('%s', (_name, { given: [command, argv], want }) => {
    expect(parse(command, argv)).toEqual(want);
  });
});

const refused: [string, { given: [Command, string[]]; want: string | RegExp }][] = [
  // Node's own words, without its advice about `--`.
  ['an unknown option', { given: [generate, ['--chek']], want: "Unknown option '--chek'" }],
  ['an unknown short option', { given: [generate, ['-x']], want: "Unknown option '-x'" }],
  [
    'a value for a switch',
    { given: [generate, ['--force=yes']], want: "Option '--force' does not take an argument" },
  ],
  ['an option after --', { given: [generate, ['--', '--check']], want: "Unknown option '--check'" }],
  [
    '--help after --',
    { given: [verify, ['diga', '--upstream', 'http://x', '--', '--help']], want: "Unknown option '--help'" },
  ],
  [
    '--check with --watch',
    { given: [generate, ['--check', '--watch']], want: '--check and --watch cannot be combined' },
  ],
  ['diff: no API', { given: [diff, []], want: 'which API? Give its name' }],
  ['diff: two APIs', { given: [diff, ['ping', 'pong']], want: 'unexpected argument "pong"' }],
  // `--base=` (an unset variable) would otherwise quietly compare with the package.
  [
    'diff: an empty --base',
    { given: [diff, ['ping', '--base=']], want: '--base: expected a git ref, got ""' },
  ],
  [
    'diff: --base without a value',
    { given: [diff, ['ping', '--base']], want: "Option '--base <value>' argument missing" },
  ],
  [
    'import: no document',
    { given: [importCommand, ['--name', 'acme']], want: 'which document? Give its file or URL' },
  ],
  [
    'import: no --name',
    { given: [importCommand, ['openapi.json']], want: '--name: required: the name of the API' },
  ],
  [
    'import: two documents',
    { given: [importCommand, ['a.json', 'b.json', '--name', 'acme']], want: 'unexpected argument "b.json"' },
  ],
  [
    'import: two overlays (one overlay holds any number of actions)',
    {
      given: [importCommand, ['a.json', '--name', 'acme', '--overlay', 'x.yaml', '--overlay', 'y.yaml']],
      want: '--overlay: given twice; give it once',
    },
  ],
  ['mock: no API', { given: [mock, []], want: 'which API? Give its name' }],
  [
    'mock: a seed without --dynamic',
    {
      given: [mock, ['diga', '--seed', '1']],
      want: '--seed: only changes generated responses: add --dynamic',
    },
  ],
  [
    'mock: a negative port',
    { given: [mock, ['diga', '--port', '-1']], want: "Option '--port' argument is ambiguous" },
  ],
  [
    'mock: a port that is no number',
    {
      given: [mock, ['diga', '--port', 'x']],
      want: '--port: expected a port number from 0 to 65535, got "x"',
    },
  ],
  [
    'mock: two ports',
    { given: [mock, ['diga', '--port', '1', '--port', '2']], want: '--port: given twice; give it once' },
  ],
  ['verify: no API', { given: [verify, []], want: 'which API? Give its name' }],
  [
    'verify: two APIs',
    { given: [verify, ['diga', 'cozmo', '--upstream', 'http://x']], want: 'unexpected argument "cozmo"' },
  ],
  ['verify: no --upstream', { given: [verify, ['diga']], want: '--upstream: required: the base URL' }],
  [
    'verify: --upstream without a value',
    { given: [verify, ['diga', '--upstream']], want: "Option '--upstream <value>' argument missing" },
  ],
  [
    'verify: an upstream that is not a URL',
    {
      given: [verify, ['diga', '--upstream', 'api.diga.io']],
      want: '--upstream: "api.diga.io" is not a URL',
    },
  ],
  [
    'verify: an upstream that is not http',
    { given: [verify, ['diga', '--upstream', 'ftp://x']], want: 'is not an http or https URL' },
  ],
  [
    'verify: an upstream with a query',
    { given: [verify, ['diga', '--upstream', 'http://x/?a=1']], want: 'has a query or fragment' },
  ],
  [
    'verify: a port out of range',
    {
      given: [verify, ['diga', '--upstream', 'http://x', '--port', '70000']],
      want: '--port: expected a port number',
    },
  ],
  [
    'verify: a port one past the range',
    { given: [verify, ['diga', '--upstream', 'http://x', '--port', '65536']], want: 'got "65536"' },
  ],
  // Number('') is 0: an empty value would silently ask for any free port.
  [
    'verify: an empty port',
    {
      given: [verify, ['diga', '--upstream', 'http://x', '--port=']],
      want: '--port: expected a port number from 0 to 65535, got ""',
    },
  ],
  [
    'verify: an unknown option',
    { given: [verify, ['diga', '--upstream', 'http://x', '--dry-run']], want: "Unknown option '--dry-run'" },
  ],
  // parseArgs would keep the last one silently.
  [
    'verify: two upstreams',
    {
      given: [verify, ['diga', '--upstream', 'http://a', '--upstream', 'http://b']],
      want: '--upstream: given twice',
    },
  ],
  [
    'verify: two ports',
    {
      given: [verify, ['diga', '--upstream', 'http://a', '--port', '1', '--port=2']],
      want: '--port: given twice',
    },
  ],
  [
    'verify: two requests files',
    {
      given: [verify, ['diga', '--upstream', 'http://a', '--requests', 'a', '--requests', 'b']],
      want: '--requests: given twice; give it once',
    },
  ],
  [
    'bench: an unknown suite, with the known ones',
    { given: [bench, ['nope']], want: 'unknown suite "nope": suites are specs, fail-fast, noop' },
  ],
  [
    'bench: runs that are not a whole number',
    { given: [bench, ['--runs', '1.5']], want: '--runs: expected a whole number of at least 1, got "1.5"' },
  ],
  ['bench: runs of zero', { given: [bench, ['--runs', '0']], want: 'at least 1, got "0"' }],
  ['bench: an unknown option', { given: [bench, ['--fast']], want: "Unknown option '--fast'" }],
  [
    'release: a registry that is no URL',
    { given: [release, ['--registry', 'npmjs']], want: '--registry: expected an http(s) URL, got "npmjs"' },
  ],
  [
    'release: a registry that is not http',
    {
      given: [release, ['--registry', 'file:///tmp/r']],
      want: 'expected an http(s) URL, got "file:///tmp/r"',
    },
  ],
  [
    'release: a registry with credentials, not echoed',
    {
      given: [release, ['--registry', 'https://me:s3cret@registry.test']],
      want: /^--registry: credentials do not go in the URL: put `\/\/<host>\/:_authToken=\$\{NPM_TOKEN\}` in your user .npmrc$/,
    },
  ],
  [
    'release: a malformed registry with credentials, not echoed',
    {
      given: [release, ['--registry', 'https://me:s3cret@registry test']],
      want: 'got "https://…@registry test"',
    },
  ],
];

describe('refused, naming the mistake', () => {
  it.each(refused)('%s', (_name, { given: [command, argv], want }) => {
    expect(() => parse(command, argv)).toThrow(want);
  });
});

it("release: `npm run release --dry-run`, npm's own flag before the `--`, is a dry run too", () => {
  // npm hands a flag of its own on to the script as npm_config_<name>.
  const { io } = captureIo({ npm_config_dry_run: 'true' });
  expect(parseCommand(release, [], io)).toEqual({ ...DEFAULT_RELEASE_CONTEXT, dryRun: true });
});

describe('verify: an upstream with credentials', () => {
  // The password is neither sent (Prism drops it) nor printed.
  it.each<[string, { given: string; want: string }]>([
    ['a user and password', { given: 'http://user:s3cret@x/api', want: '"http://…@x/api"' }],
    ['a user name only', { given: 'https://s3cret@x', want: '"https://…@x"' }],
    ['a password in a URL that does not parse', { given: 'http://u:s3cret@x y', want: '"http://…@x y"' }],
  ])('is refused without echoing it: %s', (_name, { given, want }) => {
    let message = '';
    try {
      parse(verify, ['diga', '--upstream', given]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`--upstream: ${want}`);
    expect(message).not.toContain('s3cret');
  });

  it('says where credentials go instead of the URL', () => {
    expect(() => parse(verify, ['diga', '--upstream', 'http://u:p@x'])).toThrow(
      'carries a user name or password, which verify does not send; remove it and give credentials in DIGA_<OPTION> variables',
    );
  });
});
