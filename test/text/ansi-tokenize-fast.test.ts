import fc from 'fast-check';
import { tokenize as original } from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/vendor/ansi-tokenize-fast.js';

const sgr = fc.constantFrom('\u001b[1m', '\u001b[22m', '\u001b[2m', '\u001b[7m', '\u001b[27m', '\u001b[39m', '\u001b[0m', '\u001b[m', '\u001b[31m', '\u001b[1;31m', '\u001b[38;5;12m', '\u001b[48;2;1;2;3m', '\u001b[1;38;5;200;4m', '\u001b[38;2;1m', '\u001b[38;5m', '\u001b[;m');
const oneColumn = fc.constantFrom('a', 'Z', ' ', '~', 'é', '“', '”', '—', '…', '·', '›', '●', '★', '┃', '␛', '↓', '\u00a0');
const other = fc.constantFrom('北', '🧑‍💻', 'e\u0301', '\u001b]8;;http://x\u0007', '\u001b[2J', '\u009b', '\u001b', '\t', '\r\n', '\u00ad', 'x\ufe0f');

describe('the fast ANSI tokenizer Ink uses (bundled in place of @alcalzone/ansi-tokenize)', () => {
  it('gives the very tokens of the original for one-column text with colour codes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(oneColumn, sgr), { maxLength: 40 }), fc.option(fc.nat(30), { nil: undefined }), (parts, endChar) => {
        const line = parts.join('');
        expect(tokenize(line, endChar)).toEqual(original(line, endChar));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands anything else to the original, with the same result (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(oneColumn, sgr, other), { maxLength: 30 }), (parts) => {
        const line = parts.join('');
        expect(tokenize(line)).toEqual(original(line));
      }),
      { numRuns: 1000 },
    );
  });
});
