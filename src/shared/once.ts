/** `load` run on the first call only; every call returns what that one did (a promise resolves or rejects as it did). */
export function once<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}
