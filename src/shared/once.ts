/** `load` run on the first call only; every call resolves what that one did (or rejects as it did). */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
