/**
 * The layout's rules, checked on the import statements of `src/`: the top-level folders import
 * each other without a cycle (the pipeline and the change classifier once imported each other),
 * and the runtime, compiled file by file into every package, imports nothing outside its folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Every relative import of every source file: `[importing file, imported path]`, both under `src/`. */
const IMPORTS: [string, string][] = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.(ts|js)$/.test(file))
  .flatMap((file) =>
    [...readFileSync(join(SRC, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(
      ([, specifier]) => [file, relative(SRC, resolve(SRC, dirname(file), specifier!))] as [string, string],
    ),
  );

const folderOf = (path: string): string => path.split('/')[0]!;

describe('src/', () => {
  it('its top-level folders import each other without a cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const [from, to] of IMPORTS) {
      if (folderOf(from) === folderOf(to) || to.startsWith('..')) continue;
      edges.set(folderOf(from), (edges.get(folderOf(from)) ?? new Set()).add(folderOf(to)));
    }
    // A folder that reaches itself through the others is on a cycle.
    const reaches = (start: string): Set<string> => {
      const seen = new Set<string>();
      const visit = (folder: string): void => {
        for (const next of edges.get(folder) ?? []) if (!seen.has(next)) visit((seen.add(next), next));
      };
      visit(start);
      return seen;
    };
    expect([...edges.keys()].filter((folder) => reaches(folder).has(folder))).toEqual([]);
    expect(edges.size).toBeGreaterThan(3);
  });

  it('the runtime imports nothing outside src/runtime/', () => {
    const runtime = IMPORTS.filter(([from]) => folderOf(from) === 'runtime');
    expect(runtime.length).toBeGreaterThan(0);
    expect(runtime.filter(([, to]) => folderOf(to) !== 'runtime')).toEqual([]);
  });
});
