// Article output formats for the CLI: plain text, markdown, JSON.
import { listItems, type Article, type ArticleMeta, type Author, type Block } from '../model/schema.js';
import { bylineText, DERIVED_TITLE_NOTICE, EXCERPT_NOTICE, layoutArticle } from './layout.js';
import { markdownInline } from './marks.js';
import { paint } from './style.js';
import { safeJson, visible, visibleLine } from './visible.js';

export interface TextOptions {
  width?: number;
  color: boolean;
  /** Bytes as stored, no control made visible (explicit --raw only). */
  raw: boolean;
}

export const displayText = (text: string, raw: boolean) => (raw ? text : visible(text));

export function renderText(article: Article, authors: Author[], options: TextOptions): string {
  return layoutArticle(article, authors, options.width, { raw: options.raw })
    .map((line) => paint(line.text, line.style, options.color))
    .join('\n');
}

function markdownBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return markdownInline(block.text, block.marks);
    case 'heading':
      // The article title is the one `#`; headings sit below it.
      return `${'#'.repeat(Math.min(6, Math.max(2, block.level ?? 2)))} ${markdownInline(block.text, block.marks)}`;
    case 'quote':
      return `> ${markdownInline(block.text, block.marks)}`;
    case 'list':
      return listItems({ text: markdownInline(block.text, block.marks) })
        .map((item, n) => `${block.ordered ? `${n + 1}.` : '-'} ${item}`)
        .join('\n');
    case 'pre': {
      const fence = block.text.includes('```') ? '~~~~' : '```';
      return `${fence}\n${block.text}\n${fence}`;
    }
    case 'figure': {
      const caption = [block.title, block.caption].filter(Boolean).join(' — ');
      if (!caption && !block.credit) return block.alt ? `*${block.alt}*` : '';
      return caption ? `*${caption}*${block.credit ? ` — ${block.credit}` : ''}` : `*${block.credit}*`;
    }
  }
}

export function renderMarkdown(article: Article, authors: Author[], raw = false): string {
  // The heading, dek and byline are one line each: a line feed in them is shown as ␊.
  const line = (text: string) => (raw ? text : visibleLine(text));
  const parts = [`# ${line(article.title)}`];
  if (article.dek) parts.push(`*${line(article.dek)}*`);
  parts.push(`**${line(bylineText(article, authors))}**`);
  if (article.titleDerived) parts.push(`> ${DERIVED_TITLE_NOTICE}`);
  if (article.kind === 'excerpt') parts.push(`> ${EXCERPT_NOTICE}`);
  parts.push(...article.body.map(markdownBlock).filter(Boolean));
  return displayText(parts.join('\n\n'), raw);
}

/** YAML front matter: every value in JSON syntax, which YAML reads as-is — with what YAML
 * cannot carry raw (C1, DEL, NEL, U+2028/2029, BOM, U+FFFE/FFFF) escaped as \uXXXX. */
export function frontMatter(article: ArticleMeta, authors: Author[]): string {
  const fields: [string, unknown][] = [
    ['id', article.id],
    ['title', article.title],
    ['dek', article.dek],
    ['authors', authors.map((a) => a.name)],
    ['kind', article.kind],
    ['sponsored', article.sponsored],
    ['url', article.url ?? null],
    ['publishedAt', article.publishedAt ?? null],
    ['wordCount', article.wordCount],
  ];
  return ['---', ...fields.map(([k, v]) => `${k}: ${safeJson(v, 0)}`), '---', ''].join('\n');
}

const authorRef = (a: Author) => ({ id: a.id, name: a.name, handle: a.handle ?? null });

/** The list shape of `--json`: absent values are null. */
export function articleListJson(meta: ArticleMeta, authors: Author[]) {
  return {
    id: meta.id,
    title: meta.title,
    titleDerived: meta.titleDerived,
    dek: meta.dek,
    kind: meta.kind,
    sponsored: meta.sponsored,
    authors: authors.map(authorRef),
    wordCount: meta.wordCount,
    url: meta.url ?? null,
    siteName: meta.siteName ?? null,
    publishedAt: meta.publishedAt ?? null,
    modifiedAt: meta.modifiedAt ?? null,
    language: meta.language ?? null,
    archivedUrl: meta.archivedUrl ?? null,
    tags: meta.tags ?? [],
  };
}

/** A body block in `--format json`: as stored, with a list's items also as an array. Every
 * block but a figure has its plain text in `text`; `marks` (links, emphasis) are spans of it. */
export function blockJson(b: Block) {
  switch (b.type) {
    case 'figure':
      return {
        type: 'figure',
        ...(b.title ? { title: b.title } : {}),
        caption: b.caption,
        credit: b.credit,
        ...(b.alt ? { alt: b.alt } : {}),
        ...(b.src ? { src: b.src } : {}),
      };
    case 'list':
      return { type: 'list', ordered: b.ordered, text: b.text, items: listItems(b), ...(b.marks?.length ? { marks: b.marks } : {}) };
    case 'pre':
      return { type: 'pre', text: b.text };
    case 'heading':
      return { type: 'heading', text: b.text, ...(b.level ? { level: b.level } : {}), ...(b.marks?.length ? { marks: b.marks } : {}) };
    default:
      return { type: b.type, text: b.text, ...(b.marks?.length ? { marks: b.marks } : {}) };
  }
}

export function articleJson(article: Article, authors: Author[]) {
  return {
    ...articleListJson(article, authors),
    authors: authors.map((a) => ({ ...authorRef(a), bio: a.bio, kind: a.kind })),
    credits: article.credits,
    body: article.body.map(blockJson),
  };
}
