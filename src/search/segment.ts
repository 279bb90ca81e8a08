// The stored word index is a list of segments, one per import (small ones merged later).
// A segment: "BYLS3\n", header length (u32), header JSON {ids, vocab} (vocab sorted), then
// two u32 offsets per word into the postings blob. Each word has two lists: where it is in
// the metadata (document number as a varint delta, then a byte of field bits: title,
// authors, dek, lead) and where it is in the body (varint deltas only). Searching the
// metadata alone never reads the long body lists.
// Encoding and decoding only: the store reads and writes the files.

export const MAGIC = 'BYLS3\n';
const BODY = 16;

export interface SegmentDoc {
  id: string;
  /** Each distinct folded word with the fields it is in. */
  words: Map<string, number>;
}

export interface DecodedPostings {
  docs: number[];
  masks: number[];
}

export interface SegmentHeader {
  ids: string[];
  vocab: string[];
  /** Byte offsets relative to `postingsStart`: word t's metadata list is [2t, 2t+1), its
   * body list [2t+1, 2t+2). */
  offsets: Uint32Array;
  postingsStart: number;
}

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
    const header = Buffer.from(JSON.stringify({ ids: this.ids, vocab }), 'utf8');
    const lengths = Buffer.alloc(4);
    lengths.writeUInt32LE(header.length);
    return Buffer.concat([Buffer.from(MAGIC), lengths, header, Buffer.from(offsets.buffer), blob.bytes]);
  }
}

export function encodeSegment(docs: SegmentDoc[]): Buffer {
  const builder = new SegmentBuilder();
  for (const doc of docs) builder.add(doc);
  return builder.encode();
}

/** Parses the header from the first bytes of a segment (at least `headerBytes(prefix)` of them). */
export function headerBytes(prefix: Buffer): number {
  if (prefix.length < MAGIC.length + 4 || prefix.toString('utf8', 0, MAGIC.length) !== MAGIC)
    throw new Error('not a byline search index segment (or an older format)');
  return MAGIC.length + 4 + prefix.readUInt32LE(MAGIC.length);
}

export function decodeHeader(bytes: Buffer): SegmentHeader {
  const jsonEnd = headerBytes(bytes);
  const { ids, vocab } = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, jsonEnd)) as { ids: string[]; vocab: string[] };
  if (!Array.isArray(ids) || !Array.isArray(vocab)) throw new Error('search index segment header is malformed');
  const offsetsBytes = (vocab.length * 2 + 1) * 4;
  if (bytes.length < jsonEnd + offsetsBytes) throw new Error('search index segment is truncated');
  // Copied into its own (aligned) buffer; little-endian like every machine byline runs on.
  const offsets = new Uint32Array(Uint8Array.prototype.slice.call(bytes, jsonEnd, jsonEnd + offsetsBytes).buffer);
  return { ids, vocab, offsets, postingsStart: jsonEnd + offsetsBytes };
}

/** Bytes a header needs beyond its JSON: the offsets table. */
export function offsetsBytes(vocabLength: number): number {
  return (vocabLength * 2 + 1) * 4;
}

/** A metadata list (with field bytes) or a body list (without: every mask is the body bit). */
export function decodePostings(bytes: Uint8Array, body = false): DecodedPostings {
  const docs: number[] = [];
  const masks: number[] = [];
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
    docs.push(prev);
    masks.push(body ? BODY : bytes[++i]);
    value = 0;
    shift = 0;
  }
  return { docs, masks };
}
