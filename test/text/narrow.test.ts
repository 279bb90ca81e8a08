import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { SINGLE_COLUMN } from '../../src/text/narrow.js';
import { displayWidth, truncateToWidth } from '../../src/text/wrap.js';

const ranges: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0x2ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x21ff],
  [0x2400, 0x243f],
  [0x2500, 0x25fc],
  [0x2600, 0x2613],
];
const singleColumnChar = fc.oneof(...ranges.map(([a, b]) => fc.integer({ min: a, max: b }).map((c) => String.fromCharCode(c))));

describe('single-column text (the width fast path)', () => {
  it('every character the pattern admits is one column wide for string-width too (exhaustive)', () => {
    for (const [a, b] of ranges) {
      for (let c = a; c <= b; c++) {
        const ch = String.fromCharCode(c);
        expect(SINGLE_COLUMN.test(ch), ch).toBe(true);
        expect(stringWidth(ch), `U+${c.toString(16)}`).toBe(1);
      }
    }
  });

  it('gives the width string-width gives, for strings of them (property)', () => {
    fc.assert(
      fc.property(
        fc.array(singleColumnChar, { maxLength: 60 }).map((a) => a.join('')),
        (text) => {
          expect(displayWidth(text)).toBe(stringWidth(text));
          expect(displayWidth(truncateToWidth(text, 10))).toBeLessThanOrEqual(10);
        },
      ),
    );
  });

  it('leaves out what is not one column: soft hyphen, combining marks, zero-width, wide and bidi characters', () => {
    for (const text of ['a\u00ad', 'e\u0301', 'a\u200bb', '北', '🧑‍💻', 'a\u202eb', 'a\u2028b', '\u0007', '\u25fd', '\u2614', '\u2605\ufe0f'])
      expect(SINGLE_COLUMN.test(text), JSON.stringify(text)).toBe(false);
  });
});
