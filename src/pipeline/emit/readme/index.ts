/**
 * The package README, printed as Markdown from the model: what the package is, how to install it,
 * the usage example (`usage-example.ts` prints its TypeScript), then the credentials, servers,
 * options, operations and the runtime's error classes.
 */
import { describeConditional } from '../../../model/conditionals.js';
import { enumUse } from '../../../model/enums.js';
import type { EnumExport } from '../../../model/export-names.js';
import type { RenameReason } from '../../../model/operation-names.js';
import type { ApiModel, SecuritySchemeInfo } from '../../../model/types.js';
import type { OperationTypeNames } from '../../postprocess/named-exports.js';
import type { RuntimeExport, RuntimeMember } from '../../runtime/index.js';
import { clientNames } from '../client.js';
import { COPYRIGHT_HOLDER, LICENSE_ID } from '../license.js';
import { bodiesSection } from './bodies.js';
import { hasDefaultServer, usageExample, type UsageInput } from './usage-example.js';

export interface ReadmeInput extends UsageInput {
  /** `specs/diga.yaml` */
  specPath: string;
  banner: string;
  /** The enums `types.d.ts` exports by name. */
  enums: EnumExport[];
}

/**
 * What a consumer needs. Node 20.19 is where \`require()\` of ES modules is unflagged, and
 * TypeScript 5.8 where \`nodenext\` compiles one (\`node16\` never does: TS1479, "cannot be imported
 * with 'require'"); TypeScript before 5.4 rejects openapi-fetch's own declarations unless
 * \`skipLibCheck\` is on. test/packaging/commonjs.test.ts holds the README to the CommonJS part.
 */
const REQUIREMENTS =
  'An ES module with its types. It runs wherever `fetch` does: Node.js 20 or later (`require()` from ' +
  'CommonJS needs 20.19), browsers and edge runtimes. The types need TypeScript 5.4 or later; a ' +
  'CommonJS project compiles its `require()` under `"module": "nodenext"` from TypeScript 5.8 on, or ' +
  'under `"commonjs"`, while `"node16"` rejects it (TS1479): use a dynamic `import()` there.';

export function emitReadme(input: ReadmeInput): string {
  const { model, packageName } = input;
  const names = clientNames(model.name);
  const first = model.operations[0];
  const sections = [
    `# ${packageName}`,
    `A typed TypeScript client for the **${model.title}** (spec version ${model.version}), generated from ` +
      `\`${input.specPath}\`. Requests and responses are typed from the spec; the client is ` +
      `[openapi-fetch](https://openapi-ts.dev/openapi-fetch/) with the credentials, servers and error handling ` +
      `of this API built in.` +
      (model.description === undefined ? '' : `\n\n${firstParagraph(model.description)}`),
    `## Install\n\n\`\`\`sh\nnpm install ${packageName}\n\`\`\`\n\n${REQUIREMENTS}`,
    `## Usage\n\n\`\`\`ts\n${usageExample(input, names.factory, first)}\`\`\``,
    credentialsSection(model),
    serversSection(model),
    optionsSection(input.runtimeExports),
    operationsSection(model, input.typeNames),
    methodNamesSection(model),
    bodiesSection(model),
    typesSection(model, input.enums),
    errorsSection(input.runtimeExports, model, input.typeNames),
    `## The spec\n\nThe bundled OpenAPI document ships with the package (TypeScript types it from its ` +
      `content with \`resolveJsonModule\`):\n\n` +
      `\`\`\`ts\nimport spec from '${packageName}/openapi.json' with { type: 'json' };\n\`\`\``,
    `## Versions\n\nVersions follow [semver](https://semver.org/) for the package's public types: a breaking ` +
      `change is a major version, an addition a minor one, anything else that changes a file of the package a ` +
      `patch. \`CHANGELOG.md\` says what changed in each.`,
    `## License\n\n${LICENSE_ID} © ${COPYRIGHT_HOLDER}: see \`LICENSE\`. It covers this package's code; the ` +
      `${model.title} itself, its documentation and its terms of use are its vendor's.`,
  ];
  return `${input.banner}\n${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function firstParagraph(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)[0]!
    .trim();
}

function credentialsSection(model: ApiModel): string {
  if (model.credentials.length === 0) return '';
  const rows = model.credentials.map((credential) => {
    const scheme = model.securitySchemes[credential.scheme];
    return `| \`${credential.name}\` | ${scheme === undefined ? '' : sentAs(scheme)} | ${credential.required ? 'yes' : 'no'} |`;
  });
  // Operations that take one of several credentials (or sets of them), or none at all.
  const alternatives = model.operations.some((operation) => operation.security.length > 1);
  // A credential the factory may go without: some operation needs it, or is called without it.
  const optional = model.credentials.some((credential) => !credential.required);
  return (
    `## Credentials\n\nPassed once to the factory; the client attaches them to every request that needs them.\n\n` +
    `| option | sent as | required |\n| --- | --- | --- |\n${rows.join('\n')}` +
    (alternatives
      ? '\n\nAn operation that accepts several credentials (or none) gets the first of its alternatives, in the ' +
        "spec's order, whose credentials the factory was given."
      : '') +
    (optional
      ? '\n\nA client may hold only the credentials of the operations it calls: calling an operation whose ' +
        'credentials it was not given rejects with a `ConfigurationError` naming them, before anything is sent. ' +
        'The factory throws one when no operation that needs credentials could be called with those it was given.'
      : '') +
    (Object.values(model.securitySchemes).some(
      (scheme) => scheme.type === 'http' && scheme.origin !== undefined,
    )
      ? '\n\nAn OAuth 2 or OpenID Connect option takes an access token, which the client sends as it is: getting ' +
        "one, with the scopes the spec lists, is the provider's flow, outside this package."
      : '')
  );
}

/** The README's "sent as" cell of a credential. */
function sentAs(scheme: SecuritySchemeInfo): string {
  if (scheme.type === 'http') {
    if (scheme.scheme === 'basic') return '`Authorization: Basic …` header, from `{ username, password }`';
    const origin = {
      oauth2: ' (an OAuth 2 access token)',
      openIdConnect: ' (an OpenID Connect access token)',
    };
    return `\`Authorization: Bearer …\` header${scheme.origin === undefined ? '' : origin[scheme.origin]}`;
  }
  if (scheme.parameter)
    return `\`${scheme.name}\` header (a header parameter of the operations: a call's own value wins)`;
  return `\`${scheme.name}\` ${scheme.in === 'query' ? 'query parameter' : scheme.in}`;
}

/** Where requests go: the spec's servers, the first the default, and operations with servers of their own. */
function serversSection(model: ApiModel): string {
  const { servers } = model;
  const urls = (list: { url: string }[]): string => list.map((server) => server.url).join(' ');
  const hasDefault = hasDefaultServer(model);
  const rows = servers.map(
    (server, index) =>
      `| \`${server.url}\`${index === 0 && hasDefault ? ' (default)' : ''} | ${tableCell(server.description)} |`,
  );
  const lead = hasDefault
    ? 'Requests go to the first server unless the factory is given a `baseUrl`:'
    : 'The spec names no absolute server first, so the factory needs a `baseUrl`. Its servers:';
  const own = model.operations
    .filter((operation) => urls(operation.servers) !== urls(servers))
    .map(
      (operation) =>
        `- \`${operation.operationId}\` goes to \`${operation.servers[0]?.url}\` (its own server).`,
    );
  return (
    `## Servers\n\n${lead}\n\n| server | description |\n| --- | --- |\n${rows.join('\n')}` +
    (own.length === 0 ? '' : `\n\nUnless \`baseUrl\` is given:\n\n${own.join('\n')}`)
  );
}

/**
 * The factory's other options and the per-call ones, as the runtime documents them in
 * `ClientOptions` and `CallOptions` (with what those extend); nothing when it exports neither.
 */
function optionsSection(runtimeExports: RuntimeExport[]): string {
  const options = interfaceMembers(runtimeExports, 'ClientOptions');
  if (options.length === 0) return '';
  // A one-word default (`60000`, `globalThis.fetch`) is code; a sentence is not.
  const defaultCell = (text: string | undefined): string =>
    text !== undefined && !/\s/.test(text) ? `\`${text}\`` : tableCell(text);
  const rows = options.map(
    (option) => `| \`${option.name}\` | ${defaultCell(option.default)} | ${tableCell(option.summary)} |`,
  );
  const perCall = interfaceMembers(runtimeExports, 'CallOptions').map((option) => `\`${option.name}\``);
  return (
    `## Options\n\nBesides the credentials, the factory takes these, all optional:\n\n` +
    `| option | default | meaning |\n| --- | --- | --- |\n${rows.join('\n')}` +
    (perCall.length === 0
      ? ''
      : `\n\nEach operation function takes options for that call as its second argument: ${perCall.join(', ')}.`)
  );
}

/** An exported interface's properties, its own first, then those of what it extends (less any `Omit`ted). */
function interfaceMembers(
  runtimeExports: RuntimeExport[],
  name: string,
  omit: string[] = [],
): RuntimeMember[] {
  const entry = runtimeExports.find((candidate) => candidate.name === name);
  const inherited = (entry?.extends ?? []).flatMap((base) =>
    interfaceMembers(runtimeExports, base.name, base.omit),
  );
  return [...(entry?.members ?? []), ...inherited].filter((member) => !omit.includes(member.name));
}

/** Text for one cell of a Markdown table: on one line, its pipes escaped. */
function tableCell(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

function operationsSection(model: ApiModel, typeNames: Map<string, OperationTypeNames>): string {
  const rows = model.operations.map((operation) => {
    const types = typeNames.get(operation.operationId);
    return `| \`${operation.operationId}\` | \`${operation.method.toUpperCase()} ${operation.path}\` | ${tableCell(operation.summary)} | \`${types?.response ?? ''}\` |`;
  });
  return (
    `## Operations\n\nEach is a method of the client; openapi-fetch's \`GET\`, \`PATCH\`, … remain available too. ` +
    `Every component schema and each operation's parameters, body, response and error bodies are exported as ` +
    `types from the package.\n\n` +
    `| method | request | summary | resolves with |\n| --- | --- | --- | --- |\n${rows.join('\n')}`
  );
}

/** Why a renamed operation's method is not its operationId, for the README. */
function renameReasonText(reason: RenameReason): string {
  switch (reason.kind) {
    case 'camelCased':
      return 'not a camelCase identifier: camelCased';
    case 'missing':
      return 'no operationId: named from the method and path';
    case 'reserved':
      return `${reason.why}: \`Operation\` appended`;
    case 'collision':
      return `\`${reason.wanted}\` is taken by ${reason.takenBy}: numbered`;
  }
}

/**
 * The operations whose method is not named by their operationId as the spec writes it, and why:
 * a method must be an identifier, be unique, and leave the client's own members alone. Generate
 * reports the same (see `namingWarnings`); nothing when every operationId names its method.
 */
function methodNamesSection(model: ApiModel): string {
  const rows = model.operations
    .filter((operation) => operation.renamed !== undefined)
    .map(
      (operation) =>
        `| \`${operation.operationId}\` | \`${operation.method.toUpperCase()} ${operation.path}\` | ` +
        `${operation.specOperationId === undefined ? '' : `\`${tableCell(operation.specOperationId)}\``} | ` +
        `${tableCell(renameReasonText(operation.renamed!))} |`,
    );
  if (rows.length === 0) return '';
  return (
    `## Method names\n\nA method is named by its operation's operationId when that is a camelCase identifier. ` +
    `These operations' operationIds are not (or they have none), so their methods are named as follows (the same document always gives the same ` +
    `names; an overlay that sets an operationId renames one):\n\n` +
    `| method | request | operationId | why |\n| --- | --- | --- | --- |\n${rows.join('\n')}`
  );
}

/**
 * What the types promise, and what they do not: which fields are present, how requests are
 * checked, the raw style's `error`, the enums by name, and which conditional requirements compile.
 */
function typesSection(model: ApiModel, enums: EnumExport[]): string {
  const rules = [
    'A response field is typed as present only where the spec lists it as `required`. A `default` is what ' +
      'the server assumes for a field a request leaves out, not a promise that a response carries it; it is ' +
      "in the field's doc comment (`@default`), beside its format and constraints (`@format`, `@minimum`, " +
      '`@pattern`, …).',
    'Both call styles check a request as written: a field the spec does not have, at any depth, does not ' +
      'compile, in `client.PATCH(…)` as in the operation functions.',
    "In openapi-fetch's style, `error` is never empty: after `if (error) throw error`, `data` is the " +
      'success type. A status the spec gives a body resolves `error` with that body (when the server sends ' +
      'one); any other with the `ApiStatusError` the operation function would throw.',
  ];
  const named =
    enums.length === 0
      ? 'The spec has no enum of its own beside its named schemas.'
      : `Each enum is a type of its own, usable wherever its fields want one:\n\n${enums
          .map(({ name, uses }) => `- \`${name}\`: ${uses.map(enumUse).join('; ')}`)
          .join('\n')}`;
  const typed = model.conditionals.filter((conditional) => conditional.shape !== undefined);
  const untyped = model.conditionals.filter((conditional) => conditional.shape === undefined);
  const conditionals =
    model.conditionals.length === 0
      ? 'The spec states no conditional requirement (`if`/`then`).'
      : [
          ...(typed.length === 0
            ? []
            : [
                `Conditional requirements the types express (a request that breaks one does not compile):\n\n${typed
                  .map((conditional) => `- ${conditional.place}: ${describeConditional(conditional.shape!)}`)
                  .join('\n')}`,
              ]),
          ...(untyped.length === 0
            ? []
            : [
                `Conditional requirements the types do not express (the server checks them; only an \`if\` on one ` +
                  `field's \`const\` or \`enum\` whose \`then\`/\`else\` require fields is typed):\n\n${untyped
                    .map((conditional) => `- ${conditional.place}: the \`if\` at \`${conditional.pointer}\``)
                    .join('\n')}`,
              ]),
        ].join('\n\n');
  return `## Types\n\n${rules.map((rule) => `- ${rule}`).join('\n')}\n\n${named}\n\n${conditionals}`;
}

function errorsSection(
  runtimeExports: RuntimeExport[],
  model: ApiModel,
  typeNames: Map<string, OperationTypeNames>,
): string {
  const classes = runtimeExports.filter((entry) => entry.kind === 'class' && /Error$/.test(entry.name));
  const lines = classes.map(
    (entry) => `- \`${entry.name}\`${entry.summary === undefined ? '' : `: ${entry.summary}`}`,
  );
  const documented = model.operations.flatMap((operation) =>
    operation.errors.map(
      (error) =>
        `- \`${operation.operationId}\` ${error.status}: body \`${typeNames.get(operation.operationId)?.errors.get(error.status) ?? 'unknown'}\`` +
        (error.description === undefined ? '' : ` (${error.description.replace(/\s+/g, ' ')})`),
    ),
  );
  return (
    `## Errors\n\nA failed call rejects with one of the runtime's error classes, all exported by this package:\n\n` +
    (lines.length > 0 ? lines.join('\n') : '- (the runtime exports no error classes)') +
    (documented.length > 0 ? `\n\nError responses the spec documents:\n\n${documented.join('\n')}` : '')
  );
}
