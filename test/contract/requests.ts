/** Raw HTTP requests to a mock, built from a spec: the path filled in, the credentials attached. */
import type { OpenApi, Schema } from '../support/spec.js';
import type { RequestInput } from './constraints.js';

export interface SecurityHeader {
  scheme: string;
  header: string;
  value: string;
  /** The same header with a value of the wrong form, where the scheme has a form (Bearer). */
  wrongValue?: string;
}

/** Headers that satisfy the spec's first security requirement, one per scheme. */
export function securityHeaders(doc: OpenApi): SecurityHeader[] {
  const schemes = (doc['components'] as { securitySchemes: Record<string, Schema> }).securitySchemes;
  const requirement = ((doc['security'] ?? []) as Record<string, string[]>[])[0] ?? {};
  return Object.keys(requirement).map((name) => {
    const scheme = schemes[name]!;
    if (scheme['type'] === 'http' && scheme['scheme'] === 'bearer') {
      return {
        scheme: name,
        header: 'authorization',
        value: 'Bearer test-token',
        wrongValue: 'Basic dGVzdDp0ZXN0',
      };
    }
    if (scheme['type'] === 'apiKey' && scheme['in'] === 'header') {
      return { scheme: name, header: String(scheme['name']).toLowerCase(), value: `test-${name}` };
    }
    throw new Error(`no test credential for security scheme ${name}`);
  });
}

export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

export interface RawResponse {
  status: number;
  body: unknown;
}

export async function send(
  baseUrl: string,
  method: string,
  pathTemplate: string,
  input: RequestInput,
  headers: Record<string, string>,
): Promise<RawResponse> {
  const response = await fetch(baseUrl + fillPath(pathTemplate, input.path), {
    method: method.toUpperCase(),
    headers: { ...headers, ...(input.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: input.body === undefined ? null : JSON.stringify(input.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Keep the text: the assertion message shows what came back.
  }
  return { status: response.status, body };
}
