// Finding text in a laid-out article (the reader's `/`): case-insensitive and literal, over
// each paragraph's text rather than line by line, so a phrase the layout broke across two
// lines is found; each match is mapped back to the parts of the lines it covers.
import { QUOTE_PREFIX, type Line } from './layout.js';

export interface MatchPart {
  line: number;
  start: number;
  end: number;
}

export interface FindMatch extends MatchPart {
  /** Where the match is on screen: one part per line it covers (the first is line/start/end). */
  parts: MatchPart[];
}

interface LineSpan {
  line: number;
  /** Where the line's text starts in the joined text, and the columns skipped (a quote's bar). */
  at: number;
  skip: number;
  length: number;
}

/** Lower case, one UTF-16 unit for one, so positions in the folded text are positions in the text. */
function fold(text: string): string {
  let out = '';
  for (const c of text) {
    const lower = c.toLocaleLowerCase();
    out += lower.length === c.length ? lower : c;
  }
  return out;
}

/** Runs of lines that are one piece of text: same block, same style (a figure's caption and
 * credit are two), blank lines between. */
function groups(lines: Line[]): { text: string; segments: LineSpan[] }[] {
  const out: { text: string; segments: LineSpan[] }[] = [];
  let current: { text: string; segments: LineSpan[] } | undefined;
  lines.forEach((line, i) => {
    if (line.style === 'blank') {
      current = undefined;
      return;
    }
    const previous = lines[i - 1];
    if (!current || !previous || previous.block !== line.block || previous.style !== line.style) {
      current = { text: '', segments: [] };
      out.push(current);
    } else current.text += ' '; // the layout broke the line at white space
    const skip = line.style === 'quote' && line.text.startsWith(QUOTE_PREFIX) ? QUOTE_PREFIX.length : 0;
    const text = line.text.slice(skip);
    current.segments.push({ line: i, at: current.text.length, skip, length: text.length });
    current.text += text;
  });
  return out;
}

export function findInLines(lines: Line[], query: string): FindMatch[] {
  const needle = fold(query.trim().replace(/\s+/g, ' '));
  if (!needle) return [];
  const out: FindMatch[] = [];
  for (const { text, segments } of groups(lines)) {
    const hay = fold(text);
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length)) {
      const end = at + needle.length;
      const parts = segments
        .filter((s) => s.at < end && s.at + s.length > at)
        .map((s) => ({ line: s.line, start: s.skip + Math.max(at, s.at) - s.at, end: s.skip + Math.min(end, s.at + s.length) - s.at }));
      if (parts.length) out.push({ ...parts[0], parts });
    }
  }
  return out;
}
