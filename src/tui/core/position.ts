// The reading position as text, not as a page: a body block and the number of visible
// characters of it above the top line. White space is left out of the count, because
// that is all a new width changes (the layout breaks lines at white space and drops it),
// so the same anchor finds the same first line at any width — and at the same width,
// exactly the line it was taken from. (A page number would drift: reopening on "the page
// where the block starts" went back a page each time.)
import { QUOTE_PREFIX, type Line, type Page } from '../../text/layout.js';
import type { Anchor } from './types.js';

export const START: Anchor = { block: -1, offset: 0 };

/** The visible characters of a line, its layout prefix (a quote's bar) left out. */
function weight(line: Line): number {
  const text = line.style === 'quote' && line.text.startsWith(QUOTE_PREFIX) ? line.text.slice(QUOTE_PREFIX.length) : line.text;
  let n = 0;
  for (const c of text) if (c.trim()) n++;
  return n;
}

/** The first line of a block, or of the first block after it. */
function firstLineOf(lines: Line[], block: number): number {
  const i = lines.findIndex((l) => l.block >= block);
  return i === -1 ? Math.max(0, lines.length - 1) : i;
}

export function anchorOf(lines: Line[], top: number): Anchor {
  const line = lines[top];
  if (!line) return START;
  const start = firstLineOf(lines, line.block);
  if (line.style === 'blank' && top === start && line.block >= 0) return { block: line.block, offset: -1 };
  let offset = 0;
  for (let i = start; i < top; i++) offset += weight(lines[i]);
  return { block: line.block, offset };
}

/** The top line for an anchor: the line of its block that holds its character. */
export function topOf(lines: Line[], anchor: Anchor): number {
  const start = firstLineOf(lines, anchor.block);
  if (lines[start]?.block !== anchor.block || anchor.offset < 0) return start;
  let before = 0;
  let last = start;
  for (let i = start; i < lines.length && lines[i].block === anchor.block; i++) {
    const w = weight(lines[i]);
    if (w === 0) continue;
    if (anchor.offset < before + w) return i;
    before += w;
    last = i;
  }
  return last;
}

/** The highest top line: the start of the last page (a last page is never shown half empty). */
export const maxTop = (pages: Page[]) => pages.at(-1)?.start ?? 0;

/** How far through the article the bottom of the screen is, 0..100. */
export function percentAt(lines: Line[], top: number, height: number): number {
  if (lines.length === 0) return 100;
  return Math.round((Math.min(lines.length, top + height) / lines.length) * 100);
}
