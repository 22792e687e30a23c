/**
 * The enums a developer reaches for by name: every inline `enum` of a field or parameter, which
 * openapi-typescript writes only as a union inside the field's type. Each becomes a named export
 * (`DigaLanguage`, `CozmoAgentType`) whose type is the field's values, so it fits wherever the field
 * wants one. A component schema that is itself an enum is already exported under its own name.
 *
 * Where a field is: one step per field or array item from the component schema, the operation's
 * body or response, or its parameters, in openapi-typescript's tree (`root`).
 * Fields of a schema with `allOf`/`anyOf`/`oneOf`/`not` are not reached: openapi-typescript types
 * it as a union or intersection, where a field may have no path of its own.
 */
import { pascalCase } from '../shared/names.js';
import { deref, isObject, pointerSegment, type JsonObject } from '../shared/openapi.js';
import type { OperationModel } from './types.js';

export type EnumValue = string | number | boolean;

/** A step from a type to a field's (`NonNullable<T>["name"]`) or an array's items (`[number]`). */
export type EnumStep = { field: string } | { items: true };

export interface EnumModel {
  /** JSON pointer of the schema with the `enum`. */
  pointer: string;
  /** The field or parameter (for array items, the array's name). */
  field: string;
  /** What holds the field, for a name when the field's alone says too little: `Agent`. */
  owner: string;
  /** Its values, `null` left out (a nullable field takes `Name | null`). */
  values: EnumValue[];
  /** The TypeScript expression of the tree it is reached from, and the steps from there to the field. */
  root: string;
  steps: EnumStep[];
  /** For people: what `root` is (`Agent`, "`updateAgent` request body"). */
  place: string;
}

/** Every inline enum of the document's component schemas and operations, in document order. */
export function readEnums(document: JsonObject, operations: OperationModel[]): EnumModel[] {
  const found: EnumModel[] = [];
  const visit = (
    schema: unknown,
    at: string,
    place: Omit<EnumModel, 'pointer' | 'values' | 'field'>,
    field: string,
  ): void => {
    if (!isObject(schema) || typeof schema.$ref === 'string') return;
    if (Array.isArray(schema.enum) && field !== '') {
      const values = schema.enum.filter(
        (value): value is EnumValue =>
          value !== null && ['string', 'number', 'boolean'].includes(typeof value),
      );
      if (values.length > 0) found.push({ pointer: at, field, values, ...place });
      return;
    }
    // Beside a composition, openapi-typescript's type of the object is a union or intersection
    // that may not have the field (`{ state?: … } | unknown` is `unknown`).
    if (['allOf', 'anyOf', 'oneOf', 'not'].some((key) => key in schema)) return;
    if (isObject(schema.properties)) {
      // A nested object's fields are named after it: `settings.mode` is `SettingsMode`.
      const owner = field === '' ? place.owner : (pascalCase(field) ?? place.owner);
      for (const [name, child] of Object.entries(schema.properties))
        visit(
          child,
          `${at}/properties/${pointerSegment(name)}`,
          { ...place, owner, steps: [...place.steps, { field: name }] },
          name,
        );
    }
    if (isObject(schema.items))
      visit(schema.items, `${at}/items`, { ...place, steps: [...place.steps, { items: true }] }, field);
  };

  const components = isObject(document.components) ? document.components : {};
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {})) {
    const root = `components["schemas"][${JSON.stringify(name)}]`;
    visit(
      schema,
      `#/components/schemas/${pointerSegment(name)}`,
      { owner: pascalCase(name) ?? name, root, steps: [], place: `\`${name}\`` },
      '',
    );
  }

  for (const operation of operations) {
    const raw = deref(document, { $ref: operation.pointer }, operation.pointer)?.value ?? {};
    const ref = `operations[${JSON.stringify(operation.operationId)}]`;
    // A body's and a response's fields belong to the resource the operation returns, when named.
    const owner = resourceName(document, raw) ?? pascalCase(operation.operationId) ?? operation.operationId;
    for (const [location, parameters] of Object.entries(operation.parameters)) {
      for (const parameter of parameters) {
        const schema = parameterSchema(document, raw, operation.pointer, location, parameter.name);
        if (schema === undefined) continue;
        const root = `NonNullable<${ref}["parameters"][${JSON.stringify(location)}]>`;
        visit(
          schema.value,
          schema.pointer,
          {
            owner: pascalCase(operation.operationId) ?? owner,
            root,
            steps: [{ field: parameter.name }],
            place: `\`${operation.operationId}\` ${location} parameters`,
          },
          parameter.name,
        );
      }
    }
    const body = operation.requestBody;
    const requestBody = body && deref(document, raw.requestBody, `${operation.pointer}/requestBody`);
    if (body && requestBody && requestBody.pointer === `${operation.pointer}/requestBody`) {
      const media = `${requestBody.pointer}/content/${pointerSegment(body.mediaType)}`;
      const root = `NonNullable<${ref}["requestBody"]>["content"][${JSON.stringify(body.mediaType)}]`;
      visit(
        mediaSchema(requestBody.value, body.mediaType),
        `${media}/schema`,
        { owner, root, steps: [], place: `\`${operation.operationId}\` request body` },
        '',
      );
    }
    for (const response of [operation.success, ...operation.errors]) {
      if (response.mediaType === undefined) continue;
      const responses = isObject(raw.responses) ? raw.responses : {};
      const at = `${operation.pointer}/responses/${response.status}`;
      const value = deref(document, responses[String(response.status)], at);
      if (value === undefined || value.pointer !== at) continue;
      const root = `${ref}["responses"][${response.status}]["content"][${JSON.stringify(response.mediaType)}]`;
      const media = `${at}/content/${pointerSegment(response.mediaType)}`;
      visit(
        mediaSchema(value.value, response.mediaType),
        `${media}/schema`,
        { owner, root, steps: [], place: `\`${operation.operationId}\` ${response.status} response` },
        '',
      );
    }
  }
  return found;
}

/** "`Agent`: `language`", "`updateAgent` request body: `ttsModel.provider`". */
export function enumUse(model: EnumModel): string {
  const path = model.steps.map((step) => ('items' in step ? '[]' : `.${step.field}`)).join('');
  return `${model.place}: \`${path.replace(/^\./, '')}\``;
}

function mediaSchema(owner: JsonObject, mediaType: string): unknown {
  const content = isObject(owner.content) ? owner.content[mediaType] : undefined;
  return isObject(content) ? content.schema : undefined;
}

/** The component schema an operation's success response refers to: `Agent`. */
function resourceName(document: JsonObject, operation: JsonObject): string | undefined {
  const responses = isObject(operation.responses) ? operation.responses : {};
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    const resolved = deref(document, response, '')?.value;
    const content = isObject(resolved?.content) ? resolved.content : {};
    for (const media of Object.values(content)) {
      const ref = isObject(media) && isObject(media.schema) ? media.schema.$ref : undefined;
      const name = typeof ref === 'string' ? /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1] : undefined;
      if (name !== undefined) return pascalCase(name.replace(/~1/g, '/').replace(/~0/g, '~'));
    }
  }
  return undefined;
}

/** The inline schema of a parameter, the operation's own over its path item's. */
function parameterSchema(
  document: JsonObject,
  operation: JsonObject,
  operationAt: string,
  location: string,
  name: string,
): { value: unknown; pointer: string } | undefined {
  const itemAt = operationAt.slice(0, operationAt.lastIndexOf('/'));
  const item = deref(document, { $ref: itemAt }, itemAt)?.value ?? {};
  for (const [list, at] of [
    [operation.parameters, `${operationAt}/parameters`],
    [item.parameters, `${itemAt}/parameters`],
  ] as const) {
    if (!Array.isArray(list)) continue;
    for (const [index, raw] of list.entries()) {
      const parameter = deref(document, raw, `${at}/${index}`);
      if (parameter?.value.name !== name || parameter.value.in !== location) continue;
      return { value: parameter.value.schema, pointer: `${parameter.pointer}/schema` };
    }
  }
  return undefined;
}
