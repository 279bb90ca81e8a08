// The streamed segment merge gives byte for byte the segment that encoding the kept articles
// at once gives: same ids, vocabulary, offsets and postings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSegmentFiles, segmentRows } from '../../src/archive/segment-merge.js';
import { encodeSegment, type SegmentDoc } from '../../src/search/segment.js';
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

function docs(prefix: string, n: number, r: () => number, vocabulary = 500): SegmentDoc[] {
  return Array.from({ length: n }, (_, i) => {
    const words = new Map<string, number>();
    const count = 1 + Math.floor(r() * 40);
    for (let k = 0; k < count; k++) words.set(`w${Math.floor(r() ** 2 * vocabulary)}`, 1 + Math.floor(r() * 31));
    return { id: `${prefix}${Math.floor(r() * n * 2)}-${i}`, words };
  });
}

describe('mergeSegmentFiles', () => {
  it('equals encoding the kept documents at once, with copies hidden by a later segment left out', async () => {
    const r = rng(7);
    const dir = tempDir('byline-merge-');
    const parts = [docs('a', 300, r), docs('b', 5, r), docs('c', 1200, r), docs('d', 40, r)];
    // Later segments replace some articles of earlier ones.
    parts[2].push({ id: parts[0][3].id, words: new Map([['replaced', 1]]) });
    parts[3].push({ id: parts[2][10].id, words: new Map([['again', 16]]) });
    const files = parts.map((p, i) => {
      const file = join(dir, `s${i}.seg`);
      writeFileSync(file, encodeSegment(p));
      return file;
    });
    const latest = new Map<string, number>();
    parts.forEach((p, i) => p.forEach((d) => latest.set(d.id, i)));
    const count = await mergeSegmentFiles(files, join(dir, 'out.seg'), (id, i) => latest.get(id as string) === i);
    const kept = parts.flatMap((p, i) => p.filter((d) => latest.get(d.id) === i));
    expect(count).toBe(kept.length);
    expect(readFileSync(join(dir, 'out.seg')).equals(encodeSegment(kept))).toBe(true);
  });

  it('told apart by rows (read alone), the same copies are kept as by ids, and the rows carry over', async () => {
    const r = rng(5);
    const dir = tempDir('byline-merge-');
    const parts = [docs('a', 200, r), docs('b', 30, r), docs('c', 400, r)];
    parts[1].push({ id: parts[0][7].id, words: new Map([['replaced', 1]]) });
    parts[2].push({ id: parts[1][3].id, words: new Map([['again', 16]]) });
    // Each article's row: where it is in the index, the same in every segment that has it.
    const rowOf = new Map<string, number>();
    for (const d of parts.flat()) if (!rowOf.has(d.id)) rowOf.set(d.id, rowOf.size);
    const withRows = parts.map((p) => p.map((d) => ({ ...d, row: rowOf.get(d.id)! })));
    const files = withRows.map((p, i) => {
      const file = join(dir, `s${i}.seg`);
      writeFileSync(file, encodeSegment(p));
      return file;
    });
    expect(Array.from(segmentRows(files[1])!)).toEqual(withRows[1].map((d) => d.row));
    const byRow = new Map<number, number>();
    files.forEach((f, i) => segmentRows(f)!.forEach((row) => byRow.set(row, i)));
    const byId = new Map<string, number>();
    withRows.forEach((p, i) => p.forEach((d) => byId.set(d.id, i)));
    await mergeSegmentFiles(files, join(dir, 'rows.seg'), (row, i) => byRow.get(row as number) === i, true);
    await mergeSegmentFiles(files, join(dir, 'ids.seg'), (id, i) => byId.get(id as string) === i);
    const kept = withRows.flatMap((p, i) => p.filter((d) => byId.get(d.id) === i));
    expect(readFileSync(join(dir, 'rows.seg')).equals(encodeSegment(kept))).toBe(true);
    expect(readFileSync(join(dir, 'ids.seg')).equals(encodeSegment(kept))).toBe(true);
    expect(segmentRows(join(dir, 'rows.seg'))).toBeDefined();
    // A segment without rows has none to read.
    writeFileSync(join(dir, 'plain.seg'), encodeSegment(parts[0]));
    expect(segmentRows(join(dir, 'plain.seg'))).toBeUndefined();
  });

  it('a vocabulary of tens of thousands of words: equals encoding the documents at once', async () => {
    const r = rng(11);
    const dir = tempDir('byline-merge-');
    const parts = [docs('a', 300, r, 50_000), docs('b', 5, r, 50_000), docs('c', 1200, r, 50_000), docs('d', 40, r, 50_000)];
    const files = parts.map((p, i) => {
      const file = join(dir, `s${i}.seg`);
      writeFileSync(file, encodeSegment(p));
      return file;
    });
    const all = parts.flat();
    expect(new Set(all.flatMap((d) => [...d.words.keys()])).size).toBeGreaterThan(10_000);
    expect(await mergeSegmentFiles(files, join(dir, 'out.seg'), () => true)).toBe(all.length);
    expect(readFileSync(join(dir, 'out.seg')).equals(encodeSegment(all))).toBe(true);
  });
});
