/**
 * Builds the documents the classifier tests compare: one minimal, valid OpenAPI 3.1 document with
 * a single PATCH operation (closed request body, open response, bearer auth), and copies of it
 * changed by a row's mutators.
 */
import type { ChangeKind, OpenApiDocument, SpecChange } from '../../src/changes/index.js';
import { oneOperationSpec } from '../support/spec-builder.js';

/** The one operation of the base document, as locations name it. */
export const OP = 'PATCH /v1/agents/{agent_id}';

/** Loosely typed on purpose: rows reach into any part of the document. */
export type Doc = OpenApiDocument & Record<string, any>;
export type Mutator = (doc: Doc) => void;

export function baseDocument(): Doc {
  return oneOperationSpec({
    path: '/v1/agents/{agent_id}',
    operation: {
      operationId: 'updateAgent',
      summary: 'Update agent',
      parameters: [
        { name: 'agent_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              properties: {
                name: { type: 'string', maxLength: 100, description: 'Display name.' },
                type: { type: 'string', enum: ['voice', 'chat'] },
                temperature: { type: 'number', minimum: 0, maximum: 1 },
                voice: { $ref: '#/components/schemas/Voice', unevaluatedProperties: false },
                tags: { type: 'array', items: { type: 'string' } },
              },
            },
            example: { name: 'Support' },
          },
        },
      },
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'name'],
                properties: {
                  id: { type: 'string' },
                  name: { type: 'string' },
                  type: { type: 'string', enum: ['voice', 'chat'] },
                  voice: { $ref: '#/components/schemas/Voice' },
                  created_at: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
        },
      },
    },
    document: {
      info: { title: 'Test API', version: '1.0.0' },
      servers: [{ url: 'https://api.example.com' }],
      security: [{ BearerAuth: [] }],
      components: {
        schemas: {
          Voice: {
            type: 'object',
            description: 'A voice.',
            properties: {
              provider: { type: 'string', enum: ['openai', 'rime'] },
              speed: { type: 'number' },
            },
          },
        },
        securitySchemes: { BearerAuth: { type: 'http', scheme: 'bearer' } },
      },
    },
  }) as Doc;
}

/** The base document with `mutate` applied; every call builds a fresh copy. */
export function documentWith(mutate: Mutator = () => {}): Doc {
  const doc = baseDocument();
  mutate(doc);
  return doc;
}

/** Shortcuts into the base document's operation. */
export const operation = (doc: Doc) => doc.paths['/v1/agents/{agent_id}'].patch;
export const requestSchema = (doc: Doc) => operation(doc).requestBody.content['application/json'].schema;
export const responseSchema = (doc: Doc) =>
  operation(doc).responses['200'].content['application/json'].schema;

/** What a row expects: kind, location, and a substring of the message. */
export type Expected = [kind: ChangeKind, location: string, message: string];

export function summarize(changes: SpecChange[]): Array<[ChangeKind, string]> {
  return changes.map(({ kind, location }) => [kind, location]);
}

export function change(kind: ChangeKind, location: string, message: string): SpecChange {
  return { kind, location, message };
}
