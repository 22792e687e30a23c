/**
 * Runtime: every `src/runtime/*.ts` compiled on its own into `runtime/*.js` of each package, and
 * the public part into `runtime/*.d.ts`. File by file (`transpileModule`, `transpileDeclaration`)
 * because the runtime is written to isolated-declarations rules: no type checker, no program,
 * the same output whatever else is in the repository. Compiled once per run and shared by every
 * package; any diagnostic is a generator error naming the runtime file.
 *
 * The declarations shipped are the public surface and nothing else: those of `index` and of the
 * modules its declarations import, with only the JSDoc of their declarations (a file's header and
 * `//` comments are notes for maintainers). The other modules ship as JavaScript alone, so that
 * no consumer can name them, even where `exports` is not enforced.
 * @see https://www.typescriptlang.org/tsconfig/#isolatedDeclarations
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';
import { GenerateError, GenerateErrors } from '../../shared/errors.js';
import { sha256 } from '../../shared/hash.js';
import { codeBanner, JS_PRAGMA } from '../../shared/banner.js';

/** What a generated `index.d.ts` imports from the runtime's public entry, `runtime/index`. */
export const RUNTIME_ENTRY_EXPORTS = ['ClientOptions', 'CallOptions', 'RawClient'] as const;

/** The module and function a generated factory calls, `createApiClient(api, options)`: not public. */
export const RUNTIME_FACTORY = { module: 'client', name: 'createApiClient' } as const;

export interface RuntimeExport {
  name: string;
  kind: 'class' | 'function' | 'type' | 'value';
  /** The first paragraph of its JSDoc, if any. */
  summary?: string;
  /** An interface's own properties, for the README's options table. */
  members?: RuntimeMember[];
  /** What an interface extends: `extends Partial<Settings>` gives `Settings`. */
  extends?: InterfaceBase[];
}

/** An interface extended, and the properties of it left out (`Omit<Settings, 'retryDelayMs'>`). */
export interface InterfaceBase {
  name: string;
  omit?: string[];
}

/** A property of an exported interface, as its JSDoc describes it. */
export interface RuntimeMember {
  name: string;
  summary?: string;
  /** The text of its `@default` tag. */
  default?: string;
}

export interface CompiledRuntime {
  /** `runtime/<name>.js` and `.d.ts` → content. */
  files: Map<string, string>;
  /** What `runtime/index.js` exports, with re-exports followed: the public surface. */
  exports: RuntimeExport[];
}

const JS_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  verbatimModuleSyntax: true,
  strict: true,
  newLine: ts.NewLineKind.LineFeed,
};

const DECLARATION_OPTIONS: ts.CompilerOptions = {
  ...JS_OPTIONS,
  declaration: true,
  isolatedDeclarations: true,
};

export async function compileRuntime(
  runtimeDir: string,
  display: (path: string) => string,
): Promise<CompiledRuntime> {
  let entries: string[];
  try {
    entries = (await readdir(runtimeDir))
      .filter((file) => file.endsWith('.ts') && !/\.(d|test)\.ts$/.test(file))
      .sort();
  } catch (error) {
    throw new GenerateError(
      { file: display(runtimeDir) },
      `cannot read the runtime: ${(error as Error).message}`,
    );
  }
  if (!entries.includes('index.ts')) {
    throw new GenerateError(
      { file: display(join(runtimeDir, 'index.ts')) },
      'the runtime has no index.ts: every generated package re-exports the runtime from runtime/index.js',
    );
  }

  const files = new Map<string, string>();
  const declarations = new Map<string, string>();
  const banners = new Map<string, string>();
  const problems: GenerateError[] = [];
  for (const entry of entries) {
    const path = join(runtimeDir, entry);
    const source = await readFile(path);
    const fileName = display(path);
    const text = source.toString('utf8');
    const hash = sha256(source);
    const banner = codeBanner({ source: fileName, sha256: hash });
    const { js, dts } = transpile(text, fileName, hash);
    for (const diagnostic of [...(js.diagnostics ?? []), ...(dts.diagnostics ?? [])]) {
      problems.push(toGenerateError(diagnostic, fileName));
    }
    const base = entry.slice(0, -'.ts'.length);
    files.set(`runtime/${base}.js`, banner + JS_PRAGMA + js.outputText);
    banners.set(base, banner);
    declarations.set(base, dts.outputText);
  }
  if (problems.length > 0) throw problems.length === 1 ? problems[0]! : new GenerateErrors(problems);

  for (const base of publicModules(declarations)) {
    files.set(`runtime/${base}.d.ts`, banners.get(base)! + declarationDocsOnly(declarations.get(base)!));
  }
  const exports = exportsOf('index', declarations, new Set());
  const missing: string[] = RUNTIME_ENTRY_EXPORTS.filter(
    (name) => !exports.some((entry) => entry.name === name),
  );
  const factory = exportsOf(RUNTIME_FACTORY.module, declarations, new Set());
  if (!factory.some((entry) => entry.name === RUNTIME_FACTORY.name && entry.kind === 'function'))
    missing.push(RUNTIME_FACTORY.name);
  if (missing.length > 0) {
    throw new GenerateError(
      { file: display(join(runtimeDir, 'index.ts')) },
      `the runtime does not export ${missing.join(', ')}, which every generated client uses ` +
        `(${RUNTIME_FACTORY.name} from ${RUNTIME_FACTORY.module}.ts, the rest from index.ts)`,
    );
  }
  return { files, exports };
}

/** `index` and every runtime module its declarations import or re-export, transitively. */
function publicModules(declarations: Map<string, string>): string[] {
  const found = new Set<string>();
  const visit = (module: string): void => {
    const text = declarations.get(module);
    if (text === undefined || found.has(module)) return;
    found.add(module);
    const file = ts.createSourceFile(`${module}.d.ts`, text, ts.ScriptTarget.ES2022, false);
    for (const statement of file.statements) {
      const specifier =
        ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
          ? statement.moduleSpecifier
          : undefined;
      const local =
        specifier !== undefined && ts.isStringLiteral(specifier)
          ? /^\.\/(.+)\.js$/.exec(specifier.text)?.[1]
          : undefined;
      if (local !== undefined) visit(local);
    }
  };
  visit('index');
  return [...found].sort();
}

/** Declaration kinds whose JSDoc a consumer reads in an editor's hover. */
const DOCUMENTED = new Set([
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.EnumMember,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

/**
 * A declaration file with only the JSDoc of its declarations: the last `/** *\/` comment before
 * each. Every other comment (a file's header, `//` lines, a comment before an import) goes, with
 * the lines it leaves empty.
 */
export function declarationDocsOnly(text: string): string {
  const file = ts.createSourceFile('module.d.ts', text, ts.ScriptTarget.ES2022, true);
  const comments = new Map<number, number>();
  const kept = new Set<number>();
  // Every comment is in the trivia before some token, or after one on its line.
  const visit = (node: ts.Node): void => {
    const leading = ts.getLeadingCommentRanges(text, node.pos) ?? [];
    for (const range of [...leading, ...(ts.getTrailingCommentRanges(text, node.end) ?? [])])
      comments.set(range.pos, range.end);
    const last = leading.at(-1);
    if (DOCUMENTED.has(node.kind) && last !== undefined && text.startsWith('/**', last.pos))
      kept.add(last.pos);
    for (const child of node.getChildren(file)) visit(child);
  };
  visit(file);
  let result = '';
  let copied = 0;
  for (const [start, end] of [...comments].sort(([a], [b]) => a - b)) {
    if (kept.has(start)) continue;
    // The comment, and its line when nothing else is on it, else the blanks between it and the code.
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const before = /[ \t]*$/.exec(text.slice(lineStart, start))![0].length;
    const after = /^[ \t]*/.exec(text.slice(end))![0].length;
    const endsLine = /^[ \t]*(\n|$)/.test(text.slice(end));
    if (before === start - lineStart && endsLine) {
      result += text.slice(copied, lineStart);
      copied = Math.min(text.length, end + after + 1);
    } else if (endsLine) {
      result += text.slice(copied, start - before);
      copied = end;
    } else {
      result += text.slice(copied, start);
      copied = end + after;
    }
  }
  return result + text.slice(copied);
}

/**
 * Compiled runtime files by name and content hash: a process that generates again and again
 * (`--watch`, the tests) transpiles each file once, not on every run (a fifth of a second for the
 * whole runtime). The output depends on nothing else: the options are constants.
 */
const transpiled = new Map<string, { js: ts.TranspileOutput; dts: ts.TranspileOutput }>();

function transpile(
  text: string,
  fileName: string,
  hash: string,
): { js: ts.TranspileOutput; dts: ts.TranspileOutput } {
  const key = `${fileName}\n${hash}`;
  let output = transpiled.get(key);
  if (output === undefined) {
    output = {
      js: ts.transpileModule(text, { compilerOptions: JS_OPTIONS, fileName, reportDiagnostics: true }),
      dts: ts.transpileDeclaration(text, {
        compilerOptions: DECLARATION_OPTIONS,
        fileName,
        reportDiagnostics: true,
      }),
    };
    transpiled.set(key, output);
  }
  return output;
}

function toGenerateError(diagnostic: ts.Diagnostic, fileName: string): GenerateError {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file === undefined || diagnostic.start === undefined) {
    return new GenerateError({ file: fileName }, `TS${diagnostic.code}: ${message}`);
  }
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return new GenerateError(
    { file: fileName, line: line + 1, column: character + 1 },
    `TS${diagnostic.code}: ${message}`,
  );
}

/** The exports of one runtime module's declarations, following `export * from './x.js'` inside the runtime. */
function exportsOf(module: string, declarations: Map<string, string>, seen: Set<string>): RuntimeExport[] {
  const text = declarations.get(module);
  if (text === undefined || seen.has(module)) return [];
  seen.add(module);
  const file = ts.createSourceFile(`${module}.d.ts`, text, ts.ScriptTarget.ES2022, true);
  const found: RuntimeExport[] = [];
  const exported = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of file.statements) {
    const summary = jsDocSummary(statement, text);
    const add = (name: string, kind: RuntimeExport['kind'], more: Partial<RuntimeExport> = {}): void =>
      void found.push({ name, kind, ...(summary === undefined ? {} : { summary }), ...more });
    if (ts.isExportDeclaration(statement)) {
      const target = statement.moduleSpecifier;
      const local =
        target !== undefined && ts.isStringLiteral(target)
          ? /^\.\/(.+)\.js$/.exec(target.text)?.[1]
          : undefined;
      if (statement.exportClause === undefined) {
        if (local !== undefined) found.push(...exportsOf(local, declarations, seen));
      } else if (ts.isNamedExports(statement.exportClause)) {
        const source = local === undefined ? [] : exportsOf(local, declarations, new Set(seen));
        for (const element of statement.exportClause.elements) {
          const original = (element.propertyName ?? element.name).getText(file);
          const from = source.find((entry) => entry.name === original);
          const kind = statement.isTypeOnly || element.isTypeOnly ? 'type' : (from?.kind ?? 'value');
          found.push({ ...from, name: element.name.getText(file), kind });
        }
      }
      continue;
    }
    if (!exported(statement)) continue;
    if (ts.isClassDeclaration(statement) && statement.name) add(statement.name.text, 'class');
    else if (ts.isFunctionDeclaration(statement) && statement.name) add(statement.name.text, 'function');
    else if (ts.isInterfaceDeclaration(statement)) {
      add(statement.name.text, 'type', interfaceShape(statement, file, text));
    } else if (ts.isTypeAliasDeclaration(statement)) add(statement.name.text, 'type');
    else if (ts.isEnumDeclaration(statement)) add(statement.name.text, 'value');
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) add(declaration.name.text, 'value');
      }
    }
  }
  return found;
}

/** An interface's properties with their docs, and the names of what it extends (type arguments included). */
function interfaceShape(
  node: ts.InterfaceDeclaration,
  file: ts.SourceFile,
  text: string,
): Pick<RuntimeExport, 'members' | 'extends'> {
  const members: RuntimeMember[] = [];
  for (const member of node.members) {
    if (!ts.isPropertySignature(member)) continue;
    const summary = jsDocSummary(member, text);
    const defaultText = /@default\s+([^@]*)/
      .exec(jsDocBody(member, text) ?? '')?.[1]
      ?.replace(/\s+/g, ' ')
      .trim();
    members.push({
      name: member.name.getText(file),
      ...(summary === undefined ? {} : { summary }),
      ...(defaultText ? { default: defaultText } : {}),
    });
  }
  const bases: InterfaceBase[] = [];
  // `Partial<X>`, `Readonly<X>`: X's properties; `Omit<X, 'a' | 'b'>`: X's but those.
  const collect = (name: string, args: readonly ts.TypeNode[] | undefined, omit: string[]): void => {
    const [first, second] = args ?? [];
    if (first === undefined) bases.push(omit.length > 0 ? { name, omit } : { name });
    else if (ts.isTypeReferenceNode(first)) {
      const omitted = name === 'Omit' && second !== undefined ? literalNames(second) : [];
      collect(first.typeName.getText(file), first.typeArguments, [...omit, ...omitted]);
    }
  };
  for (const clause of node.heritageClauses ?? []) {
    for (const type of clause.types) collect(type.expression.getText(file), type.typeArguments, []);
  }
  return bases.length === 0 ? { members } : { members, extends: bases };
}

/** `'a' | 'b'` → `['a', 'b']`. */
function literalNames(type: ts.TypeNode): string[] {
  const parts = ts.isUnionTypeNode(type) ? type.types : [type];
  return parts.flatMap((part) =>
    ts.isLiteralTypeNode(part) && ts.isStringLiteral(part.literal) ? [part.literal.text] : [],
  );
}

/** The text of a node's JSDoc comment, leading `*`s removed. */
function jsDocBody(node: ts.Node, text: string): string | undefined {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const last = ranges.at(-1);
  if (last === undefined || !text.startsWith('/**', last.pos)) return undefined;
  return text
    .slice(last.pos + 3, last.end - 2)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

function jsDocSummary(node: ts.Node, text: string): string | undefined {
  const paragraph = jsDocBody(node, text)
    ?.split(/\n\s*\n|\n@|^@/)[0]
    ?.replace(/\s+/g, ' ')
    .trim();
  return paragraph ? paragraph : undefined;
}
