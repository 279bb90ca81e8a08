// An inverted index from folded words to the documents (and fields) that hold them.
// It finds candidates fast — exact, prefix and typo matches — so that fuse.js only has
// to rank a few hundred documents instead of the whole archive.
import type { Field } from './query.js';
import { words } from './tokenize.js';
import { Vocabulary, type VocabMatch } from './vocabulary.js';

export const FIELD_BIT: Record<Field, number> = { title: 1, authors: 2, dek: 4, lead: 8, body: 16 };
export const FIELD_WEIGHT: Record<Field, number> = { title: 4, authors: 3, dek: 2, lead: 1, body: 1 };
const META_FIELDS: Field[] = ['title', 'authors', 'dek', 'lead', 'body'];

/** Postings of one word: documents in increasing order and, per document, the fields. */
export interface Postings {
  docs: ArrayLike<number>;
  masks: ArrayLike<number>;
}

/** What the engine needs of any index: the metadata one here, the stored body one. */
export interface WordIndex {
  lookup(word: string): VocabMatch[];
  postings(token: number): Postings;
  idf(token: number): number;
  word(token: number): string;
  /** About how many postings reading this token means, without reading them. */
  cost(token: number): number;
  /** Does now what the first lookup would otherwise do first (read a stored index). */
  open?(): void;
}

/** How an engine numbers its documents, for a stored index to map its own onto. */
export interface DocNumbering {
  /** The engine's number for an id. */
  number(id: string): number | undefined;
  /** The id of document i. */
  idAt(i: number): string | undefined;
  /** How many documents there are. */
  size: number;
  /** Documents are numbered as index.json orders them: a segment's rows are their numbers. */
  inIndexOrder?: boolean;
}

export class TokenIndex implements WordIndex {
  readonly vocab = new Vocabulary();
  #docs: ArrayLike<number>[] = [];
  #masks: ArrayLike<number>[] = [];
  docCount = 0;

  constructor(private readonly fields: Field[] = META_FIELDS) {}

  /** Adds one document's fields; documents must be added in order 0, 1, 2… */
  add(doc: number, fields: Partial<Record<Field, string>>): void {
    for (const field of this.fields) {
      const text = fields[field];
      if (!text) continue;
      const bit = FIELD_BIT[field];
      for (const word of words(text)) {
        const id = this.vocab.intern(word);
        if (id === this.#docs.length) {
          this.#docs.push([]);
          this.#masks.push([]);
        }
        const docs = this.#docs[id] as number[];
        const masks = this.#masks[id] as number[];
        const last = docs.length - 1;
        if (last >= 0 && docs[last] === doc) masks[last] |= bit;
        else {
          docs.push(doc);
          masks.push(bit);
        }
      }
    }
    this.docCount = Math.max(this.docCount, doc + 1);
  }

  /** Packs postings into typed arrays: faster to scan, lighter to keep. No adds after this. */
  freeze(): this {
    this.#docs = this.#docs.map((d) => Int32Array.from(d));
    this.#masks = this.#masks.map((m) => Uint8Array.from(m));
    return this;
  }

  lookup(word: string): VocabMatch[] {
    return this.vocab.lookup(word, (t) => this.#docs[t].length);
  }

  postings(token: number): Postings {
    return { docs: this.#docs[token], masks: this.#masks[token] };
  }

  idf(token: number): number {
    return Math.log(1 + this.docCount / (1 + this.#docs[token].length));
  }

  word(token: number): string {
    return this.vocab.words[token];
  }

  cost(token: number): number {
    return this.#docs[token].length;
  }
}
