/** Command-line arguments of `npm run verify` and `npm run mock`: defaults, and an error per mistake. */
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/mock/cli.js';
import {
  handleMock,
  MOCK_ABOUT,
  MOCK_USAGE,
  resolveMockOptions,
  DEFAULT_MOCK_OPTIONS,
} from '../../src/mock/command.js';
import { handleVerify } from '../../src/verify/command.js';
import { knownApis, specSource } from '../../src/mock/spec-source.js';
import {
  DEFAULT_VERIFY_CONTEXT,
  resolveVerifyContext,
  VERIFY_ABOUT,
  VERIFY_USAGE,
} from '../../src/verify/context.js';

const CWD = '/home/someone/project';

describe('resolveVerifyContext', () => {
  it('fills in the defaults', () => {
    expect(resolveVerifyContext(['diga', '--upstream', 'https://api.diga.io'], CWD)).toEqual({
      ...DEFAULT_VERIFY_CONTEXT,
      api: 'diga',
      upstream: new URL('https://api.diga.io'),
    });
  });

  it('takes every option, a relative --requests path from where npm was run', () => {
    expect(
      resolveVerifyContext(
        ['cozmo', '--upstream', 'http://127.0.0.1:9/api', '--port', '4020', '--requests', 'r.json', '--json'],
        CWD,
      ),
    ).toMatchObject({
      api: 'cozmo',
      upstream: new URL('http://127.0.0.1:9/api'),
      port: 4020,
      requestsFile: `${CWD}/r.json`,
      json: true,
    });
  });

  it.each(['0', '65535'])('takes --port %s, the ends of the range', (port) => {
    expect(resolveVerifyContext(['diga', '--upstream', 'http://x', '--port', port], CWD).port).toBe(
      Number(port),
    );
  });

  const errors: [string, { given: string[]; want: string }][] = [
    ['no API', { given: [], want: 'which API? Give its name' }],
    ['no --upstream', { given: ['diga'], want: '--upstream is required' }],
    [
      '--upstream without a value',
      { given: ['diga', '--upstream'], want: "Option '--upstream <value>' argument missing" },
    ],
    [
      'an upstream that is not a URL',
      { given: ['diga', '--upstream', 'api.diga.io'], want: '--upstream: "api.diga.io" is not a URL' },
    ],
    [
      'an upstream that is not http',
      { given: ['diga', '--upstream', 'ftp://x'], want: 'is not an http or https URL' },
    ],
    [
      'an upstream with a query',
      { given: ['diga', '--upstream', 'http://x/?a=1'], want: 'has a query or fragment' },
    ],
    [
      'a port that is not a number',
      {
        given: ['diga', '--upstream', 'http://x', '--port', 'abc'],
        want: '--port: expected a port number from 0 to 65535, got "abc"',
      },
    ],
    [
      'a port out of range',
      {
        given: ['diga', '--upstream', 'http://x', '--port', '70000'],
        want: '--port: expected a port number',
      },
    ],
    [
      'a port one past the range',
      {
        given: ['diga', '--upstream', 'http://x', '--port', '65536'],
        want: '--port: expected a port number from 0 to 65535, got "65536"',
      },
    ],
    // Number('') is 0: an empty value would silently ask for any free port.
    [
      'an empty port',
      {
        given: ['diga', '--upstream', 'http://x', '--port='],
        want: '--port: expected a port number from 0 to 65535, got ""',
      },
    ],
    [
      'an unknown option',
      { given: ['diga', '--upstream', 'http://x', '--dry-run'], want: "Unknown option '--dry-run'" },
    ],
    ['two APIs', { given: ['diga', 'cozmo', '--upstream', 'http://x'], want: 'unexpected argument "cozmo"' }],
    // After `--` it is an argument, not a request for help.
    [
      '--help after --',
      { given: ['diga', '--upstream', 'http://x', '--', '--help'], want: 'unexpected argument "--help"' },
    ],
    // parseArgs would keep the last one silently.
    [
      'two upstreams',
      {
        given: ['diga', '--upstream', 'http://a', '--upstream', 'http://b'],
        want: '--upstream is given twice',
      },
    ],
    [
      'two ports',
      { given: ['diga', '--upstream', 'http://a', '--port', '1', '--port=2'], want: '--port is given twice' },
    ],
    [
      'two requests files',
      {
        given: ['diga', '--upstream', 'http://a', '--requests', 'a', '--requests', 'b'],
        want: '--requests is given twice; give it once',
      },
    ],
  ];

  it.each(errors)('rejects %s', (_name, { given, want }) => {
    expect(() => resolveVerifyContext(given, CWD)).toThrow(want);
  });

  // The password is neither sent (Prism drops it) nor printed.
  const userinfo: [string, { given: string; want: string }][] = [
    ['a user and password', { given: 'http://user:s3cret@x/api', want: '"http://…@x/api"' }],
    ['a user name only', { given: 'https://s3cret@x', want: '"https://…@x"' }],
    ['a password in a URL that does not parse', { given: 'http://u:s3cret@x y', want: '"http://…@x y"' }],
  ];

  it.each(userinfo)('rejects an upstream with %s without echoing it', (_name, { given, want }) => {
    let message = '';
    try {
      resolveVerifyContext(['diga', '--upstream', given], CWD);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`--upstream: ${want}`);
    expect(message).not.toContain('s3cret');
  });

  it('says where credentials go instead of the URL', () => {
    expect(() => resolveVerifyContext(['diga', '--upstream', 'http://u:p@x'], CWD)).toThrow(
      'carries a user name or password, which verify does not send; remove it and give credentials in DIGA_<OPTION> variables',
    );
  });
});

describe('resolveMockOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveMockOptions(['diga'])).toEqual({ ...DEFAULT_MOCK_OPTIONS, api: 'diga' });
  });

  it('takes every option', () => {
    expect(resolveMockOptions(['diga', '--port', '0', '--dynamic', '--seed', 's1'])).toMatchObject({
      port: 0,
      dynamic: true,
      seed: 's1',
    });
  });

  const errors: [string, { given: string[]; want: string }][] = [
    ['no API', { given: [], want: 'which API? Give its name' }],
    [
      'a seed without --dynamic',
      { given: ['diga', '--seed', '1'], want: '--seed only changes generated responses: add --dynamic' },
    ],
    ['a bad port', { given: ['diga', '--port', '-1'], want: "Option '--port' argument is ambiguous" }],
    ['an unknown option', { given: ['diga', '--errors'], want: "Unknown option '--errors'" }],
    ['two ports', { given: ['diga', '--port', '1', '--port', '2'], want: '--port is given twice' }],
  ];

  it.each(errors)('rejects %s', (_name, { given, want }) => {
    expect(() => resolveMockOptions(given)).toThrow(want);
  });
});

describe('specSource', () => {
  it('knows the APIs of specs/', () => {
    expect(knownApis()).toEqual(expect.arrayContaining(['cozmo', 'diga', 'trillet', 'voicebip']));
  });

  it.each(['nope', '../specs/diga', 'history'])('refuses %s and lists the known APIs', (api) => {
    expect(() => specSource(api)).toThrow(`unknown API "${api}": known APIs are ${knownApis().join(', ')}`);
  });
});

describe('--help', () => {
  const neverStop = () => Promise.reject(new Error('the mock must not start'));
  const rows: [string, { given: (io: CommandIo) => Promise<number>; want: string }][] = [
    [
      'verify --help',
      { given: (io) => handleVerify(['--help'], io), want: `${VERIFY_USAGE}\n${VERIFY_ABOUT}\n` },
    ],
    [
      'verify diga --upstream x -h (wins over other mistakes)',
      {
        given: (io) => handleVerify(['diga', '--upstream', 'x', '-h'], io),
        want: `${VERIFY_USAGE}\n${VERIFY_ABOUT}\n`,
      },
    ],
    [
      'mock --help',
      { given: (io) => handleMock(['--help'], io, neverStop), want: `${MOCK_USAGE}\n${MOCK_ABOUT}\n` },
    ],
    [
      'mock diga --dynamic --help',
      {
        given: (io) => handleMock(['diga', '--dynamic', '--help'], io, neverStop),
        want: `${MOCK_USAGE}\n${MOCK_ABOUT}\n`,
      },
    ],
  ];

  it.each(rows)('%s prints the usage to stdout and exits 0', async (_name, { given, want }) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CommandIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: {} };
    expect(await given(io)).toBe(0);
    expect(out.join('')).toBe(want);
    expect(err).toEqual([]);
  });
});
