/** `npm run verify`: see src/verify/command.ts. */
import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_VERIFY_CONTEXT, parseUpstream, type VerifyContext } from '../../verify/context.js';
import { UsageError } from '../../shared/errors.js';
import { defineCommand } from '../command.js';
import { oneApi, parsePort } from '../command-line.js';

export const verify = defineCommand({
  name: 'verify',
  synopsis: '<api> --upstream <url> [--port N] [--requests <file.json>] [--json]',
  description:
    'Checks a real API against its spec: sends requests through Prism, as a validating proxy, to\n' +
    'the upstream, and reports every request or response that breaks the spec (a request that\n' +
    'does is not sent). Credentials and path parameters come from <API>_<OPTION> variables\n' +
    '(DIGA_TOKEN, TRILLET_WORKSPACE_ID).',
  arguments: { '<api>': 'the API, by spec name (its generated/<api>/openapi.json, else specs/<api>.yaml)' },
  options: {
    upstream: {
      type: 'string',
      value: '<url>',
      description: 'the base URL of the API to check, base path included (required)',
    },
    port: {
      type: 'string',
      value: 'N',
      description: `the Prism proxy's port on 127.0.0.1 (default: ${DEFAULT_VERIFY_CONTEXT.port}, a free one)`,
    },
    requests: {
      type: 'string',
      value: '<file.json>',
      description: "the requests to send, a JSON array (default: the spec's examples and smallest requests)",
    },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  exits: {
    0: 'every request and response follows the spec',
    1: 'a request or response breaks the spec, or a request could not be checked',
    2: 'wrong usage: an unknown option or API, a bad --upstream or --requests, a missing credential, an upstream that does not answer; or Prism died',
    130: 'stopped by Ctrl-C (143: SIGTERM, 141: a closed stdout); Prism is stopped first',
  },
  parse({ values, positionals }, io): VerifyContext {
    const api = oneApi(positionals);
    if (values.upstream === undefined) {
      throw new UsageError('--upstream', 'required: the base URL of the API to check');
    }
    // npm runs scripts in the project root; a relative path starts where `npm run` was typed.
    const cwd = io.env['INIT_CWD'] ?? process.cwd();
    return {
      ...DEFAULT_VERIFY_CONTEXT,
      api,
      upstream: parseUpstream(values.upstream, api),
      port: parsePort(values.port) ?? DEFAULT_VERIFY_CONTEXT.port,
      json: values.json ?? DEFAULT_VERIFY_CONTEXT.json,
      ...(values.requests === undefined
        ? {}
        : { requestsFile: isAbsolute(values.requests) ? values.requests : resolve(cwd, values.requests) }),
    };
  },
  async run(ctx, io) {
    const { handleVerify } = await import('../../verify/command.js');
    return handleVerify(ctx, io);
  },
});
