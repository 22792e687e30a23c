/**
 * The Redocly resolver the lint and bundle stages share, reading `.json` files with `JSON.parse`:
 * Redocly's own parses every file as YAML, which on GitHub's 13 MB description costs seconds. A
 * file the loader has not checked yet (a `$ref`'d one) that is not JSON after all goes to Redocly's
 * YAML parser, whose errors say where.
 */
import { BaseResolver, Source, type Document } from '@redocly/openapi-core';

export class PipelineResolver extends BaseResolver {
  override parseDocument(source: Source, isRoot?: boolean): Document {
    if (source.absoluteRef.endsWith('.json')) {
      try {
        return { source, parsed: JSON.parse(source.body.replace(/^\uFEFF/, '')) as unknown };
      } catch {
        // Not JSON: Redocly's parser reports it in its own words.
      }
    }
    return super.parseDocument(source, isRoot);
  }

  /**
   * Takes a file as the loader read and parsed it, the text and value this resolver would make of
   * it (`LoadedSpec.takeDocument`), instead of reading and parsing it again.
   */
  adopt(path: string, document: { body: string; parsed: unknown }): void {
    const absoluteRef = this.resolveExternalRef(null, path);
    this.cache.set(
      absoluteRef,
      Promise.resolve({ source: new Source(absoluteRef, document.body), parsed: document.parsed }),
    );
  }
}
