// The first keystrokes ("d", "go") are a prefix of half the vocabulary, so the word index
// would hand back most postings in the archive. For words that short, titles and author
// names are scanned directly — what a person typing one or two letters means anyway.
import type { Postings, WordIndex } from './token-index.js';
import { FIELD_BIT } from './token-index.js';
import { fold } from './tokenize.js';
import type { VocabMatch } from './vocabulary.js';

interface NamedDocs {
  readonly length: number;
  at(i: number): { title: string; authors: string } | undefined;
}

/** Titles and names folded once, for a list of documents that only grows (the reader's, as
 * the catalog loads): each engine made over more of it folds only what is new. */
export class FoldedNames {
  readonly titles: string[] = [];
  readonly authors: string[] = [];

  upTo(docs: NamedDocs): this {
    for (let i = this.titles.length; i < docs.length; i++) {
      const d = docs.at(i)!;
      this.titles.push(fold(d.title));
      this.authors.push(fold(d.authors));
    }
    return this;
  }
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether `word` starts a word of `text`: found after its start, a space or any non-letter ("go" in "(go"). */
function startsWordIn(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (at === 0) return true;
    const low = text.charCodeAt(at - 1);
    const before = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? String.fromCodePoint(text.codePointAt(at - 2)!) : text[at - 1];
    if (!LETTER_OR_DIGIT.test(before)) return true;
  }
  return false;
}

export class ShortWordIndex implements WordIndex {
  readonly #cache = new Map<string, Postings>();
  readonly #words: string[] = [];

  constructor(
    private readonly docs: NamedDocs,
    private readonly folded = new FoldedNames(),
  ) {}

  lookup(word: string): VocabMatch[] {
    let token = this.#words.indexOf(word);
    if (token === -1) token = this.#words.push(word) - 1;
    return [{ token, quality: 0.75, covers: word.length }];
  }

  postings(token: number): Postings {
    const word = this.#words[token];
    const cached = this.#cache.get(word);
    if (cached) return cached;
    const { titles, authors } = this.folded.upTo(this.docs);
    const docs: number[] = [];
    const masks: number[] = [];
    for (let i = 0; i < this.docs.length; i++) {
      const mask = (startsWordIn(titles[i], word) ? FIELD_BIT.title : 0) | (startsWordIn(authors[i], word) ? FIELD_BIT.authors : 0);
      if (mask) {
        docs.push(i);
        masks.push(mask);
      }
    }
    const postings = { docs, masks };
    if (this.#cache.size > 64) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(word, postings);
    return postings;
  }

  idf(token: number): number {
    return Math.log(1 + this.docs.length / (1 + this.postings(token).docs.length));
  }

  cost(): number {
    return this.docs.length;
  }

  word(token: number): string {
    return this.#words[token];
  }
}
