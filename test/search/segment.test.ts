// The segment format: what is written is read back (words, ids, rows, postings); a segment of
// the format before rows is still read; and a search numbers documents by rows exactly as it
// does by ids — or by ids, when the rows do not name the engine's documents.
import { describe, expect, it } from 'vitest';
import { decodeHeader, encodeSegment, type SegmentDoc } from '../../src/search/segment.js';
import { SegmentWordIndex, type SegmentSource } from '../../src/search/segment-index.js';
import type { DocNumbering } from '../../src/search/token-index.js';
import { segmentV3Of } from '../support/previous-layout.js';

const doc = (id: string, row: number | undefined, ...words: [string, number][]): SegmentDoc => ({ id, row, words: new Map(words) });

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
    expect(Array.from(header.rows!)).toEqual([0, 1, 2]);
  });

  it('has no rows when a document came without one', () => {
    expect(decodeHeader(encodeSegment([OLD[0], doc('x', undefined, ['x', 1])])).rows).toBeUndefined();
  });

  it('a segment is refused, not misread, when it is cut short or not a segment', () => {
    const bytes = encodeSegment(OLD);
    expect(() => decodeHeader(bytes.subarray(0, 30))).toThrow(/truncated/);
    expect(() => decodeHeader(Buffer.from('{"not":"a segment"}'))).toThrow(/not a byline search index segment/);
  });

  it('reads a segment of the format before rows: same ids, words and postings, no rows', () => {
    const v3 = source(segmentV3Of(encodeSegment(OLD)));
    expect(v3.header.rows).toBeUndefined();
    expect(v3.header.ids()).toEqual(['ferry-1', 'harbour-2', 'ébène-3']);
    const now = new SegmentWordIndex([source(encodeSegment(OLD))], numbering(INDEX, true));
    const before = new SegmentWordIndex([v3], numbering(INDEX, true));
    for (const word of ['ferry', 'river', 'ébène']) expect(found(before, INDEX, word)).toEqual(found(now, INDEX, word));
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

  it('falls back to ids when a row is past the documents the engine has', () => {
    const fewer = INDEX.slice(0, 3);
    const index = new SegmentWordIndex(segments(), numbering(fewer, true));
    expect(found(index, fewer, 'ferry')).toEqual(['ferry-1:1']);
  });
});
