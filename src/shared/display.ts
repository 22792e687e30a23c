/**
 * How every message, banner and manifest names a file: relative to the project root and
 * `/`-separated, whatever the platform and wherever the command was started.
 */
import { relative } from 'node:path';

/** `specs/x.yaml` for a path under `root`, else the path as given. */
export function displayPathFor(root: string): (absolutePath: string) => string {
  return (absolutePath) => {
    const path = relative(root, absolutePath);
    return path.startsWith('..') ? absolutePath : path.split('\\').join('/');
  };
}
