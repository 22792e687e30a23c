/** `npm run mock`: see src/mock/command.ts. */
import { DEFAULT_MOCK_OPTIONS, type MockOptions } from '../../mock/options.js';
import { UsageError } from '../../shared/errors.js';
import { defineCommand } from '../command.js';
import { oneApi, parsePort } from '../command-line.js';

export const mock = defineCommand({
  name: 'mock',
  synopsis: '<api> [--port N] [--dynamic] [--seed S]',
  description:
    'Serves a Prism mock of one API and prints its URL, the credentials it expects and a curl line\n' +
    "per operation, then Prism's request log, until Ctrl-C, SIGTERM or a closed stdout.",
  arguments: { '<api>': 'the API, by spec name (its generated/<api>/openapi.json, else specs/<api>.yaml)' },
  options: {
    port: {
      type: 'string',
      value: 'N',
      description: `the port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT_MOCK_OPTIONS.port})`,
    },
    dynamic: {
      type: 'boolean',
      description: "responses generated from the schemas instead of the spec's examples",
    },
    seed: { type: 'string', value: 'S', description: 'makes --dynamic responses repeatable' },
  },
  exits: {
    0: 'stopped by Ctrl-C, SIGTERM or a closed stdout',
    2: 'wrong usage: an unknown option or API, a port in use, a spec that does not load; or Prism failed to start or stopped by itself',
  },
  parse({ values, positionals }): MockOptions {
    const api = oneApi(positionals);
    if (values.seed !== undefined && !values.dynamic) {
      throw new UsageError('--seed', 'only changes generated responses: add --dynamic');
    }
    return {
      ...DEFAULT_MOCK_OPTIONS,
      api,
      port: parsePort(values.port) ?? DEFAULT_MOCK_OPTIONS.port,
      dynamic: values.dynamic ?? DEFAULT_MOCK_OPTIONS.dynamic,
      ...(values.seed === undefined ? {} : { seed: values.seed }),
    };
  },
  async run(options, io) {
    const { handleMock } = await import('../../mock/command.js');
    return handleMock(options, io);
  },
});
