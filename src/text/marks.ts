// Inline marks (links, emphasis, code) laid over a block's plain text, for markdown output.
import type { Mark } from '../model/schema.js';

/** Marks clipped to the text and properly nested (a mark that crosses the end of an
 * enclosing one is cut there), in document order. Bad spans from a hand-edited archive
 * are dropped, never thrown on. */
export function nestedMarks(text: string, marks: readonly Mark[] | undefined): Mark[] {
  if (!marks?.length) return [];
  const clipped = marks
    .map((m) => ({ ...m, start: Math.max(0, Math.min(m.start, text.length)), end: Math.max(0, Math.min(m.end, text.length)) }))
    .map((m) => trimSpan(text, m))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Mark[] = [];
  const open: Mark[] = [];
  for (const m of clipped) {
    while (open.length && open[open.length - 1].end <= m.start) open.pop();
    const parent = open[open.length - 1];
    const mark = parent && m.end > parent.end ? { ...m, end: parent.end } : m;
    if (mark.end <= mark.start) continue;
    out.push(mark);
    open.push(mark);
  }
  return out;
}

/** Markdown emphasis cannot start or end on a space: the span is narrowed to its words. */
function trimSpan(text: string, m: Mark): Mark {
  let { start, end } = m;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { ...m, start, end };
}

/** `(`, `)`, spaces and angle brackets would end a markdown link target early. */
function markdownHref(href: string): string {
  return href.replace(/[()\s<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

function delimiters(mark: Mark, inner: string): [string, string] {
  switch (mark.type) {
    case 'em':
      return ['*', '*'];
    case 'strong':
      return ['**', '**'];
    case 'code': {
      const ticks = inner.includes('`') ? '``' : '`';
      return [ticks, ticks];
    }
    case 'link':
      return mark.href ? ['[', `](${markdownHref(mark.href)})`] : ['', ''];
  }
}

/** The text with its marks written as markdown: `[text](url)`, `*em*`, `**strong**`, `` `code` ``. */
export function markdownInline(text: string, marks: readonly Mark[] | undefined): string {
  const nested = nestedMarks(text, marks);
  if (nested.length === 0) return text;
  let i = 0;
  // Marks are in document order and nested: each call renders [from, to) and the marks inside it.
  const walk = (from: number, to: number): string => {
    let out = '';
    let pos = from;
    while (i < nested.length && nested[i].start < to) {
      const m = nested[i++];
      out += text.slice(pos, m.start);
      const inner = walk(m.start, m.end);
      const [open, close] = delimiters(m, inner);
      out += open + inner + close;
      pos = m.end;
    }
    return out + text.slice(pos, to);
  };
  return walk(0, text.length);
}
