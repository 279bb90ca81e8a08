// The engine's view of the stored word index: every segment's words in one vocabulary,
// postings read on demand and mapped to the engine's document numbers. A document found
// in a later segment hides its older copies.
import type { DocNumbering, Postings, WordIndex } from './token-index.js';
import { decodeMapped, GONE, type SegmentHeader } from './segment.js';
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

/** Whether the rows of the segments name the documents the engine has at those numbers: all
 * in range, and a sample of them (ends and a spread) with the same ids. */
function rowsAgree(segments: SegmentSource[], numbering: DocNumbering): boolean {
  return segments.every(({ header }) => {
    const rows = header.rows;
    for (let j = 0; j < rows.length; j++) if (rows[j] >= numbering.size && rows[j] !== GONE) return false;
    const step = Math.max(1, Math.floor(rows.length / 16));
    for (let j = 0; j < rows.length; j += step) if (rows[j] !== GONE && numbering.idAt(rows[j]) !== header.id(j)) return false;
    const last = rows.length - 1;
    return last < 0 || rows[last] === GONE || numbering.idAt(rows[last]) === header.id(last);
  });
}

/** Per segment, each document's row, or -1 where a later segment has that row again. */
function rowNumbers(segments: SegmentSource[]): { numbers: Int32Array[]; live: number } {
  let size = 0;
  for (const { header } of segments) for (const row of header.rows) if (row >= size && row !== GONE) size = row + 1;
  const owner = new Int32Array(size).fill(-1);
  segments.forEach(({ header }, si) => {
    for (const row of header.rows) if (row !== GONE) owner[row] = si;
  });
  const numbers = segments.map(({ header }, si) => {
    const out = new Int32Array(header.rows.length);
    for (let j = 0; j < out.length; j++) out[j] = header.rows[j] !== GONE && owner[header.rows[j]] === si ? header.rows[j] : -1;
    return out;
  });
  let live = 0;
  for (const si of owner) if (si >= 0) live++;
  return { numbers, live };
}

/** Per segment, each document's number found by its id (segments without rows, or documents
 * in another order), or -1 when unknown or a later segment has that id again. */
function idNumbers(segments: SegmentSource[], numbering: DocNumbering): { numbers: Int32Array[]; live: number } {
  const latest = new Map<string, number>();
  segments.forEach((s, si) => s.header.ids().forEach((id) => latest.set(id, si)));
  const numbers = segments.map((s, si) =>
    Int32Array.from(s.header.ids(), (id) => (latest.get(id) === si ? (numbering.number(id) ?? -1) : -1)),
  );
  return { numbers, live: latest.size };
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

  private readonly segments: SegmentSource[];

  constructor(
    segments: SegmentSource[],
    numbering: DocNumbering,
    /** Whether body lists are read at all. */
    private readonly bodies = true,
  ) {
    const { numbers, live } =
      numbering.inIndexOrder && rowsAgree(segments, numbering) ? rowNumbers(segments) : idNumbers(segments, numbering);
    this.#docNumbers = numbers;
    this.#docCount = live;
    this.segments = segments;
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
    const pairs = this.#terms[token];
    const lists: { numbers: Int32Array; bytes: Uint8Array; body: boolean }[] = [];
    let most = 0;
    for (let k = 0; k < pairs.length; k += 2) {
      for (const list of this.bodies ? ([0, 1] as const) : ([0] as const)) {
        const bytes = this.segments[pairs[k]].read(pairs[k + 1], list);
        lists.push({ numbers: this.#docNumbers[pairs[k]], bytes, body: list === 1 });
        most += bytes.length; // at least a byte a posting
      }
    }
    const docs = new Int32Array(most);
    const masks = new Uint8Array(most);
    let n = 0;
    for (const { numbers, bytes, body } of lists) n = decodeMapped(bytes, body, numbers, docs, masks, n);
    const postings = { docs: docs.subarray(0, n), masks: masks.subarray(0, n) };
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
