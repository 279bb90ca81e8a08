// The segment format: what is written is read back (words, ids, rows, postings); a segment of
// another format is refused; and a search numbers documents by rows exactly as it does by ids
// — or by ids, when the rows do not name the engine's documents.
import { describe, expect, it } from 'vitest';
import { decodeHeader, encodeSegment, isSegment, MAGIC, type SegmentDoc } from '../../src/search/segment.js';
import { currentRows } from '../../src/search/removed-rows.js';
import { SegmentWordIndex, type SegmentSource } from '../../src/search/segment-index.js';
import type { DocNumbering } from '../../src/search/token-index.js';

const doc = (id: string, row: number, ...words: [string, number][]): SegmentDoc => ({ id, row, words: new Map(words) });

/** A segment held in memory, read as the store reads one from its file. */
function source(bytes: Buffer): SegmentSource {
  const header = decodeHeader(bytes);
  return {
    header,
    read: (term, list) =>
      bytes.subarray(header.postingsStart + header.offsets[2 * term + list], header.postingsStart + header.offsets[2 * term + list + 1]),
  };
}

/** Documents numbered as index.json orders ids (or as `order` says). */
function numbering(ids: string[], inIndexOrder: boolean): DocNumbering {
  const at = new Map(ids.map((id, i) => [id, i]));
  return { number: (id) => at.get(id), idAt: (i) => ids[i], size: ids.length, inIndexOrder };
}

/** Postings of a word as (id, fields) pairs, sorted: what a search sees. */
function found(index: SegmentWordIndex, ids: string[], word: string): string[] {
  const token = index.lookup(word).find((m) => index.word(m.token) === word)?.token;
  if (token === undefined) return [];
  const p = index.postings(token);
  return Array.from(p.docs, (d, k) => `${ids[d]}:${p.masks[k]}`).sort();
}

const INDEX = ['ferry-1', 'harbour-2', 'ébène-3', 'council-4', 'ferry-5'];
const OLD = [
  doc('ferry-1', 0, ['ferry', 1], ['river', 16]),
  doc('harbour-2', 1, ['harbour', 1], ['ferry', 16]),
  doc('ébène-3', 2, ['ébène', 1]),
];
// A later segment: a new version of harbour-2 (its old words go), and two new articles.
const NEW = [
  doc('harbour-2', 1, ['harbour', 1], ['tunnel', 4]),
  doc('council-4', 3, ['council', 1]),
  doc('ferry-5', 4, ['ferry', 3], ['river', 8]),
];

describe('segment format', () => {
  it('reads back the words, ids and rows it wrote', () => {
    const header = decodeHeader(encodeSegment(OLD));
    expect(header.vocab).toEqual(['ferry', 'harbour', 'river', 'ébène']);
    expect(header.count).toBe(3);
    expect(header.ids()).toEqual(['ferry-1', 'harbour-2', 'ébène-3']);
    expect(header.id(2)).toBe('ébène-3');
    expect(Array.from(header.rows)).toEqual([0, 1, 2]);
  });

  it('a segment is refused, not misread, when it is cut short or not a segment', () => {
    const bytes = encodeSegment(OLD);
    expect(() => decodeHeader(bytes.subarray(0, 30))).toThrow(/truncated/);
    expect(() => decodeHeader(Buffer.from('{"not":"a segment"}'))).toThrow(/not a byline search index segment/);
  });

  it('a segment of another format is refused, naming byline reindex: an older magic, or one without rows', () => {
    const bytes = encodeSegment(OLD);
    const older = Buffer.concat([Buffer.from('BYLS3\n'), bytes.subarray(MAGIC.length)]);
    const noRows = Buffer.from(bytes);
    noRows.writeUInt32LE(0, MAGIC.length + 8);
    for (const other of [older, noRows]) {
      expect(isSegment(other)).toBe(false);
      expect(() => decodeHeader(other)).toThrow(/not a byline search index segment of this format \(byline reindex rebuilds it\)/);
    }
    expect(isSegment(bytes)).toBe(true);
  });
});

describe('documents numbered by rows', () => {
  const segments = () => [source(encodeSegment(OLD)), source(encodeSegment(NEW))];

  it('finds what numbering by ids finds, a later segment hiding an earlier copy', () => {
    const byRows = new SegmentWordIndex(segments(), numbering(INDEX, true));
    const byIds = new SegmentWordIndex(segments(), numbering(INDEX, false));
    expect(found(byRows, INDEX, 'ferry')).toEqual(['ferry-1:1', 'ferry-5:3']);
    expect(found(byRows, INDEX, 'tunnel')).toEqual(['harbour-2:4']);
    for (const word of ['ferry', 'harbour', 'river', 'tunnel', 'council', 'ébène'])
      expect(found(byRows, INDEX, word)).toEqual(found(byIds, INDEX, word));
    // The old copy of harbour-2 is hidden: five articles, not six.
    expect(byRows.idf(byRows.lookup('council')[0].token)).toBeCloseTo(Math.log(1 + 5 / 2));
  });

  it("falls back to ids when the engine's documents are not in the rows' order", () => {
    const shuffled = ['ferry-5', 'council-4', 'ébène-3', 'harbour-2', 'ferry-1'];
    const index = new SegmentWordIndex(segments(), numbering(shuffled, true));
    expect(found(index, shuffled, 'ferry')).toEqual(['ferry-1:1', 'ferry-5:3']);
    expect(found(index, shuffled, 'tunnel')).toEqual(['harbour-2:4']);
  });

  it('a removed row (read as GONE through the removed rows) is found by no word; the rows after it moved up', () => {
    // harbour-2 (row 1) removed: index.json has four articles, the later ones one place up.
    const after = ['ferry-1', 'ébène-3', 'council-4', 'ferry-5'];
    const removed = (bytes: Buffer): SegmentSource => {
      const s = source(bytes);
      return { ...s, header: { ...s.header, rows: currentRows(s.header.rows, [1]) } };
    };
    const read = () => [removed(encodeSegment(OLD)), removed(encodeSegment(NEW))];
    const byRows = new SegmentWordIndex(read(), numbering(after, true));
    const byIds = new SegmentWordIndex(read(), numbering(after, false));
    expect(found(byRows, after, 'ferry')).toEqual(['ferry-1:1', 'ferry-5:3']);
    expect(found(byRows, after, 'council')).toEqual(['council-4:1']);
    expect(found(byRows, after, 'ébène')).toEqual(['ébène-3:1']);
    for (const word of ['harbour', 'tunnel']) expect(found(byRows, after, word), word).toEqual([]);
    for (const word of ['ferry', 'harbour', 'river', 'tunnel', 'council', 'ébène'])
      expect(found(byRows, after, word)).toEqual(found(byIds, after, word));
    // Four articles are left to weigh words by.
    expect(byRows.idf(byRows.lookup('council')[0].token)).toBeCloseTo(Math.log(1 + 4 / 2));
  });

  it('falls back to ids when a row is past the documents the engine has', () => {
    const fewer = INDEX.slice(0, 3);
    const index = new SegmentWordIndex(segments(), numbering(fewer, true));
    expect(found(index, fewer, 'ferry')).toEqual(['ferry-1:1']);
  });
});
