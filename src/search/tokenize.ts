// Words as the index sees them: lower case, accents folded, split on anything that is
// not a letter or digit. Offsets point into the original text, for highlighting.

export interface Token {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD_ANY_CASE = /[A-Za-z0-9]+/g;

const ASCII = /^[\x00-\x7f]*$/;

export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folded tokens of text; offsets are approximate when folding changes lengths. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const ascii = ASCII.test(text);
  for (const m of text.matchAll(ascii ? ASCII_WORD_ANY_CASE : WORD)) {
    const folded = ascii ? m[0].toLowerCase() : fold(m[0]);
    if (folded) out.push({ text: folded, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** Just the folded words (no offsets): the fast path for indexing. */
export function words(text: string): string[] {
  const folded = fold(text);
  return (ASCII.test(folded) ? folded.match(ASCII_WORD) : folded.match(WORD)) ?? [];
}

const ASCII_WORD = /[a-z0-9]+/g;
