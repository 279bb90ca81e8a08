// Feeding the archive to the search engine; the store reads, the engine computes.
import { SegmentWordIndex } from '../search/segment-index.js';
import { createSearchEngine, createSearchEngineAsync, type EngineSources, type SearchDoc, type SearchEngine } from '../search/engine.js';
import { toSearchDoc } from '../search/docs.js';
import { blockText } from '../model/schema.js';
import { hasWordIndex, openSegments } from './segment-store.js';
import type { Archive } from './store.js';

function bodyTextOf(archive: Archive, id: string): string | undefined {
  try {
    return archive.body(id).map(blockText).join('\n');
  } catch {
    return undefined; // a broken body only hides that body from search
  }
}

function inputs(archive: Archive, bodies: boolean): { docs: SearchDoc[]; sources: EngineSources } {
  const indexed = hasWordIndex(archive.segments);
  const docs = archive.articles.map((meta) => {
    const body = bodies && !indexed ? archive.bodySafe(meta.id) : undefined;
    return toSearchDoc(meta, archive.authorsOf(meta), body);
  });
  if (!indexed) return { docs, sources: {} };
  return {
    docs,
    sources: {
      wordIndex: (numbering) => new SegmentWordIndex(openSegments(archive.dir, archive.segments, archive.removedRows), numbering, bodies),
      bodyText: (id) => bodyTextOf(archive, id),
      // Every article, in index.json's order, unless the archive holds only some.
      inIndexOrder: !archive.partial,
      metadataOnly: !bodies,
    },
  };
}

/** An engine over the archive: through its stored word index (bodies read only for
 * snippets), or, for an archive without one, an index built in memory — with every body
 * read when `bodies` is asked for. */
export function searchEngineFor(archive: Archive, { bodies }: { bodies: boolean }): SearchEngine {
  const { docs, sources } = inputs(archive, bodies);
  return createSearchEngine(docs, sources);
}

/** The same for the reader: never blocks long, never reads every body. */
export function searchEngineForAsync(archive: Archive): Promise<SearchEngine> {
  const { docs, sources } = inputs(archive, hasWordIndex(archive.segments));
  return createSearchEngineAsync(docs, sources);
}
