// Feeding the archive to the search engine; the store reads, the engine computes.
import { BodyWordIndex } from '../search/body-index.js';
import { createSearchEngine, type SearchEngine } from '../search/engine.js';
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

/** An engine over metadata, and over bodies too when asked: through the stored body index
 * (bodies read only for snippets), or, for an archive without one, by reading every body. */
export function searchEngineFor(archive: Archive, { bodies }: { bodies: boolean }): SearchEngine {
  const indexed = bodies && hasBodyIndex(archive.dir);
  const docs = archive.articles.map((meta) => {
    const body = bodies && !indexed ? archive.bodySafe(meta.id) : undefined;
    return toSearchDoc(meta, archive.authorsOf(meta), body);
  });
  if (!indexed) return createSearchEngine(docs);
  const segments = openBodySegments(archive.dir);
  return createSearchEngine(docs, {
    bodyIndex: (docNumber) => new BodyWordIndex(segments, docNumber),
    bodyText: (id) => bodyTextOf(archive, id),
  });
}
