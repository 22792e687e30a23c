/**
 * The parts of `components` that no use site reports. Components that operations reach through
 * `$ref` are compared where they are used (see `schema-diff.ts` for why). What is left:
 * - schemas, as exported types: the generated package exports one named type per component schema,
 *   so adding or removing one changes the package's API even when no operation uses it;
 * - security schemes' documentation, and schemes added or removed (what they send is compared per
 *   operation by `security-diff.ts`);
 * - examples and links, whose references are never followed (a use site sees the same `$ref`), and
 *   callbacks, which are not analysed;
 * - anything no operation reaches, which changes nothing for anyone: documentation.
 */
import { report, type DiffContext } from './context.js';
import { compareDocumentation } from './docs-diff.js';
import { code, isJsonObject, jsonEqual, own, unionKeys, type JsonObject } from './json.js';
import { reachableComponents } from './refs.js';
import { getObject } from './shape.js';
import type { OpenApiDocument } from './types.js';

const NOT_ANALYSED = '(not analysed in detail, counted as breaking)';

export function compareComponents(ctx: DiffContext): void {
  const componentsWere = getObject(ctx.before, 'components', { side: 'before', at: 'components' }) ?? {};
  const componentsAre = getObject(ctx.after, 'components', { side: 'after', at: 'components' }) ?? {};
  const reachable = new Set([...reachableComponents(ctx.before), ...reachableComponents(ctx.after)]);
  for (const name of [...schemesInUse(ctx.before), ...schemesInUse(ctx.after)]) {
    reachable.add(`securitySchemes/${name}`);
  }

  for (const section of unionKeys(Object.keys(componentsWere), Object.keys(componentsAre))) {
    const sectionWas =
      getObject(componentsWere, section, { side: 'before', at: `components.${section}` }) ?? {};
    const sectionIs = getObject(componentsAre, section, { side: 'after', at: `components.${section}` }) ?? {};
    for (const name of unionKeys(Object.keys(sectionWas), Object.keys(sectionIs))) {
      const was = own(sectionWas, name);
      const is = own(sectionIs, name);
      if (jsonEqual(was, is)) continue;
      const component: Component = {
        name,
        location: `components.${section}.${name}`,
        change: was === undefined ? 'added' : is === undefined ? 'removed' : 'changed',
        reachable: reachable.has(`${section}/${name}`),
        was,
        is,
      };
      compareComponent(ctx, section, component);
    }
  }
}

interface Component {
  name: string;
  location: string;
  change: 'added' | 'removed' | 'changed';
  /** Whether any operation of either document reaches it. */
  reachable: boolean;
  was: unknown;
  is: unknown;
}

function compareComponent(ctx: DiffContext, section: string, component: Component): void {
  const { name, location, change, reachable, was, is } = component;
  const unused = reachable ? '' : '; no operation uses it';
  const documentationRule = reachable ? 'docsChanged' : 'unusedComponentChanged';
  if (section === 'schemas') {
    if (change === 'added') report(ctx, 'namedSchemaAdded', 'input', location, `named schema added${unused}`);
    else if (change === 'removed')
      report(ctx, 'namedSchemaRemoved', 'input', location, `named schema removed${unused}`);
    // A used schema's changes are reported where it is used; an unused one's exported type changes.
    else if (!reachable)
      report(ctx, 'unanalysedContractChanged', 'input', location, `changed${unused} ${NOT_ANALYSED}`);
  } else if (section === 'securitySchemes') {
    if (isJsonObject(was) && isJsonObject(is) && reachable) {
      compareDocumentation(ctx, withoutCredentialName(was), withoutCredentialName(is), location);
      // A hint for people about the token's shape; the client sends whatever it is given.
      if (!jsonEqual(was.bearerFormat, is.bearerFormat)) {
        report(ctx, 'docsChanged', 'input', location, `${code('bearerFormat')} changed`);
      }
      // Header names are case-insensitive, so `X-API-Key` -> `x-api-key` sends the same header; any
      // other change of name is a different credential, reported per operation (as is a client
      // option renamed by the new spelling).
      if (isRespelledHeader(was, is)) {
        const spelling = `from ${code(was.name)} to ${code(is.name)}`;
        report(ctx, 'docsChanged', 'input', location, `header name spelling changed ${spelling}`);
      }
      // An `x-credential-name` that renames the option is reported per operation; one that names
      // the option the scheme had anyway changes nothing.
      const option = ctx.credentialNames.after.get(name);
      const optionWas = ctx.credentialNames.before.get(name);
      if (!jsonEqual(was['x-credential-name'], is['x-credential-name']) && optionWas === option) {
        const change =
          was['x-credential-name'] === undefined
            ? 'added'
            : is['x-credential-name'] === undefined
              ? 'removed'
              : 'changed';
        report(
          ctx,
          'docsChanged',
          'input',
          location,
          `${code('x-credential-name')} ${change}: the client option stays ${code(option ?? 'none')}`,
        );
      }
    } else if (
      isJsonObject(was) &&
      isJsonObject(is) &&
      ctx.credentialNames.before.get(name) !== ctx.credentialNames.after.get(name)
    ) {
      report(
        ctx,
        'unusedCredentialOptionRenamed',
        'input',
        location,
        `client option renamed from ${code(ctx.credentialNames.before.get(name) ?? 'none')} to ${code(ctx.credentialNames.after.get(name) ?? 'none')}; no operation uses the scheme, but the client factory still takes it`,
      );
    } else {
      report(ctx, documentationRule, 'input', location, `${change}${unused}`);
    }
  } else if (section === 'callbacks') {
    report(ctx, 'unanalysedContractChanged', 'input', location, `${change} ${NOT_ANALYSED}`);
  } else if (!reachable || section === 'examples' || section === 'links') {
    report(ctx, documentationRule, 'input', location, `${change}${unused}`);
  }
}

function isRespelledHeader(was: JsonObject, is: JsonObject): boolean {
  return (
    was.in === 'header' &&
    is.in === 'header' &&
    typeof was.name === 'string' &&
    typeof is.name === 'string' &&
    was.name !== is.name &&
    was.name.toLowerCase() === is.name.toLowerCase()
  );
}

/** `x-credential-name` names a factory option: a contract, compared per operation by `security-diff.ts`. */
function withoutCredentialName(scheme: JsonObject): JsonObject {
  const { 'x-credential-name': _credential, ...rest } = scheme;
  return rest;
}

/** Names of the schemes any security requirement of the document refers to. */
function schemesInUse(document: OpenApiDocument): Set<string> {
  const names = new Set<string>();
  const collect = (requirements: unknown) => {
    if (!Array.isArray(requirements)) return;
    for (const requirement of requirements) {
      if (isJsonObject(requirement)) for (const name of Object.keys(requirement)) names.add(name);
    }
  };
  collect(document.security);
  for (const item of Object.values(isJsonObject(document.paths) ? document.paths : {})) {
    if (!isJsonObject(item)) continue;
    for (const operation of Object.values(item)) if (isJsonObject(operation)) collect(operation.security);
  }
  return names;
}
