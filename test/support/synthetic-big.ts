// A big synthetic archive built through the real importer: the bench's articles
// (bench/synthetic.ts — Zipf-distributed English words, 300 authors, a dek each) with short
// bodies, so that 20 000 articles import in well under a minute. The articles at `keep` are
// handed back, to make queries from.
import type { ImportedArticle } from '../../src/ingest/pagedump.js';
import { Archive } from '../../src/archive/store.js';
import { loadVocabulary, makeArticle, makeAuthors, rng } from '../../bench/synthetic.js';

/** Words in each body. */
const BODY_WORDS: [number, number] = [60, 160];

/** The same count, seed and `keep` always give the same archive and articles. */
export async function syntheticBigArchive(
  dir: string,
  count: number,
  keep: readonly number[] = [],
  seed = 42,
): Promise<Map<number, ImportedArticle>> {
  const v = loadVocabulary();
  const r = rng(seed);
  const authors = makeAuthors(v, r);
  const kept = new Map<number, ImportedArticle>();
  const wanted = new Set(keep);
  function* batches() {
    for (let start = 1; start <= count; start += 1000) {
      const articles: ImportedArticle[] = [];
      for (let n = start; n < Math.min(count + 1, start + 1000); n++) {
        const article = makeArticle(v, r, authors, n, BODY_WORDS);
        if (wanted.has(n)) kept.set(n, article);
        articles.push(article);
      }
      yield { file: `synthetic-${start}.txt`, articles };
    }
  }
  const archive = await Archive.open(dir, { create: true });
  await archive.import(batches(), '2024-01-01T00:00:00.000Z');
  return kept;
}
