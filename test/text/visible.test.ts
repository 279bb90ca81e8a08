import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeJson, visible, visibleLine, visibleLineRanges } from '../../src/text/visible.js';
import { sanitizeLine } from '../../src/model/sanitize.js';

const RAW_C1_OR_BIDI = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('visible', () => {
  it('turns controls and bidi characters into visible symbols, keeping newlines', () => {
    expect(visible('a\u001b[31mb\u0007c\u007f\u009bd\u202ee\u2066f\u200fg\nh\ti')).toBe(
      'a␛[31mb␇c␡<U+009B>d<U+202E>e<U+2066>f<U+200F>g\nh i',
    );
  });

  it('leaves ordinary text (including CJK and emoji) alone', () => {
    expect(visible('Tokyo 東京 👩‍💻 “quotes” — ok')).toBe('Tokyo 東京 👩‍💻 “quotes” — ok');
  });

  it('never emits a control or bidi character except newline (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(visible(s)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('invisible format characters', () => {
  it('are shown as nothing: soft hyphen, zero-width space, word joiner, BOM, Hangul fillers', () => {
    expect(visible('co\u00adop\u00aderate a\u200bb\u2060c\ufeffd \u115f\u3164e')).toBe('cooperate abcd e');
  });

  it('keep what emoji and scripts are built with: ZWJ, ZWNJ, variation selectors, tag characters', () => {
    for (const text of ['👨‍👩‍👧‍👦', '❤️', 'می\u200cخواهم', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}', '1️⃣'])
      expect(visible(text)).toBe(text);
  });
});

describe('visibleLine (one-row fields)', () => {
  it('shows a line feed as ␊, like every other control', () => {
    expect(visibleLine('one\ntwo\r\nthree\u2028four')).toBe('one␊two␍␊three<U+2028>four');
    expect(visible('one\ntwo')).toBe('one\ntwo');
  });

  it('moves match ranges with the text (property: the ranged text is the same, made visible)', () => {
    expect(visibleLineRanges('co\u00adop news', [[6, 10]])).toEqual([[5, 9]]);
    expect(
      visibleLineRanges('a\u001bb\nc', [
        [2, 3],
        [4, 5],
      ]),
    ).toEqual([
      [2, 3],
      [4, 5],
    ]);
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'é', ' ', '東', '\u00ad', '\n', '\u001b', '\u200b', '\u009b', '\u202e', '\ufeff'),
          maxLength: 30,
        }),
        fc.nat(30),
        fc.nat(30),
        (text, a, b) => {
          const [s, e] = [Math.min(a, b, text.length), Math.min(Math.max(a, b), text.length)];
          const [[vs, ve]] = visibleLineRanges(text, [[s, e]]);
          expect(visibleLine(text).slice(vs, ve)).toBe(visibleLine(text.slice(s, e)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('safeJson', () => {
  it('escapes C1, DEL, bidi and line/paragraph separators that JSON.stringify leaves raw', () => {
    const value = { title: 'a\u009bb\u202ec\u2066d\u2028e\u007ff\u200eg\u061ch' };
    const json = safeJson(value);
    expect(json).not.toMatch(RAW_C1_OR_BIDI);
    expect(json).toContain('\\u009b');
    expect(json).toContain('\\u202e');
    expect(json).toContain('\\u2028');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('is valid JSON that round-trips and never carries a raw control or bidi character (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 60 }), (value, s) => {
        const input = { value, s, list: [s, { nested: s }] };
        const json = safeJson(input);
        expect(json).not.toMatch(RAW_C1_OR_BIDI);
        expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(input)));
      }),
      { numRuns: 300 },
    );
  });

  it('indents by two spaces by default', () => {
    expect(safeJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(safeJson({ a: 1 }, 0)).toBe('{"a":1}');
  });
});

describe('sanitizeLine', () => {
  it('cleans, folds whitespace runs and trims', () => {
    expect(sanitizeLine('  a\t\u001b[1mb\r\n  c\u202e  ')).toBe('a b c');
  });
});
