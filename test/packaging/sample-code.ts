/**
 * The TypeScript a consumer writes against a generated package, made from a `SamplePlan` so all
 * packages get the same code: `sample.ts`, which runs against a mock and prints one JSON line per
 * check, and the `wrong-*.ts` files, each with one deliberate type error that must not compile.
 */
import type { SamplePlan } from './sample-plan.js';

/** One line the sample prints. */
export type Observation = { check: string } & Record<string, unknown>;

/** A consumer file that must fail to compile, with the error tsc must report and where. */
export interface TypeErrorCase {
  name: string;
  /** The file's name in the consumer project: `wrong-body-field-type.ts`. */
  file: string;
  source: string;
  /** 1-based line of the deliberate error. */
  line: number;
  /** The TSxxxx code: 2322 "not assignable", 2345 "argument not assignable", ... */
  code: number;
}

/** The class a consumer catches per status (the runtime's `STATUS_ERRORS`, as its README documents). */
export function errorClassOf(status: number): string {
  const named: Record<number, string> = {
    400: 'BadRequestError',
    401: 'AuthenticationError',
    403: 'PermissionDeniedError',
    404: 'NotFoundError',
    409: 'ConflictError',
    422: 'BadRequestError',
    429: 'RateLimitError',
  };
  return named[status] ?? (status >= 500 && status <= 599 ? 'ServerError' : 'ApiStatusError');
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** The factory's options: every credential, the first one replaced by `first` when given. */
function credentialsLiteral(plan: SamplePlan, first?: string): string {
  const entries = Object.entries(plan.credentials).map(
    ([name, value], index) =>
      `${JSON.stringify(name)}: ${JSON.stringify(index === 0 && first !== undefined ? first : value)}`,
  );
  return entries.join(', ');
}

/** Imports and the request's path and body, typed with the package's named types. */
function preamble(plan: SamplePlan, imports: string[], importSpec = false): string {
  const { packageName, factory, types } = plan;
  const names = [...new Set([...imports, factory])].sort();
  const specImport = `import spec from '${packageName}/openapi.json' with { type: 'json' };\n`;
  return `// Written by test/packaging/sample-code.ts: what a consumer of ${packageName} writes.
${importSpec ? specImport : ''}import {
${[...names, `type ${types.body}`, `type ${types.pathParams}`, `type ${types.response}`].map((name) => `  ${name},`).join('\n')}
} from '${packageName}';

const path: ${types.pathParams} = ${json(plan.pathParams)};
const body: ${types.body} = ${json(plan.body)};
`;
}

/** `sample.ts`: exports `main(baseUrl)`, which runs every check against the server at `baseUrl`. */
export function sampleSource(plan: SamplePlan): string {
  const { factory, operation, types } = plan;
  const { operationId } = operation;
  const method = operation.method.toUpperCase();
  const statusChecks = operation.errorStatuses.map((status) => {
    const call = `() => client.${operationId}({ path, body }, { headers: { Prefer: 'code=${status}' } })`;
    return `  report('Prefer: code=${status}', await rejection(${call}, ${errorClassOf(status)}));`;
  });
  const credentialCheck = Object.keys(plan.credentials).length
    ? `  report('empty credential', await rejection(() => ${factory}({ ${credentialsLiteral(plan, '')}, baseUrl }), ConfigurationError));`
    : '';
  const imports = [
    'ApiStatusError',
    'BadRequestError',
    'ConfigurationError',
    'ContractViolationError',
    'VoiceAgentApiError',
    ...operation.errorStatuses.map(errorClassOf),
  ];
  return `${preamble(plan, imports, true)}import * as everything from '${plan.packageName}';

function report(check: string, observed: object): void {
  console.log(JSON.stringify({ check, ...observed }));
}

/** How a call failed, as a consumer's \`catch\` tells it: by class. */
async function rejection(call: () => unknown, expected: new (...args: never[]) => Error): Promise<object> {
  try {
    await call();
  } catch (error) {
    return {
      name: error instanceof Error ? error.name : typeof error,
      instanceOfExpected: error instanceof expected,
      instanceOfApiStatusError: error instanceof ApiStatusError,
      instanceOfVoiceAgentApiError: error instanceof VoiceAgentApiError,
      status: error instanceof ApiStatusError ? error.status : null,
    };
  }
  return { resolved: true };
}

export async function main(baseUrl: string): Promise<void> {
  // No retries: a documented 5xx would be asked for again, and each check is one request.
  // \`undefined\` is "not given", also under exactOptionalPropertyTypes (\`fetch: process.env.X && …\`).
  const client = ${factory}({ ${credentialsLiteral(plan)}, baseUrl, maxRetries: 0, fetch: undefined });
  const operations = ${json(plan.api.operations.map((o) => o.operationId))}.filter(
    (id) => typeof (client as unknown as Record<string, unknown>)[id] == 'function',
  );
  report('package', { operations, specTitle: spec.info.title, exports: Object.keys(everything).sort() });
  // The package's \`exports\` keep its runtime's modules out of reach.
  const deep = '${plan.packageName}/runtime/client.js';
  report('deep import', await import(deep).then(() => ({ resolved: true }), (error: { code?: string }) => ({ code: error.code })));

  const data: ${types.response} = await client.${operationId}({ path, body }, { signal: undefined });
  report('operation', { data });

  const { data: rawData, error, response } = await client.${method}(${JSON.stringify(operation.path)}, {
    params: { path },
    body,
  });
  report('raw', { status: response.status, data: rawData, error: error ?? null });

  // Deliberately not a body of the type: the server's 4xx must reach the consumer as BadRequestError.
  const notABody = [] as unknown as ${types.body};
  report('invalid body', await rejection(() => client.${operationId}({ path, body: notABody }), BadRequestError));
  // The package's own checks (its checks/ modules, loaded as installed) refuse it before it is sent.
  report('checked body', await rejection(() => client.${operationId}({ path, body: notABody }, { validate: { request: 'throw' } }), ContractViolationError));
${[...statusChecks, credentialCheck].filter(Boolean).join('\n')}
}
`;
}

/** Runs `sample.js`: plain JS, so the sample itself needs no Node types (the consumer installs none). */
export const RUNNER_SOURCE = `import { main } from './sample.js';
await main(process.argv[2]);
`;

/** Each case applies when the package has what it breaks (a credential, a path parameter, ...). */
export function typeErrorCases(plan: SamplePlan): TypeErrorCase[] {
  const { factory, operation, types, wrongField } = plan;
  const { operationId } = operation;
  const method = operation.method.toUpperCase();
  const rows: [name: string, applies: unknown, code: number, statement: string][] = [
    [
      'a body field of the wrong type',
      wrongField,
      2322,
      `const wrong: ${types.body} = { ${JSON.stringify(wrongField?.name)}: ${JSON.stringify(wrongField?.value)} };`,
    ],
    [
      'an undocumented body field',
      plan.closedBody,
      2353,
      `const wrong: ${types.body} = { not_a_documented_field: true };`,
    ],
    [
      'a missing path parameter',
      Object.keys(plan.pathParams).length,
      // tsc words one missing property (2741) and several (2739) differently.
      Object.keys(plan.pathParams).length === 1 ? 2741 : 2739,
      `await client.${operationId}({ path: {}, body });`,
    ],
    [
      'the response read as a number',
      true,
      2322,
      `const wrong: number = await client.${operationId}({ path, body });`,
    ],
    ['a raw call to an undocumented path', true, 2345, `await client.${method}('/not/documented', {});`],
    [
      // `instanceof` types a generic class's parameters as `any`, whatever their default.
      'an error body read without narrowing its type',
      true,
      18046,
      `try { await client.${operationId}({ path, body }); } catch (error) { if (error instanceof ApiStatusError) error.body.detail; }`,
    ],
    [
      // The client resolves a raw call with whatever the server sent as `error`, documented or not.
      "a raw call's undocumented error read without narrowing its type",
      !plan.errorBody,
      18046,
      `const { error } = await client.${method}(${JSON.stringify(operation.path)}, { params: { path }, body }); error.detail;`,
    ],
    ['the factory without credentials', Object.keys(plan.credentials).length, 2345, `${factory}({});`],
    // The runtime's implementation is no part of the package's surface, by name or by path.
    [
      'an implementation detail by name',
      true,
      2305,
      `import { MAX_RETRY_AFTER_MS } from '${plan.packageName}';`,
    ],
    [
      'a deep import of the runtime',
      true,
      2307,
      `import { createApiClient } from '${plan.packageName}/runtime/client.js';`,
    ],
  ];
  const head = `${preamble(plan, ['ApiStatusError'])}const client = ${factory}({ ${credentialsLiteral(plan)} });\n`;
  const line = head.split('\n').length;
  return rows
    .filter(([, applies]) => applies)
    .map(([name, , code, statement]) => ({
      name,
      file: `wrong-${name.replace(/\W+/g, '-')}.ts`,
      source: `${head}${statement}\n`,
      line,
      code,
    }));
}

/**
 * Sends the sample's first request with plain `fetch`, without the package: what the server
 * answers is what the package's calls must resolve with.
 */
export async function servedBody(plan: SamplePlan, baseUrl: string): Promise<unknown> {
  const { operation, pathParams } = plan;
  const url = new URL(
    baseUrl +
      operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name]!)),
  );
  const headers = new Headers({ 'content-type': 'application/json' });
  for (const scheme of Object.values(plan.api.securitySchemes)) {
    const value = plan.credentials[scheme.credential]!;
    if (scheme.type === 'http')
      headers.set(
        'authorization',
        scheme.scheme === 'bearer' ? `Bearer ${value}` : `Basic ${btoa(`${value}:`)}`,
      );
    else if (scheme.in === 'header') headers.set(scheme.name, value);
    else if (scheme.in === 'query') url.searchParams.set(scheme.name, value);
    else headers.append('cookie', `${scheme.name}=${value}`);
  }
  const response = await fetch(url, {
    method: operation.method.toUpperCase(),
    headers,
    body: JSON.stringify(plan.body),
  });
  const text = await response.text();
  if (response.status !== operation.successStatus)
    throw new Error(
      `${operation.method.toUpperCase()} ${url} without the client: ${response.status} ${text}`,
    );
  return JSON.parse(text);
}

/**
 * The package README's TypeScript examples as consumer files, `readme-<n>.ts`, for tsc to check
 * that the documentation still matches the package. The examples read credentials from
 * `process.env`; the consumer has no Node types (see CONSUMER_COMPILER_OPTIONS), so a declaration
 * file gives them that much.
 */
export function readmeExampleFiles(readme: string): Record<string, string> {
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  return {
    'readme-env.d.ts': 'declare var process: { env: Record<string, string | undefined> };\n',
    ...Object.fromEntries(blocks.map((block, index) => [`readme-${index + 1}.ts`, block])),
  };
}

/**
 * `lib-<api>.ts`: a library over the package whose exports are all inferred (`declaration: true`
 * must name each of their types through the package itself). Its middleware is typed with the
 * package's own `Middleware`: openapi-fetch is the package's dependency, not the library's.
 */
export function librarySource(plan: SamplePlan): string {
  const { factory, operation } = plan;
  const method = operation.method.toUpperCase();
  return `${preamble(plan, ['type Middleware'])}
export const logRequests: Middleware = {
  onRequest: ({ request }) => void console.log(request.method, request.url),
};
export const client = ${factory}({ ${credentialsLiteral(plan)}, middleware: [logRequests] });
export const update = () => client.${operation.operationId}({ path, body });
export const updateRaw = () => client.${method}(${JSON.stringify(operation.path)}, { params: { path }, body });
`;
}

/**
 * `require-<api>.ts`: a CommonJS consumer (compiled to `require()`), which reports what it got
 * with a stub `fetch` in place of a server: the package's operations, and an operation's result.
 */
export function commonJsSource(plan: SamplePlan): string {
  const { factory, operation, packageName } = plan;
  return `// Written by test/packaging/sample-code.ts: a CommonJS consumer of ${packageName}.
import { ${factory} } from '${packageName}';

const path = ${json(plan.pathParams)};
const client = ${factory}({
  ${credentialsLiteral(plan)},
  fetch: async () => new Response('{"stub":true}', { headers: { 'content-type': 'application/json' } }),
});
client
  .${operation.operationId}({ path, body: ${json(plan.body)} })
  .then((data) => {
    const operations = ${json(plan.api.operations.map((o) => o.operationId))}.filter(
      (id) => typeof (client as unknown as Record<string, unknown>)[id] == 'function',
    );
    console.log(JSON.stringify({ operations, data }));
  });
`;
}
