import { ABSOLUTE_HTTP_URL } from '../runtime/context.js';
import { isObject, optionalString } from '../shared/openapi.js';
import type { Fail, ServerInfo } from './types.js';

/**
 * `servers` with variables replaced by their defaults: the runtime takes a URL, not a template.
 * The document's servers may be relative (the client then needs a `baseUrl`); the first server
 * of a path item or an operation is where the client sends that operation, so it must be absolute.
 * @see https://spec.openapis.org/oas/v3.1.0#server-object
 */
export function readServers(
  value: unknown,
  at: string,
  fail: Fail,
  absolute = false,
): ServerInfo[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    fail(at, '`servers` must be a list');
    return undefined;
  }
  if (value.length === 0) return undefined;
  const servers: ServerInfo[] = [];
  value.forEach((server, index) => {
    if (!isObject(server) || typeof server.url !== 'string') {
      fail(`${at}/${index}`, 'a server needs a `url` string');
      return;
    }
    const variables = isObject(server.variables) ? server.variables : {};
    const url = server.url.replace(/\{([^}]*)\}/g, (whole, variable: string) => {
      const defaultValue = isObject(variables[variable]) ? variables[variable].default : undefined;
      if (typeof defaultValue === 'string') return defaultValue;
      fail(`${at}/${index}/url`, `server variable {${variable}} has no default value`);
      return whole;
    });
    // A URL still holding {braces} has had its missing variable default reported above.
    if (absolute && index === 0 && !url.includes('{') && !ABSOLUTE_HTTP_URL.test(url))
      fail(
        `${at}/${index}/url`,
        `the first server of a path item or an operation must be an absolute http(s) URL, got ${JSON.stringify(url)}: the client sends this operation's requests there`,
      );
    const description = optionalString(server.description);
    servers.push(description === undefined ? { url } : { url, description });
  });
  return servers;
}
