/**
 * The fix for a spec problem of a published document, as an OpenAPI Overlay action to add to the
 * API's overlay file: a published document is kept as the vendor ships it, so the change is made
 * at bundle time, never in the file itself. Messages show it in full, ready to paste.
 * @see https://spec.openapis.org/overlay/v1.0.0.html#action-object
 */

/** The JSONPath of an operation: `$.paths['/v1/voices/{voice_id}'].get`. */
export function operationTarget(path: string, method: string): string {
  return `$.paths['${path.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'].${method}`;
}

/** A scalar as YAML writes it: plain when that reads back as the same string, else JSON-quoted. */
function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z_][\w.-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/**
 * The overlay action that sets `fields` on the node at `target`, as YAML lines to put under the
 * overlay's `actions:`, indented for a message.
 */
export function overlayAction(target: string, fields: Record<string, string | number | boolean>): string {
  return overlayUpdate(
    target,
    Object.entries(fields).map(([key, value]) => `${key}: ${yamlScalar(value)}`),
  );
}

/** The overlay action that merges `update` (YAML lines, as at the top of a document) into `target`. */
export function overlayUpdate(target: string, update: readonly string[]): string {
  return [
    `  - target: ${JSON.stringify(target)}`,
    '    update:',
    ...update.map((line) => `      ${line}`),
  ].join('\n');
}
