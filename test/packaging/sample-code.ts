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
      // A raw call resolves with `data` or `error`: neither can be used before checking which.
      "a raw call's error read before checking it",
      true,
      18048,
      `const { error } = await client.${method}(${JSON.stringify(operation.path)}, { params: { path }, body }); error.status;`,
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

/** One row of `expectations.ts`: a statement on one line, and whether it must fail to compile. */
export interface Expectation {
  name: string;
  statement: string;
  compiles: boolean;
}

/**
 * What the package's types promise, as a consumer meets it, in both call styles: each mistake the
 * spec makes possible (an unknown field at the top and one level down, a value outside an enum, a
 * broken conditional requirement, a defaulted response field read as always present, `data` read
 * before `error`) must not compile, and each correct use beside it must. Derived from the spec, so
 * a new API gets the rows its spec calls for.
 */
export function expectations(plan: SamplePlan): Expectation[] {
  const { operation, types } = plan;
  const method = operation.method.toUpperCase();
  const styles = (name: string, body: string, compiles: boolean): Expectation[] => [
    {
      name: `${name} (operation function)`,
      statement: `await client.${operation.operationId}({ path, body: ${body} });`,
      compiles,
    },
    {
      name: `${name} (raw ${method})`,
      statement: `await client.${method}(${JSON.stringify(operation.path)}, { params: { path }, body: ${body} });`,
      compiles,
    },
  ];
  const valid = JSON.stringify(plan.body);
  const spread = (fields: string) => `{ ...${valid}, ${fields} }`;
  const rows: Expectation[] = [
    ...styles('the documented body', valid, true),
    ...(plan.closedBody
      ? styles('an unknown body field', spread('not_a_documented_field: true'), false)
      : []),
  ];
  if (plan.nestedClosed) {
    const { name, list, valid: nested } = plan.nestedClosed;
    const wrap = (object: string) => `${JSON.stringify(name)}: ${list ? `[${object}]` : object}`;
    rows.push(
      ...styles(`a valid \`${name}\``, spread(wrap(JSON.stringify(nested))), true),
      ...styles(
        `an unknown field in \`${name}\``,
        spread(wrap(`{ ...${JSON.stringify(nested)}, not_a_documented_field: true }`)),
        false,
      ),
    );
  }
  if (plan.bodyEnum) {
    const { name, value } = plan.bodyEnum;
    rows.push(
      ...styles(
        `\`${name}\` with one of its values`,
        spread(`${JSON.stringify(name)}: ${JSON.stringify(value)}`),
        true,
      ),
      ...styles(
        `\`${name}\` with a value outside its enum`,
        spread(`${JSON.stringify(name)}: "not-a-documented-value"`),
        false,
      ),
    );
  }
  if (plan.enumExport) {
    const { name, value } = plan.enumExport;
    rows.push(
      {
        name: `${name} holds its values`,
        statement: `const named: ${name} = ${JSON.stringify(value)};`,
        compiles: true,
      },
      {
        name: `${name} refuses others`,
        statement: `const notNamed: ${name} = "not-a-documented-value";`,
        compiles: false,
      },
    );
    if (plan.bodyEnum)
      rows.push({
        name: `${name} fits the body field that wants it (exactOptionalPropertyTypes)`,
        statement: `const withNamed: ${types.body} = ${spread(`${JSON.stringify(plan.bodyEnum.name)}: named`)};`,
        compiles: true,
      });
  }
  if (plan.conditional) {
    const { property, value, required } = plan.conditional;
    const without = Object.fromEntries(
      Object.entries(plan.body as Record<string, unknown>).filter(([key]) => !required.includes(key)),
    );
    const holds = { ...without, [property]: value };
    rows.push(
      ...styles(
        `\`${property}: ${String(value)}\` without ${required.join(', ')}`,
        JSON.stringify(holds),
        false,
      ),
      ...styles(
        `\`${property}: ${String(value)}\` with ${required.join(', ')}`,
        JSON.stringify({
          ...holds,
          ...Object.fromEntries(required.map((key) => [key, 'https://hooks.example.com/x'])),
        }),
        true,
      ),
    );
  }
  plan.defaultedResponseFields.forEach((field, index) => {
    // Present (it may be null where the spec allows): the field without `undefined`.
    const type = `Exclude<${types.response}[${JSON.stringify(field)}], undefined>`;
    rows.push(
      {
        name: `the defaulted response field \`${field}\` read as always present (operation function)`,
        statement: `const present${index}: ${type} = data.${field};`,
        compiles: false,
      },
      {
        name: `the defaulted response field \`${field}\` read as always present (raw ${method})`,
        statement: `const rawPresent${index}: ${type} = raw.data.${field};`,
        compiles: false,
      },
      {
        name: `the defaulted response field \`${field}\` read as possibly absent`,
        statement: `const maybe${index}: ${type} | undefined = data.${field};`,
        compiles: true,
      },
    );
  });
  rows.push(
    {
      name: `raw ${method}: data read before error`,
      statement: `const early: ${types.response} = unchecked.data;`,
      compiles: false,
    },
    {
      name: `raw ${method}: data is the success type once error is thrown`,
      statement: `const checked: ${types.response} = raw.data;`,
      compiles: true,
    },
    {
      name: `raw ${method}: error holds a status when the spec gives the error no body`,
      statement: `if (unchecked.error) { const status: number | undefined = 'status' in unchecked.error ? unchecked.error.status : undefined; }`,
      compiles: true,
    },
    ...plan.servers.map((url, index) => ({
      name: `baseUrl: the spec's server ${url}`,
      statement: `const server${index} = ${plan.factory}({ ${credentialsLiteral(plan)}, baseUrl: ${JSON.stringify(url)} });`,
      compiles: true,
    })),
    {
      name: 'baseUrl: any other URL',
      statement: `const proxied = ${plan.factory}({ ${credentialsLiteral(plan)}, baseUrl: "https://proxy.example.com" });`,
      compiles: true,
    },
  );
  return rows;
}

/** `expectations.ts`: the rows, each mistake under `// @ts-expect-error`; the line of each row's statement. */
export function expectationsSource(plan: SamplePlan): { source: string; lines: Map<string, number> } {
  const { operation, types } = plan;
  const method = operation.method.toUpperCase();
  const enumImport = plan.enumExport ? [`type ${plan.enumExport.name}`] : [];
  const head = `${preamble(plan, enumImport)}const client = ${plan.factory}({ ${credentialsLiteral(plan)} });
const data = await client.${operation.operationId}({ path, body });
const unchecked = await client.${method}(${JSON.stringify(operation.path)}, { params: { path }, body });
const raw = await client.${method}(${JSON.stringify(operation.path)}, { params: { path }, body });
if (raw.error) throw raw.error;
`;
  const out = head.split('\n').slice(0, -1);
  const lines = new Map<string, number>();
  for (const row of expectations(plan)) {
    if (!row.compiles) out.push(`// @ts-expect-error ${row.name}`);
    out.push(row.statement);
    lines.set(row.name, out.length);
  }
  return { source: `${out.join('\n')}\nexport {};\n`, lines };
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
