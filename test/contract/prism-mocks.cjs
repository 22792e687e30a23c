// The contract tests' Prism mocks, all in one process (global-setup.ts): the CLI serves one document
// per process, and each process spends about a second of CPU loading Prism's modules. For each
// `<api>=<port>=<document>` argument this starts the server that `prism mock <document> --port <port>
// --cors false` starts, through the CLI's own function with the CLI's defaults, and writes one JSON
// line per mock to fd 3: {"api","listening"} once it listens, or {"api","error"}. A first argument
// `--bundle=<path>` loads that function from Prism's bundle (src/mock/prism-bundle.ts) with its code
// cache, a third of the CPU of loading it from the package.
// Logs below warnings are left out: the tests read none, and every request would print lines.
const { createWriteStream } = require('node:fs');

const BUNDLE = '--bundle=';
const args = process.argv.slice(2);
const bundle = args[0]?.startsWith(BUNDLE) ? args.shift()?.slice(BUNDLE.length) : undefined;
const { createSingleProcessPrism } =
  bundle === undefined
    ? require('@stoplight/prism-cli/dist/util/createServer')
    : require('../../src/mock/prism-load.cjs').loadPrismBundle(bundle);

const status = createWriteStream('', { fd: 3 });
/** @param {{ api: string; listening?: string; error?: string }} line */
const report = (line) => status.write(`${JSON.stringify(line)}\n`);

for (const argument of args) {
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
