// Feeding the archive to the search engine; the store reads, the engine computes.
import { BodyWordIndex } from '../search/body-index.js';
import { createSearchEngine, createSearchEngineAsync, type EngineSources, type SearchDoc, type SearchEngine } from '../search/engine.js';
import { toSearchDoc } from '../search/docs.js';
import { blockText } from './model.js';
import { hasBodyIndex, openBodySegments } from './body-store.js';
import type { Archive } from './store.js';

function bodyTextOf(archive: Archive, id: string): string | undefined {
  try {
    return archive.body(id).map(blockText).join('\n');
  } catch {
    return undefined; // a broken body only hides that body from search
  }
}

function inputs(archive: Archive, bodies: boolean): { docs: SearchDoc[]; sources: EngineSources } {
  const indexed = bodies && hasBodyIndex(archive.dir);
  const docs = archive.articles.map((meta) => {
    const body = bodies && !indexed ? archive.bodySafe(meta.id) : undefined;
    return toSearchDoc(meta, archive.authorsOf(meta), body);
  });
  if (!indexed) return { docs, sources: {} };
  const segments = openBodySegments(archive.dir);
  return {
    docs,
    sources: {
      bodyIndex: (docNumber) => new BodyWordIndex(segments, docNumber),
      bodyText: (id) => bodyTextOf(archive, id),
    },
  };
}

/** An engine over metadata, and over bodies too when asked: through the stored body index
 * (bodies read only for snippets), or, for an archive without one, by reading every body. */
export function searchEngineFor(archive: Archive, { bodies }: { bodies: boolean }): SearchEngine {
  const { docs, sources } = inputs(archive, bodies);
  return createSearchEngine(docs, sources);
}

/** The same, built without blocking the event loop for long (the reader's background build).
 * Bodies only through a stored index: reading every body file would freeze the reader. */
export function searchEngineForAsync(archive: Archive): Promise<SearchEngine> {
  const { docs, sources } = inputs(archive, hasBodyIndex(archive.dir));
  return createSearchEngineAsync(docs, sources);
}
