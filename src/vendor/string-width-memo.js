// Ink measures every line of every frame with string-width; for lines that are not plain
// ASCII that means grapheme segmentation each time. A frame mostly repeats the last one,
// so remembering recent answers cuts the list's frame time sharply. Bundled in place of
// string-width (see build-options.mjs); same function, same results.
import stringWidth from '../../node_modules/string-width/index.js';

const MAX = 20000;
let cache = new Map();

export default function memoStringWidth(input, options) {
  if (options !== undefined || typeof input !== 'string' || input.length > 2000) return stringWidth(input, options);
  let width = cache.get(input);
  if (width === undefined) {
    width = stringWidth(input);
    if (cache.size >= MAX) cache = new Map();
    cache.set(input, width);
  }
  return width;
}
