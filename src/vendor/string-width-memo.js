// Ink measures every line of every frame with string-width, and places each grapheme in as many
// cells as it says. Bundled in place of string-width (see build-options.mjs), this gives Ink
// byline's own widths (src/text/width.ts: what terminals draw, never less than string-width),
// so Ink lays out a frame exactly as byline cut its text. Text of one-column characters, the
// usual case, is measured by its length; other answers are remembered, as a frame mostly
// repeats the last one.
import stringWidth from '../../node_modules/string-width/index.js';
import { SINGLE_COLUMN } from '../text/narrow.js';
import { terminalWidth } from '../text/width.js';

const MAX = 20000;
const SGR = /\u001b\[[0-9;]*m/g;
let cache = new Map();

export default function memoStringWidth(input, options) {
  if (options !== undefined || typeof input !== 'string') return stringWidth(input, options);
  if (SINGLE_COLUMN.test(input)) return input.length;
  // Ink measures styled text too: colour codes take no columns.
  const plain = input.includes('\u001b') ? input.replace(SGR, '') : input;
  if (SINGLE_COLUMN.test(plain)) return plain.length;
  // Any other escape sequence is not byline's text: string-width knows how to skip it.
  if (plain.includes('\u001b') || plain.includes('\u009b')) return stringWidth(input);
  if (plain.length > 2000) return terminalWidth(plain);
  let width = cache.get(plain);
  if (width === undefined) {
    width = terminalWidth(plain);
    if (cache.size >= MAX) cache = new Map();
    cache.set(plain, width);
  }
  return width;
}
