// ANSI styling for human output. Applied after display safety, so these are the only
// escape sequences byline itself ever writes in text output.
import type { LineStyle } from './layout.js';

const CODES: Partial<Record<LineStyle | 'match' | 'muted', [number, number]>> = {
  title: [1, 22],
  heading: [1, 22],
  dek: [3, 23],
  figure: [2, 22],
  credit: [2, 22],
  notice: [33, 39],
  match: [4, 24],
  muted: [2, 22],
};

export function paint(text: string, style: keyof typeof CODES | LineStyle, color: boolean): string {
  const code = CODES[style as keyof typeof CODES];
  if (!color || !code || !text) return text;
  return `\u001b[${code[0]}m${text}\u001b[${code[1]}m`;
}
