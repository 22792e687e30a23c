/**
 * What changed in a package's public types, whatever changed them: the declaration files it
 * shipped and the ones it would ship now, compared export by export with the TypeScript checker.
 *
 * An export removed breaks consumers, one added does not. An export on both sides changes nothing
 * when its type is identical (a comment or its layout may differ); else how consumers use it (its
 * `ExportRole`) decides: a type they write values of (options, request bodies) may gain optional
 * properties, one they read (responses, errors, the client) may gain properties, a function may
 * be replaced by one that fits where it did. Anything else breaks, also a change that would break
 * no consumer in practice: conservative, so that a major version is never missed.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { typeCheckingHost } from '../shared/type-checking-host.js';
import type { ChangeKind, SpecChange } from './types.js';

/** How consumers use an export: they write values of it, read values of it, or both. */
export type ExportRole = 'input' | 'output' | 'both';

export interface DeclarationSets {
  /** Package-relative path → text of each declaration file the package ships; `index.d.ts` is its entry. */
  before: ReadonlyMap<string, string>;
  after: ReadonlyMap<string, string>;
}

export interface CompareDeclarationsOptions {
  /** A folder from which the packages' dependencies (openapi-fetch) resolve as from the package. */
  dependenciesFrom: string;
  /**
   * By export name; an export not listed is `both`. A function or constant is judged as read, a
   * class's constructor as written; the role is its type's (a class's instances).
   */
  roles?: ReadonlyMap<string, ExportRole>;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  noEmit: true,
  skipLibCheck: true,
  // TypeScript's own lib files, not an @typescript/lib-* package looked for in every node_modules
  // up the tree for each of them (about 900 file-system checks, a third of a comparison's time).
  libReplacement: false,
};

/**
 * The checks of an export's type `X` against its new type `Y`, read by `judge`. Assignability
 * alone misses what breaks an object literal (an excess property, nested too), so an object type
 * counts as grown only when it keeps every property as it was, identically, and adds some.
 */
const CHECK_PRELUDE = `import type * as B from './before/index.js';
import type * as A from './after/index.js';
type Same<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Fits<X, Y> = [X] extends [Y] ? true : false;
// One level flattened, so that \`{ a } & { b }\` is the same as \`{ a; b }\`.
type Flat<T> = T extends Function ? T : { [K in keyof T]: T[K] };
// Flattened too: \`Options & { token: string }\` keeps its properties when \`Options\` gains one.
type Grown<X, Y> = [keyof X] extends [keyof Y] ? Same<Flat<X>, Pick<Y, keyof X>> : false;
type Compare<X, Y> = [
  same: Same<X, Y> extends true ? true : Same<Flat<X>, Flat<Y>>,
  widened: Fits<X, Y>,
  narrowed: Fits<Y, X>,
  sameKeys: Same<keyof X, keyof Y>,
  object: [X] extends [object] ? true : false,
  grown: Grown<X, Y>,
  grownOptional: Grown<X, Y> extends true ? ({} extends Omit<Y, keyof X> ? true : false) : false,
];
`;

/** What of an export is compared: a function's or constant's value, a class's constructor, a type. */
type Part = 'value' | 'constructor' | 'type';

/** What `Compare` found, by name. */
export interface Comparison {
  same: boolean;
  widened: boolean;
  narrowed: boolean;
  sameKeys: boolean;
  object: boolean;
  grown: boolean;
  grownOptional: boolean;
}

const COMPARISON_KEYS = [
  'same',
  'widened',
  'narrowed',
  'sameKeys',
  'object',
  'grown',
  'grownOptional',
] as const;

/**
 * @returns a change per export added, removed or changed, located `export <name>`; none when the
 *   files are the same
 */
export function compareDeclarations(
  sets: DeclarationSets,
  options: CompareDeclarationsOptions,
): SpecChange[] {
  if (sameFiles(sets.before, sets.after)) return [];
  const root = join(options.dependenciesFrom, '.public-types');
  const files = new Map<string, string>();
  // A file the same on both sides, and everything it imports, is one module both sides re-export:
  // its exports are then the same declarations, which the checker need not compare (comparing
  // `Client<paths>` with a copy of itself took it a second).
  const shared = sharedFiles(sets);
  for (const [side, set] of [
    ['before', sets.before],
    ['after', sets.after],
  ] as const) {
    for (const [path, text] of set) {
      const up = '../'.repeat(path.split('/').length);
      files.set(
        join(root, side, path),
        shared.has(path) ? `export * from '${up}common/${path.replace(/\.d\.ts$/, '.js')}';\n` : text,
      );
      if (shared.has(path)) files.set(join(root, 'common', path), text);
    }
  }
  const entries = [join(root, 'before', 'index.d.ts'), join(root, 'after', 'index.d.ts')];
  const host = virtualHost(files);
  // Names, kinds and where re-exports lead need no library: a program without one is quick.
  const program = ts.createProgram(entries, { ...COMPILER_OPTIONS, noLib: true, lib: [] }, host);
  const checker = program.getTypeChecker();
  const [before, after] = entries.map((entry) => exportsOf(program, checker, entry));

  const changes: SpecChange[] = [];
  const report = (name: string, kind: ChangeKind, message: string): void =>
    void changes.push({ kind, location: `export ${name}`, message });
  const compared: { name: string; line: number; role: ExportRole; part: Part }[] = [];
  const lines: string[] = [];
  for (const [name, was] of before!) {
    const is = after!.get(name);
    if (is === undefined) {
      report(name, 'breaking', `no longer exported (${describe(checker, was)})`);
      continue;
    }
    // A re-export of the same declaration (openapi-fetch's types) is the same whatever its text.
    if (resolve(checker, was) === resolve(checker, is)) continue;
    // A class that became an interface can no longer be constructed nor tested with instanceof.
    if (isValue(checker, was) !== isValue(checker, is) || isType(checker, was) !== isType(checker, is)) {
      report(name, 'breaking', `changed from ${describe(checker, was)} to ${describe(checker, is)}`);
      continue;
    }
    const parts: [Part, string, ExportRole][] = [];
    // A class's instances are its type part; of its value, consumers write the constructor's
    // arguments (a generic class's constructor type is never identical to a copy of itself).
    if (resolve(checker, was).flags & ts.SymbolFlags.Class)
      parts.push(['constructor', `ConstructorParameters<typeof %.${name}>`, 'input']);
    else if (isValue(checker, was)) parts.push(['value', `typeof %.${name}`, 'output']);
    if (isType(checker, was)) {
      const [argsBefore, argsAfter] = [was, is].map((symbol) => typeArguments(checker, symbol));
      if (argsBefore!.join() !== argsAfter!.join()) {
        report(name, 'breaking', 'its type parameters changed');
        continue;
      }
      for (const args of argsBefore!)
        parts.push(['type', `%.${name}${args}`, options.roles?.get(name) ?? 'both']);
    }
    for (const [part, reference, role] of parts) {
      compared.push({ name, line: lines.length + CHECK_PRELUDE.split('\n').length - 1, role, part });
      lines.push(
        `export type C${lines.length} = Compare<${reference.replace('%', 'B')}, ${reference.replace('%', 'A')}>;`,
      );
    }
  }
  for (const [name, is] of after!) {
    if (!before!.has(name)) report(name, 'additive', `newly exported (${describe(checker, is)})`);
  }
  if (compared.length === 0) return changes;

  const checkFile = join(root, 'check.ts');
  files.set(checkFile, `${CHECK_PRELUDE}${lines.join('\n')}\n`);
  const checks = ts.createProgram([...entries, checkFile], COMPILER_OPTIONS, host);
  const checksChecker = checks.getTypeChecker();
  const source = checks.getSourceFile(checkFile)!;
  // An export the checks cannot name (a namespace, say) is reported as changed: never missed.
  const failedLines = new Set(
    checks
      .getSemanticDiagnostics(source)
      .map((diagnostic) => source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line),
  );
  const results = new Map<string, { kind: ChangeKind; message: string }>();
  source.statements.filter(ts.isTypeAliasDeclaration).forEach((statement) => {
    const index = /^C(\d+)$/.exec(statement.name.text)?.[1];
    if (index === undefined) return;
    const { name, line, role, part } = compared[Number(index)]!;
    const verdict = failedLines.has(line)
      ? { kind: 'breaking' as const, message: `changed, and its ${part} could not be compared` }
      : judge(role, part, flags(checksChecker, statement));
    if (verdict === undefined) return;
    // A class is judged by both parts: the worse one counts.
    const earlier = results.get(name);
    if (earlier === undefined || (earlier.kind !== 'breaking' && verdict.kind === 'breaking'))
      results.set(name, verdict);
  });
  for (const [name, { kind, message }] of results) report(name, kind, message);
  return changes;
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}

/**
 * The files whose declarations are the same on both sides (comments aside: a banner names the
 * source's hash) and whose package imports are all such files too.
 */
function sharedFiles({ before, after }: DeclarationSets): Set<string> {
  const printer = ts.createPrinter({ removeComments: true });
  const parse = (path: string, text: string) =>
    ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, false);
  const imports = new Map<string, string[]>();
  const same = new Set<string>();
  for (const [path, text] of before) {
    const other = after.get(path);
    if (other === undefined) continue;
    const [a, b] = [parse(path, text), parse(path, other)];
    if (printer.printFile(a) !== printer.printFile(b)) continue;
    same.add(path);
    imports.set(path, packageImports(path, a));
  }
  // Until no file is left whose imports are not all shared.
  for (let changed = true; changed;) {
    changed = false;
    for (const path of same) {
      if (imports.get(path)!.every((imported) => same.has(imported))) continue;
      same.delete(path);
      changed = true;
    }
  }
  return same;
}

/** The declaration files of the package that `file` (at `path`) imports or re-exports. */
function packageImports(path: string, file: ts.SourceFile): string[] {
  return packageFiles(
    path,
    file.statements.map((statement) =>
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : '',
    ),
  );
}

/** The package's own files that module specifiers of the file at `path` name (`./x.js` → `x.d.ts`). */
function packageFiles(path: string, specifiers: string[]): string[] {
  const folder = path.split('/').slice(0, -1);
  return specifiers.flatMap((specifier) => {
    if (!specifier.startsWith('.')) return [];
    const parts = [...folder];
    for (const part of specifier.replace(/\.js$/, '.d.ts').split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.') parts.push(part);
    }
    return [parts.join('/')];
  });
}

/**
 * The declaration files a set imports but lacks: a package missing one was not shipped that way,
 * and comparing with it would report its every type as changed.
 */
export function missingDeclarations(files: ReadonlyMap<string, string>): string[] {
  const missing = new Set<string>();
  for (const [path, text] of files) {
    // TypeScript's import scanner, not a parse: every run reads the released package's types.d.ts.
    const specifiers = ts.preProcessFile(text, true, false).importedFiles.map((file) => file.fileName);
    for (const imported of packageFiles(path, specifiers)) if (!files.has(imported)) missing.add(imported);
  }
  return [...missing].sort();
}

/** The `Compare` tuple of a check's alias; a type the checker could not settle counts as false. */
function flags(checker: ts.TypeChecker, statement: ts.TypeAliasDeclaration): Comparison {
  const tuple = checker.getTypeAtLocation(statement.name);
  const elements = checker.isTupleType(tuple) ? checker.getTypeArguments(tuple as ts.TypeReference) : [];
  const isTrue = (index: number): boolean => {
    const type = elements[index];
    return (
      type !== undefined &&
      (type.flags & ts.TypeFlags.BooleanLiteral) !== 0 &&
      checker.typeToString(type) === 'true'
    );
  };
  return Object.fromEntries(
    COMPARISON_KEYS.map((key, index) => [key, isTrue(index)]),
  ) as unknown as Comparison;
}

/**
 * The change an export's part makes for consumers, by how they use it; undefined for none.
 * A value (a function, a class) is used as it is given: every use still compiles when the new one
 * fits where the old one did. A type consumers write values of may grow optional properties (or,
 * not an object, accept more); one they read may grow properties (or, not an object, give less).
 * Anything else breaks, also a change that would not break every consumer: conservative.
 */
export function judge(
  role: ExportRole,
  part: Part,
  c: Comparison,
): { kind: ChangeKind; message: string } | undefined {
  const verdict = judgeType(role, part, c);
  return verdict && part === 'constructor'
    ? { ...verdict, message: `its constructor's arguments: ${verdict.message}` }
    : verdict;
}

function judgeType(
  role: ExportRole,
  part: Part,
  c: Comparison,
): { kind: ChangeKind; message: string } | undefined {
  // Identical. Assignable both ways is not enough: an optional property removed, nested or not,
  // or a parameter of a method (compared both ways round) would pass.
  if (c.same) return undefined;
  if (part === 'value' && role === 'output') {
    if (c.narrowed) return { kind: 'additive', message: 'it can be used as before, and more' };
    return { kind: 'breaking', message: 'it changed: code that uses it may no longer compile' };
  }
  if (role === 'input') {
    if (c.grownOptional)
      return { kind: 'additive', message: 'new optional properties: every value written for it still fits' };
    if (!c.object && c.widened)
      return { kind: 'additive', message: 'it accepts more: every value written for it still fits' };
    return { kind: 'breaking', message: 'it changed: values written for it may no longer fit' };
  }
  if (role === 'output') {
    if (c.grown) return { kind: 'additive', message: 'new properties: code that reads it still compiles' };
    if (!c.object && c.narrowed)
      return { kind: 'additive', message: 'it gives less than before: code that reads it still compiles' };
    return { kind: 'breaking', message: 'it changed: code that reads it may no longer compile' };
  }
  return {
    kind: 'breaking',
    message: 'it changed, and consumers both write and read it: code may no longer compile',
  };
}

/** The package's exports by name, from its entry's declarations. */
function exportsOf(program: ts.Program, checker: ts.TypeChecker, entry: string): Map<string, ts.Symbol> {
  const source = program.getSourceFile(entry);
  const module = source && checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`no declarations at ${entry}`);
  return new Map(checker.getExportsOfModule(module).map((symbol) => [symbol.name, symbol]));
}

function resolve(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function isValue(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  return (resolve(checker, symbol).flags & ts.SymbolFlags.Value) !== 0;
}

function isType(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  return (resolve(checker, symbol).flags & ts.SymbolFlags.Type) !== 0;
}

/** `a function`, `a class`, `a type`, … for messages. */
function describe(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  const { flags } = resolve(checker, symbol);
  if (flags & ts.SymbolFlags.Class) return 'a class';
  if (flags & ts.SymbolFlags.Function) return 'a function';
  if (flags & ts.SymbolFlags.Interface) return 'an interface';
  if (flags & ts.SymbolFlags.TypeAlias) return 'a type';
  if (flags & ts.SymbolFlags.Variable) return 'a constant';
  return 'a declaration';
}

/**
 * The type arguments a generic export is compared with: as consumers name it (parameters with a
 * default left out, `any` for the others: none of the packages' own types has one, and
 * openapi-fetch's are the same symbol on both sides), and with `any` for every parameter, as
 * `instanceof` narrows a generic class. `['']` for a type without parameters.
 */
function typeArguments(checker: ts.TypeChecker, symbol: ts.Symbol): string[] {
  const declaration = resolve(checker, symbol).declarations?.find(
    (node) =>
      ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node),
  ) as ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration | undefined;
  const parameters = declaration?.typeParameters ?? [];
  if (parameters.length === 0) return [''];
  const required = parameters.filter((parameter) => parameter.default === undefined);
  const list = (count: number): string => (count === 0 ? '' : `<${Array(count).fill('any').join(', ')}>`);
  return [list(required.length), list(parameters.length)];
}

/** Dependency files parsed once per process, as the lib files are (`typeCheckingHost`): the same for every package. */
const parsed = new Map<string, ts.SourceFile>();

/** The compiler's view: the virtual files first, the disk for the rest. */
function virtualHost(files: Map<string, string>): ts.CompilerHost {
  const host = typeCheckingHost(COMPILER_OPTIONS, true);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  const folders = new Set(
    [...files.keys()].flatMap((path) => path.split('/').map((_, i, parts) => parts.slice(0, i).join('/'))),
  );
  host.fileExists = (path) => files.has(path) || fileExists.call(host, path);
  host.directoryExists = (path) =>
    folders.has(path.replace(/\/$/, '')) || (directoryExists?.call(host, path) ?? true);
  host.readFile = (path) => files.get(path) ?? readFile.call(host, path);
  host.getSourceFile = (path, languageVersion, onError) => {
    const text = files.get(path);
    if (text !== undefined) return ts.createSourceFile(path, text, languageVersion, true);
    let source = parsed.get(path);
    if (source === undefined) {
      source = getSourceFile.call(host, path, languageVersion, onError);
      if (source !== undefined) parsed.set(path, source);
    }
    return source;
  };
  return host;
}
