// An extracted article element → byline blocks: paragraphs, headings with their level,
// quotes, lists, preformatted text and figures (caption and credit apart). Page furniture
// that an extractor keeps (share rails, newsletter boxes, caption text) never becomes text.
import type { Block, Mark } from '../../model/schema.js';
import { sanitizeLine, sanitizeText } from '../../model/sanitize.js';
import { absoluteHref, inlineLine, inlineSegments, NEVER_TEXT, type InlineText } from './inline.js';
import { isFurniture } from './furniture.js';

const HEADING = /^h([1-6])$/;
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'span',
  'center',
  'details',
  'summary',
  'hgroup',
  'body',
  'html',
  'font',
  'tbody',
  'thead',
  'tfoot',
  'picture',
  'address',
]);
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'tt',
  'font',
  'label',
  'wbr',
  'strike',
  'big',
  'br',
  'nobr',
]);

/** Credits at the end of a caption: "… Photo: Jane Doe", "(Photo by X/Getty Images)", "© X",
 * "Jane Doe/AFP". The one that starts last wins: the credit is as short as it can be. */
const CREDIT_TAILS = [
  /\s*\(([^()]*?\b(?:photo|photograph|image|credit|illustration|getty|reuters|afp|ap photo|shutterstock|courtesy)\b[^()]*)\)\.?$/iu,
  /(?:^|\s)((?:photo(?:graph)?s?|images?|credit|illustration|picture|video)(?:\s+by|\s*:)\s*[^\n]{2,100})$/iu,
  /(?:^|\s)(©\s*[^\n]{2,100})$/u,
  /(?:^|[\s.])(\p{Lu}[^\n.()]{1,60}\/(?:Getty Images|AFP|AP|Reuters|EPA|Shutterstock)[^\n()]{0,40})$/u,
];

export function splitCaption(text: string): { caption: string; credit: string } {
  let best: { at: number; credit: string } | undefined;
  for (const re of CREDIT_TAILS) {
    const m = text.match(re);
    if (m?.index !== undefined && (!best || m.index > best.at)) best = { at: m.index, credit: m[1].trim().replace(/\.$/, '') };
  }
  if (!best) return { caption: text, credit: '' };
  return { caption: text.slice(0, best.at).trim(), credit: best.credit };
}

function imageSource(img: Element | null, base: string | undefined): string | undefined {
  if (!img) return undefined;
  const candidates = [
    img.getAttribute('src'),
    img.getAttribute('data-src'),
    img.getAttribute('data-original'),
    img.getAttribute('srcset')?.split(/\s+/)[0] ?? null,
  ];
  for (const c of candidates) {
    if (!c || c.startsWith('data:')) continue;
    const href = absoluteHref(c, base);
    if (href && !href.startsWith('mailto:')) return href;
  }
  return undefined;
}

function isTinyImage(img: Element): boolean {
  const w = Number(img.getAttribute('width'));
  const h = Number(img.getAttribute('height'));
  return (w > 0 && w < 40) || (h > 0 && h < 40);
}

/** A caption or credit outside a <figure> ("<p class="caption">", "<div class="photo-credit">"):
 * a figure block, so its text stays out of the story's paragraphs. */
const CAPTION_WORD =
  /(?:^|[-_])(?:caption|captions|credit|credits|photo-?credit|image-?credit|wp-caption-text|figcaption|image-?caption|photo-?caption|media-?caption)(?:$|[-_])/i;

export function isCaption(el: Element): boolean {
  const hinted =
    (el.getAttribute('class') ?? '').split(/\s+/).some((t) => CAPTION_WORD.test(t)) || CAPTION_WORD.test(el.getAttribute('id') ?? '');
  return hinted && (el.textContent ?? '').length < 400 && !el.querySelector('p p, h1, h2, h3, ul, ol, table');
}

class BlockWriter {
  readonly blocks: Block[] = [];
  constructor(private readonly base: string | undefined) {}

  private text(type: 'paragraph' | 'quote', segments: InlineText[]): void {
    for (const s of segments) this.blocks.push(withMarks({ type, text: s.text }, s.marks));
  }

  private figure(el: Element): void {
    const img = el.localName === 'img' ? el : el.querySelector('img');
    if (img && isTinyImage(img)) return;
    const captionEl = el.localName === 'img' ? null : (el.querySelector('figcaption') ?? el.querySelector('[class*="caption"]'));
    let caption = '';
    let credit = '';
    if (captionEl) {
      const creditEl = captionEl.querySelector('[class*="credit"], [class*="copyright"], [class*="source"], [class*="byline"]');
      if (creditEl) {
        credit = sanitizeLine(creditEl.textContent ?? '');
        creditEl.remove();
      }
      const split = splitCaption(sanitizeLine(captionEl.textContent ?? ''));
      caption = split.caption;
      credit ||= split.credit;
    }
    const alt = sanitizeLine(img?.getAttribute('alt') ?? '');
    const src = imageSource(img, this.base);
    if (!caption && !credit && !alt) return;
    this.blocks.push({ type: 'figure', caption, credit, ...(alt ? { alt } : {}), ...(src ? { src } : {}) });
  }

  private list(el: Element): void {
    const items: InlineText[] = [];
    const collect = (list: Element) => {
      for (const li of Array.from(list.children)) {
        if (li.localName !== 'li') {
          if (li.localName === 'ul' || li.localName === 'ol') collect(li);
          continue;
        }
        const nested = Array.from(li.children).filter((c) => c.localName === 'ul' || c.localName === 'ol');
        for (const n of nested) n.remove();
        const item = inlineLine(li, this.base);
        if (item.text) items.push(item);
        for (const n of nested) collect(n);
      }
    };
    collect(el);
    if (items.length === 0) return;
    let text = '';
    const marks: Mark[] = [];
    for (const item of items) {
      if (text) text += '\n';
      for (const m of item.marks) marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
      text += item.text;
    }
    this.blocks.push(withMarks({ type: 'list', ordered: el.localName === 'ol', text }, marks));
  }

  private table(el: Element): void {
    const rows = Array.from(el.querySelectorAll('tr'));
    const cells = rows.flatMap((r) => Array.from(r.children).filter((c) => c.localName === 'td' || c.localName === 'th'));
    // A table used for layout (one cell, or cells holding paragraphs) is read as its content.
    if (cells.length <= 1 || cells.some((c) => c.querySelector('p, div, h1, h2, h3, h4, h5, h6, ul, ol, blockquote, table'))) {
      return this.children(el);
    }
    for (const row of rows) {
      const texts = Array.from(row.children)
        .filter((c) => c.localName === 'td' || c.localName === 'th')
        .map((c) => inlineLine(c, this.base).text)
        .filter(Boolean);
      if (texts.length) this.blocks.push({ type: 'paragraph', text: texts.join(' | ') });
    }
  }

  element(el: Element): void {
    const tag = el.localName;
    if (NEVER_TEXT.has(tag) || tag === 'hr' || tag === 'br') return;
    if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return;
    if (isFurniture(el)) return;
    if (tag !== 'figure' && tag !== 'img' && isCaption(el)) {
      const { caption, credit } = splitCaption(sanitizeLine(el.textContent ?? ''));
      if (caption || credit) this.blocks.push({ type: 'figure', caption, credit });
      return;
    }
    const level = tag.match(HEADING)?.[1];
    if (level) {
      const line = inlineLine(el, this.base);
      if (line.text) this.blocks.push(withMarks({ type: 'heading', text: line.text, level: Number(level) }, line.marks));
      return;
    }
    switch (tag) {
      case 'p':
        this.figuresIn(el);
        return this.text('paragraph', inlineSegments(el, this.base));
      case 'blockquote':
        if (Array.from(el.children).some((c) => !INLINE.has(c.localName))) {
          const inner = new BlockWriter(this.base);
          inner.children(el);
          for (const b of inner.blocks) this.blocks.push(b.type === 'paragraph' ? { ...b, type: 'quote' } : b);
          return;
        }
        return this.text('quote', inlineSegments(el, this.base));
      case 'ul':
      case 'ol':
        return this.list(el);
      case 'pre': {
        const text = sanitizeText(el.textContent ?? '')
          .replace(/\s+$/, '')
          .replace(/^\n+/, '');
        if (text.trim()) this.blocks.push({ type: 'pre', text });
        return;
      }
      case 'figure':
      case 'img':
        return this.figure(el);
      case 'table':
        return this.table(el);
      case 'dl':
        for (const c of Array.from(el.children)) {
          const line = inlineLine(c, this.base);
          if (line.text)
            this.blocks.push(
              withMarks(
                {
                  type: c.localName === 'dt' ? 'heading' : 'paragraph',
                  text: line.text,
                  ...(c.localName === 'dt' ? { level: 4 } : {}),
                } as Block,
                line.marks,
              ),
            );
        }
        return;
      default:
        if (CONTAINERS.has(tag) || !INLINE.has(tag)) return this.children(el);
        return this.text('paragraph', inlineSegments(el, this.base));
    }
  }

  /** Images inside a paragraph become figures after it. */
  private figuresIn(el: Element): void {
    for (const img of Array.from(el.querySelectorAll('img'))) {
      const alt = sanitizeLine(img.getAttribute('alt') ?? '');
      if (!alt || isTinyImage(img)) continue;
      const src = imageSource(img, this.base);
      this.blocks.push({ type: 'figure', caption: '', credit: '', alt, ...(src ? { src } : {}) });
    }
  }

  /** Children of a container: runs of loose text and inline elements become paragraphs. */
  children(el: Element): void {
    let run: Node[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const holder = el.ownerDocument.createElement('p');
      for (const n of run) holder.appendChild(n.cloneNode(true));
      run = [];
      this.text('paragraph', inlineSegments(holder, this.base));
    };
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        if ((child.textContent ?? '').trim()) run.push(child);
        continue;
      }
      if (child.nodeType !== 1) continue;
      const c = child as Element;
      if (
        INLINE.has(c.localName) &&
        c.localName !== 'span' &&
        !c.querySelector('p, div, figure, ul, ol, table, blockquote, h1, h2, h3, h4, h5, h6')
      ) {
        if (c.localName === 'br' && run.length) {
          run.push(c);
          continue;
        }
        run.push(c);
        continue;
      }
      if (c.localName === 'span' && !c.querySelector('p, div, figure, ul, ol, table, blockquote, h1, h2, h3, h4, h5, h6, img')) {
        run.push(c);
        continue;
      }
      flush();
      this.element(c);
    }
    flush();
  }
}

function withMarks<B extends Block>(block: B, marks: Mark[]): B {
  return marks.length ? { ...block, marks } : block;
}

/** The article element's content as blocks (before cleaning). */
export function blocksOf(article: Element, base: string | undefined): Block[] {
  const writer = new BlockWriter(base);
  writer.children(article);
  return writer.blocks;
}
