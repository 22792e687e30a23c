/**
 * The Redocly resolver the lint and bundle stages share, reading `.json` files with `JSON.parse`:
 * Redocly's own parses every file as YAML, which on GitHub's 13 MB description costs seconds. A
 * file the loader has not checked yet (a `$ref`'d one) that is not JSON after all goes to Redocly's
 * YAML parser, whose errors say where.
 */
import { BaseResolver, Source, YamlParseError, type Document } from '@redocly/openapi-core';
import { duplicateJsonKeys, duplicateKeyMessage, lineColumns } from '../../shared/json-text.js';

export class PipelineResolver extends BaseResolver {
  override parseDocument(source: Source, isRoot?: boolean): Document {
    if (source.absoluteRef.endsWith('.json')) {
      const body = source.body.replace(/^\uFEFF/, '');
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        // Not JSON: Redocly's parser reports it in its own words.
        return super.parseDocument(source, isRoot);
      }
      // A name given twice, which JSON.parse takes in silence, refused as Redocly's YAML parser
      // refuses a duplicate key: reported by `no-unresolved-refs` at the second name.
      const [duplicate] = duplicateJsonKeys(body);
      if (duplicate !== undefined) {
        const lineColumnOf = lineColumns(source.body);
        const skip = source.body.length - body.length;
        const place = (offset: number) => lineColumnOf(offset + skip);
        const error = new YamlParseError(new Error(duplicateKeyMessage(duplicate, place)), source);
        ({ line: error.line, column: error.col } = place(duplicate.offset));
        throw error;
      }
      return { source, parsed };
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
