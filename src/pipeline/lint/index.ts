/**
 * Lint: one spec linted in-process with the rules of a Redocly config, giving the same problems
 * `npx redocly lint <spec>` prints (the spec's `apis` entry picks per-API rules, and problems
 * listed in a `.redocly.lint-ignore.yaml` are left out), as plain records with line and column.
 * @see https://redocly.com/docs/cli/commands/lint
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  getLineColLocation,
  isRef,
  lint,
  lintConfig,
  lintDocument,
  loadConfig,
  parseYaml,
  ResolveError,
  Source,
  unescapePointerFragment,
  YamlParseError,
  type BaseResolver,
  type Config,
  type Document,
  type NormalizedProblem,
} from '@redocly/openapi-core';
import {
  formatPosition,
  GenerateError,
  GenerateErrors,
  type Locate,
  type SourcePosition,
} from '../../shared/errors.js';
import { pointerSegment } from '../../shared/openapi.js';
import { configForSpec } from '../bundle/index.js';
import { withInterpretedExamples } from './examples/rules.js';

export interface LintProblem {
  /** Absolute path of the file the problem is in (a spec may `$ref` other files). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: 'error' | 'warning';
  /** The rule that reported it, e.g. `voice-agent-sdks/request-body-closed`; `yaml-parse` for unparseable YAML. */
  ruleId: string;
  message: string;
}

export interface LintOptions {
  /** The Redocly config whose rules apply. @default the repository's `redocly.yaml` */
  configPath?: string;
  /**
   * Reads and parses the spec and what it references; the pipeline passes the one its bundle stage
   * uses next, so that each file is parsed once. @default a new one
   */
  resolver?: BaseResolver;
  /**
   * `configPath` loaded and validated already (the pipeline's run loads it once for every stage);
   * one without a file behind it is loaded again, to be refused as before. @default loaded here
   */
  config?: Config;
}

/** The rule id given to a spec whose YAML does not parse (Redocly throws instead of reporting it). */
export const YAML_PARSE_RULE_ID = 'yaml-parse';

const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('../../../redocly.yaml', import.meta.url));

// Loading a config imports its plugins and resolves its presets; the pipeline lints every spec with
// the same config, so each config is loaded once per process.
const configsByPath = new Map<string, Promise<Config>>();

/** Lints one spec with the rules of `configPath` (default: the repo's redocly.yaml). */
export async function lintSpec(specPath: string, options: LintOptions = {}): Promise<LintProblem[]> {
  const configPath = path.resolve(options.configPath ?? DEFAULT_CONFIG_PATH);
  const config = options.config?.document ? options.config : await loadConfigOnce(configPath);
  const specFile = path.resolve(specPath);
  const apiConfig = config.forAlias(findApiAlias(config, configPath, specFile));

  let problems: NormalizedProblem[];
  try {
    problems = await lint({
      ref: specFile,
      // As a published document's: Redocly's rules compiled an Ajv validator per example schema at
      // each lint, a fifth of the CPU of a small spec's run.
      config: withInterpretedExamples(apiConfig),
      ...(options.resolver === undefined ? {} : { externalRefResolver: options.resolver }),
    });
  } catch (error) {
    if (error instanceof YamlParseError) return [yamlParseProblem(error)];
    const ownKey = hasOwnPropertyKeyProblem(error, specFile);
    if (ownKey !== undefined) return [ownKey];
    if (error instanceof ResolveError) throw new Error(`Cannot read spec ${specPath}: ${error.message}`);
    throw new Error(
      `Cannot lint spec ${specPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const unknownRules = apiConfig.getUnusedRules().rules;
  if (unknownRules.length > 0) {
    throw new Error(
      `${configPath} configures rules that no preset or plugin defines for ${specPath}: ${unknownRules.join(', ')}.`,
    );
  }
  return (
    problems
      .filter((problem) => !problem.ignored)
      .map(toLintProblem)
      .sort(compareProblems)
      // Redocly reports an unresolved discriminator mapping twice.
      .filter((problem, index, sorted) => index === 0 || compareProblems(sorted[index - 1]!, problem) !== 0)
  );
}

/** `specs/diga.yaml:12:5 error request-body-closed: ...`, with the file relative to the cwd. */
export function formatLintProblem(problem: LintProblem): string {
  const file = path.relative(process.cwd(), problem.file) || problem.file;
  return `${file}:${problem.line}:${problem.column} ${problem.severity} ${problem.ruleId}: ${problem.message}`;
}

function loadConfigOnce(configPath: string): Promise<Config> {
  let loading = configsByPath.get(configPath);
  if (!loading) {
    loading = loadAndValidateConfig(configPath);
    // A failed load is not cached, so a corrected config is picked up on the next call.
    loading.catch(() => configsByPath.delete(configPath));
    configsByPath.set(configPath, loading);
  }
  return loading;
}

async function loadAndValidateConfig(configPath: string): Promise<Config> {
  let config: Config;
  try {
    config = await loadConfig({ configPath });
  } catch (error) {
    throw new Error(
      `Cannot load lint config ${configPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!config.document) throw new Error(`Cannot load lint config ${configPath}: the file does not exist.`);
  const configProblems = await lintConfig({ config });
  if (configProblems.length > 0) {
    const details = configProblems
      .map((problem) => `  ${formatLintProblem(toLintProblem(problem))}`)
      .join('\n');
    throw new Error(`Invalid lint config ${configPath}:\n${details}`);
  }
  return config;
}

/** The `apis` entry whose `root` is this spec, as the CLI picks it; none means the top-level rules. */
function findApiAlias(config: Config, configPath: string, specFile: string): string | undefined {
  const configDir = path.dirname(configPath);
  const apis = config.resolvedConfig.apis ?? {};
  return Object.keys(apis).find((alias) => {
    const root = apis[alias]?.root;
    return root !== undefined && path.resolve(configDir, root) === specFile;
  });
}

function toLintProblem(problem: NormalizedProblem): LintProblem {
  const where = problem.location[0];
  const position = where ? getLineColLocation(where) : undefined;
  return {
    file: where?.source.absoluteRef ?? '',
    line: position?.start.line ?? 1,
    column: position?.start.col ?? 1,
    severity: problem.severity === 'warn' ? 'warning' : 'error',
    ruleId: problem.ruleId,
    message: messageOf(problem),
  };
}

const UNRESOLVED = "Can't resolve $ref";

/**
 * Redocly's message with what it leaves out: the `$ref` that does not resolve and the part of it
 * that is missing, the value a rule refused, and the names it suggests instead (its CLI prints
 * those apart). Redocly's words come first, unchanged.
 */
function messageOf(problem: NormalizedProblem): string {
  const where = problem.location[0];
  const value = where?.pointer === undefined ? undefined : valueAt(where.source, where.pointer);
  let message = problem.message;
  if (problem.ruleId === 'no-unresolved-refs' && message.startsWith(UNRESOLVED) && where) {
    // At the object holding the `$ref`, or at a discriminator mapping's target.
    const ref = isRef(value) ? value.$ref : typeof value === 'string' ? value : undefined;
    if (ref !== undefined) {
      const reason = message.slice(UNRESOLVED.length) || missingPart(where.source, ref);
      message = `${UNRESOLVED} ${JSON.stringify(ref)}${reason}`;
    }
  } else if (problem.ruleId === 'operation-operationId-unique' && where?.pointer !== undefined) {
    // Reported at `<operation>/<operationId>`, a pointer to nothing: the id is the operation's.
    const operation = valueAt(where.source, where.pointer.replace(/\/[^/]*$/, ''));
    const id = isObject(operation) ? operation['operationId'] : undefined;
    if (typeof id === 'string') message = `${message} ${JSON.stringify(id)} is used more than once.`;
  } else if (/can be one of the following only|should not have URL invalid characters/.test(message)) {
    if (isScalar(value)) message = `${message} Got ${JSON.stringify(value)}.`;
  }
  const suggestions = problem.suggest ?? [];
  // Redocly suggests every allowed value when the given one is not a string: no suggestion then.
  if (suggestions.length > 0 && suggestions.length <= 3) {
    message = `${message} Did you mean ${suggestions.map((name) => JSON.stringify(name)).join(' or ')}?`;
  }
  return message;
}

/** `: #/components/schemas has no "Missing"`: where a local or file `$ref`'s pointer stops matching. */
function missingPart(source: Source, ref: string): string {
  const [file = '', fragment] = ref.split('#');
  // A URL, or a fragment that is not a JSON pointer: Redocly's message is all there is to say.
  if (/^[a-z][a-z\d+.-]*:/i.test(file) || fragment === undefined || !fragment.startsWith('/')) return '';
  let node: unknown;
  try {
    node =
      file === ''
        ? parsed(source)
        : parseYaml(readFileSync(path.resolve(path.dirname(source.absoluteRef), file), 'utf8'));
  } catch {
    return '';
  }
  let reached = '';
  for (const segment of fragment.slice(1).split('/')) {
    const key = unescapePointerFragment(segment);
    if (!isObject(node) || !Object.hasOwn(node, key)) {
      const where = reached === '' ? file || 'the document' : `${file}#${reached}`;
      return `: ${where} has no ${JSON.stringify(key)}`;
    }
    node = node[key];
    reached += `/${segment}`;
  }
  return '';
}

/** The value at a `#/…` pointer into a source, or undefined. */
function valueAt(source: Source, pointer: string): unknown {
  let node: unknown = parsed(source);
  for (const segment of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const key = unescapePointerFragment(segment);
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

// Only sources with problems are parsed again, once each (Redocly keeps its parse to itself).
const parsedSources = new WeakMap<Source, unknown>();

function parsed(source: Source): unknown {
  if (!parsedSources.has(source)) {
    let document: unknown;
    try {
      document = parseYaml(source.body);
    } catch {
      document = undefined;
    }
    parsedSources.set(source, document);
  }
  return parsedSources.get(source);
}

const isObject = (node: unknown): node is Record<string, unknown> =>
  typeof node === 'object' && node !== null;
const isScalar = (node: unknown) => ['string', 'number', 'boolean'].includes(typeof node) || node === null;

/** The rule id given to a key Redocly cannot read past (see `hasOwnPropertyKeyAt`). */
export const HAS_OWN_PROPERTY_KEY_RULE_ID = 'has-own-property-key';

const HAS_OWN_PROPERTY_KEY_MESSAGE =
  "Redocly's lint cannot read an object with a key named `hasOwnProperty` (its getOwn calls `obj.hasOwnProperty`, which the key replaces) and stops: the spec cannot be linted with it";

/**
 * Redocly reads some objects of a spec with `obj.hasOwnProperty(key)` (its `getOwn`), which an
 * object with a key of that name has replaced: its lint throws a bare TypeError. The pointer of
 * the first such key of `document` when `error` is that one, to report it there; else undefined.
 */
function hasOwnPropertyKeyAt(error: unknown, document: () => unknown): string | undefined {
  if (!(error instanceof TypeError) || !error.message.includes('hasOwnProperty is not a function')) return;
  return pointerOfKey(document(), 'hasOwnProperty', '#');
}

/** `hasOwnPropertyKeyAt`'s problem, at its line in the spec's own file. */
function hasOwnPropertyKeyProblem(error: unknown, specFile: string): LintProblem | undefined {
  let source: Source | undefined;
  const pointer = hasOwnPropertyKeyAt(error, () => {
    try {
      source = new Source(specFile, readFileSync(specFile, 'utf8'));
      return parsed(source);
    } catch {
      return undefined;
    }
  });
  if (pointer === undefined || source === undefined) return;
  const position = getLineColLocation({ source, pointer, reportOnKey: true });
  return {
    file: specFile,
    line: position.start.line,
    column: position.start.col,
    severity: 'error',
    ruleId: HAS_OWN_PROPERTY_KEY_RULE_ID,
    message: HAS_OWN_PROPERTY_KEY_MESSAGE,
  };
}

/** The pointer of the first key `name` in a parsed document, depth first. */
function pointerOfKey(node: unknown, name: string, at: string): string | undefined {
  if (!isObject(node)) return;
  if (Object.hasOwn(node, name)) return `${at}/${name}`;
  for (const [key, value] of Object.entries(node)) {
    const found = pointerOfKey(value, name, `${at}/${pointerSegment(key)}`);
    if (found !== undefined) return found;
  }
  return;
}

function yamlParseProblem(error: YamlParseError): LintProblem {
  return {
    file: error.source.absoluteRef,
    line: Number.isNaN(error.line) ? 1 : error.line,
    column: Number.isNaN(error.col) ? 1 : error.col,
    severity: 'error',
    ruleId: YAML_PARSE_RULE_ID,
    // Redocly's message repeats the file and position the problem already carries.
    message: error.message.replace(/ in ".*" \(\d+:\d+\)$/, ''),
  };
}

function compareProblems(a: LintProblem, b: LintProblem): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

/**
 * The spec's lint problems as one error (each naming file:line:column), or undefined when it is
 * clean: what `generate` refuses a spec for, and `diff` warns of.
 */
export async function lintFailureOf(
  specPath: string,
  configPath: string,
  resolver: BaseResolver,
  display: (path: string) => string,
  /** `configPath`, loaded (see `LintOptions`). */
  config?: Config,
): Promise<GenerateError | GenerateErrors | undefined> {
  const problems = await lintSpec(specPath, { configPath, resolver, ...(config ? { config } : {}) }).catch(
    (error: unknown) => {
      throw new GenerateError({ file: display(specPath) }, `lint: ${(error as Error).message}`, {
        cause: error,
      });
    },
  );
  if (problems.length === 0) return undefined;
  const errors = problems.map((problem) => lintError(problem, display(specPath), display));
  return errors.length === 1 ? errors[0]! : new GenerateErrors(errors);
}

function lintError(problem: LintProblem, specPath: string, display: (path: string) => string): GenerateError {
  // Redocly's messages may quote absolute paths ("Can't resolve $ref: ENOENT … '/home/…/x.yaml'").
  const message = problem.message.replace(/\/[^\s'"()]+/g, (path) =>
    path.startsWith('/') ? display(path) : path,
  );
  return new GenerateError(
    {
      file: problem.file === '' ? specPath : display(problem.file),
      line: problem.line,
      column: problem.column,
    },
    `${problem.severity} ${problem.ruleId}: ${message}`,
  );
}

export interface PublishedLint {
  /** Every error, each at its place: what `generate` refuses the document for. */
  failure?: GenerateError | GenerateErrors;
  /** One line per rule that reported warnings: how many, and the first. */
  warnings: string[];
}

/** The longest a warning's first message is quoted in its rule's line. */
const WARNING_MESSAGE_LIMIT = 120;

/**
 * One problem as plain data (it crosses threads): a place in the spec file as a JSON pointer (placed
 * by the loader's `locate`), or a file, line and column elsewhere.
 */
export interface LintFinding {
  ruleId: string;
  message: string;
  pointer?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** What one lint of a published document found: every error, and the warnings counted per rule. */
export interface LintFindings {
  errors: LintFinding[];
  /**
   * In the order the rules first reported; every one only when there is no error (the example
   * rules stop at a refused document: `withInterpretedExamples`).
   */
  warnings: { ruleId: string; count: number; first: LintFinding }[];
}

export interface PublishedLintOptions {
  bundle: Document;
  config: Config;
  specPath: string;
  resolver: BaseResolver;
  display: (path: string) => string;
  /** The rules to run, of those the config enables. @default every one */
  rules?: (ruleId: string) => boolean;
}

/**
 * Lints a published document as bundled, its overlays applied, with its `apis` entry's rules (the
 * `published` preset: only what would break generation is an error), or those of them `rules`
 * selects. Findings in the spec file keep their JSON pointer: Redocly's own lookup of a line parses
 * the whole file as YAML again, once per problem's source.
 */
export async function lintPublishedFindings(options: PublishedLintOptions): Promise<LintFindings> {
  const { bundle, specPath, display, rules } = options;
  const apiConfig = configForSpec(options.config, specPath);
  // An error refuses the document and its warnings go unread: the example rules that only warn
  // stop checking once one is reported, unless an ignore file might take the error back.
  const ignores = Object.keys(apiConfig.ignore ?? {}).length > 0;
  const config = withInterpretedExamples(
    rules === undefined ? apiConfig : withRules(apiConfig, rules),
    ignores ? undefined : { known: false },
  );
  // Messages quote values at pointers of the bundled document, not of the file as written.
  parsedSources.set(bundle.source, bundle.parsed);
  let problems: NormalizedProblem[];
  try {
    problems = await lintDocument({ document: bundle, config, externalRefResolver: options.resolver });
  } catch (error) {
    const pointer = hasOwnPropertyKeyAt(error, () => bundle.parsed);
    if (pointer !== undefined)
      return {
        errors: [{ ruleId: HAS_OWN_PROPERTY_KEY_RULE_ID, message: HAS_OWN_PROPERTY_KEY_MESSAGE, pointer }],
        warnings: [],
      };
    throw new GenerateError({ file: display(specPath) }, `lint: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const unknownRules = apiConfig.getUnusedRules().rules;
  if (unknownRules.length > 0) {
    throw new GenerateError(
      { file: display(apiConfig.configPath ?? specPath) },
      `rules that no preset or plugin defines are configured for ${display(specPath)}: ${unknownRules.join(', ')}`,
    );
  }
  const specFile = path.resolve(specPath);
  const finding = (problem: NormalizedProblem): LintFinding => {
    const where = problem.location[0];
    const message = messageOf(problem);
    if (where === undefined) return { ruleId: problem.ruleId, message };
    if (where.pointer !== undefined && path.resolve(where.source.absoluteRef) === specFile) {
      return { ruleId: problem.ruleId, message, pointer: where.pointer };
    }
    const { file, line, column } = toLintProblem(problem);
    return { ruleId: problem.ruleId, message, ...(file ? { file } : {}), line, column };
  };
  const errors: LintFinding[] = [];
  const warnings = new Map<string, { count: number; first: NormalizedProblem }>();
  for (const problem of problems) {
    if (problem.ignored) continue;
    if (problem.severity === 'error') {
      errors.push(finding(problem));
      continue;
    }
    const seen = warnings.get(problem.ruleId);
    if (seen === undefined) warnings.set(problem.ruleId, { count: 1, first: problem });
    else seen.count += 1;
  }
  return {
    errors,
    warnings: [...warnings].map(([ruleId, { count, first }]) => ({ ruleId, count, first: finding(first) })),
  };
}

/** The config with every rule `rules` does not select off. */
function withRules(config: Config, rules: (ruleId: string) => boolean): Config {
  const selected: Config = Object.create(config);
  selected.getRuleSettings = (ruleId, version) => {
    const settings = config.getRuleSettings(ruleId, version);
    return rules(ruleId) ? settings : { ...settings, severity: 'off' };
  };
  return selected;
}

/**
 * The findings of one or more lints of a document (each with its own rules) as the pipeline reports
 * them: each error at its place, with its JSON pointer; warnings, hundreds in a vendor's document,
 * one line per rule with their count and the first.
 */
export function reportPublishedLint(
  findings: readonly LintFindings[],
  options: { specPath: string; locate: Locate; display: (path: string) => string },
): PublishedLint {
  const { specPath, locate, display } = options;
  const place = (finding: LintFinding): SourcePosition =>
    finding.pointer !== undefined
      ? locate(finding.pointer)
      : finding.line === undefined
        ? { file: display(finding.file ?? specPath) }
        : { file: display(finding.file ?? specPath), line: finding.line, column: finding.column ?? 1 };
  const errors = new Map<string, GenerateError>();
  for (const finding of findings.flatMap((each) => each.errors)) {
    const at = place(finding);
    const message = `error ${finding.ruleId}${finding.pointer === undefined ? '' : ` at ${finding.pointer}`}: ${finding.message}`;
    const key = `${formatPosition(at)} ${message}`;
    if (!errors.has(key)) errors.set(key, new GenerateError(at, message));
  }
  const lines = findings
    .flatMap((each) => each.warnings)
    .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId))
    .map(({ ruleId, count, first }) => {
      let message = first.message;
      if (message.length > WARNING_MESSAGE_LIMIT) message = `${message.slice(0, WARNING_MESSAGE_LIMIT)}…`;
      return `warning ${ruleId}: ${count}×, the first at ${formatPosition(place(first))}: ${message}`;
    });
  const found = [...errors.values()].sort(
    (a, b) =>
      (a.where?.file ?? '').localeCompare(b.where?.file ?? '') ||
      (a.where?.line ?? 0) - (b.where?.line ?? 0) ||
      (a.where?.column ?? 0) - (b.where?.column ?? 0),
  );
  return {
    ...(found.length === 0 ? {} : { failure: found.length === 1 ? found[0]! : new GenerateErrors(found) }),
    warnings: lines,
  };
}
