/**
 * A request's contract checks: `checks/<operationId>.request.js` exports `request(itsChecks)`,
 * loaded only when requests are checked (`validate.request` is `off` by default), so none of this
 * is in a client that checks responses alone.
 */
import {
  type Issue,
  type ParameterCheck,
  type RequestCheck,
  type RequestChecks,
  type RequestParts,
} from './contract.js';
import { member } from './checks.js';
import { run, segment } from './explain.js';
import type { FetchInit } from './send.js';

/** The issues of a request: each parameter and the body, before anything is sent. */
export function request({ body, parameters = [] }: RequestChecks): RequestCheck {
  return (given, raw) => {
    const parts = (
      raw ? { ...((given as FetchInit).params as object), body: given.body } : given
    ) as RequestParts;
    const part = ([location, name, check, required, at]: ParameterCheck): Issue[] => {
      const given = parts[location as 'path'];
      const value = location == 'body' ? parts.body : given && member(given, name);
      const p = location == 'body' ? '' : segment(name);
      return value === undefined && required
        ? [{ p, s: `${at}/required`, r: 'required', g: -1, i: location }]
        : run(check, value, location).map((issue) => ({ ...issue, p: p + issue.p }));
    };
    return [...parameters.flatMap(part), ...(body ? part(['body', '', body[1], body[2], body[3]]) : [])];
  };
}
