import type { Range } from '../model/range.js';

export interface MarkedRun {
  text: string;
  match: boolean;
}

/** Cuts text into plain and matched runs; ranges outside the text are ignored. */
export function splitByRanges(text: string, ranges: readonly Range[]): MarkedRun[] {
  const out: MarkedRun[] = [];
  let at = 0;
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(s, text.length));
    const end = Math.min(e, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), match: false });
  return out;
}
