// Text whose width terminals and string-width disagree on, for tests of widths.
import fc from 'fast-check';
import { HOSTILE } from './hardening.js';

/** What string-width and terminals disagree on: soft hyphens, Thai and Devanagari clusters
 * with spacing vowels, flags, skin tones, ZWJ sequences, VS16, keycaps, zero-width and
 * default-ignorable characters, Hangul fillers, prepended concatenation marks, marks with no
 * base. Also fullwidth text, controls and line feeds. */
export const DISPUTED = [
  'co\u00adop\u00ader\u00adate',
  '\u00ad',
  'soft\u00ad',
  'กำ',
  'น้ำ',
  'ภาษาไทย',
  'คำตอบ',
  'ที่นี่',
  'क्ष',
  'हिन्दी',
  'क्षत्रिय',
  'स्त्री',
  'कि',
  '🇯🇵',
  '🇫🇷🇩🇪🇺🇸',
  '🇯',
  '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}',
  '👍🏻',
  '👍🏿',
  '🏻',
  '👩🏽‍💻',
  '🧑🏾‍🤝‍🧑🏻',
  '✌🏽',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '❤️‍🔥',
  '❤️',
  '☺️',
  '1️⃣',
  '#⃣',
  '\u200b',
  '\u2060',
  '\ufeff',
  '\u2061',
  '\u115f',
  '\u1160',
  '\u3164',
  '\uffa0',
  '\u180e',
  '\u034f',
  '\u17b4',
  '\u0301',
  '\u0301x',
  '\u200d',
  '\ufe0f',
  '\u0600١٢',
  '\u06dd',
  '\u1100\u1161\u11a8',
  '\u1100\u1100',
  '東京の地図',
  'Ｗｉｄｅ',
  'ｱｲｳ',
  '\n',
  '\r\n',
  '\t',
];
const widthPiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...DISPUTED) },
  { weight: 3, arbitrary: fc.constantFrom('the', 'archive', 'a', 'x'.repeat(30), '—', '…') },
  { weight: 1, arbitrary: fc.constantFrom(...Object.values(HOSTILE)) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  // UTF-16 code units: lone surrogates too (stdout turns them into U+FFFD).
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 6 }) },
);
export const widthTitle = fc
  .array(fc.tuple(widthPiece, fc.constantFrom('', ' ', '  ')), { minLength: 1, maxLength: 16 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));
