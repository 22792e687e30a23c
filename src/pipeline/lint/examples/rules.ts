/**
 * Redocly's three example rules (`no-invalid-media-type-examples`, `no-invalid-parameter-examples`,
 * `no-invalid-schema-examples`) with the examples of interpretable schemas checked by
 * `SchemaInterpreter` rather than by a compiled Ajv validator: the same problems, each at its place
 * with Redocly's words, at a fraction of the time. An example of any other schema is left to
 * Redocly's own rule, called for that node as its walk would call it.
 */
import { isRef, type Config, type NormalizedProblem } from '@redocly/openapi-core';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isPlainObject } from '../../../redocly/schemas.js';
import { SchemaInterpreter, type Dialect, type ExampleError, type Resolve } from './validator.js';

export const EXAMPLE_RULES = [
  'no-invalid-media-type-examples',
  'no-invalid-parameter-examples',
  'no-invalid-schema-examples',
] as const;

type ApiContext = 'request' | 'response' | undefined;

/** What a rule's visitor is given by Redocly's walk, as far as these rules read it. */
interface WalkContext {
  location: Location;
  resolve: Resolve;
  report(
    problem: Omit<NormalizedProblem, 'ruleId' | 'severity' | 'location' | 'ignored' | 'from'> & {
      location: unknown;
      from?: unknown;
    },
  ): void;
  specVersion: string;
}

interface Location {
  source: { absoluteRef: string };
  pointer: string;
  child(components: string | number | (string | number)[]): Location;
}

type Leave = (node: Record<string, unknown>, ctx: WalkContext) => void;
type Visitor = Record<string, unknown>;
type Rule = (settings: Record<string, unknown>) => Visitor;

const REFERENCE = 'https://redocly.com/docs/cli/rules/oas/';

/**
 * Whether a lint has reported an error yet: the document is then refused, and the warnings of its
 * lint go unread (`lintPublishedFindings`).
 */
export interface Refusal {
  known: boolean;
}

/**
 * Redocly's rule `ruleId`, its examples interpreted where their schema allows. Given `refusal`, a
 * rule that only warns checks no more examples once the document is refused: its findings would be
 * dropped (Vapi's description: its errors come first in the walk, then a thousand examples whose
 * schemas only Ajv compiles, most of the lint).
 */
export function interpretedExampleRule(
  ruleId: (typeof EXAMPLE_RULES)[number],
  redocly: Rule,
  refusal?: Refusal,
  /** Shared by the example rules of one lint (`Interpreters`). @default this rule's own */
  interpreters: Interpreters = new Interpreters(),
): Rule {
  return (settings) => {
    const original = redocly(settings);
    const unread = refusal !== undefined && settings['severity'] !== 'error' ? refusal : undefined;
    const checker = new ExampleChecker(
      Boolean(settings['allowAdditionalProperties']),
      `${REFERENCE}${ruleId}`,
      interpreters,
    );
    // Each of the original visitor's `leave`s: this rule's check when the node's schema is
    // interpretable, else the original.
    const wrap = (
      visitor: Visitor,
      check: (node: Record<string, unknown>, ctx: WalkContext) => boolean,
    ): Visitor => {
      const wrapped: Visitor = {};
      for (const [key, value] of Object.entries(visitor)) {
        if (key === 'leave' && typeof value === 'function') {
          const leave = value as Leave;
          wrapped[key] = (node: Record<string, unknown>, ctx: WalkContext) => {
            if (unread?.known) return;
            if (!check(node, ctx)) leave(node, ctx);
          };
        } else if (typeof value === 'object' && value !== null && key !== 'skip') {
          wrapped[key] = wrap(value as Visitor, contextual(key, check));
        } else wrapped[key] = value;
      }
      return wrapped;
    };
    // Which check a node type's visitor gets: the media-type rule's by where the media type is.
    let contextual: (key: string, check: Check) => Check;
    if (ruleId === 'no-invalid-media-type-examples') {
      contextual = (key, check) =>
        key === 'Response'
          ? (node, ctx) => checker.mediaType(node, ctx, 'response')
          : key === 'Parameter' || key === 'RequestBody'
            ? (node, ctx) => checker.mediaType(node, ctx, 'request')
            : check;
    } else if (ruleId === 'no-invalid-parameter-examples') {
      contextual = (key, check) =>
        key === 'Parameter' ? (node, ctx) => checker.parameter(node, ctx) : check;
    } else {
      contextual = (key, check) => (key === 'Schema' ? (node, ctx) => checker.schema(node, ctx) : check);
    }
    return wrap(original, () => false);
  };
}

/**
 * The config with Redocly's example rules checking examples by interpretation (`examples/rules.ts`).
 * Given `refusal`, every rule that reports errors sets it when it does, and the example rules that
 * only warn stop checking then (`interpretedExampleRule`): for a lint whose warnings count only
 * when it reports no error, and whose errors no ignore file takes back.
 */
export function withInterpretedExamples(config: Config, refusal?: Refusal): Config {
  const interpreted: Config = Object.create(config);
  interpreted.getRulesForSpecVersion = ((version) =>
    // OpenAPI 3.x only: Swagger 2's rules of the same names read other nodes.
    config.getRulesForSpecVersion(version).map((ruleset) => {
      if (version !== 'oas3') return ruleset;
      const rules = ruleset as Record<string, unknown>;
      const examples = EXAMPLE_RULES.some((ruleId) => typeof rules[ruleId] === 'function');
      if (!examples && refusal === undefined) return ruleset;
      const replaced = { ...rules };
      if (refusal !== undefined) {
        for (const [ruleId, rule] of Object.entries(rules))
          if (typeof rule === 'function') replaced[ruleId] = reportingRefusal(rule as Rule, refusal);
      }
      // Asked for once per lint: the three rules read the same schemas of one walk.
      const interpreters = new Interpreters();
      for (const ruleId of EXAMPLE_RULES) {
        const rule = replaced[ruleId];
        if (typeof rule === 'function')
          replaced[ruleId] = interpretedExampleRule(ruleId, rule as never, refusal, interpreters);
      }
      return replaced;
    })) as Config['getRulesForSpecVersion'];
  return interpreted;
}

/** The rule, its reports setting `refusal` when its severity makes them errors. */
function reportingRefusal(rule: Rule, refusal: Refusal): Rule {
  return (settings) => {
    const visitor = rule(settings);
    if (settings['severity'] !== 'error') return visitor;
    return Array.isArray(visitor)
      ? (visitor.map((each: Visitor) => noticingReports(each, refusal)) as never)
      : noticingReports(visitor, refusal);
  };
}

/**
 * A visitor function as Redocly's walk calls it: the node, a context made for this call (its
 * `report` too), then the node's parents and the visitor's context (or a `$ref`'s resolution).
 */
type VisitFunction = (node: unknown, ctx: WalkContext, third: unknown, fourth: unknown) => unknown;

/**
 * The visitor, each of its functions noting in `refusal` the first error it reports. Until then,
 * each call's `report` is wrapped (Redocly makes a new one per call, and keeps no list a rule
 * could read); after, the visitor runs as it is.
 */
function noticingReports(visitor: Visitor, refusal: Refusal): Visitor {
  const wrapped: Visitor = {};
  for (const [key, value] of Object.entries(visitor)) {
    if (typeof value === 'function' && key !== 'skip') {
      const visit = value as VisitFunction;
      wrapped[key] = function (
        this: unknown,
        node: unknown,
        ctx: WalkContext,
        third: unknown,
        fourth: unknown,
      ) {
        if (!refusal.known) ctx.report = noticing(ctx.report, refusal);
        return visit.call(this, node, ctx, third, fourth);
      };
    } else if (typeof value === 'object' && value !== null)
      wrapped[key] = noticingReports(value as Visitor, refusal);
    else wrapped[key] = value;
  }
  return wrapped;
}

/** `report`, first noting an error in `refusal` (a problem may lower its severity: `forceSeverity`). */
function noticing(report: WalkContext['report'], refusal: Refusal): WalkContext['report'] {
  return (problem) => {
    const forced = (problem as { forceSeverity?: string }).forceSeverity;
    if (forced === undefined || forced === 'error') refusal.known = true;
    report(problem);
  };
}

type Check = (node: Record<string, unknown>, ctx: WalkContext) => boolean;

/**
 * The interpreters of one walk, by dialect: what each learns of a schema (its plan, whether it is
 * interpretable) holds for every rule, and the schema rule reads every schema the other two do
 * (GitHub's description: 46,000 plans made instead of 91,000, most of a sixth of its lint).
 */
export class Interpreters {
  private readonly byDialect = new Map<Dialect, SchemaInterpreter>();

  for(ctx: WalkContext): SchemaInterpreter {
    const dialect: Dialect = ctx.specVersion === 'oas2' || ctx.specVersion === 'oas3_0' ? 'draft4' : '2020';
    let interpreter = this.byDialect.get(dialect);
    if (!interpreter) {
      interpreter = new SchemaInterpreter(dialect, fullFormats as never, ctx.resolve);
      this.byDialect.set(dialect, interpreter);
    }
    return interpreter;
  }
}

/** Redocly's `getExampleValueToValidate`: an Example object's `dataValue`, else its `value`. */
function exampleValue(example: unknown): { value: unknown; field: string } | undefined {
  if (!isPlainObject(example)) return undefined;
  if (example['dataValue'] !== undefined) return { value: example['dataValue'], field: 'dataValue' };
  if (example['value'] !== undefined) return { value: example['value'], field: 'value' };
  return undefined;
}

/**
 * One rule's checks: each takes a node whose examples Redocly's rule would check, checks them and
 * answers true when its schema is interpretable; false (nothing reported) leaves it to Redocly's.
 */
class ExampleChecker {
  /** Why Ajv refuses to compile the schema of the node being checked, if it does. */
  private refused: string | undefined;

  constructor(
    private readonly allowAdditionalProperties: boolean,
    private readonly reference: string,
    private readonly interpreters: Interpreters,
  ) {}

  mediaType(mediaType: Record<string, unknown>, ctx: WalkContext, apiContext: ApiContext): boolean {
    const schema = mediaType['schema'];
    if (!this.interpretable(schema, ctx)) return false;
    const check = (example: unknown, location: Location, multiple: boolean) => {
      if (isRef(example)) {
        const resolved = ctx.resolve(example);
        if (!resolved.location) return;
        location = resolved.location as unknown as Location;
        example = resolved.node;
      }
      let value = example;
      if (multiple) {
        const selected = exampleValue(example);
        if (!selected) return;
        value = selected.value;
        location = location.child(selected.field);
      }
      this.check(value, schema, location, ctx, apiContext);
    };
    if (mediaType['example'] !== undefined) check(mediaType['example'], ctx.location.child('example'), false);
    else if (isPlainObject(mediaType['examples'])) {
      for (const name of Object.keys(mediaType['examples']))
        check(mediaType['examples'][name], ctx.location.child(['examples', name]), true);
    }
    return true;
  }

  parameter(parameter: Record<string, unknown>, ctx: WalkContext): boolean {
    const schema = parameter['schema'];
    if (!this.interpretable(schema, ctx)) return false;
    if (parameter['example'] !== undefined)
      this.check(parameter['example'], schema, ctx.location.child('example'), ctx, 'request');
    if (isPlainObject(parameter['examples'])) {
      for (const [key, example] of Object.entries(parameter['examples'])) {
        const selected = exampleValue(example);
        if (selected)
          this.check(
            selected.value,
            schema,
            ctx.location.child(['examples', key, selected.field]),
            ctx,
            'request',
          );
      }
    }
    return true;
  }

  schema(schema: Record<string, unknown>, ctx: WalkContext): boolean {
    if (!this.interpretable(schema, ctx)) return false;
    const examples = schema['examples'];
    if (Array.isArray(examples)) {
      for (const example of examples)
        this.check(
          example,
          schema,
          ctx.location.child(['examples', examples.indexOf(example)]),
          ctx,
          undefined,
        );
    }
    if (schema['example'] !== undefined) {
      // Redocly's: a nullable schema's null example in OpenAPI 3.0.
      if (schema['nullable'] === true && schema['example'] === null && schema['type'] !== undefined)
        return true;
      this.check(schema['example'], schema, ctx.location.child('example'), ctx, undefined);
    }
    return true;
  }

  private interpreter(ctx: WalkContext): SchemaInterpreter {
    return this.interpreters.for(ctx);
  }

  /** Whether the examples of `schema` are this checker's: interpretable, or refused by Ajv (reported here). */
  private interpretable(schema: unknown, ctx: WalkContext): schema is Record<string, unknown> {
    const verdict = this.interpreter(ctx).verdict(schema, ctx.location.source.absoluteRef);
    this.refused = typeof verdict === 'string' ? verdict : undefined;
    return verdict !== false;
  }

  /** Redocly's `validateExample`, its messages made as its Ajv validator makes them. */
  private check(
    example: unknown,
    schema: unknown,
    location: Location,
    ctx: WalkContext,
    apiContext: ApiContext,
  ) {
    if (this.refused !== undefined) {
      ctx.report({
        message: `Example validation errored: ${this.refused}.`,
        location: ctx.location.child('schema'),
        from: ctx.location,
        reference: this.reference,
      } as never);
      return;
    }
    const base = location.pointer;
    const errors = this.interpreter(ctx).validate(
      example,
      schema as Record<string, unknown>,
      base,
      apiContext,
      this.allowAdditionalProperties,
    );
    for (const error of errors) {
      const { message, instancePath, suggest } = redoclyMessage(error, base);
      ctx.report({
        message: `Example value must conform to the schema: ${message}.`,
        location: {
          source: location.source,
          pointer: instancePath,
          reportOnKey: error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties',
        },
        from: ctx.location,
        suggest: suggest ?? [],
        reference: this.reference,
      } as never);
    }
  }
}

/** Redocly's AjvValidator's message for an Ajv error: the property named, enum values listed. */
function redoclyMessage(
  error: ExampleError,
  base: string,
): { message: string; instancePath: string; suggest: string[] | undefined } {
  let message = error.message;
  let instancePath = error.instancePath;
  const suggest = error.keyword === 'enum' ? (error.params['allowedValues'] as string[]) : undefined;
  if (suggest) message += ` ${suggest.map((value) => `"${value}"`).join(', ')}`;
  if (error.keyword === 'type') message = `type ${message}`;
  const relativePath = instancePath.substring(base.length + 1);
  const propName = relativePath.substring(relativePath.lastIndexOf('/') + 1);
  if (propName) message = `\`${propName}\` property ${message}`;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const property = String(error.params['additionalProperty'] ?? error.params['unevaluatedProperty']);
    message = `${message} \`${property}\``;
    instancePath += `/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return { message, instancePath, suggest };
}
