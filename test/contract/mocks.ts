/** Where the contract tests find each API's mock and the spec it serves. */

export const mockUrlVariable = (api: string): string => `MOCK_URL_${api.toUpperCase()}`;

export function mockSpecPath(api: string): string {
  return new URL(`../../generated/${api}/openapi.json`, import.meta.url).pathname;
}

/** The server the contract tests call: MOCK_URL_<API>, which the global setup sets for its mocks. */
export function mockUrl(api: string): string {
  const url = process.env[mockUrlVariable(api)];
  if (!url) throw new Error(`no mock for ${api}: the global setup did not start one`);
  return url;
}
