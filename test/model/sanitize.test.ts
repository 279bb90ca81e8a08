import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sanitizeText } from '../../src/model/sanitize.js';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('sanitizeText', () => {
  it('removes whole escape sequences, not only the ESC byte', () => {
    expect(sanitizeText('a\u001b[2Jb\u001b]52;c;aGVsbG8=\u0007c\u001b]0;title\u001b\\d')).toBe('abcd');
  });
  it('removes C1 controls, DEL and bidi overrides, keeps newlines', () => {
    expect(sanitizeText('x\u009b31my\u007f\u202eevil\u2066z\nnext')).toBe('xyevilz\nnext');
  });
  it('normalises CRLF and lone CR to newlines and drops a BOM', () => {
    expect(sanitizeText('\ufeffone\r\ntwo\rthree')).toBe('one\ntwo\nthree');
  });
  it('never throws, is idempotent and never leaves a control character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = sanitizeText(s);
        expect(CONTROL.test(once)).toBe(false);
        expect(sanitizeText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
