// Ink measures every line of every frame with string-width; for lines that are not plain
// ASCII that means grapheme segmentation each time. A frame mostly repeats the last one,
// so remembering recent answers cuts the list's frame time sharply. Bundled in place of
// string-width (see build-options.mjs); same function, same results.
import stringWidth from '../../node_modules/string-width/index.js';
import { SINGLE_COLUMN } from '../text/narrow.js';

const MAX = 20000;
const SGR = /\u001b\[[0-9;]*m/g;
let cache = new Map();

export default function memoStringWidth(input, options) {
  if (options !== undefined || typeof input !== 'string' || input.length > 2000) return stringWidth(input, options);
  if (SINGLE_COLUMN.test(input)) return input.length;
  // Ink measures styled text too: colour codes take no columns.
  if (input.includes('\u001b')) {
    const plain = input.replace(SGR, '');
    if (SINGLE_COLUMN.test(plain)) return plain.length;
  }
  let width = cache.get(input);
  if (width === undefined) {
    width = stringWidth(input);
    if (cache.size >= MAX) cache = new Map();
    cache.set(input, width);
  }
  return width;
}
