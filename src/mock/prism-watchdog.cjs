// Preloaded into Prism's process by prism.ts (`node --require`). Prism's stdin is a pipe from the
// process that started it and nobody writes to it: it ends when that process ends, however it ends
// (a SIGKILL included, which runs no exit handler there), and Prism must not outlive it.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
