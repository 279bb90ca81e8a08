// The stored word index is a list of segments, one per import (small ones merged later).
// A segment: "BYLS4\n", the vocabulary's length in bytes (u32), document count (u32), 1 when
// it has rows (u32), the vocabulary (sorted words, UTF-8, each ended by a newline), then, when it has rows, each document's row (u32: its position in index.json when written, which
// never changes: an article keeps its place, new ones are appended), then the ids (u32 end
// offsets, then their UTF-8 bytes), then two u32 offsets per word into the postings blob.
// Each word has two lists: where it is in the metadata (document number as a varint delta,
// then a byte of field bits: title, authors, dek, lead) and where it is in the body (varint
// deltas only). Searching the metadata alone never reads the long body lists. Rows let a
// search number documents as the catalog does without reading any id; ids are decoded only
// for the few documents a search shows.
// Encoding and decoding only: the store reads and writes the files.

export const MAGIC = 'BYLS4\n';
/** A row that names no article: one removed since the segment was written. */
export const GONE = 0xffffffff;
const BODY = 16;

export interface SegmentDoc {
  id: string;
  /** The article's row: its position in index.json, counted as the archive's removed rows
   * say (see removedRows in the schema). */
  row: number;
  /** Each distinct folded word with the fields it is in. */
  words: Map<string, number>;
}

export interface SegmentHeader {
  vocab: string[];
  /** Documents in the segment. */
  count: number;
  /** Per document, its row; GONE where the article was removed since. */
  rows: Uint32Array;
  /** Document j's id. */
  id(j: number): string;
  /** Every id, in document order. */
  ids(): string[];
  /** Byte offsets relative to `postingsStart`: word t's metadata list is [2t, 2t+1), its
   * body list [2t+1, 2t+2). */
  offsets: Uint32Array;
  postingsStart: number;
}

/** Reads `length` bytes of a segment from `position` (throws when the file ends first). */
export type ReadAt = (position: number, length: number) => Buffer;

/** Bytes appended to a buffer that doubles as it fills: a segment's postings of 1 000
 * articles are about a megabyte, which as an array of numbers was eight, copied as it grew. */
class Bytes {
  #buffer = Buffer.allocUnsafe(64 << 10);
  length = 0;

  push(byte: number): void {
    if (this.length === this.#buffer.length) {
      const bigger = Buffer.allocUnsafe(this.#buffer.length * 2);
      this.#buffer.copy(bigger);
      this.#buffer = bigger;
    }
    this.#buffer[this.length++] = byte;
  }

  get bytes(): Buffer {
    return this.#buffer.subarray(0, this.length);
  }
}

function pushVarint(out: Bytes, value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

/**
 * A segment being built: each document's words go into the postings as it is added, so what
 * is held is the postings (two small integers a word a document), not a map per document —
 * nor, through the words sliced from it, the document's text.
 */
export class SegmentBuilder {
  readonly ids: string[] = [];
  readonly #rows: number[] = [];
  readonly #postings = new Map<string, number[]>();
  readonly #idSet = new Set<string>();

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.#idSet.has(id);
  }

  add(doc: SegmentDoc): void {
    const i = this.ids.push(doc.id) - 1;
    this.#idSet.add(doc.id);
    this.#rows.push(doc.row);
    for (const [word, mask] of doc.words) {
      const list = this.#postings.get(word);
      // A word's first copy is kept as a string of its own, not a slice of the document.
      if (list) list.push(i, mask);
      else this.#postings.set(JSON.parse(JSON.stringify(word)) as string, [i, mask]);
    }
  }

  encode(): Buffer {
    const postings = this.#postings;
    const vocab = [...postings.keys()].sort();
    const blob = new Bytes();
    const offsets = new Uint32Array(vocab.length * 2 + 1);
    vocab.forEach((word, t) => {
      const list = postings.get(word)!;
      offsets[2 * t] = blob.length;
      let prev = -1;
      for (let k = 0; k < list.length; k += 2) {
        const meta = list[k + 1] & ~BODY;
        if (!meta) continue;
        pushVarint(blob, list[k] - prev - 1);
        blob.push(meta);
        prev = list[k];
      }
      offsets[2 * t + 1] = blob.length;
      prev = -1;
      for (let k = 0; k < list.length; k += 2) {
        if (!(list[k + 1] & BODY)) continue;
        pushVarint(blob, list[k] - prev - 1);
        prev = list[k];
      }
    });
    offsets[vocab.length * 2] = blob.length;
    return Buffer.concat([encodeHeader(vocab, this.ids, this.#rows), Buffer.from(offsets.buffer), blob.bytes]);
  }
}

export function encodeSegment(docs: SegmentDoc[]): Buffer {
  const builder = new SegmentBuilder();
  for (const doc of docs) builder.add(doc);
  return builder.encode();
}

const u32 = (values: ArrayLike<number>) => Buffer.from(Uint32Array.from(values).buffer);

/** Everything before the postings offsets table: magic, vocabulary, rows, ids. */
export function encodeHeader(vocab: readonly string[], ids: readonly string[], rows: ArrayLike<number>): Buffer {
  // A folded word is letters and digits: never a newline.
  const words = Buffer.from(vocab.map((w) => `${w}\n`).join(''), 'utf8');
  const idBytes = ids.map((id) => Buffer.from(id, 'utf8'));
  const ends: number[] = [];
  let end = 0;
  for (const b of idBytes) ends.push((end += b.length));
  const fixed = u32([words.length, ids.length, 1]);
  return Buffer.concat([Buffer.from(MAGIC), fixed, words, u32(rows), u32(ends), ...idBytes]);
}

/** Little-endian u32s copied into their own (aligned) array; every machine byline runs on is little-endian. */
const readU32 = (bytes: Buffer, start: number, count: number) =>
  new Uint32Array(Uint8Array.prototype.slice.call(bytes, start, start + count * 4).buffer);

/** Whether a file's first bytes are a segment this byline reads. */
export function isSegment(prefix: Buffer): boolean {
  const magic = prefix.toString('utf8', 0, MAGIC.length);
  return magic === MAGIC && prefix.length >= ROWS_PREFIX && prefix.readUInt32LE(MAGIC.length + 8) === 1;
}

/**
 * Reads a segment's header through `read` (a few reads from the front of the file). What it
 * parses is the vocabulary; ids stay bytes until one is asked for.
 */
export function readHeader(read: ReadAt): SegmentHeader {
  const prefix = read(0, ROWS_PREFIX);
  if (!isSegment(prefix)) throw new Error('not a byline search index segment of this format (byline reindex rebuilds it)');
  const [vocabLength, count] = readU32(prefix, MAGIC.length, 2);
  const vocabEnd = MAGIC.length + 12 + vocabLength;
  const vocab = read(MAGIC.length + 12, vocabLength)
    .toString('utf8')
    .split('\n');
  if (vocab.pop() !== '') throw new Error('search index segment header is malformed');
  const rowsBytes = count * 4;
  const tables = read(vocabEnd, rowsBytes + count * 4);
  const rows = readU32(tables, 0, count);
  const ends = readU32(tables, rowsBytes, count);
  const idsStart = vocabEnd + rowsBytes + count * 4;
  const idBytes = read(idsStart, count ? ends[count - 1] : 0);
  const id = (j: number) => idBytes.toString('utf8', j ? ends[j - 1] : 0, ends[j]);
  let all: string[] | undefined;
  const offsetsStart = idsStart + idBytes.length;
  const offsets = readU32(read(offsetsStart, offsetsBytes(vocab.length)), 0, vocab.length * 2 + 1);
  return {
    vocab,
    count,
    rows,
    id,
    ids: () => (all ??= Array.from({ length: count }, (_, j) => id(j))),
    offsets,
    postingsStart: offsetsStart + offsetsBytes(vocab.length),
  };
}

/** Just a segment's rows (its first bytes, then the rows table: no words, no ids). For
 * deciding which copies a merge keeps. */
export function readRows(read: ReadAt): Uint32Array {
  const prefix = read(0, ROWS_PREFIX);
  if (!isSegment(prefix)) throw new Error('not a byline search index segment of this format (byline reindex rebuilds it)');
  const [vocabLength, count] = readU32(prefix, MAGIC.length, 2);
  return readU32(read(MAGIC.length + 12 + vocabLength, count * 4), 0, count);
}

/** Bytes isSegment needs: the magic and the three u32s after it (the last, 1: rows are recorded). */
export const ROWS_PREFIX = MAGIC.length + 12;

/** A header from a whole segment in memory. */
export function decodeHeader(bytes: Buffer): SegmentHeader {
  return readHeader((position, length) => {
    if (position + length > bytes.length) throw new Error('search index segment is truncated');
    return bytes.subarray(position, position + length);
  });
}

/** Bytes a header needs beyond its JSON: the offsets table. */
export function offsetsBytes(vocabLength: number): number {
  return (vocabLength * 2 + 1) * 4;
}

/** Decodes a metadata list (with field bytes) or a body list (without: every mask is the
 * body bit) into `docs` and `masks` from `at`, each local document number mapped through
 * `numbers` (those mapped to -1 left out); returns where it stopped. */
export function decodeMapped(
  bytes: Uint8Array,
  body: boolean,
  numbers: Int32Array,
  docs: Int32Array,
  masks: Uint8Array,
  at: number,
): number {
  let n = at;
  let prev = -1;
  let value = 0;
  let shift = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    value += (b & 0x7f) * 2 ** shift;
    if (b & 0x80) {
      shift += 7;
      continue;
    }
    prev += value + 1;
    value = 0;
    shift = 0;
    const mask = body ? BODY : bytes[++i];
    const doc = numbers[prev];
    if (doc >= 0) {
      docs[n] = doc;
      masks[n++] = mask;
    }
  }
  return n;
}

/**
 * One postings list re-encoded for a merge: each document number mapped through `numbers`
 * (-1: left out), written to `out` from `at` as gaps after `prev`, the merged list's last
 * document so far. A posting never takes more bytes than it did (merged numbers are no
 * further apart than the originals), plus a varint's worth at the seam. Returns where the
 * list ended and its last document.
 */
export function remapList(
  bytes: Uint8Array,
  body: boolean,
  numbers: Int32Array,
  out: Buffer,
  at: number,
  prev: number,
): { at: number; prev: number } {
  let used = at;
  let last = prev;
  let doc = -1;
  let value = 0;
  let shift = 0;
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k];
    value += (b & 0x7f) * 2 ** shift;
    if (b & 0x80) {
      shift += 7;
      continue;
    }
    doc += value + 1;
    value = 0;
    shift = 0;
    const mask = body ? 0 : bytes[++k];
    const merged = numbers[doc];
    if (merged < 0) continue;
    let gap = merged - last - 1;
    while (gap >= 0x80) {
      out[used++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    out[used++] = gap;
    if (!body) out[used++] = mask;
    last = merged;
  }
  return { at: used, prev: last };
}
