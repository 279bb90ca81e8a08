// The one layout module: an article becomes styled lines at a width; lines become pages.
// The CLI prints these lines, the reader pages through them.
import { displayWidth, wrapText } from './wrap.js';
import { visible, visibleLine } from './visible.js';
import { listItems, type Article, type Author, type Block } from '../model/schema.js';

export type LineStyle =
  'title' | 'dek' | 'byline' | 'tags' | 'notice' | 'heading' | 'paragraph' | 'quote' | 'list' | 'pre' | 'figure' | 'credit' | 'blank';

export interface Line {
  text: string;
  style: LineStyle;
  /** Index of the body block this line belongs to; -1 for the header. */
  block: number;
}

export const QUOTE_PREFIX = '  ┃ ';
export const EXCERPT_NOTICE = 'Excerpt — the archive holds only the opening of this story';
export const DERIVED_TITLE_NOTICE = 'Title derived from the text (the page had none)';

export function bylineText(article: Pick<Article, 'sponsored'>, authors: Author[]): string {
  if (authors.length === 0) return 'Author unknown';
  const names = authors.map((a) => (a.handle ? `${a.name} (${a.handle})` : a.name));
  const joined = names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return article.sponsored ? `Sponsored content from ${joined}` : `By ${joined}`;
}

/** Wraps to width (or not at all when width is undefined); always at least one line. */
export function wrap(text: string, width: number | undefined): string[] {
  if (width === undefined || !Number.isFinite(width)) return [text];
  return wrapText(text, width);
}

export interface LayoutOptions {
  /** Text exactly as stored (explicit --raw only). Otherwise controls and bidi characters
   * are made visible *before* wrapping, so the symbols that replace them count toward the
   * width and a page never overflows. */
  raw?: boolean;
  /** The article's tags under the byline ("#cloud #ai"): the reader shows them. */
  tags?: boolean;
}

function push(out: Line[], text: string, style: LineStyle, block: number, width: number | undefined, prefix = '', raw = false): void {
  // A prefix that leaves no room for a wide character is dropped, so no line is ever wider than the width.
  if (width !== undefined && width - prefix.length < 2) prefix = '';
  const inner = width === undefined ? undefined : Math.max(1, width - prefix.length);
  // Title, dek and byline are one-line fields: a line feed in them is shown (␊), never obeyed.
  const safe = raw ? text : block === -1 ? visibleLine(text) : visible(text);
  for (const t of wrap(safe, inner)) out.push({ text: prefix + t, style, block });
}

/** A list item: its marker on the first line, the rest indented under the text. */
function pushItem(out: Line[], text: string, marker: string, block: number, width: number | undefined, raw: boolean): void {
  const indent = ' '.repeat(marker.length);
  if (width !== undefined && width - marker.length < 2) return push(out, `${marker}${text}`, 'list', block, width, '', raw);
  const inner = width === undefined ? undefined : width - marker.length;
  wrap(raw ? text : visible(text), inner).forEach((t, n) => out.push({ text: (n === 0 ? marker : indent) + t, style: 'list', block }));
}

const blank = (block: number): Line => ({ text: '', style: 'blank', block });

function layoutBlock(out: Line[], block: Block, i: number, width: number | undefined, raw: boolean): void {
  switch (block.type) {
    case 'paragraph':
      return push(out, block.text, 'paragraph', i, width, '', raw);
    case 'heading':
      return push(out, block.text, 'heading', i, width, '', raw);
    case 'quote':
      return push(out, block.text, 'quote', i, width, QUOTE_PREFIX, raw);
    case 'list': {
      const items = listItems(block);
      const digits = String(items.length).length;
      items.forEach((item, n) => pushItem(out, item, block.ordered ? `${String(n + 1).padStart(digits)}. ` : '• ', i, width, raw));
      return;
    }
    case 'pre':
      // Each line on its own, its spaces kept (they line columns up); a line wider than the
      // page is wrapped, never cut.
      for (const line of block.text.split('\n')) {
        const shown = (raw ? line : visible(line)).trimEnd();
        if (width === undefined || displayWidth(shown) <= width) out.push({ text: shown, style: 'pre', block: i });
        else push(out, line, 'pre', i, width, '', raw);
      }
      return;
    case 'figure': {
      const caption = [block.title, block.caption].filter(Boolean).join(' — ') || block.alt || '';
      if (caption) push(out, `[Figure] ${caption}`, 'figure', i, width, '', raw);
      if (block.credit || !caption) push(out, block.credit, 'credit', i, width, '', raw);
      return;
    }
  }
}

export function layoutHeader(
  article: Article,
  authors: Author[],
  width: number | undefined,
  { raw = false, tags = false }: LayoutOptions = {},
): Line[] {
  const out: Line[] = [];
  push(out, article.title, 'title', -1, width, '', raw);
  if (article.dek) push(out, article.dek, 'dek', -1, width, '', raw);
  out.push(blank(-1));
  push(out, bylineText(article, authors), 'byline', -1, width, '', raw);
  if (tags && article.tags?.length) push(out, article.tags.map((t) => `#${t}`).join(' '), 'tags', -1, width, '', raw);
  if (article.titleDerived) push(out, DERIVED_TITLE_NOTICE, 'notice', -1, width, '', raw);
  if (article.kind === 'excerpt') push(out, EXCERPT_NOTICE, 'notice', -1, width, '', raw);
  return out;
}

/** The whole article as lines: header, then each block separated by a blank line.
 * Lines hold display-safe text unless `raw` is asked for. */
export function layoutArticle(article: Article, authors: Author[], width?: number, options: LayoutOptions = {}): Line[] {
  const raw = options.raw ?? false;
  const out = layoutHeader(article, authors, width, { raw, tags: options.tags });
  article.body.forEach((block, i) => {
    out.push(blank(i));
    layoutBlock(out, block, i, width, raw);
  });
  return out;
}

export interface Page {
  /** First line (inclusive) and last line (exclusive). */
  start: number;
  end: number;
}

/** Splits lines into pages of at most `height` visible lines. Every line is on exactly one
 * page; blank lines at a page break stay with the page before (unseen), so no page but
 * the first starts with a blank line. */
export function paginate(lines: Line[], height: number): Page[] {
  const h = Math.max(1, Math.floor(height));
  const pages: Page[] = [];
  let start = 0;
  while (start < lines.length) {
    let end = Math.min(lines.length, start + h);
    while (end < lines.length && lines[end].style === 'blank') end++;
    pages.push({ start, end });
    start = end;
  }
  if (pages.length === 0) pages.push({ start: 0, end: 0 });
  return pages;
}

/** The page that shows a given line. */
export function pageOfLine(pages: Page[], line: number): number {
  const i = pages.findIndex((p) => line >= p.start && line < p.end);
  return i === -1 ? Math.max(0, pages.length - 1) : i;
}
