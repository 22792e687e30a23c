/**
 * Reading Prism's `sl-violations` header (shapes copied from what Prism 5.14 sends) and the status
 * check against the documented responses.
 */
import { describe, expect, it } from 'vitest';
import {
  formatViolation,
  parseViolationHeader,
  statusViolation,
  type Violation,
} from '../../src/verify/violations.js';

const header = (...items: unknown[]) => JSON.stringify(items);

describe('parseViolationHeader', () => {
  const rows: [string, { given: string | null; want: Violation[] }][] = [
    ['no header', { given: null, want: [] }],
    [
      'a wrong type',
      {
        given: header({
          location: ['response', 'body', 'version_number'],
          severity: 'Error',
          code: 'type',
          message: 'Response body property version_number must be integer',
        }),
        want: [
          {
            side: 'response',
            location: 'body.version_number',
            kind: 'type',
            message: 'must be integer',
            severity: 'error',
          },
        ],
      },
    ],
    [
      'a missing required property (reported at the object)',
      {
        given: header({
          location: ['response', 'body'],
          severity: 'Error',
          code: 'required',
          message: "Response body must have required property 'agent_id'",
        }),
        want: [
          {
            side: 'response',
            location: 'body',
            kind: 'required',
            message: "must have required property 'agent_id'",
            severity: 'error',
          },
        ],
      },
    ],
    [
      'a request path parameter',
      {
        given: header({
          location: ['request', 'path', 'agent_id'],
          severity: 'Error',
          code: 'format',
          message: 'Request path parameter agent_id must match format "uuid"',
        }),
        want: [
          {
            side: 'request',
            location: 'path.agent_id',
            kind: 'format',
            message: 'must match format "uuid"',
            severity: 'error',
          },
        ],
      },
    ],
    [
      'a missing credential (code 401)',
      {
        given: header({
          location: ['request'],
          severity: 'Error',
          code: 401,
          message: 'Invalid security scheme used',
        }),
        want: [
          {
            side: 'request',
            location: '',
            kind: 'security',
            message: 'Invalid security scheme used',
            severity: 'error',
          },
        ],
      },
    ],
    [
      'a media type mismatch (no code)',
      {
        given: header({
          location: ['response'],
          severity: 'Error',
          message:
            'The received media type "text/plain" does not match the one specified in the current response: application/json',
        }),
        want: [
          {
            side: 'response',
            location: '',
            kind: 'media-type',
            message:
              'The received media type "text/plain" does not match the one specified in the current response: application/json',
            severity: 'error',
          },
        ],
      },
    ],
    [
      "Prism's status message, replaced by our own check",
      {
        given: header({
          location: ['response'],
          severity: 'Warning',
          message: 'Unable to match the returned status code with those defined in the document: 200',
        }),
        want: [],
      },
    ],
    [
      'an unmatched route (a warning)',
      {
        given: header({ severity: 'Warning', message: 'Selected route not found' }),
        want: [
          {
            side: 'response',
            location: '',
            kind: 'route',
            message: 'Selected route not found',
            severity: 'warning',
          },
        ],
      },
    ],
    [
      'a header Prism cut short',
      {
        given: `Too many violations! [{"location":["response","body"`,
        want: [
          {
            side: 'response',
            location: '',
            kind: 'truncated',
            message:
              'more violations than fit in Prism’s 8 kB sl-violations header; fix these, or make the exchange smaller (fewer fields in the request body, fewer items in the response), to see the rest',
            severity: 'error',
          },
        ],
      },
    ],
    [
      'a header Prism cut short after whole items (they are kept)',
      {
        given:
          'Too many violations! [{"location":["response","body","a"],"severity":"Error","code":"type","message":"Response body property a must be integer"},' +
          '{"location":["response","body","b"],"severity":"Error","code":"type","message":"Response body property b must be {int}"},{"location":["resp',
        want: [
          {
            side: 'response',
            location: 'body.a',
            kind: 'type',
            message: 'must be integer',
            severity: 'error',
          },
          { side: 'response', location: 'body.b', kind: 'type', message: 'must be {int}', severity: 'error' },
          {
            side: 'response',
            location: '',
            kind: 'truncated',
            message:
              'more violations than fit in Prism’s 8 kB sl-violations header (the first 2 are listed); fix these, or make the exchange smaller (fewer fields in the request body, fewer items in the response), to see the rest',
            severity: 'error',
          },
        ],
      },
    ],
  ];

  it.each(rows)('%s', (_name, { given, want }) => {
    expect(parseViolationHeader(given)).toEqual(want);
  });

  it('reports a header that is not JSON instead of failing', () => {
    expect(parseViolationHeader('{oops').map((v) => v.kind)).toEqual(['unreadable']);
  });
});

describe('statusViolation', () => {
  const rows: [string, { given: [number, string[]]; want: string | undefined }][] = [
    ['a documented status', { given: [200, ['200']], want: undefined }],
    ['a documented error status', { given: [404, ['200', '404']], want: undefined }],
    ['a status in a documented range', { given: [503, ['200', '5XX']], want: undefined }],
    ['any status under default', { given: [418, ['200', 'default']], want: undefined }],
    [
      'another success status',
      {
        given: [201, ['200']],
        want: 'response status: 201 is not a documented status (documented: 200) (status)',
      },
    ],
    [
      'an undocumented error status',
      {
        given: [500, ['200', '404']],
        want: 'response status: 500 is not a documented status (documented: 200, 404) (status)',
      },
    ],
  ];

  it.each(rows)('%s', (_name, { given, want }) => {
    const violation = statusViolation(...given);
    expect(violation && formatViolation(violation)).toBe(want);
  });
});
