/**
 * What `npm run verify` sends: for each operation the spec's request examples and its smallest
 * valid request, or the `--requests` file's entries; each with the credentials from the
 * environment and path parameters from `<API>_<PARAM>` where set.
 */
import type { ApiOperation, LoadedApi } from '../mock/api.js';
import { listProblems, UsageError } from '../shared/errors.js';
import {
  credentialAlternatives,
  credentialHeader,
  credentialsFromEnv,
  envVarName,
} from '../mock/credentials.js';
import {
  documentedRequests,
  pathParameterValues,
  pathValueProblem,
  requestTarget,
  type SampleRequest,
} from '../mock/sample-requests.js';
import { bodyProblem, type RequestEntry } from './requests-file.js';

export interface PlannedRequest {
  name: string;
  operationId: string;
  method: string;
  /** Path and query, to append to the proxy's URL. */
  target: string;
  /** The path template, e.g. `/v1/agent/{agent_id}`. */
  pathTemplate: string;
  /** What `target` is made of, as text: the path parameters, and the query (credentials included). */
  params: { path: Record<string, string>; query: Record<string, string | string[]> };
  /** Names lower-cased. */
  headers: Record<string, string>;
  /** The serialized JSON body, absent when none is sent. */
  body?: string;
  /** The body as a value, for the request checks; absent when none is sent. */
  bodyValue?: unknown;
  /** The operation's `responses` keys, for the status check. */
  documentedStatuses: string[];
}

export interface Plan {
  requests: PlannedRequest[];
  /** Where the inputs came from, for the report: `credentials from DIGA_TOKEN`. */
  notes: string[];
  /** The credential values the requests carry, for the output's redactor. */
  secrets: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/**
 * @param file how errors name the `--requests` file (`/path/requests.json[0].body`), as the file's
 * own errors do.
 */
export function planRequests(api: LoadedApi, env: Env, entries?: RequestEntry[], file = 'requests'): Plan {
  const notes = new Set<string>();
  const secrets = new Set<string>();
  const problems: string[] = [];
  const requests: PlannedRequest[] = [];
  const attempt = (build: () => void) => {
    try {
      build();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(error.message);
    }
  };
  if (entries === undefined) {
    for (const operation of api.operations) {
      attempt(() => {
        const path = pathParameterValues(api, operation, env);
        notePathSources(api, path.fromEnv, path.values, notes);
        for (const sample of documentedRequests(api, operation, path.values)) {
          requests.push(finish(api, operation, sample, {}, env, { notes, secrets }));
        }
      });
    }
  } else {
    entries.forEach((entry, index) =>
      attempt(() => {
        const name = entry.name ?? `request ${index}`;
        const at = `${file}[${index}]`;
        const operation = operationFor(api, entry.operation, at);
        const path = pathParameterValues(api, operation, env);
        const given = entry.params?.path ?? {};
        const unknown = Object.keys(given).filter((param) => !Object.hasOwn(path.values, param));
        if (unknown.length > 0) {
          throw new UsageError(
            `${at}.params.path`,
            `${operation.model.path} has no parameter ${unknown.join(', ')}` +
              ` (it has ${Object.keys(path.values).join(', ') || 'none'})`,
          );
        }
        for (const [param, value] of Object.entries(given)) {
          const problem = pathValueProblem(value);
          if (problem !== undefined) throw new UsageError(`${at}.params.path.${param}`, problem);
        }
        const defaults = Object.fromEntries(
          Object.entries(path.values).filter(([param]) => !Object.hasOwn(given, param)),
        );
        notePathSources(api, path.fromEnv, defaults, notes);
        const sample: SampleRequest = {
          name,
          operationId: operation.model.operationId,
          method: operation.model.method.toUpperCase(),
          pathTemplate: operation.model.path,
          params: { path: { ...path.values, ...given }, query: entry.params?.query ?? {}, header: {} },
          body: entry.body,
        };
        if ((sample.method === 'GET' || sample.method === 'HEAD') && entry.body !== undefined) {
          throw new UsageError(`${at}.body`, `a ${sample.method} request carries no body`);
        }
        requests.push(finish(api, operation, sample, entry.headers ?? {}, env, { notes, secrets }));
      }),
    );
  }
  if (problems.length > 0) throw new UsageError(undefined, listProblems([...new Set(problems)]));
  const writes = [...new Set(requests.map((r) => r.method).filter((method) => !SAFE_METHODS.has(method)))];
  // The default requests are the spec's examples: sent to a real account they overwrite what they name.
  const warning =
    writes.length > 0
      ? [`these requests change data upstream (${writes.join(', ')}): use a test resource`]
      : [];
  return { requests, notes: [...warning, ...notes], secrets: [...secrets] };
}

function operationFor(api: LoadedApi, operationId: string | undefined, at: string): ApiOperation {
  const ids = api.operations.map((operation) => operation.model.operationId);
  if (operationId === undefined) {
    if (api.operations.length === 1) return api.operations[0]!;
    throw new UsageError(at, `name the "operation", one of ${ids.join(', ')}`);
  }
  const found = api.operations.find((operation) => operation.model.operationId === operationId);
  if (!found)
    throw new UsageError(
      `${at}.operation`,
      `${api.source.api} has no operation ${operationId} (it has ${ids.join(', ')})`,
    );
  return found;
}

function notePathSources(
  api: LoadedApi,
  fromEnv: Record<string, string>,
  used: Record<string, string>,
  notes: Set<string>,
): void {
  for (const [param, value] of Object.entries(used)) {
    const variable = fromEnv[param];
    notes.add(
      variable
        ? `path parameter ${param} from ${variable}`
        : `path parameter ${param} = ${value} from the spec (set ${envVarName(api.source.api, param)} to use one of yours)`,
    );
  }
}

function finish(
  api: LoadedApi,
  operation: ApiOperation,
  sample: SampleRequest,
  extraHeaders: Record<string, string>,
  env: Env,
  { notes, secrets }: { notes: Set<string>; secrets: Set<string> },
): PlannedRequest {
  // A --requests body was checked when the file was read; this catches the spec's examples.
  const problem = sample.body === undefined ? undefined : bodyProblem(sample.body);
  if (problem !== undefined)
    throw new UsageError(undefined, `${sample.operationId} ${sample.name}: body: ${problem}`);
  const credentials = credentialsFromEnv(api, operation, env, new Set(Object.keys(extraHeaders)));
  for (const use of credentials.uses) {
    notes.add(`${use.scheme} credential from ${use.envVar}`);
    secrets.add(env[use.envVar]!);
  }
  // A --requests entry may carry credentials in its own headers: `Bearer <token>`, an API key.
  const credentialHeaders = new Set([
    'authorization',
    'cookie',
    ...credentialAlternatives(api, operation).flatMap((alternative) =>
      alternative.map((use) => credentialHeader(use.info) ?? ''),
    ),
  ]);
  for (const [name, value] of Object.entries(extraHeaders)) {
    if (!credentialHeaders.has(name) || value === '') continue;
    secrets.add(value);
    // An upstream may echo a part alone: the token after `Bearer`, or a cookie's value.
    const parts =
      name === 'cookie'
        ? value.split(';').map((pair) => pair.slice(pair.indexOf('=') + 1).trim())
        : [/^\S+\s+(.+)$/.exec(value)?.[1]];
    for (const part of parts) if (part) secrets.add(part);
  }
  const headers: Record<string, string> = {
    ...sample.params.header,
    ...credentials.placement.headers,
    ...(sample.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...extraHeaders,
  };
  const params = {
    path: sample.params.path,
    query: { ...sample.params.query, ...credentials.placement.query },
  };
  return {
    name: sample.name,
    operationId: sample.operationId,
    method: sample.method,
    target: requestTarget(sample.pathTemplate, params.path, params.query),
    pathTemplate: sample.pathTemplate,
    params,
    headers,
    ...(sample.body === undefined ? {} : { body: JSON.stringify(sample.body), bodyValue: sample.body }),
    documentedStatuses: operation.documentedStatuses,
  };
}

/**
 * The request's target as printed: a parameter in `hidden` (`path agent_id`, `query limit`) shows
 * as `{agent_id}`, not its value: it breaks the spec, and a value that does may be anything, a
 * person's data or a secret pasted in the wrong place.
 */
export function shownTarget(request: PlannedRequest, hidden: Set<string>): string {
  if (hidden.size === 0) return request.target;
  const path = request.pathTemplate.replace(/\{([^}]+)\}/g, (whole, name: string) =>
    hidden.has(`path ${name}`) ? whole : encodeURIComponent(request.params.path[name] ?? ''),
  );
  const query = Object.entries(request.params.query).flatMap(([name, value]) =>
    hidden.has(`query ${name}`)
      ? [`${new URLSearchParams({ [name]: '' }).toString()}{${name}}`]
      : (typeof value === 'string' ? [value] : value).map((item) =>
          new URLSearchParams({ [name]: item }).toString(),
        ),
  );
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}
