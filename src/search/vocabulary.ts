// The words an index knows, and which of them a typed word may mean.
import { maxTypos, prefixDistance } from './fuzzy.js';

/** Where a typed word's matches can start: its first letter, and for longer words the
 * second too (a slip on the first letter). */
export function firstLetters(word: string): string[] {
  return word.length >= 4 && word[1] !== word[0] ? [word[0], word[1]] : [word[0]];
}

/** How well an indexed word matches a typed one (not equal to it), or null. */
export function matchWord(word: string, token: string): { quality: number; covers: number } | null {
  const typos = maxTypos(word.length);
  const d = typos === 0 ? (token.startsWith(word) ? 0 : Infinity) : prefixDistance(word, token, typos);
  if (d === Infinity) return null;
  const whole = d > 0 && prefixDistance(word, token, typos, true) === d;
  // Prefix matches of short words are many and weak; whole-word typos are strong.
  // An exact word beats a typo in a heavier field: typos score well under half.
  const quality = d === 0 ? 0.75 - Math.min(0.25, (token.length - word.length) * 0.02) : (whole ? 0.4 : 0.3) - (d - 1) * 0.12;
  return { quality, covers: d === 0 ? word.length : whole ? token.length : Math.min(token.length, word.length) };
}

export interface VocabMatch {
  token: number;
  /** 1 exact, less for a prefix or a typo. */
  quality: number;
  /** How many characters of the token the typed word covers, for highlighting. */
  covers: number;
}

export class Vocabulary {
  readonly words: string[] = [];
  readonly #ids = new Map<string, number>();
  /** Token ids by first character: typo search scans one bucket, not the vocabulary. */
  readonly #byFirst = new Map<string, number[]>();
  /** Typing repeats the same words keystroke after keystroke. */
  readonly #recent = new Map<string, VocabMatch[]>();

  /** The id of a word, adding it if new. */
  intern(word: string): number {
    let id = this.#ids.get(word);
    if (id !== undefined) return id;
    id = this.words.length;
    this.#recent.clear();
    this.words.push(word);
    this.#ids.set(word, id);
    const bucket = this.#byFirst.get(word[0]);
    if (bucket) bucket.push(id);
    else this.#byFirst.set(word[0], [id]);
    return id;
  }

  /** Words that a typed word may mean, best first, at most `cap` (ties: more frequent first). */
  lookup(word: string, frequency: (token: number) => number, cap = 3000): VocabMatch[] {
    const cached = this.#recent.get(word);
    if (cached) return cached;
    const found = this.#lookup(word, frequency, cap);
    if (this.#recent.size >= 256) this.#recent.delete(this.#recent.keys().next().value!);
    this.#recent.set(word, found);
    return found;
  }

  #lookup(word: string, frequency: (token: number) => number, cap: number): VocabMatch[] {
    const exact = this.#ids.get(word);
    const out: VocabMatch[] = [];
    if (exact !== undefined) out.push({ token: exact, quality: 1, covers: word.length });
    for (const first of firstLetters(word)) {
      for (const id of this.#byFirst.get(first) ?? []) {
        if (id === exact) continue;
        const m = matchWord(word, this.words[id]);
        if (m) out.push({ token: id, ...m });
      }
    }
    if (out.length > cap) {
      out.sort((a, b) => b.quality - a.quality || frequency(b.token) - frequency(a.token));
      out.length = cap;
    }
    return out;
  }
}
