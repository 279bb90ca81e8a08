// The first keystrokes ("d", "go") are a prefix of half the vocabulary, so the word index
// would hand back most postings in the archive. For words that short, titles and author
// names are scanned directly — what a person typing one or two letters means anyway.
import type { Postings, WordIndex } from './token-index.js';
import { FIELD_BIT } from './token-index.js';
import { fold } from './tokenize.js';
import type { VocabMatch } from './vocabulary.js';

export class ShortWordIndex implements WordIndex {
  #titles?: string[];
  #authors?: string[];
  readonly #cache = new Map<string, Postings>();
  readonly #words: string[] = [];

  constructor(private readonly docs: readonly { title: string; authors: string }[]) {}

  lookup(word: string): VocabMatch[] {
    let token = this.#words.indexOf(word);
    if (token === -1) token = this.#words.push(word) - 1;
    return [{ token, quality: 0.75, covers: word.length }];
  }

  postings(token: number): Postings {
    const word = this.#words[token];
    const cached = this.#cache.get(word);
    if (cached) return cached;
    this.#titles ??= this.docs.map((d) => ` ${fold(d.title)}`);
    this.#authors ??= this.docs.map((d) => ` ${fold(d.authors)}`);
    const docs: number[] = [];
    const masks: number[] = [];
    // A word starts after a space or any non-letter: " go" or "(go" or "-go".
    const start = new RegExp(`[^\\p{L}\\p{N}]${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');
    for (let i = 0; i < this.docs.length; i++) {
      const mask = (start.test(this.#titles[i]) ? FIELD_BIT.title : 0) | (start.test(this.#authors[i]) ? FIELD_BIT.authors : 0);
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
