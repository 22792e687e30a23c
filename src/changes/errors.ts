/** Which of the two documents a problem was found in; every error names it. */
export type DocumentSide = 'before' | 'after';

/**
 * A document the classifier cannot read: a keyword of the wrong type, a `$ref` that points nowhere.
 * The message says which document and where, e.g.
 * `after document, PATCH /v1/agent/{agent_id} request.name: "maxLength" must be a number, got "5"`.
 */
export class SpecShapeError extends Error {
  constructor(
    readonly side: DocumentSide,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${side} document, ${where}: ${problem}`);
    this.name = 'SpecShapeError';
  }
}
