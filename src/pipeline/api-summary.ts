/**
 * What the pipeline knows of an API after reading its spec (`describeApi` in model.ts): servers,
 * security schemes with the option names of their credentials, and per operation its method,
 * path, security, servers and documented statuses. The client module, the README, the mock's
 * credentials and the tests read it; the runtime gets a lean table derived from it
 * (`ApiDescription`, emitted by postprocess/operations-table.ts).
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describeApi } from './model.js';
import type { JsonObject } from '../shared/openapi.js';

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

export interface OperationSummary {
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
  /** The request body's media type when it is not application/json. */
  contentType?: string;
  /** How its query parameters are serialised, when not OpenAPI's default (`form`, exploded). */
  query?: QuerySerialization;
  /** The documented 2xx status the operation function decodes (200 where the page names none). */
  successStatus: number;
  /**
   * What the operation function resolves with when that is not the parsed JSON body: `nothing`
   * when the spec documents no body for the success, the body's `text` for a non-JSON media type.
   */
  returns?: 'nothing' | 'text';
  /** Documented non-2xx statuses, e.g. `[404]`; 'default' is not listed. */
  errorStatuses: number[];
}

/** openapi-fetch's `querySerializer` options, per kind of value. */
export interface QuerySerialization {
  array?: { style: 'form' | 'spaceDelimited' | 'pipeDelimited'; explode: boolean };
  object?: { style: 'form' | 'deepObject'; explode: boolean };
}

export interface ApiSummary {
  /** The API's short name, the spec file's base name: `diga`. */
  name: string;
  /** `info.title` of the spec. */
  title: string;
  /** `info.version` of the spec. */
  version: string;
  servers: ServerInfo[];
  securitySchemes: Record<string, SecuritySchemeInfo>;
  operations: Record<string, OperationSummary>;
}

/**
 * The summary of a generated package, read back from the spec it ships (`openapi.json`): for
 * tools and tests that start from a package rather than from `specs/`.
 */
export async function readPackageSummary(packageDir: string): Promise<ApiSummary> {
  const file = join(packageDir, 'openapi.json');
  const document = JSON.parse(await readFile(file, 'utf8')) as JsonObject;
  return describeApi(basename(packageDir), document, () => ({ file })).api;
}
