// @ts-check
/**
 * `operation-id`: every operation has a camelCase `operationId`, because it becomes the name of the
 * generated function and of its types (`updateAgent`, `UpdateAgentRequest`).
 */

const CAMEL_CASE_IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;

/** @type {import('@redocly/openapi-core').Oas3Rule} */
export function OperationId() {
  return {
    Operation(operation, ctx) {
      const operationId = operation.operationId;
      if (operationId === undefined) {
        ctx.report({
          message:
            'Operation has no `operationId`; add a camelCase one such as `updateAgent`: it names the generated function.',
          location: ctx.location.key(),
        });
        return;
      }
      if (typeof operationId !== 'string' || !CAMEL_CASE_IDENTIFIER.test(operationId)) {
        ctx.report({
          message:
            `\`operationId\` ${JSON.stringify(operationId)} is not a camelCase identifier (${CAMEL_CASE_IDENTIFIER}); ` +
            'write it like `updateAgent`: it names the generated function and types.',
          location: ctx.location.child('operationId'),
        });
      }
    },
  };
}
