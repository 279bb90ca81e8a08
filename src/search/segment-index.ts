// The engine's view of the stored word index: every segment's words in one vocabulary,
// postings read on demand and mapped to the engine's document numbers. A document found
// in a later segment hides its older copies.
import type { Postings, WordIndex } from './token-index.js';
import { decodePostings, type SegmentHeader } from './segment.js';
import { Vocabulary, type VocabMatch } from './vocabulary.js';

export interface SegmentSource {
  header: SegmentHeader;
  /** The raw postings bytes of one word of this segment. */
  read(term: number): Uint8Array;
}

export class SegmentWordIndex implements WordIndex {
  readonly #vocab = new Vocabulary();
  /** For each token: [segment, term] pairs. */
  readonly #terms: number[][] = [];
  /** Per segment, per local doc: the engine's doc number, or -1 when unknown or superseded. */
  readonly #docNumbers: Int32Array[];
  readonly #cache = new Map<number, Postings>();
  readonly #docCount: number;

  constructor(
    private readonly segments: SegmentSource[],
    docNumber: (id: string) => number | undefined,
  ) {
    const latest = new Map<string, number>();
    segments.forEach((s, si) => s.header.ids.forEach((id) => latest.set(id, si)));
    this.#docNumbers = segments.map((s, si) => Int32Array.from(s.header.ids, (id) => (latest.get(id) === si ? (docNumber(id) ?? -1) : -1)));
    this.#docCount = [...latest.keys()].length;
    segments.forEach((s, si) =>
      s.header.vocab.forEach((word, term) => {
        const token = this.#vocab.intern(word);
        if (token === this.#terms.length) this.#terms.push([]);
        this.#terms[token].push(si, term);
      }),
    );
  }

  lookup(word: string): VocabMatch[] {
    return this.#vocab.lookup(word, (t) => this.#terms[t].length);
  }

  postings(token: number): Postings {
    const cached = this.#cache.get(token);
    if (cached) return cached;
    const docs: number[] = [];
    const masks: number[] = [];
    const pairs = this.#terms[token];
    for (let k = 0; k < pairs.length; k += 2) {
      const numbers = this.#docNumbers[pairs[k]];
      const decoded = decodePostings(this.segments[pairs[k]].read(pairs[k + 1]));
      decoded.docs.forEach((local, j) => {
        const doc = numbers[local];
        if (doc >= 0) {
          docs.push(doc);
          masks.push(decoded.masks[j]);
        }
      });
    }
    const postings = { docs: Int32Array.from(docs), masks: Uint8Array.from(masks) };
    if (this.#cache.size > 512) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(token, postings);
    return postings;
  }

  idf(token: number): number {
    return Math.log(1 + this.#docCount / (1 + this.postings(token).docs.length));
  }

  word(token: number): string {
    return this.#vocab.words[token];
  }
}
