// The streamed segment merge gives byte for byte the segment that encoding the kept articles
// at once gives: same ids, rows, vocabulary, offsets and postings. Copies are told apart by
// their rows, read alone; removed rows are left out.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSegmentFiles, segmentRows } from '../../src/archive/segment-merge.js';
import { decodeHeader, encodeSegment, type SegmentDoc } from '../../src/search/segment.js';
import { tempDir } from '../support/paths.js';

/** mulberry32: the same documents every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Documents with rows from `row` on: each article's row is where it is in the index. */
function docs(prefix: string, n: number, r: () => number, vocabulary = 500, row = 0): SegmentDoc[] {
  return Array.from({ length: n }, (_, i) => {
    const words = new Map<string, number>();
    const count = 1 + Math.floor(r() * 40);
    for (let k = 0; k < count; k++) words.set(`w${Math.floor(r() ** 2 * vocabulary)}`, 1 + Math.floor(r() * 31));
    return { id: `${prefix}${Math.floor(r() * n * 2)}-${i}`, row: row + i, words };
  });
}

function write(dir: string, parts: SegmentDoc[][]): string[] {
  return parts.map((p, i) => {
    const file = join(dir, `s${i}.seg`);
    writeFileSync(file, encodeSegment(p));
    return file;
  });
}

/** Where each row's newest copy is: the last of the files that has it, told by rows read alone. */
function latestByRow(files: string[]): Map<number, number> {
  const latest = new Map<number, number>();
  files.forEach((f, i) => segmentRows(f).forEach((row) => latest.set(row, i)));
  return latest;
}

describe('mergeSegmentFiles', () => {
  it('equals encoding the kept documents at once, with copies hidden by a later segment left out', async () => {
    const r = rng(7);
    const dir = tempDir('byline-merge-');
    const parts = [docs('a', 300, r), docs('b', 5, r, 500, 300), docs('c', 1200, r, 500, 305), docs('d', 40, r, 500, 1505)];
    // Later segments replace some articles of earlier ones: the same row, a new copy.
    parts[2].push({ ...parts[0][3], words: new Map([['replaced', 1]]) });
    parts[3].push({ ...parts[2][10], words: new Map([['again', 16]]) });
    const files = write(dir, parts);
    expect(Array.from(segmentRows(files[1]))).toEqual(parts[1].map((d) => d.row));
    const latest = latestByRow(files);
    const count = await mergeSegmentFiles(files, join(dir, 'out.seg'), (row, i) => latest.get(row) === i);
    const kept = parts.flatMap((p, i) => p.filter((d) => latest.get(d.row) === i));
    expect(kept.map((d) => d.id)).not.toContain(undefined);
    expect(kept).toHaveLength(1545);
    expect(count).toBe(kept.length);
    expect(readFileSync(join(dir, 'out.seg')).equals(encodeSegment(kept))).toBe(true);
    // The rows carry over, read alone.
    expect(Array.from(segmentRows(join(dir, 'out.seg')))).toEqual(kept.map((d) => d.row));
  });

  it('leaves out the rows a keep says are removed: their words are gone from the merged segment', async () => {
    const r = rng(5);
    const dir = tempDir('byline-merge-');
    const parts = [docs('a', 200, r), docs('b', 30, r, 500, 200)];
    parts[1].push({ id: 'only-here-0', row: 230, words: new Map([['lonely', 1]]) });
    const files = write(dir, parts);
    const removed = new Set([0, 17, 230]);
    const latest = latestByRow(files);
    const count = await mergeSegmentFiles(files, join(dir, 'out.seg'), (row, i) => latest.get(row) === i && !removed.has(row));
    const kept = parts.flatMap((p) => p.filter((d) => !removed.has(d.row)));
    expect(count).toBe(231 - 3);
    const merged = readFileSync(join(dir, 'out.seg'));
    const expected = encodeSegment(kept);
    const [got, want] = [decodeHeader(merged), decodeHeader(expected)];
    expect(got.ids()).toEqual(want.ids());
    expect(Array.from(got.rows)).toEqual(kept.map((d) => d.row));
    // Every word's postings are those of the kept documents. A word only removed documents
    // had stays in the vocabulary (a streamed merge learns that too late) with no posting.
    const postings = (bytes: Buffer, word: string) => {
      const h = decodeHeader(bytes);
      const t = h.vocab.indexOf(word);
      if (t < 0) return '';
      return [0, 1]
        .map((list) =>
          bytes.subarray(h.postingsStart + h.offsets[2 * t + list], h.postingsStart + h.offsets[2 * t + list + 1]).toString('hex'),
        )
        .join('|');
    };
    for (const word of got.vocab) expect(postings(merged, word), word).toBe(postings(expected, word) || '|');
    expect(want.vocab).not.toContain('lonely');
    expect(postings(merged, 'lonely')).toBe('|');
  });

  it('a vocabulary of tens of thousands of words: equals encoding the documents at once', async () => {
    const r = rng(11);
    const dir = tempDir('byline-merge-');
    const parts = [
      docs('a', 300, r, 50_000),
      docs('b', 5, r, 50_000, 300),
      docs('c', 1200, r, 50_000, 305),
      docs('d', 40, r, 50_000, 1505),
    ];
    const files = write(dir, parts);
    const all = parts.flat();
    expect(new Set(all.flatMap((d) => [...d.words.keys()])).size).toBeGreaterThan(10_000);
    expect(await mergeSegmentFiles(files, join(dir, 'out.seg'), () => true)).toBe(all.length);
    expect(readFileSync(join(dir, 'out.seg')).equals(encodeSegment(all))).toBe(true);
  });

  it('a file that is not a segment of this format is refused with its name', async () => {
    const dir = tempDir('byline-merge-');
    const [good] = write(dir, [docs('a', 3, rng(1))]);
    const bad = join(dir, 'bad.seg');
    writeFileSync(bad, Buffer.concat([Buffer.from('BYLS3\n'), readFileSync(good).subarray(6)]));
    expect(() => segmentRows(bad)).toThrow(/not a byline search index segment of this format/);
    await expect(mergeSegmentFiles([good, bad], join(dir, 'out.seg'), () => true)).rejects.toThrow(/bad\.seg/);
  });
});
