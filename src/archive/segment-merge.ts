// Merging word-index segments without holding them: the merged vocabulary and id list are
// known from the headers, so the new file's header and offsets table have a known size; the
// postings are then copied word by word, reading each segment front to back a megabyte at a
// time and writing the new one the same way, and the offsets table is written last into the
// room left for it. Memory: the headers (vocabulary, ids, offsets) and two buffers a segment.
import { closeSync, openSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { encodeHeader, offsetsBytes, readHeader, readRows, remapList, type SegmentHeader } from '../search/segment.js';

import { readAt } from './id-lookup.js';

const WINDOW = 1 << 20;

/** `length` bytes of an open file from `position`; a file that ends first is truncated (the
 * caller says which search index is unreadable). */
export function readFully(fd: number, file: string, position: number, length: number): Buffer {
  const out = readAt(fd, position, length);
  if (out.length < length) throw new Error(`it is cut short (${basename(file)} ends before its header says)`);
  return out;
}

/** Writes a new file through `write` into a temp file of its own, flushed, then renamed to
 * `file`: whenever it stops, `file` is whole or not there. */
async function intoNewFile(file: string, write: (out: FileHandle) => Promise<void>): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  const out = await open(temp, 'wx');
  try {
    await write(out);
    await out.sync();
    await out.close();
    await rename(temp, file);
  } catch (error) {
    await out.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
}

/** A segment open for reading front to back. */
class SegmentReader {
  readonly header: SegmentHeader;
  #window: Buffer = Buffer.alloc(0);
  #windowStart = 0;

  constructor(readonly file: string) {
    const fd = openSync(file, 'r');
    this.fd = fd;
    try {
      this.header = readHeader((position, length) => readFully(fd, file, position, length));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  readonly fd: number;

  /** `length` bytes from `position` (at least `need` of them; fewer where the file ends). */
  #read(position: number, length: number, need = length): Buffer {
    const out = readAt(this.fd, position, length);
    if (out.length < need) throw new Error(`search index ${this.file} is truncated`);
    return out;
  }

  /** The bytes of word t's list (0 metadata, 1 body); lists are asked for in file order. */
  list(t: number, list: 0 | 1): Buffer {
    const start = this.header.postingsStart + this.header.offsets[2 * t + list];
    const end = this.header.postingsStart + this.header.offsets[2 * t + list + 1];
    if (start < this.#windowStart || end > this.#windowStart + this.#window.length) {
      this.#windowStart = start;
      this.#window = this.#read(start, Math.max(end - start, WINDOW), end - start);
    }
    return this.#window.subarray(start - this.#windowStart, end - this.#windowStart);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Merges `files` (oldest first) into one new segment at `outFile`. `keep(row, i)` says whether
 * the copy of the document at that row in files[i] is the one to keep (its newest, in the
 * archive's order, of an article not removed); the others are left out. Returns the number
 * of documents in the new segment.
 */
export async function mergeSegmentFiles(files: string[], outFile: string, keep: (row: number, i: number) => boolean): Promise<number> {
  const readers: SegmentReader[] = [];
  try {
    for (const f of files) readers.push(openReader(f));
    // Each segment's local doc → the merged doc number, or -1 when left out.
    const ids: string[] = [];
    const rows: number[] = [];
    const maps = readers.map((r, i) =>
      Int32Array.from(r.header.ids(), (id, j) => {
        if (!keep(r.header.rows[j], i)) return -1;
        rows.push(r.header.rows[j]);
        return ids.push(id) - 1;
      }),
    );
    // The union of the sorted vocabularies, and where each word is in each segment.
    const vocab: string[] = [];
    const at = readers.map(() => 0);
    // One flat table, a row a word: a typed array a word was an ArrayBuffer (and its backing
    // store outside the heap) for each of the merged vocabulary's words.
    const n = readers.length;
    let where = new Int32Array(n * 4096);
    for (;;) {
      let next: string | undefined;
      readers.forEach((r, i) => {
        const w = r.header.vocab[at[i]];
        if (w !== undefined && (next === undefined || w < next)) next = w;
      });
      if (next === undefined) break;
      const row = vocab.length * n;
      if (row + n > where.length) {
        const bigger = new Int32Array(where.length * 2);
        bigger.set(where);
        where = bigger;
      }
      readers.forEach((r, i) => {
        where[row + i] = r.header.vocab[at[i]] === next ? at[i]++ : -1;
      });
      vocab.push(next);
    }
    const header = encodeHeader(vocab, ids, rows);
    const postingsStart = header.length + offsetsBytes(vocab.length);
    const offsets = new Uint32Array(vocab.length * 2 + 1);
    await intoNewFile(outFile, async (out) => {
      let written = 0;
      // The postings go out through a buffer of a few megabytes; a list that could not fit
      // (at most 5 bytes a posting) flushes it first.
      let blob = Buffer.allocUnsafe(4 * WINDOW);
      let used = 0;
      const flush = async () => {
        await out.write(blob, 0, used, postingsStart + written);
        written += used;
        used = 0;
      };
      const room = async (bytes: number) => {
        if (used + bytes <= blob.length) return;
        await flush();
        if (bytes > blob.length) blob = Buffer.allocUnsafe(bytes);
      };
      for (let t = 0; t < vocab.length; t++) {
        for (const list of [0, 1] as const) {
          offsets[2 * t + list] = written + used;
          let prev = -1;
          for (let i = 0; i < readers.length; i++) {
            const local = where[t * n + i];
            if (local === -1) continue;
            const bytes = readers[i].list(local, list);
            // Re-encoded no longer than it was, plus a varint's worth at the seam (see remapList).
            await room(bytes.length + 5);
            ({ at: used, prev } = remapList(bytes, list === 1, maps[i], blob, used, prev));
          }
        }
      }
      offsets[vocab.length * 2] = written + used;
      await flush();
      await out.write(Buffer.concat([header, Buffer.from(offsets.buffer)]), 0, postingsStart, 0);
    });
    return ids.length;
  } finally {
    for (const r of readers) r.close();
  }
}

/** Opens a reader, naming the file in the error when its header cannot be read. */
function openReader(file: string): SegmentReader {
  try {
    return new SegmentReader(file);
  } catch (error) {
    throw new Error(`search index ${file} is unreadable: ${(error as Error).message}`);
  }
}

/** Just the rows of a segment (read without its words or ids). */
export function segmentRows(file: string): Uint32Array {
  const fd = openSync(file, 'r');
  try {
    return readRows((position, length) => readFully(fd, file, position, length));
  } catch (error) {
    throw new Error(`search index ${file} is unreadable: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}
