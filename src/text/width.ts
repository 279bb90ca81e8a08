// How many columns a terminal draws for a piece of text — the width byline lays out and cuts by.
// string-width measures each grapheme cluster as the one glyph a shaping terminal would draw;
// most terminals (xterm.js, tmux, VTE) instead add up the cells of its code points: a skin-tone
// modifier or each member of a ZWJ family takes cells of its own, a Thai or Devanagari spacing
// vowel (กำ, क्ष) one more; while string-width gives VS16 emoji (❤️) and keycaps 2 columns where
// they draw 1. So a cluster counts the larger of the two, and at least one cell, as Ink gives
// every cluster a cell: text may be drawn narrower than measured, never wider.
import type stringWidthOf from 'string-width';
import { eastAsianWidth } from 'get-east-asian-width';
import { SINGLE_COLUMN } from './narrow.js';
import { AT_LEAST_ONE_CELL, NO_CELL_IN_SOME, TWO_CELLS } from './terminal-cells.js';

// Code points Unicode draws in no cell: marks, controls, and the joiners and tags emoji and
// scripts are built with. Other format characters (soft hyphen, Hangul fillers …) take cells
// in some terminals, so they count by their East Asian width; display removes them anyway.
const NO_CELL = /^[\p{Mn}\p{Me}\p{Cc}\u200b-\u200d\u2060\ufeff\u{e0000}-\u{e007f}]$/u;
// Terminals measure by fixed Unicode tables (xterm.js's default is Unicode 6): a mark newer
// than the table takes a cell there, and a few characters are wide in an older table only.
const AT_LEAST_ONE = new RegExp(`^[${AT_LEAST_ONE_CELL}]$`, 'u');
const TWO = new RegExp(`^[${TWO_CELLS}]$`, 'u');
const JOINS_IN_SOME = new RegExp(`^[${NO_CELL_IN_SOME}]$`, 'u');

let stringWidth: typeof stringWidthOf | undefined;
/** string-width builds a grapheme segmenter and its emoji pattern as it loads — about 20 ms,
 * a fifth of a command's start — and only a cluster of several code points needs it, which
 * text of one-column characters (SINGLE_COLUMN) never has. So it is loaded here, before such
 * text is measured: by the reader and most commands at start (src/main.ts), by `read` and
 * `list` only for text that needs it (widthsFor). */
export async function loadWidths(): Promise<void> {
  stringWidth ??= (await import('string-width')).default;
}

/** Loads string-width if any of these strings may hold a cluster of several code points. */
export async function widthsFor(texts: Iterable<string>): Promise<void> {
  for (const text of texts) if (!SINGLE_COLUMN.test(text)) return loadWidths();
}

function clusterStringWidth(cluster: string): number {
  if (!stringWidth) throw new Error('a cluster of several code points was measured before loadWidths()');
  return stringWidth(cluster);
}

let segmenter: Intl.Segmenter | undefined;
/** Grapheme clusters, with the segmenter made on first use (its first run loads ICU data, which the first frame should not wait for). */
export function graphemes(text: string): Iterable<Intl.SegmentData> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(text);
}

/** Cells for one code point by the Unicode data of this Node and get-east-asian-width. */
export function unicodeCells(ch: string): number {
  return NO_CELL.test(ch) ? 0 : eastAsianWidth(ch.codePointAt(0)!);
}

/** Cells for one code point: the most that Unicode or any terminal's table gives it. */
export function codePointCells(ch: string): number {
  if (TWO.test(ch)) return 2;
  const cells = unicodeCells(ch);
  return cells === 0 && AT_LEAST_ONE.test(ch) ? 1 : cells;
}

/** Whether some terminal draws the code point in no cell, joined to the cell before: with no
 * cell before it (at the start of a row, or after another such one) it gets a cell of its own. */
export function mayJoin(ch: string): boolean {
  return NO_CELL.test(ch) || JOINS_IN_SOME.test(ch);
}

/** Columns for one grapheme cluster. */
export function clusterWidth(cluster: string): number {
  if (cluster.length === 1) return Math.max(1, codePointCells(cluster));
  let cells = 0;
  let codePoints = 0;
  // A cluster that does not start with a spacing character (Prepend, or marks with no base)
  // may start a row: a cell for each code point until the first spacing one.
  let leading = true;
  for (const ch of cluster) {
    const own = codePointCells(ch);
    if (leading && !mayJoin(ch)) leading = false;
    cells += leading ? Math.max(1, own) : own;
    codePoints++;
  }
  return Math.max(1, cells, codePoints > 1 ? clusterStringWidth(cluster) : 0);
}

/** Columns a terminal may draw for text without escape sequences (already display-safe). */
export function terminalWidth(text: string): number {
  if (SINGLE_COLUMN.test(text)) return text.length;
  let width = 0;
  for (const { segment } of graphemes(text)) width += SINGLE_COLUMN.test(segment) ? segment.length : clusterWidth(segment);
  return width;
}
