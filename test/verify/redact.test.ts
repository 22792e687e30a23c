/** The output redactor: every form a credential takes on the way out is replaced; short values are left alone. */
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../src/mock/api.js';
import { specSource } from '../../src/mock/spec-source.js';
import { planRequests } from '../../src/verify/plan.js';
import { REDACTED, redactingIo, redactor } from '../../src/verify/redact.js';

describe('redactor', () => {
  const rows: [string, { given: [string[], string]; want: string }][] = [
    ['as given', { given: [['s3cret-token'], 'detail: s3cret-token'], want: `detail: ${REDACTED}` }],
    ['URL-encoded', { given: [['tok/en+1='], '?key=tok%2Fen%2B1%3D'], want: `?key=${REDACTED}` }],
    ['form-encoded', { given: [['tok en!'], '?key=tok+en%21'], want: `?key=${REDACTED}` }],
    // A cookie credential is encodeURIComponent'd: a space is %20 there, not + as in a form.
    [
      'URL-encoded with a space, as in a cookie',
      { given: [['tok en/1'], 'cookie: key=tok%20en%2F1'], want: `cookie: key=${REDACTED}` },
    ],
    [
      'base64, as in Basic',
      {
        given: [['user:password'], `Basic ${Buffer.from('user:password').toString('base64')}`],
        want: `Basic ${REDACTED}`,
      },
    ],
    [
      'escaped in JSON',
      { given: [['a"quoted"1'], JSON.stringify({ v: 'a"quoted"1' })], want: `{"v":"${REDACTED}"}` },
    ],
    ['every occurrence', { given: [['abcdef'], 'abcdef abcdef'], want: `${REDACTED} ${REDACTED}` }],
    [
      'the longer of two that overlap, whole',
      { given: [['abcdef', 'abcdefgh'], 'abcdefgh'], want: REDACTED },
    ],
    // A token `t` would eat every `t` of the report; no real credential is that short.
    ['not a value shorter than 6 characters', { given: [['t0k'], 'the t0k stays'], want: 'the t0k stays' }],
    ['not a value of 5 characters', { given: [['t0ken'], 'the t0ken stays'], want: 'the t0ken stays' }],
    ['nothing without secrets', { given: [[], 'text'], want: 'text' }],
  ];

  it.each(rows)('%s', (_name, { given: [secrets, text], want }) => {
    expect(redactor(secrets)(text)).toBe(want);
  });

  it('covers stdout and stderr', () => {
    const out: string[] = [];
    const io = redactingIo(
      { stdout: (t) => void out.push(`out:${t}`), stderr: (t) => void out.push(`err:${t}`), env: {} },
      redactor(['s3cret-token']),
    );
    io.stdout('a s3cret-token');
    io.stderr('b s3cret-token');
    expect(out).toEqual([`out:a ${REDACTED}`, `err:b ${REDACTED}`]);
  });
});

describe('the secrets a plan carries', () => {
  it('are the credentials from the environment and those in --requests headers', async () => {
    const api = await loadApi(specSource('diga'));
    const plan = planRequests(api, { DIGA_TOKEN: 'env-token' }, [
      {},
      { headers: { authorization: 'Bearer file-token', 'x-trace': 'not-a-secret' } },
    ]);
    expect(plan.secrets.sort()).toEqual(['Bearer file-token', 'env-token', 'file-token']);
  });

  // An upstream may echo a session cookie's value alone ("unknown session s3ssion-id").
  it('include each value of a --requests cookie header, not only the whole header', async () => {
    const api = await loadApi(specSource('diga'));
    const plan = planRequests(api, { DIGA_TOKEN: 'env-token' }, [
      { headers: { cookie: 'sid=s3ssion-id; csrf=csrf-value' } },
    ]);
    expect(plan.secrets.sort()).toEqual([
      'csrf-value',
      'env-token',
      's3ssion-id',
      'sid=s3ssion-id; csrf=csrf-value',
    ]);
  });
});
