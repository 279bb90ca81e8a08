// Ink turns every line of every frame into tokens with @alcalzone/ansi-tokenize, which walks
// the line grapheme by grapheme with Intl.Segmenter: ~1.5 µs a character, and tens of ms to
// set up on first use — the largest single cost of the reader's first frame. A line made only
// of one-column characters and colour codes (SGR), which is nearly every line byline draws, is
// tokenized here by a plain loop into the same tokens; any other line goes to the original.
// Bundled in place of the package (see build-options.mjs); a property test keeps them equal.
import { tokenize as segmentedTokenize } from '../../node_modules/@alcalzone/ansi-tokenize/build/tokenize.js';
import { getEndCode } from '../../node_modules/@alcalzone/ansi-tokenize/build/ansiCodes.js';
import { SINGLE_COLUMN_CLASS } from '../text/narrow.js';

export * from '../../node_modules/@alcalzone/ansi-tokenize/build/index.js';

const PLAIN_OR_SGR = new RegExp(`^(?:[${SINGLE_COLUMN_CLASS}]|\\u001b\\[[0-9;]*m)*$`);

/** `\e[1;38;5;12m` → `\e[1m`, `\e[38;5;12m`: 8- and 24-bit colours stay whole. */
function splitSgr(code) {
  if (!code.includes(';')) return [code];
  const parts = code.slice(2, -1).split(';');
  const out = [];
  for (let i = 0; i < parts.length; i++) {
    const width = parts[i] !== '38' && parts[i] !== '48' ? 1 : parts[i + 1] === '5' && i + 2 < parts.length ? 3 : parts[i + 1] === '2' && i + 4 < parts.length ? 5 : 1;
    out.push(`\u001b[${parts.slice(i, i + width).join(';')}m`);
    i += width - 1;
  }
  return out;
}

export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {
  if (!PLAIN_OR_SGR.test(str)) return segmentedTokenize(str, endChar);
  const tokens = [];
  let visible = 0;
  for (let i = 0; i < str.length; i++) {
    if (str.charCodeAt(i) === 27) {
      const end = str.indexOf('m', i);
      for (const code of splitSgr(str.slice(i, end + 1))) tokens.push({ type: 'ansi', code, endCode: getEndCode(code) });
      i = end;
      continue;
    }
    tokens.push({ type: 'char', value: str[i], fullWidth: false });
    if (++visible >= endChar) break;
  }
  return tokens;
}
