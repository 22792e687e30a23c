// A Verdaccio registry for the tests (test/support/verdaccio.ts): the config file given, any free
// port on 127.0.0.1, which it prints as one JSON line once it listens. Its stdin is a pipe from the
// test process that nobody writes to: it ends when that process ends, however it ends, and the
// registry must not outlive it.
import { runServer } from 'verdaccio';

const app = await runServer(process.argv[2]);
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
