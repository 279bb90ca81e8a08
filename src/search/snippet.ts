import type { Range } from '../model/range.js';

export interface Snippet {
  text: string;
  /** Match ranges within `text`. */
  ranges: Range[];
}

const RADIUS = 70;

/** A one-line window of `text` around its longest match, cut at word boundaries. */
export function snippetAround(text: string, ranges: Range[]): Snippet {
  if (ranges.length === 0) return { text: text.slice(0, RADIUS * 2), ranges: [] };
  const best = ranges.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
  let start = Math.max(0, best[0] - RADIUS);
  let end = Math.min(text.length, best[1] + RADIUS);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), best[1]);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  return {
    text: prefix + text.slice(start, end).replace(/\s/g, ' ') + suffix,
    ranges: ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s + shift, e + shift]),
  };
}
