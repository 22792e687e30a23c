/**
 * The contract between the pipeline and the client runtime.
 *
 * The pipeline reads each spec and writes one `ApiDescription` per API into the generated package
 * (`operations.js`); the runtime reads nothing else about a vendor. Everything vendor-specific
 * (servers, credentials, paths, methods) therefore lives in the specs, never in `src/`.
 */

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export interface ServerInfo {
  url: string;
  description?: string;
}

/**
 * One entry of `components.securitySchemes`, reduced to what a client needs to attach it.
 * `credential` is the option name a person passes to the factory (`token`, `apiKey`,
 * `workspaceId`): derived from the scheme (bearer gives `token`, an apiKey header `x-api-key`
 * gives `apiKey`), or taken from the scheme's `x-credential-name` extension when the spec sets one.
 */
export type SecuritySchemeInfo =
  | { type: 'http'; scheme: 'bearer' | 'basic'; credential: string; description?: string }
  | {
      type: 'apiKey';
      in: 'header' | 'query' | 'cookie';
      name: string;
      credential: string;
      description?: string;
    };

export interface OperationInfo {
  operationId: string;
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
  /** The documented 2xx status the operation function decodes (200 where the page names none). */
  successStatus: number;
  /** Documented non-2xx statuses, e.g. `[404]`; 'default' is not listed. */
  errorStatuses: number[];
}

export interface ApiDescription {
  /** The API's short name, the spec file's base name: `diga`. */
  name: string;
  /** `info.title` of the spec. */
  title: string;
  /** `info.version` of the spec. */
  version: string;
  servers: ServerInfo[];
  securitySchemes: Record<string, SecuritySchemeInfo>;
  operations: Record<string, OperationInfo>;
}
