/**
 * Spec violations of one exchange: what Prism's validating proxy reports in the `sl-violations`
 * response header, plus our own check that the status is a documented one.
 *
 * Prism (`@stoplight/prism-http-server`, `addViolationHeader`) writes a JSON array of
 * `{ location, severity, code, message }`: `location` starts with `request` or `response`, then
 * `body`/`path`/`query`/`header` and the property path; `code` is the JSON Schema keyword (`type`,
 * `required`, `enum`), 401 for a missing credential, 415 for a media type, or absent; `message`
 * repeats the location in prose before the validator's own words. Over ~8 kB the header is cut
 * and prefixed with `Too many violations! `.
 */
import { isDocumentedStatus } from '../mock/api.js';

export type Side = 'request' | 'response';

export interface Violation {
  /** Which side of the exchange breaks the spec: the request we sent or the upstream's answer. */
  side: Side;
  /** Where, after the side: `body.version_number`, `body` (the object itself), `status`, `` (the whole). */
  location: string;
  /**
   * What was checked: a JSON Schema keyword (`type`, `required`, `enum`), or `status`, `security`,
   * `media-type`, `route`; `json` (a body that does not parse) and `incomplete` (cut short) come
   * from what the relay saw.
   */
  kind: string;
  /** The validator's words without the location: `must be integer`. */
  message: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
}

export interface PrismDiagnostic {
  location?: unknown;
  severity?: unknown;
  code?: unknown;
  message?: unknown;
}

const TRUNCATED = 'Too many violations! ';
// Prism's own status check; ours replaces it (it also knows ranges and `default`, and says which statuses are documented).
const STATUS_MESSAGE = /^Unable to match the returned status code/;

export function parseViolationHeader(value: string | null): Violation[] {
  if (value === null || value === '') return [];
  if (value.startsWith(TRUNCATED)) {
    const kept = completeItems(value.slice(TRUNCATED.length));
    return [
      ...kept.flatMap((item) => fromDiagnostic(item) ?? []),
      {
        side: 'response',
        location: '',
        kind: 'truncated',
        message:
          `more violations than fit in Prism’s 8 kB sl-violations header${kept.length > 0 ? ` (the first ${kept.length} are listed)` : ''}; ` +
          'fix these, or make the exchange smaller (fewer fields in the request body, fewer items in the response), to see the rest',
        severity: 'error',
      },
    ];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) {
    return [
      {
        side: 'response',
        location: '',
        kind: 'unreadable',
        message: `Prism's sl-violations header is not a JSON array: ${value.slice(0, 200)}`,
        severity: 'error',
      },
    ];
  }
  return parsed.flatMap((item: PrismDiagnostic) => {
    const violation = fromDiagnostic(item);
    return violation ? [violation] : [];
  });
}

/**
 * The whole items at the start of a JSON array Prism cut off mid-item: the longest prefix ending
 * after an item that parses once the array is closed (a `}` inside a message just fails to parse).
 */
function completeItems(cut: string): PrismDiagnostic[] {
  for (let end = cut.lastIndexOf('}'); end > 0; end = cut.lastIndexOf('}', end - 1)) {
    try {
      const items: unknown = JSON.parse(`${cut.slice(0, end + 1)}]`);
      if (Array.isArray(items)) return items as PrismDiagnostic[];
    } catch {
      // not the end of an item: try the previous `}`
    }
  }
  return [];
}

export function fromDiagnostic(item: PrismDiagnostic): Violation | undefined {
  const location = Array.isArray(item.location) ? item.location.map(String) : [];
  const side: Side = location[0] === 'request' ? 'request' : 'response';
  const message = typeof item.message === 'string' ? item.message : JSON.stringify(item);
  if (STATUS_MESSAGE.test(message)) return undefined;
  return {
    side,
    location: location.slice(1).join('.'),
    kind: kindOf(item.code, message),
    message: withoutLocation(message, location),
    severity: severityOf(item.severity),
  };
}

function kindOf(code: unknown, message: string): string {
  if (code === 401 || code === '401') return 'security';
  if (code === 415 || code === '415' || /media type/i.test(message)) return 'media-type';
  if (typeof code === 'string' && code !== '') return code;
  if (/route not found/i.test(message)) return 'route';
  return 'other';
}

function severityOf(value: unknown): Violation['severity'] {
  const severity = String(value).toLowerCase();
  return severity === 'warning' || severity === 'information' || severity === 'hint' ? severity : 'error';
}

/**
 * Drops the prose location Prism puts before the validator's message (`Response body property
 * version_number must be integer` → `must be integer`), rebuilt the way Prism builds it
 * (`convertAjvErrors`); a message of another form is kept whole.
 */
function withoutLocation(message: string, location: string[]): string {
  const [side, prefix, ...path] = location;
  if (side === undefined || prefix === undefined) return message;
  const what = path.length > 0 ? (prefix === 'body' ? 'property ' : 'parameter ') : '';
  const lead = `${side[0]!.toUpperCase()}${side.slice(1)} ${prefix} ${what}${path.join('.')}${path.length > 0 ? ' ' : ''}`;
  return message.startsWith(lead) && message.length > lead.length ? message.slice(lead.length) : message;
}

/**
 * An undocumented status: the operation's `responses` has neither it, its range (`5XX`), nor
 * `default`. `redirect` is where a redirect pointed (verify does not follow it).
 */
export function statusViolation(
  status: number,
  documented: string[],
  redirect?: string,
): Violation | undefined {
  if (isDocumentedStatus(status, documented)) return undefined;
  const where = redirect === undefined ? '' : `; it redirects to ${redirect}, which verify does not follow`;
  return {
    side: 'response',
    location: 'status',
    kind: 'status',
    message: `${status} is not a documented status (documented: ${documented.join(', ') || 'none'})${where}`,
    severity: 'error',
  };
}

/** `response body.version_number: must be integer (type)` */
export function formatViolation(violation: Violation): string {
  const where = violation.location ? `${violation.side} ${violation.location}` : violation.side;
  const severity = violation.severity === 'error' ? '' : ` [${violation.severity}]`;
  return `${where}: ${violation.message} (${violation.kind})${severity}`;
}
