// Display-time safety: whatever is about to reach a terminal passes here.
// Controls become visible symbols instead of being interpreted, and invisible format
// characters that terminals disagree on are dropped, so what byline measures is what is drawn.
import type { Range } from '../model/range.js';

const BIDI = /^[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]$/;
// Controls (except \n, kept by `visible` for the layout) and line/paragraph separators become
// symbols; bidi characters too (they are default-ignorable, so they are named first). Every
// other default-ignorable character is shown as nothing: a soft hyphen takes a cell in xterm
// and tmux but none in string-width, a Hangul filler two, a zero-width space one at the start
// of a row. Kept: ZWJ, ZWNJ, variation selectors and tag characters, which emoji and scripts
// are built with and which every terminal draws in no cell.
const KEEP = '\\u200c\\u200d\\ufe00-\\ufe0f\\u{e0020}-\\u{e007f}\\u{e0100}-\\u{e01ef}\\u180b-\\u180d\\u180f';
// The class names code points one by one (ZWJ and variation selectors among them), never a
// joined sequence: the lint rule against misleading classes does not apply.
/* eslint-disable no-misleading-character-class */
const UNSAFE = new RegExp(
  `[[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029][\\p{Default_Ignorable_Code_Point}--[${KEEP}]]]`,
  'gv',
);
const UNSAFE_IN_LINE = new RegExp(`[[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029][\\p{Default_Ignorable_Code_Point}--[${KEEP}]]]`, 'gv');
/* eslint-enable no-misleading-character-class */

function symbolFor(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code === 0x1b) return '␛';
  if (code === 0x09) return ' ';
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '␡';
  if (code >= 0x80 && code <= 0x9f) return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  if (code === 0x2028 || code === 0x2029 || BIDI.test(ch)) return `<U+${code.toString(16).toUpperCase()}>`;
  return '';
}

/** Makes every control and bidi character visible and drops invisible format characters.
 * Newlines are kept (the layout breaks paragraphs there). */
export function visible(text: string): string {
  return text.replace(UNSAFE, symbolFor);
}

/** `visible` for text shown on one row — a title, a name, a URL, a status: a line feed is
 * shown as ␊ too, so it can never start a new row. */
export function visibleLine(text: string): string {
  return text.replace(UNSAFE_IN_LINE, symbolFor);
}

/** Ranges in `text` (e.g. search matches) moved to where they are in visibleLine(text). */
export function visibleLineRanges(text: string, ranges: readonly Range[]): Range[] {
  UNSAFE_IN_LINE.lastIndex = 0;
  if (ranges.length === 0 || !UNSAFE_IN_LINE.test(text)) return [...ranges];
  // Offset i of text → offset in the visible text; each code point is replaced on its own.
  const at = new Array<number>(text.length + 1);
  let shown = 0;
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    for (let k = 0; k < ch.length; k++) at[i + k] = shown;
    shown += visibleLine(ch).length;
    i += ch.length;
  }
  at[text.length] = shown;
  const clamp = (n: number) => at[Math.max(0, Math.min(text.length, n))];
  return ranges.map(([s, e]) => [clamp(s), clamp(e)] as Range);
}

/** JSON text with C1 and bidi characters escaped (JSON.stringify leaves them raw), and the
 * BOM and the noncharacters U+FFFE/U+FFFF, which YAML cannot carry raw (front matter is JSON). */
export function safeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g,
    (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}
