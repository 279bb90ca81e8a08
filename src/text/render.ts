// Article output formats for the CLI: plain text, markdown, JSON.
import type { Article, ArticleMeta, Author, Block } from '../archive/model.js';
import { bylineText, DERIVED_TITLE_NOTICE, EXCERPT_NOTICE, layoutArticle } from './layout.js';
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
      return block.text;
    case 'heading':
      return `## ${block.text}`;
    case 'quote':
      return `> ${block.text}`;
    case 'figure': {
      const caption = [block.title, block.caption].filter(Boolean).join(' — ');
      return caption ? `*${caption}* — ${block.credit}` : `*${block.credit}*`;
    }
    case 'list':
      return block.items.map((item, i) => (block.ordered ? `${i + 1}. ${item}` : `- ${item}`)).join('\n');
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
  parts.push(...article.body.map(markdownBlock));
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
  };
}

export function articleJson(article: Article, authors: Author[]) {
  return {
    ...articleListJson(article, authors),
    authors: authors.map((a) => ({ ...authorRef(a), bio: a.bio, kind: a.kind })),
    credits: article.credits,
    body: article.body.map((b) => {
      if (b.type === 'figure') return { type: 'figure', ...(b.title ? { title: b.title } : {}), caption: b.caption, credit: b.credit };
      if (b.type === 'list') return { type: 'list', ordered: b.ordered, items: b.items };
      return { type: b.type, text: b.text };
    }),
  };
}
