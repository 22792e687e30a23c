// The contract tests' Prism mocks, all in one process (global-setup.ts): the CLI serves one document
// per process, and each process spends about a second of CPU loading Prism's modules. For each
// `<api>=<port>=<document>` argument this starts the server that `prism mock <document> --port <port>
// --cors false` starts, through the CLI's own function with the CLI's defaults, and writes one JSON
// line per mock to fd 3: {"api","listening"} once it listens, or {"api","error"}.
// Logs below warnings are left out: the tests read none, and every request would print lines.
const { createWriteStream } = require('node:fs');
const { createSingleProcessPrism } = require('@stoplight/prism-cli/dist/util/createServer');

const status = createWriteStream('', { fd: 3 });
/** @param {{ api: string; listening?: string; error?: string }} line */
const report = (line) => status.write(`${JSON.stringify(line)}\n`);

for (const argument of process.argv.slice(2)) {
  const [api, port, document] = /** @type {[string, string, string]} */ (argument.split(/=(.*?)=(.*)/s));
  // As the CLI passes them, its defaults included (yargs gives `seed` null and the faker option undefined).
  /** @type {any} */
  const options = {
    document,
    port: Number(port),
    host: '127.0.0.1',
    cors: false,
    multiprocess: false,
    errors: false,
    verboseLevel: 'warn',
    dynamic: false,
    ignoreExamples: false,
    seed: null,
    jsonSchemaFakerFillProperties: undefined,
  };
  createSingleProcessPrism(options).then(
    () => report({ api, listening: `http://127.0.0.1:${port}` }),
    (error) => report({ api, error: String(error?.message ?? error) }),
  );
}

// Its stdin is a pipe from the test run that nobody writes to: it ends when the run ends, however
// it ends, and the mocks must not outlive it.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
