/**
 * The API model: what the pipeline knows of an API after reading its bundled spec once
 * (`describeApi`). Every file of a package is emitted from it, the change classifier names a
 * package's exports from it, and the mock and verify commands read credentials and statuses from
 * it, so none of them can disagree about an operation's name, parameters, statuses or credentials.
 *
 * The runtime never sees this model: it gets a lean table derived from it, `ApiDescription`
 * (`src/runtime/api-description.ts`), which the pipeline's `emit/operations-table.ts` writes into
 * each package's `operations.js` with only what a client acts on.
 */
import type { HttpMethod as RequestMethod } from '../runtime/api-description.js';
import type { PartEncoding } from '../runtime/body.js';
import type { ConditionalModel } from './conditionals.js';
import type { EnumModel } from './enums.js';
import type { ReadWriteTypes, ReadWriteView } from './read-write.js';
import type { ModelWarning, RenameReason } from './operation-names.js';

/** An operation's method as OpenAPI keys it in a path item (`patch`); the runtime's table upper-cases it. */
export type HttpMethod = Lowercase<RequestMethod>;

export interface ServerInfo {
  url: string;
  description?: string;
}

/**
 * One entry of `components.securitySchemes`, reduced to what a client needs to attach it.
 * `credential` is the option name a person passes to the factory (`token`, `apiKey`,
 * `workspaceId`): derived from the scheme (bearer gives `token`, an apiKey header `x-api-key`
 * gives `apiKey`), or taken from the scheme's `x-credential-name` extension when the spec sets one
 * (see `nameCredentials`).
 */
export type SecuritySchemeInfo =
  | {
      type: 'http';
      scheme: 'bearer' | 'basic';
      /** An OAuth 2 or OpenID Connect scheme, whose access token goes as a bearer token. */
      origin?: 'oauth2' | 'openIdConnect';
      credential: string;
      description?: string;
    }
  | {
      type: 'apiKey';
      in: 'header' | 'query' | 'cookie';
      name: string;
      /**
       * Not a scheme of the spec's: a header parameter of the operations that carries a key, in a
       * document without security schemes (see `header-credentials.ts`). A call's own value wins.
       */
      parameter?: true;
      credential: string;
      description?: string;
    };

/**
 * How a success body that is not JSON is read: `nothing` when the spec documents none, `text` for
 * text types, `events` for `text/event-stream`, `bytes` for anything else (audio, images, archives).
 */
export type ResponseKind = 'nothing' | 'text' | 'bytes' | 'events';

/**
 * openapi-fetch's `querySerializer` options, per kind of value; or, when the operation's
 * parameters of one kind ask for different ways, each parameter's own (by name).
 */
export interface QuerySerialization {
  array?: { style: 'form' | 'spaceDelimited' | 'pipeDelimited'; explode: boolean };
  object?: { style: 'form' | 'deepObject'; explode: boolean };
  parameters?: Record<string, Omit<QuerySerialization, 'parameters'>>;
}

export interface ParameterModel {
  name: string;
  required: boolean;
  /**
   * Set on a header or query parameter that carries a credential: in a document without security
   * schemes, a header the scheme is made of; else one that is also an apiKey scheme the operation
   * uses (see `header-credentials.ts`). The scheme's name. Optional in calls whatever `required` says.
   */
  credential?: string;
  description?: string;
  /** The spec's example of the parameter, if it gives one (see `exampleOf`). */
  example?: unknown;
}

export interface BodyModel {
  /** The media type whose schema the client sends (JSON preferred). */
  mediaType: string;
  required: boolean;
  description?: string;
  /** The spec's example of the body in that media type, if it gives one (see `exampleOf`). */
  example?: unknown;
  /** The properties the body's schema lists as `required`, but readOnly ones (required in responses only). */
  requiredProperties: string[];
  /** A form's properties that go out otherwise than by default, from the media type's `encoding`. */
  encoding?: Record<string, PartEncoding>;
}

export interface ResponseModel {
  status: number;
  /** Set on the assumed 200 of an operation that documents no 2xx response. */
  undocumented?: true;
  /** The media type whose schema the client decodes; absent when the response has no body. */
  mediaType?: string;
  description?: string;
}

export interface OperationModel {
  /**
   * The operation's name in the package: its method of the client, what its types are named after
   * and what errors name. The spec's operationId when that is a camelCase identifier, else derived
   * from it or from the method and path (see `operation-names.ts`); unique in the API.
   */
  operationId: string;
  /** The operationId as the spec writes it; absent when the operation has none. */
  specOperationId?: string;
  /** Why `operationId` is not the spec's as it is, when it is not. */
  renamed?: RenameReason;
  method: HttpMethod;
  /** The path template as the spec writes it, e.g. `/v1/agent/{agent_id}`. */
  path: string;
  summary?: string;
  /**
   * Alternatives, as in OpenAPI: the request must satisfy one inner list completely, and every
   * scheme named in that inner list is sent. `[]` means no authentication.
   */
  security: string[][];
  /** The operation's servers: its own, else its path's, else the document's. */
  servers: ServerInfo[];
  /** The request body's media type when it is not application/json. */
  contentType?: string;
  /** How its query parameters are serialised, when not OpenAPI's default (`form`, exploded). */
  query?: QuerySerialization;
  /** The documented 2xx status the operation function decodes (200 where the page names none). */
  successStatus: number;
  /**
   * What the operation function resolves with when that is not the parsed JSON body (see
   * `responseKind`): the runtime's reader of that name reads it (`runtime/response.ts`).
   */
  returns?: ResponseKind;
  /** Documented non-2xx statuses, e.g. `[404]`; 'default' is not listed. */
  errorStatuses: number[];
  /**
   * The error responses that document a body, keyed as the spec keys them (`422`, `4XX`,
   * `default`): a raw call resolves those statuses' `error` with the body, any other with an error.
   */
  errorBodies: string[];
  /** JSON pointer of the operation in the spec. */
  pointer: string;
  description?: string;
  deprecated: boolean;
  parameters: { path: ParameterModel[]; query: ParameterModel[]; header: ParameterModel[] };
  requestBody?: BodyModel;
  success: ResponseModel;
  errors: ResponseModel[];
}

export interface SchemaModel {
  name: string;
  pointer: string;
  title?: string;
  description?: string;
  deprecated: boolean;
  /**
   * Present when the schema holds readOnly or writeOnly properties: its named export is this view
   * of it (`Readable<…>` or `Writable<…>`, see `read-write.ts`).
   */
  view?: ReadWriteView;
}

export interface CredentialModel {
  /** The factory option name. */
  name: string;
  /** The security scheme that reads it (one per credential: `describeApi` rejects sharing). */
  scheme: string;
  /**
   * Needed by every operation that needs credentials, in each of its alternatives: the factory
   * cannot be made without it. Another credential is optional: the operations that need it reject
   * calls made without it.
   */
  required: boolean;
}

export interface ApiModel {
  /** The API's short name, the spec file's base name: `diga`. */
  name: string;
  /** `info.title` of the spec. */
  title: string;
  /** `info.version` of the spec. */
  version: string;
  /** `info.description` of the spec. */
  description?: string;
  /** The document's servers, variables filled in with their defaults; `/` when it names none. */
  servers: ServerInfo[];
  /** By the spec's scheme name. */
  securitySchemes: Record<string, SecuritySchemeInfo>;
  /** In spec order. */
  operations: OperationModel[];
  /** `components.schemas`, in spec order. */
  schemas: SchemaModel[];
  credentials: CredentialModel[];
  /** What generate reports about the package besides errors: names the spec did not give as they are. */
  warnings: ModelWarning[];
  /** The inline enums of fields and parameters, each a named export (see `enums.ts`). */
  enums: EnumModel[];
  /** Every `if`/`then`/`else` of the schemas, and which of them the types express. */
  conditionals: ConditionalModel[];
  /** Present when some property is readOnly or writeOnly: what the types stage marks and wraps. */
  readWrite?: ReadWriteTypes;
}

/**
 * How a reader reports a problem of the spec: the JSON pointer of the offending node, and what is
 * wrong. `describeApi` collects every problem and throws them together.
 */
export type Fail = (at: string, what: string) => void;
