// Greedy word wrap by display columns. Article text holds no escape sequences (they are
// removed on import and made visible on display), so this can skip ANSI parsing; it is
// much faster than wrap-ansi, which matters for a long article or a resize.
import { SINGLE_COLUMN } from './narrow.js';
import { graphemes, terminalWidth } from './width.js';

/** Columns a terminal draws for display-safe text (see width.ts). */
export const displayWidth = terminalWidth;

/** Cuts a word wider than the line into pieces of at most `width` columns, between graphemes.
 * A single grapheme wider than the whole line (a base with dozens of spacing marks, from
 * hostile text) is the one thing cut by code point: otherwise it would overflow the page. */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  const add = (unit: string, w: number) => {
    if (used + w > width && piece) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += unit;
    used += w;
  };
  for (const { segment } of graphemes(word)) {
    const w = displayWidth(segment);
    if (w <= width) add(segment, w);
    else for (const codePoint of segment) add(codePoint, displayWidth(codePoint));
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Lines of at most `width` columns (for any width of 2 or more; a character 2 columns wide
 * cannot fit in 1).
 * Runs of white space become one space; no line starts or ends with one. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    const ww = displayWidth(word);
    if (line && used + 1 + ww <= w) {
      line += ' ' + word;
      used += 1 + ww;
      continue;
    }
    if (line) lines.push(line);
    if (ww <= w) {
      line = word;
      used = ww;
      continue;
    }
    const pieces = breakWord(word, w);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
    used = displayWidth(line);
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Cut to at most `width` columns with "…" at the end, never inside a grapheme. */
export function truncateToWidth(text: string, width: number): string {
  const w = Math.max(0, Math.floor(width));
  if (SINGLE_COLUMN.test(text)) return text.length <= w ? text : w === 0 ? '' : text.slice(0, w - 1) + '…';
  if (displayWidth(text) <= w) return text;
  if (w === 0) return '';
  let out = '';
  let used = 0;
  for (const { segment } of graphemes(text)) {
    const sw = displayWidth(segment);
    if (used + sw > w - 1) break;
    out += segment;
    used += sw;
  }
  return out + '…';
}
