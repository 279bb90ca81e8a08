// Text whose every character takes exactly one column: printable ASCII, Latin-1 and the Latin
// extensions, spacing modifiers, the everyday punctuation of U+2010–U+205E (curly quotes,
// dashes, ellipsis), and the arrows, control pictures, box drawing, shapes and stars the
// reader draws with. Its width is its length, with no grapheme segmentation — whose first use
// loads ICU data at start-up (bench/results). Excluded: soft hyphen, combining marks, zero-width and bidi
// characters, line and paragraph separators, and the shapes drawn as wide emoji (◽◾, ☔…).
const SINGLE_COLUMN_CLASS =
  '\\x20-\\x7e\\u00a0-\\u00ac\\u00ae-\\u02ff\\u2010-\\u2027\\u2030-\\u205e\\u2190-\\u21ff\\u2400-\\u243f\\u2500-\\u25fc\\u2600-\\u2613';
export const SINGLE_COLUMN = new RegExp(`^[${SINGLE_COLUMN_CLASS}]*$`);
