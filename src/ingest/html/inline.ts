// Inline content of one block element → plain text plus marks (links, emphasis, code).
// Whitespace is folded as a browser folds it; every piece of text is sanitized before its
// offsets are counted, so the marks fit the stored text exactly.
import type { Mark } from '../../model/schema.js';
import { sanitizeText } from '../../model/sanitize.js';

export interface InlineText {
  text: string;
  marks: Mark[];
}

type MarkType = Mark['type'];

const MARK_OF: Record<string, MarkType> = {
  a: 'link',
  em: 'em',
  i: 'em',
  cite: 'em',
  strong: 'strong',
  b: 'strong',
  code: 'code',
  kbd: 'code',
  samp: 'code',
  tt: 'code',
};

/** Elements whose content is never article text. */
export const NEVER_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'button',
  'input',
  'select',
  'textarea',
  'form',
  'nav',
  'head',
  'meta',
  'link',
  'dialog',
  'map',
]);

/** A link target worth keeping: absolute http(s) or mailto, resolved against the page. */
export function absoluteHref(href: string | null, base: string | undefined): string | undefined {
  if (!href || href.startsWith('#')) return undefined;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/** Builds text and marks, splitting into segments at <br>. */
export class InlineBuilder {
  private text = '';
  private marks: Mark[] = [];
  private open: { type: MarkType; start: number; href?: string }[] = [];
  readonly segments: InlineText[] = [];

  constructor(private readonly base: string | undefined) {}

  append(raw: string): void {
    const clean = sanitizeText(raw).replace(/[\s\u00a0]+/g, ' ');
    if (!clean) return;
    const body = clean.startsWith(' ') ? clean.slice(1) : clean;
    if (clean.startsWith(' ') && this.text && !this.text.endsWith(' ')) this.text += ' ';
    if (body) this.text += body;
  }

  space(): void {
    if (this.text && !this.text.endsWith(' ')) this.text += ' ';
  }

  openMark(type: MarkType, href?: string): void {
    this.open.push({ type, start: this.text.length, ...(href ? { href } : {}) });
  }

  closeMark(): void {
    const m = this.open.pop();
    if (m && this.text.length > m.start)
      this.marks.push({ type: m.type, start: m.start, end: this.text.length, ...(m.href ? { href: m.href } : {}) });
  }

  /** Ends the current segment (a line break); marks still open continue in the next. */
  lineBreak(): void {
    const open = this.open;
    for (let i = open.length - 1; i >= 0; i--) {
      const m = open[i];
      if (this.text.length > m.start)
        this.marks.push({ type: m.type, start: m.start, end: this.text.length, ...(m.href ? { href: m.href } : {}) });
    }
    this.finishSegment();
    for (const m of open) m.start = 0;
  }

  private finishSegment(): void {
    const text = this.text.trimEnd();
    const lead = text.length - text.trimStart().length;
    const trimmed = text.slice(lead);
    if (trimmed) {
      const marks = this.marks
        .map((m) => ({ ...m, start: Math.max(0, m.start - lead), end: Math.min(trimmed.length, m.end - lead) }))
        .filter((m) => m.end > m.start)
        .sort((a, b) => a.start - b.start || b.end - a.end);
      this.segments.push({ text: trimmed, marks });
    }
    this.text = '';
    this.marks = [];
  }

  walk(node: Node): void {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) this.append(child.textContent ?? '');
      else if (child.nodeType === 1) this.element(child as Element);
    }
  }

  private element(el: Element): void {
    const tag = el.localName;
    if (NEVER_TEXT.has(tag) || tag === 'img' || tag === 'picture' || tag === 'figure' || tag === 'figcaption') return;
    if (tag === 'br') return this.lineBreak();
    if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return;
    const type = MARK_OF[tag];
    const href = type === 'link' ? absoluteHref(el.getAttribute('href'), this.base) : undefined;
    const marked = type !== undefined && (type !== 'link' || href !== undefined);
    const block = INLINE_BLOCKS.has(tag);
    if (block) this.space();
    if (marked) this.openMark(type, href);
    this.walk(el);
    if (marked) this.closeMark();
    if (block) this.space();
  }

  finish(): InlineText[] {
    while (this.open.length) this.closeMark();
    this.finishSegment();
    return this.segments;
  }
}

/** Block elements met inside inline content (a <p> inside an <li>): a space, not a join. */
const INLINE_BLOCKS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'dd',
  'dt',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'tr',
  'td',
  'th',
  'table',
  'pre',
  'header',
  'footer',
  'aside',
  'address',
]);

/** One element's inline content as segments (split at <br>). */
export function inlineSegments(el: Element, base: string | undefined): InlineText[] {
  const b = new InlineBuilder(base);
  b.walk(el);
  return b.finish();
}

/** One element's inline content as a single line (line breaks become spaces). */
export function inlineLine(el: Element, base: string | undefined): InlineText {
  const segments = inlineSegments(el, base);
  let text = '';
  const marks: Mark[] = [];
  for (const s of segments) {
    if (text) text += ' ';
    for (const m of s.marks) marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
    text += s.text;
  }
  return { text, marks };
}
