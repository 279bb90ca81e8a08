// The one search engine. A word index finds the documents that match every query word
// (exact, prefix or typo); fuse.js ranks the best few hundred of them. Every caller —
// `byline search`, `byline read QUERY`, the reader's search as you type — comes here.
import Fuse from 'fuse.js';
import { parseQuery, type Field } from './query.js';
import type { Range } from '../model/range.js';
import { snippetAround, type Snippet } from './snippet.js';
import { FIELD_BIT, FIELD_WEIGHT, TokenIndex, type DocNumbering, type WordIndex } from './token-index.js';
import { tokenize, words as wordsOf } from './tokenize.js';
import { FoldedNames, ShortWordIndex } from './short-words.js';

export interface SearchDoc {
  id: string;
  title: string;
  dek: string;
  authors: string;
  lead: string;
  body?: string;
  /** The article's tags, for `tag:NAME`. */
  tags?: readonly string[];
}

export interface FieldMatch {
  field: Field;
  ranges: Range[];
}

export interface Hit {
  id: string;
  /** 0..1, higher is better. */
  score: number;
  matches: FieldMatch[];
  snippet?: Snippet;
}

export interface SearchOptions {
  limit?: number;
  /** Snippets for at most this many hits (each may read a body). */
  snippets?: number;
}

export interface SearchEngine {
  search(query: string, options?: number | SearchOptions): Hit[];
  /** The body snippet of one hit of a recent search (read now: a caller asks only for the
   * rows it shows); undefined when its body does not have the query's words. */
  snippet(query: string, id: string): Snippet | undefined;
  readonly size: number;
  /** Opens a stored word index now (in idle time), not on the first word that needs it. */
  warm(): void;
}

/** The documents an engine searches, document i at(i): an array, or a list that makes each
 * document only when asked for it. */
export interface Docs {
  readonly length: number;
  at(i: number): SearchDoc | undefined;
  /** Document i's id, when it is at hand without making the document. */
  idAt?(i: number): string | undefined;
}

export interface EngineSources {
  /** A stored word index over every field (mapped onto the documents' numbers: their
   * positions in docs); without one, an index is built in memory from docs. */
  wordIndex?: (numbering: DocNumbering) => WordIndex;
  /** Folded titles and names shared by engines over a list that grows. */
  folded?: FoldedNames;
  /** The docs are in index.json's order (and all of them): a stored index's rows are their numbers. */
  inIndexOrder?: boolean;
  /** Body text for snippets, when docs do not carry it. */
  bodyText?: (id: string) => string | undefined;
  /** Leave article bodies out of the search (title, authors, dek and lead only). */
  metadataOnly?: boolean;
}

const META_KEYS: Field[] = ['title', 'authors', 'dek', 'lead'];
/** How many candidates fuse ranks. */
const RANKED = 100;
const SHORT_WORD = 2;
/** Postings (roughly) read per query word, exact matches aside. */
const POSTINGS_BUDGET = 150_000;
/** fuse ranks on the short fields; the lead is long and its words are already scored. */
const RANK_KEYS: Field[] = ['title', 'authors', 'dek'];

interface QueryWord {
  word: string;
  field?: Field;
}

/** The best weight among the fields in a mask; square-rooted so that where a word is found
 * matters less than how exactly it is found. */
const MASK_WEIGHT = Array.from({ length: 32 }, (_, mask) =>
  Math.sqrt(Math.max(0, ...(Object.keys(FIELD_BIT) as Field[]).filter((f) => mask & FIELD_BIT[f]).map((f) => FIELD_WEIGHT[f]))),
);

/** Whether a query has a word short enough to be looked for by a scan of every title and
 * name (see short-words.ts), which reads every document. */
export function scansTitles(query: string): boolean {
  return parseQuery(query).some((t) => wordsOf(t.text).some((w) => w.length <= SHORT_WORD));
}

/** With a stored index there is nothing to build; otherwise the in-memory index is built. */
export function createSearchEngine(docs: Docs, sources: EngineSources = {}): SearchEngine {
  if (sources.wordIndex) return engineOver(docs, sources);
  const index = new TokenIndex();
  for (let i = 0; i < docs.length; i++) index.add(i, docs.at(i)!);
  return engineOver(docs, sources, index.freeze());
}

/** The in-memory build in slices that give the event loop back, so a reader stays
 * responsive while it indexes (only for archives without a stored index). */
export async function createSearchEngineAsync(docs: SearchDoc[], sources: EngineSources = {}, slice = 2000): Promise<SearchEngine> {
  if (sources.wordIndex) return engineOver(docs, sources);
  const index = new TokenIndex();
  for (let start = 0; start < docs.length; start += slice) {
    for (let i = start; i < Math.min(docs.length, start + slice); i++) index.add(i, docs[i]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return engineOver(docs, sources, index.freeze());
}

function engineOver(docs: Docs, sources: EngineSources, built?: TokenIndex): SearchEngine {
  const docAt = (i: number) => docs.at(i)!;
  // Made only when an id must be numbered (a snippet asked for by id, a stored index without rows).
  let numbers: Map<string, number> | undefined;
  const numberOf = (id: string) => {
    numbers ??= new Map(Array.from({ length: docs.length }, (_, i) => [docAt(i).id, i]));
    return numbers.get(id);
  };
  const words: WordIndex =
    built ??
    sources.wordIndex!({
      number: numberOf,
      idAt: (i) => (docs.idAt ? docs.idAt(i) : docs.at(i)?.id),
      size: docs.length,
      inIndexOrder: sources.inIndexOrder,
    });
  const short = new ShortWordIndex(docs, sources.folded);
  const allowed = sources.metadataOnly ? 0xff & ~FIELD_BIT.body : 0xff;
  const bodyText = (i: number) => docAt(i).body ?? sources.bodyText?.(docAt(i).id);

  const n = docs.length;
  const total = new Float64Array(n);
  const best = new Float64Array(n);
  const matched = new Int32Array(n);
  const fields = new Uint8Array(n);
  /** How well the query words matched the metadata (not only the body): sum of best qualities. */
  const metaQuality = new Float64Array(n);
  const bestMeta = new Float64Array(n);
  const seen = new Int32Array(n);
  let generation = 0;

  /** Documents that match every query word, with a summed score. */
  function candidates(query: QueryWord[], vocab: Map<string, number>): number[] {
    let alive: number[] = [];
    /** Every document a word of this search marked in `matched`, to be cleared at the end. */
    const marked: number[] = [];
    query.forEach((q, qi) => {
      const stamp = ++generation;
      const touched: number[] = [];
      for (const index of q.word.length <= SHORT_WORD ? [short] : [words]) {
        // Best matches first; once the postings read for this word pass the budget, weaker
        // matches (typos landing on very common words) are skipped: they cost the most and,
        // with their low idf, change the ranking least.
        let spent = 0;
        for (const m of [...index.lookup(q.word)].sort((a, b) => b.quality - a.quality)) {
          const cost = index.cost(m.token);
          if (m.quality < 1 && spent + cost > POSTINGS_BUDGET) continue;
          spent += cost;
          const p = index.postings(m.token);
          const weight = m.quality * index.idf(m.token);
          const word = index.word(m.token);
          vocab.set(word, Math.max(vocab.get(word) ?? 0, m.covers));
          for (let k = 0; k < p.docs.length; k++) {
            const doc = p.docs[k];
            let mask = p.masks[k] & allowed;
            if (q.field) mask &= FIELD_BIT[q.field];
            if (!mask || (qi > 0 && matched[doc] !== qi)) continue;
            const s = weight * MASK_WEIGHT[mask];
            if (seen[doc] !== stamp) {
              seen[doc] = stamp;
              best[doc] = s;
              bestMeta[doc] = 0;
              if (qi === 0) {
                total[doc] = 0;
                fields[doc] = 0;
                metaQuality[doc] = 0;
              }
              touched.push(doc);
            } else if (s > best[doc]) best[doc] = s;
            fields[doc] |= mask;
            // Squared: fuse is trusted on near-exact metadata matches, barely on typo ones.
            if (mask & ~(FIELD_BIT.body | FIELD_BIT.lead) && m.quality ** 2 > bestMeta[doc]) bestMeta[doc] = m.quality ** 2;
          }
        }
      }
      for (const doc of touched) {
        total[doc] += best[doc];
        metaQuality[doc] += bestMeta[doc];
        matched[doc] = qi + 1;
        if (qi === 0) marked.push(doc);
      }
      alive = touched;
    });
    // `matched` outlives a search: clear every mark this one set — also on documents that
    // matched an early word but not a later one — or the next search would count them.
    const out = alive.filter((d) => matched[d] === query.length);
    for (const d of marked) matched[d] = 0;
    return out;
  }

  /** The k best by score, without sorting the whole list. */
  function topByScore(list: number[], k: number): number[] {
    let pool = list;
    if (pool.length > k * 4) {
      // Keep what beats the k-th best of a sample, then sort only that.
      const sample = pool
        .filter((_, i) => i % Math.ceil(pool.length / 512) === 0)
        .map((d) => total[d])
        .sort((a, b) => b - a);
      const cut = sample[Math.min(sample.length - 1, Math.ceil((k / pool.length) * sample.length * 2))];
      const kept = pool.filter((d) => total[d] >= cut);
      if (kept.length >= k) pool = kept;
    }
    return [...pool].sort((a, b) => total[b] - total[a] || a - b).slice(0, k);
  }

  /** The matched words of the last few queries, for snippets asked for after the search. */
  const recentVocab = new Map<string, Map<string, number>>();

  function ranges(text: string, vocab: Map<string, number>): Range[] {
    const out: Range[] = [];
    for (const t of tokenize(text)) {
      const covers = vocab.get(t.text);
      if (covers) out.push([t.start, Math.min(t.end, t.start + covers)]);
    }
    return out;
  }

  function allTagged(tagged: (i: number) => boolean, limit: number): Hit[] {
    const hits: Hit[] = [];
    for (let i = 0; i < n && hits.length < limit; i++) if (tagged(i)) hits.push({ id: docAt(i).id, score: 1, matches: [] });
    return hits;
  }

  return {
    size: n,
    warm: () => words.open?.(),
    snippet(query, id) {
      const vocab = recentVocab.get(query);
      const i = numberOf(id);
      if (!vocab || i === undefined) return undefined;
      const body = bodyText(i);
      const r = body ? ranges(body, vocab) : [];
      return body && r.length ? snippetAround(body, r) : undefined;
    },
    search(query, options = {}) {
      const { limit = 50, snippets = 20 } = typeof options === 'number' ? { limit: options } : options;
      const parsed = parseQuery(query);
      const tags = parsed.filter((t) => t.tag).map((t) => t.text);
      const terms = parsed.filter((t) => !t.tag);
      const tagged = (i: number) => tags.every((tag) => docAt(i).tags?.includes(tag));
      const queryWords: QueryWord[] = terms.flatMap((t) => wordsOf(t.text).map((word) => (t.field ? { word, field: t.field } : { word })));
      if (n === 0) return [];
      // Tags alone: every article with them, in archive order.
      if (queryWords.length === 0) return tags.length ? allTagged(tagged, limit) : [];
      const vocab = new Map<string, number>();
      const found = tags.length ? candidates(queryWords, vocab).filter(tagged) : candidates(queryWords, vocab);
      recentVocab.delete(query);
      if (recentVocab.size >= 8) recentVocab.delete(recentVocab.keys().next().value!);
      recentVocab.set(query, vocab);
      if (found.length === 0) return [];
      const top = topByScore(found, RANKED);
      const maxTotal = total[top[0]] || 1;

      // fuse.js ranks the candidates on their metadata, with the same words ANDed. Its score
      // counts only where the index saw a query word in the metadata (metaQuality, below), and
      // it scores each document alone: the others are not given to it, nor their dek read
      // (which a big archive reads through its id lookup).
      const fuse = new Fuse(
        top.filter((i) => metaQuality[i] > 0).map((i) => ({ i, title: docAt(i).title, authors: docAt(i).authors, dek: docAt(i).dek })),
        {
          keys: RANK_KEYS.map((name) => ({ name, weight: FIELD_WEIGHT[name] })),
          includeScore: true,
          ignoreLocation: true,
          ignoreFieldNorm: true,
          threshold: 0.34,
        },
      );
      const fuseScore = new Map<number, number>();
      const expression = {
        $and: terms.map((t) =>
          t.field && RANK_KEYS.includes(t.field) ? { [t.field]: t.text } : { $or: RANK_KEYS.map((f) => ({ [f]: t.text })) },
        ),
      };
      for (const r of fuse.search(expression)) fuseScore.set(r.item.i, 1 - (r.score ?? 1));
      // fuse's word is trusted as far as the index saw the words in the metadata it ranks.
      const score = (i: number) => 0.65 * (fuseScore.get(i) ?? 0) * (metaQuality[i] / queryWords.length) + 0.35 * (total[i] / maxTotal);
      const ranked = top.sort((a, b) => score(b) - score(a) || a - b).slice(0, limit);

      return ranked.map((i, rank) => {
        const d = docAt(i);
        const matches: FieldMatch[] = META_KEYS.flatMap((field) => {
          const r = ranges(d[field] ?? '', vocab);
          return r.length ? [{ field, ranges: r }] : [];
        });
        const hit: Hit = { id: d.id, score: Math.round(score(i) * 1e4) / 1e4, matches };
        if (fields[i] & FIELD_BIT.body && rank < snippets) {
          const body = bodyText(i);
          const r = body ? ranges(body, vocab) : [];
          if (body && r.length) {
            hit.matches.push({ field: 'body', ranges: r.slice(0, 50) });
            hit.snippet = snippetAround(body, r);
          }
        }
        return hit;
      });
    },
  };
}
