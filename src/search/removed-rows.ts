// Rows after removals. A segment records each article's row as it was when the segment was
// written; removing an article moves every later article up one place in index.json, but the
// segments are not rewritten. The index keeps instead the sorted rows removed since the word
// index was last rebuilt (`removedRows`, counted as the segments count them), and a row is
// read through them: a removed row is GONE, any other moves up by the removed rows before it.
import { GONE } from './segment.js';

/** Index of the first element of a sorted list that is >= value. */
export function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A segment's row as a row of index.json now (GONE: the article was removed). */
export function currentRow(row: number, removed: readonly number[]): number {
  if (removed.length === 0 || row === GONE) return row;
  const at = lowerBound(removed, row);
  return removed[at] === row ? GONE : row - at;
}

/** Every row of a segment read through the removed rows (the same array when none were). */
export function currentRows(rows: Uint32Array, removed: readonly number[]): Uint32Array {
  if (removed.length === 0) return rows;
  return rows.map((row) => currentRow(row, removed));
}

/** The row a segment written now records for index.json's row `current`: the inverse of currentRow. */
export function segmentRow(current: number, removed: readonly number[]): number {
  let row = current;
  for (const r of removed) {
    if (r > row) break;
    row++;
  }
  return row;
}

/** The removed rows after removing index.json's rows `currents` (positions now), sorted. */
export function withRemoved(removed: readonly number[], currents: Iterable<number>): number[] {
  const added = [...currents].map((c) => segmentRow(c, removed));
  return [...removed, ...added].sort((a, b) => a - b);
}
