import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyJson } from '../../src/archive/jsonfile.js';

describe('stringifyJson', () => {
  it('with ascii, writes only ASCII and reads back the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'grapheme' }), (value, text) => {
        const data = { value, text, cjk: '北京 🧑‍💻 é\u2028' };
        const json = stringifyJson(data, { indent: 0, ascii: true });
        expect(json).toMatch(/^[\x00-\x7f]*$/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });

  it('without ascii, keeps characters as they are, indented as asked', () => {
    expect(stringifyJson({ t: 'é' }, { indent: 1 })).toBe('{\n "t": "é"\n}');
    expect(stringifyJson({ t: 'é' }, { indent: 0, ascii: true })).toBe('{"t":"\\u00e9"}');
  });
});
