// Feeding the archive to the search engine; the store reads, the engine computes.
import { createSearchEngine, type SearchEngine } from '../search/engine.js';
import { toSearchDoc } from '../search/docs.js';
import type { Archive } from './store.js';

/** An engine over metadata, and over bodies too when asked (reads every body file). */
export function searchEngineFor(archive: Archive, { bodies }: { bodies: boolean }): SearchEngine {
  return createSearchEngine(
    archive.articles.map((meta) => {
      let body;
      if (bodies) {
        try {
          body = archive.body(meta.id);
        } catch {
          body = undefined; // a broken body only hides that body from search
        }
      }
      return toSearchDoc(meta, archive.authorsOf(meta), body);
    }),
  );
}
