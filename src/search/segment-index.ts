// The engine's view of the stored word index: every segment's words in one vocabulary,
// postings read on demand and mapped to the engine's document numbers. A document found
// in a later segment hides its older copies.
import type { Postings, WordIndex } from './token-index.js';
import { decodePostings, type SegmentHeader } from './segment.js';
import { firstLetters, matchWord, type VocabMatch } from './vocabulary.js';

export interface SegmentSource {
  header: SegmentHeader;
  /** The raw bytes of one of a word's two postings lists (0 metadata, 1 body). */
  read(term: number, list: 0 | 1): Uint8Array;
}

/** First index in a sorted list whose word is >= key. */
function lowerBound(list: string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SegmentWordIndex implements WordIndex {
  /** Words met by lookups so far, each with its [segment, term] pairs. Segments' own sorted
   * vocabularies are searched in place: opening an archive interns nothing. */
  readonly #words: string[] = [];
  readonly #tokens = new Map<string, number>();
  readonly #terms: number[][] = [];
  /** Per segment, per local doc: the engine's doc number, or -1 when unknown or superseded. */
  readonly #docNumbers: Int32Array[];
  readonly #cache = new Map<number, Postings>();
  readonly #recent = new Map<string, VocabMatch[]>();
  readonly #docCount: number;

  /** The segments without their id lists, which are only needed here, once: keeping them would hold every id of every segment. */
  private readonly segments: { header: Omit<SegmentHeader, 'ids'>; read: SegmentSource['read'] }[];

  constructor(
    segments: SegmentSource[],
    docNumber: (id: string) => number | undefined,
    /** Whether body lists are read at all. */
    private readonly bodies = true,
  ) {
    const latest = new Map<string, number>();
    segments.forEach((s, si) => s.header.ids.forEach((id) => latest.set(id, si)));
    this.#docNumbers = segments.map((s, si) => Int32Array.from(s.header.ids, (id) => (latest.get(id) === si ? (docNumber(id) ?? -1) : -1)));
    this.#docCount = latest.size;
    this.segments = segments.map(({ header: { ids: _ids, ...header }, read }) => ({ header, read }));
  }

  #token(word: string): number {
    let token = this.#tokens.get(word);
    if (token !== undefined) return token;
    token = this.#words.push(word) - 1;
    this.#tokens.set(word, token);
    const pairs: number[] = [];
    this.segments.forEach((s, si) => {
      const at = lowerBound(s.header.vocab, word);
      if (s.header.vocab[at] === word) pairs.push(si, at);
    });
    this.#terms.push(pairs);
    return token;
  }

  lookup(word: string): VocabMatch[] {
    const cached = this.#recent.get(word);
    if (cached) return cached;
    const found = new Map<string, { quality: number; covers: number }>();
    for (const s of this.segments) {
      const vocab = s.header.vocab;
      if (vocab[lowerBound(vocab, word)] === word) found.set(word, { quality: 1, covers: word.length });
      for (const first of firstLetters(word)) {
        const end = lowerBound(vocab, String.fromCodePoint(first.codePointAt(0)! + 1));
        for (let t = lowerBound(vocab, first); t < end; t++) {
          const token = vocab[t];
          if (token === word || found.has(token)) continue;
          const m = matchWord(word, token);
          if (m) found.set(token, m);
        }
      }
    }
    const out = [...found].map(([w, m]) => ({ token: this.#token(w), ...m }));
    if (this.#recent.size >= 256) this.#recent.delete(this.#recent.keys().next().value!);
    this.#recent.set(word, out);
    return out;
  }

  postings(token: number): Postings {
    const cached = this.#cache.get(token);
    if (cached) return cached;
    const docs: number[] = [];
    const masks: number[] = [];
    const pairs = this.#terms[token];
    for (let k = 0; k < pairs.length; k += 2) {
      const numbers = this.#docNumbers[pairs[k]];
      for (const list of this.bodies ? ([0, 1] as const) : ([0] as const)) {
        const decoded = decodePostings(this.segments[pairs[k]].read(pairs[k + 1], list), list === 1);
        decoded.docs.forEach((local, j) => {
          const doc = numbers[local];
          if (doc >= 0) {
            docs.push(doc);
            masks.push(decoded.masks[j]);
          }
        });
      }
    }
    const postings = { docs: Int32Array.from(docs), masks: Uint8Array.from(masks) };
    if (this.#cache.size > 512) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(token, postings);
    return postings;
  }

  idf(token: number): number {
    return Math.log(1 + this.#docCount / (1 + this.postings(token).docs.length));
  }

  /** Postings bytes over all segments: about 1.5 per document (varint gap + field byte). */
  cost(token: number): number {
    let bytes = 0;
    const pairs = this.#terms[token];
    for (let k = 0; k < pairs.length; k += 2) {
      const offsets = this.segments[pairs[k]].header.offsets;
      const t = pairs[k + 1];
      bytes += (offsets[2 * t + 1] - offsets[2 * t]) / 2 + (this.bodies ? offsets[2 * t + 2] - offsets[2 * t + 1] : 0);
    }
    return bytes;
  }

  word(token: number): string {
    return this.#words[token];
  }
}
