// Rows after removals (src/search/removed-rows.ts): a segment keeps the rows it was written
// with; index.json keeps the rows removed since, and a row is read through them. Checked
// against a model: index.json's articles as a list, removed from one at a time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentRow, currentRows, segmentRow, withRemoved } from '../../src/search/removed-rows.js';
import { GONE } from '../../src/search/segment.js';

describe('currentRow', () => {
  it('no removals: every row is where it was', () => {
    for (const row of [0, 1, 7, 1_000_000]) expect(currentRow(row, [])).toBe(row);
  });

  it('a removed row is GONE; a row after removals moves up by those before it', () => {
    const removed = [2, 5, 6];
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((r) => currentRow(r, removed))).toEqual([0, 1, GONE, 2, 3, GONE, GONE, 4, 5]);
  });

  it('GONE stays GONE', () => {
    expect(currentRow(GONE, [0, 3])).toBe(GONE);
  });
});

describe('currentRows', () => {
  it('reads each row of a segment through the removed rows; the same array when there are none', () => {
    const rows = Uint32Array.from([4, 0, 2, 9]);
    expect(currentRows(rows, [])).toBe(rows);
    expect(Array.from(currentRows(rows, [2, 3]))).toEqual([2, 0, GONE, 7]);
    expect(Array.from(rows)).toEqual([4, 0, 2, 9]); // not changed in place
  });
});

describe('segmentRow', () => {
  it("is currentRow's inverse: the row a segment written now records for a row of index.json now", () => {
    const removed = [0, 3, 4, 9];
    for (let current = 0; current < 20; current++) {
      const row = segmentRow(current, removed);
      expect(removed).not.toContain(row);
      expect(currentRow(row, removed)).toBe(current);
    }
    // An article appended after the last row: past every removed row.
    expect(segmentRow(6, [1, 2])).toBe(8);
  });

  it('inverse both ways, for any removed rows (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(200), { maxLength: 40 }), fc.nat(300), (list, current) => {
        const removed = [...list].sort((a, b) => a - b);
        const row = segmentRow(current, removed);
        expect(currentRow(row, removed)).toBe(current);
        // Every segment row not removed is some current row, and back.
        if (!removed.includes(current)) expect(segmentRow(currentRow(current, removed), removed)).toBe(current);
      }),
      { numRuns: 500 },
    );
  });
});

describe('withRemoved', () => {
  it('adds rows given as positions in index.json now, counted as the segments count them', () => {
    // Rows 1 and 3 gone; index.json now holds segment rows 0, 2, 4, 5, 6 at positions 0..4.
    expect(withRemoved([1, 3], [2, 0])).toEqual([0, 1, 3, 4]);
    expect(withRemoved([], [3, 1])).toEqual([1, 3]);
    expect(withRemoved([5], [])).toEqual([5]);
  });

  it('removals one edit after another: every row reads as where its article is now, or GONE (model, property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.array(fc.nat(), { maxLength: 5 }), { maxLength: 8 }), (count, edits) => {
        // index.json's articles, named by the row each had when the segments were written.
        let live = Array.from({ length: count }, (_, row) => row);
        let removed: number[] = [];
        for (const edit of edits) {
          if (live.length === 0) break;
          // Positions in index.json as it is now, each at most once.
          const positions = [...new Set(edit.map((p) => p % live.length))];
          removed = withRemoved(removed, positions);
          live = live.filter((_, i) => !positions.includes(i));
        }
        expect(removed).toEqual([...new Set(removed)].sort((a, b) => a - b));
        expect(removed).toHaveLength(count - live.length);
        for (let row = 0; row < count; row++) {
          const at = live.indexOf(row);
          expect(currentRow(row, removed), `row ${row}`).toBe(at < 0 ? GONE : at);
        }
        // A segment written now records for each live article the row it had.
        live.forEach((row, i) => expect(segmentRow(i, removed)).toBe(row));
      }),
      { numRuns: 500 },
    );
  });
});
