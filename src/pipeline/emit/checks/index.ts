/**
 * The contract checks of a package: per operation, `checks/<operationId>.js`, which the client
 * loads by dynamic import on the first call that validates (`runtime/validation.js`). Each holds
 * the checks of its request (parameters, body) and of every documented response (status, media
 * type, body), compiled from the spec by `schema-compiler.ts`. A violation names where its rule is
 * written as a pointer into the package's `openapi.json` (`npm run verify` turns it into the
 * spec's line and column): positions would cost the checks a third of their size.
 *
 * A schema checked by one operation alone is compiled into that operation's module. Schemas
 * that several operations share go into `checks/shared/<n>.js`, one module per set of operations
 * that use them (as a bundler makes chunks), so that loading one operation's checks loads what it
 * uses and nothing of the others': GitHub's 1,223 operations share hundreds of schemas.
 */
import type { ApiModel, OperationModel } from '../../../model/types.js';
import { JSON_MEDIA_TYPE } from '../../../model/media-type-object.js';
import { JS_PRAGMA } from '../../../shared/banner.js';
import { GenerateError, GenerateErrors, type SourcePosition } from '../../../shared/errors.js';
import { deref, getAtPointer, isObject, pointerSegment, type JsonObject } from '../../../shared/openapi.js';
import { REFERENCE, SchemaCompiler } from './schema-compiler.js';

export interface ChecksInput {
  model: ApiModel;
  /** The bundled spec. */
  document: JsonObject;
  /** The spec file, for errors: `specs/diga.yaml`. */
  file: string;
  /** Where a node of the bundled spec is in `file`, for errors. */
  position?: (pointer: string) => SourcePosition | undefined;
}

/**
 * One operation's checks as code: the tables `runtime/contract.ts` reads (its responses', and its
 * request's, a module of its own), and the checks each uses.
 */
export interface OperationChecksCode {
  operationId: string;
  responses: { table: string; roots: Set<string>; checks: Set<string> };
  /** Absent when the operation takes neither parameters nor a body. */
  request?: { table: string; roots: Set<string>; checks: Set<string> };
}

export interface CompiledChecks {
  compiler: SchemaCompiler;
  operations: OperationChecksCode[];
}

/** A pointer as violations show it: `#/paths/~1v1~1agent~1{agent_id}/patch` (not URI-encoded). */
const shown = (pointer: string): string => JSON.stringify(pointer.replace(/%25/g, '%'));

/** Every operation's checks, compiled; a schema the checks cannot be made from is a generator error. */
export function compileChecks({ model, document, file, position }: ChecksInput): CompiledChecks {
  const problems: GenerateError[] = [];
  const compiler = new SchemaCompiler({
    document,
    fail: (pointer, what) => problems.push(new GenerateError(position?.(pointer) ?? { file }, what)),
  });
  const operations = model.operations.map((operation) => operationChecks(compiler, document, operation));
  if (problems.length > 0) throw problems.length === 1 ? problems[0]! : new GenerateErrors(problems);
  return { compiler, operations };
}

function operationChecks(
  compiler: SchemaCompiler,
  document: JsonObject,
  operation: OperationModel,
): OperationChecksCode {
  const raw = getAtPointer(document, operation.pointer);
  const object = isObject(raw) ? raw : {};
  const compile = (roots: Set<string>, pointer: string, direction: 'request' | 'response'): string => {
    const name = compiler.checkFor(pointer, direction);
    roots.add(name);
    return `$REF(${name})`;
  };

  const responseRoots = new Set<string>();
  const responses: string[] = [];
  for (const [key, value] of Object.entries(isObject(object.responses) ? object.responses : {})) {
    if (!/^([1-5](\d\d|XX)|default)$/i.test(key)) continue;
    const response = deref(document, value, `${operation.pointer}/responses/${pointerSegment(key)}`);
    if (response === undefined) continue;
    const content = isObject(response.value.content) ? response.value.content : {};
    const media = Object.entries(content).map(([type, entry]) => {
      const check =
        JSON_MEDIA_TYPE.test(type) && isObject(entry) && entry.schema !== undefined
          ? compile(responseRoots, `${response.pointer}/content/${pointerSegment(type)}/schema`, 'response')
          : '0';
      return `${JSON.stringify(type)}: ${check}`;
    });
    const name = /^default$/i.test(key) ? 'default' : key.toUpperCase();
    // The pointer of the content, unless report.ts can build it: the operation's own, under `name`.
    const at = shown(`${response.pointer}/content`);
    const own = at === shown(`${operationPointer(operation)}/responses/${name}/content`);
    responses.push(`${JSON.stringify(name)}: [{ ${media.join(', ')} }${own ? '' : `, ${at}`}]`);
  }

  const requestRoots = new Set<string>();
  const request: string[] = [];
  const body = isObject(object.requestBody)
    ? deref(document, object.requestBody, `${operation.pointer}/requestBody`)
    : undefined;
  if (body !== undefined && operation.requestBody !== undefined) {
    const type = operation.requestBody.mediaType;
    const entry = isObject(body.value.content) ? body.value.content[type] : undefined;
    const check =
      JSON_MEDIA_TYPE.test(type) && isObject(entry) && entry.schema !== undefined
        ? compile(requestRoots, `${body.pointer}/content/${pointerSegment(type)}/schema`, 'request')
        : '0';
    request.push(
      `body: [${JSON.stringify(type)}, ${check}, ${operation.requestBody.required}, ${shown(body.pointer)}]`,
    );
  }
  const parameters = parameterPointers(document, operation).map(({ location, name, pointer, value }) => {
    const check = value.schema === undefined ? '0' : compile(requestRoots, `${pointer}/schema`, 'request');
    const required = location === 'path' || value.required === true;
    return `[${JSON.stringify(location)}, ${JSON.stringify(name)}, ${check}, ${required}, ${shown(pointer)}]`;
  });
  if (parameters.length > 0) request.push(`parameters: [\n    ${parameters.join(',\n    ')},\n  ]`);

  return {
    operationId: operation.operationId,
    responses: {
      table: `{\n  responses: {${responses.length === 0 ? '' : `\n    ${responses.join(',\n    ')},\n  `}},\n  REQUEST}`,
      roots: responseRoots,
      checks: closure(compiler, responseRoots),
    },
    ...(request.length === 0
      ? {}
      : {
          request: {
            table: `{\n  ${request.join(',\n  ')},\n}`,
            roots: requestRoots,
            checks: closure(compiler, requestRoots),
          },
        }),
  };
}

/**
 * The pointer `runtime/report.ts` builds from an operation's method and path, for a location the
 * checks leave relative to it.
 */
function operationPointer({ method, path }: OperationModel): string {
  return `#/paths/${pointerSegment(path)}/${method.toLowerCase()}`;
}

/** The operation's parameters (its own over its path item's), each where it is written. */
function parameterPointers(
  document: JsonObject,
  operation: OperationModel,
): { location: string; name: string; pointer: string; value: JsonObject }[] {
  const pathItem = operation.pointer.slice(0, operation.pointer.lastIndexOf('/'));
  const merged = new Map<string, { location: string; name: string; pointer: string; value: JsonObject }>();
  for (const listAt of [`${pathItem}/parameters`, `${operation.pointer}/parameters`]) {
    const list = getAtPointer(document, listAt);
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const parameter = deref(document, raw, `${listAt}/${index}`);
      const { name, in: location } = parameter?.value ?? {};
      // Cookies are never sent (the model says why); the rest is checked as given.
      if (
        parameter === undefined ||
        typeof name !== 'string' ||
        typeof location !== 'string' ||
        location === 'cookie'
      )
        return;
      merged.set(`${location}\n${name}`, {
        location,
        name,
        pointer: parameter.pointer,
        value: parameter.value,
      });
    });
  }
  return [...merged.values()];
}

/** The checks `roots` use, themselves included, transitively. */
function closure(compiler: SchemaCompiler, roots: Set<string>): Set<string> {
  const found = new Set<string>();
  const visit = (name: string): void => {
    if (found.has(name)) return;
    found.add(name);
    for (const used of compiler.compiled.get(name)!.uses) visit(used);
  };
  for (const root of roots) visit(root);
  return found;
}

/** How a declaration reads a check declared after it (`declarations`). */
const CYCLE = ', ref, () => ';

/** A file name for an operation id (GitHub's hold slashes): letters, digits, `_` and `-`. */
function fileName(operationId: string, taken: Set<string>): string {
  const base = operationId.replace(/[^\w-]/g, '_');
  let name = base;
  for (let index = 2; taken.has(name.toLowerCase()); index++) name = `${base}_${index}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * The package's checks modules, by path, and the module of each operation (for the operations
 * table's loaders).
 */
export function emitChecks(
  input: ChecksInput,
  banner: string,
): { files: Map<string, string>; modules: Map<string, string> } {
  const { compiler, operations } = compileChecks(input);
  const taken = new Set<string>();
  // The modules a client loads on its own: an operation's responses' checks, and its request's.
  const units = operations.flatMap((operation, index) => {
    const { method, path } = input.model.operations[index]!;
    const file = fileName(operation.operationId, taken);
    const what = jsComment(`${operation.operationId} (${method.toUpperCase()} ${path})`);
    const request = operation.request && {
      operationId: undefined,
      path: `checks/${file}.request.js`,
      checks: operation.request.checks,
      roots: operation.request.roots,
      tail: `\n/** The request checks of ${what}. */\nexport default request(${operation.request.table});\n`,
      imports: ["import { request } from '../runtime/request.js';"],
    };
    const responses = {
      operationId: operation.operationId,
      path: `checks/${file}.js`,
      checks: operation.responses.checks,
      roots: operation.responses.roots,
      tail:
        `\n/** The checks of ${what}. */\n` +
        `export default validator(${operation.responses.table.replace('REQUEST', request ? `request: () => import("./${file}.request.js"),\n` : '')});\n`,
      imports: ["import { validator } from '../runtime/validation.js';"],
    };
    return request ? [responses, request] : [responses];
  });
  // Which modules use each check: checks used by the same modules go into one shared module.
  const users = new Map<string, string[]>();
  for (const unit of units)
    for (const name of unit.checks) users.set(name, [...(users.get(name) ?? []), unit.path]);
  const sharedModule = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const [name, using] of users) {
    if (using.length < 2) continue;
    const key = using.join('\n');
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  [...groups.values()].forEach((names, index) => {
    for (const name of names) sharedModule.set(name, `shared/${index}`);
  });

  const files = new Map<string, string>();
  const modules = new Map<string, string>();
  for (const unit of units) {
    const own = [...unit.checks].filter((name) => !sharedModule.has(name));
    if (unit.operationId !== undefined) modules.set(unit.operationId, `./${unit.path}`);
    files.set(
      unit.path,
      banner +
        JS_PRAGMA +
        moduleText(compiler, own, '', sharedModule, unit.imports, unit.tail, true, unit.roots),
    );
  }
  [...groups.values()].forEach((names, index) => {
    files.set(
      `checks/shared/${index}.js`,
      banner +
        JS_PRAGMA +
        moduleText(compiler, names, '../', sharedModule, [], `\nexport { ${names.join(', ')} };\n`, false),
    );
  });
  return { files, modules };
}

/**
 * The declarations of `names`, each after the checks it uses (a use of one not yet declared, in a
 * cycle, is read when it runs: `ref`), with the constants they read first; and `tables` with the
 * references resolved. With `inline`, a check or an enum used once, and not in a cycle, is written
 * where it is used rather than declared: fewer names for a bundler to keep (a module whose checks
 * are all exported, a shared one, inlines nothing).
 */
function declarations(
  compiler: SchemaCompiler,
  names: string[],
  imported: Set<string>,
  tables: string[] = [],
  inline = false,
): { lines: string[]; tables: string[] } {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.has(name) || imported.has(name) || !names.includes(name)) return;
    state.set(name, 'visiting');
    for (const used of compiler.compiled.get(name)!.uses) visit(used);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of names) visit(name);
  const constants = [...new Set(names.flatMap((name) => [...compiler.compiled.get(name)!.constants]))].sort();
  const uses = new Map<string, number>();
  for (const text of [...order.map((name) => compiler.compiled.get(name)!.code), ...tables])
    for (const [, used] of text.matchAll(REFERENCE)) uses.set(used!, (uses.get(used!) ?? 0) + 1);
  /** Code of what is written where it is used, by name; the rest is declared. */
  const inlined = new Map<string, string>();
  const declared = new Set<string>();
  const cyclic = new Set<string>();
  const lines: string[] = [];
  const declare = (name: string, code: string) => {
    if (inline && uses.get(name) === 1 && !cyclic.has(name)) inlined.set(name, code);
    else {
      lines.push(`const ${name} = ${code};`);
      declared.add(name);
    }
  };
  const resolve = (code: string) =>
    code.replace(REFERENCE, (_, used: string) => {
      if (inlined.has(used)) return inlined.get(used)!;
      if (declared.has(used) || imported.has(used)) return used;
      cyclic.add(used);
      return `[0, ref, () => ${used}]`;
    });
  for (const name of constants) declare(name, compiler.constantCode(name));
  for (const name of order) declare(name, resolve(compiler.compiled.get(name)!.code));
  return { lines, tables: tables.map(resolve) };
}

/** A module's imports, constants and checks; `up` leads from its folder to `checks/`. */
function moduleText(
  compiler: SchemaCompiler,
  names: string[],
  up: string,
  sharedModule: Map<string, string>,
  extraImports: string[],
  tail: string,
  inline: boolean,
  roots: Set<string> = new Set(),
): string {
  const helpers = new Set<string>();
  const imports = new Map<string, Set<string>>();
  const use = (used: string) => {
    const module = sharedModule.get(used);
    if (module !== undefined && !names.includes(used))
      imports.set(module, (imports.get(module) ?? new Set()).add(used));
  };
  // What the module's table names, and what its checks use.
  for (const root of roots) use(root);
  for (const name of names) {
    const check = compiler.compiled.get(name)!;
    for (const helper of check.helpers) helpers.add(helper);
    for (const used of check.uses) use(used);
  }
  const imported = new Set([...imports.values()].flatMap((used) => [...used]));
  const { lines: declared, tables } = declarations(compiler, names, imported, [tail], inline);
  if ([...declared, ...tables].some((line) => line.includes(CYCLE))) helpers.add('ref');
  const importLines = [
    ...(helpers.size > 0
      ? [`import { ${[...helpers].sort().join(', ')} } from '${up}../runtime/checks.js';`]
      : []),
    ...extraImports.map((line) => line.replace("'../", `'${up}../`)),
    ...[...imports]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([module, used]) =>
          `import { ${[...used].sort().join(', ')} } from '${up === '' ? './' : '../'}${module}.js';`,
      ),
  ];
  return `${importLines.join('\n')}\n${declared.length > 0 ? `\n${declared.join('\n')}\n` : ''}${tables[0]}`;
}

/**
 * One operation's checks as a script for `new Function`: the helpers it needs, by name, then the
 * code that declares its checks and returns the table. `npm run verify` runs the same checks as
 * the package, compiled from the spec it verifies against.
 */
export function checksScript(
  compiled: CompiledChecks,
  operationId: string,
): { helpers: string[]; code: string } {
  const operation = compiled.operations.find((each) => each.operationId === operationId);
  if (operation === undefined) throw new Error(`no checks for ${operationId}`);
  const names = [...new Set([...operation.responses.checks, ...(operation.request?.checks ?? [])])];
  const helpers = new Set(names.flatMap((name) => [...compiled.compiler.compiled.get(name)!.helpers]));
  const request = operation.request
    ? `request: async () => ({ default: request(${operation.request.table}) }),\n`
    : '';
  const {
    lines: declared,
    tables: [table],
  } = declarations(compiled.compiler, names, new Set(), [
    operation.responses.table.replace('REQUEST', request),
  ]);
  const code = [...declared, `return ${table};`].join('\n');
  if (code.includes(CYCLE)) helpers.add('ref');
  return { helpers: [...helpers].sort(), code };
}

/** Text safe inside a `/** *\/` comment. */
function jsComment(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}
