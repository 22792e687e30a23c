/**
 * Compares server lists. Servers are matched by URL, so a changed URL is reported as the old server
 * removed (breaking) and the new one added. Order matters too: the generated client defaults to
 * the first server.
 */
import { report, type DiffContext } from './context.js';
import { compareDocumentation } from './docs-diff.js';
import { code, jsonEqual, type JsonObject } from './json.js';
import { fail, getObjectArray, getString, type Where } from './shape.js';

export function compareServerLists(
  ctx: DiffContext,
  was: JsonObject[],
  is: JsonObject[],
  location: string,
): void {
  const serversWere = byUrl(was, { side: 'before', at: location });
  const serversAre = byUrl(is, { side: 'after', at: location });
  for (const [url, server] of serversWere) {
    const counterpart = serversAre.get(url);
    if (counterpart === undefined) {
      report(ctx, 'serverRemoved', 'input', location, `server ${code(url)} removed`);
      continue;
    }
    compareDocumentation(ctx, server, counterpart, location, { owner: ` of server ${code(url)}` });
    if (!jsonEqual(withoutDescriptions(server.variables), withoutDescriptions(counterpart.variables))) {
      report(ctx, 'serverVariablesChanged', 'input', location, `variables of server ${code(url)} changed`);
    }
  }
  for (const url of serversAre.keys()) {
    if (!serversWere.has(url)) report(ctx, 'serverAdded', 'input', location, `server ${code(url)} added`);
  }
  const [defaultWas] = serversWere.keys();
  const [defaultIs] = serversAre.keys();
  if (
    defaultWas !== undefined &&
    defaultIs !== undefined &&
    defaultWas !== defaultIs &&
    serversAre.has(defaultWas)
  ) {
    report(
      ctx,
      'defaultServerChanged',
      'input',
      location,
      `default (first) server changed from ${code(defaultWas)} to ${code(defaultIs)}`,
    );
  }
}

/** The `servers` of an object (document, path item or operation); undefined when it has none. */
export function serversOf(owner: JsonObject, where: Where): JsonObject[] | undefined {
  return getObjectArray(owner, 'servers', where);
}

function byUrl(servers: JsonObject[], where: Where): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const server of servers) {
    const url = getString(server, 'url', where);
    if (url === undefined) fail(where, 'every server needs a "url"');
    map.set(url, server);
  }
  return map;
}

function withoutDescriptions(variables: unknown): unknown {
  if (variables === null || typeof variables !== 'object') return variables;
  return Object.fromEntries(
    Object.entries(variables).map(([name, variable]) => {
      if (variable === null || typeof variable !== 'object') return [name, variable];
      const { description: _description, ...contract } = variable as JsonObject;
      return [name, contract];
    }),
  );
}
