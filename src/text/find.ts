// Finding text in laid-out lines (the article view's `/`): case-insensitive, literal.
import type { Line } from './layout.js';

export interface FindMatch {
  line: number;
  start: number;
  end: number;
}

export function findInLines(lines: Line[], query: string): FindMatch[] {
  const needle = query.toLocaleLowerCase();
  if (!needle) return [];
  const out: FindMatch[] = [];
  lines.forEach((line, i) => {
    const hay = line.text.toLocaleLowerCase();
    if (hay.length !== line.text.length) return findSlow(line.text, query, i, out);
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length)) {
      out.push({ line: i, start: at, end: at + needle.length });
    }
  });
  return out;
}

/** When lower-casing changes string length (rare scripts), compare char by char. */
function findSlow(text: string, query: string, line: number, out: FindMatch[]): void {
  for (let s = 0; s + query.length <= text.length; s++) {
    if (text.slice(s, s + query.length).localeCompare(query, undefined, { sensitivity: 'base' }) === 0) {
      out.push({ line, start: s, end: s + query.length });
      s += query.length - 1;
    }
  }
}
