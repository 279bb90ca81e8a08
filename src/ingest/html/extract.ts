// HTML page → one article. Loaded only when an HTML page is imported (it brings the DOM,
// linkedom, and the extractor, Mozilla Readability): nothing else in byline pays for them.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Block } from '../../model/schema.js';
import { ARTICLE_LIMIT, bodyFileBytes, MAX_ARTICLE_BYTES } from '../../model/limits.js';
import { sanitizeLine } from '../../model/sanitize.js';
import type { ImportInput, ImportedArticle, ImportedAuthor } from '../types.js';
import { blocksOf, isCaption } from './blocks.js';
import { cleanBlocks } from './clean.js';
import { readMetadata, splitByline } from './metadata.js';

/** Less text than this is a page without an article (an error page, an empty shell). Counted
 * in letters and digits, not words: Chinese and Japanese are written without spaces. */
const MIN_CHARACTERS = 60;

function characters(body: Block[]): number {
  let n = 0;
  for (const b of body) if (b.type !== 'figure') n += b.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return n;
}

interface ReadabilityResult {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  content: unknown;
}

/** "Story title | Site" / "Story title - Site": the site's part goes when we know the site. */
function withoutSiteSuffix(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  const m = title.match(/^(.*\S)\s+[|\-–—:·•]\s+(.+)$/);
  return m && sanitizeLine(m[2]).toLowerCase() === siteName.toLowerCase() ? m[1] : title;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\s+/g, ' ') === b.toLowerCase().replace(/\s+/g, ' ');
}

/** Authors: the page's metadata first, then the extractor's byline. A name that is the
 * site's own is an organization. */
function authorsFor(metaAuthors: ImportedAuthor[], byline: string | null | undefined, siteName: string | undefined): ImportedAuthor[] {
  const list = metaAuthors.length
    ? metaAuthors
    : splitByline(byline ?? '').map((name): ImportedAuthor => ({ name, bio: '', kind: 'person' }));
  const seen = new Set<string>();
  return list
    .filter((a) => {
      const key = a.name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((a) => (siteName && sameName(a.name, siteName) ? { ...a, kind: 'organization' as const } : a));
}

/** A description that only repeats the opening paragraph (often cut short with "…"). */
function repeatsOpening(dek: string, body: Block[]): boolean {
  const first = body.find((b) => b.type !== 'figure');
  if (!dek || !first || !('text' in first)) return false;
  const squash = (s: string) =>
    s
      .replace(/[…\s.]+$/u, '')
      .replace(/\s+/g, ' ')
      .toLowerCase();
  return squash(first.text).startsWith(squash(dek));
}

/** Captions outside a <figure> become figures before the extractor runs: it rewrites such a
 * <div> as a plain <p> and drops its class, after which nothing tells it from the story. */
function captionsToFigures(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('div[class], p[class], span[class], div[id], p[id]'))) {
    if (!el.parentElement || el.parentElement.closest('figure, figcaption, p') || !isCaption(el)) continue;
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    while (el.firstChild) caption.appendChild(el.firstChild);
    figure.appendChild(caption);
    el.replaceWith(figure);
  }
}

/** Browsers stop nesting elements at 512 levels (Chromium's parser); far deeper pages are
 * built to hurt, and the extractor's work grows with the square of the depth. */
const MAX_DEPTH = 512;

function tooDeep(root: Element | null): boolean {
  if (!root) return false;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return true;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, depth + 1]);
  }
  return false;
}

export function extractHtml(html: string, input: ImportInput): { articles: ImportedArticle[]; warnings: string[] } {
  const { document } = parseHTML(html);
  if (tooDeep(document.documentElement as unknown as Element))
    throw new Error(`elements nested more than ${MAX_DEPTH} levels deep; no browser shows such a page`);
  const meta = readMetadata(document as unknown as Document, input.url);
  const docTitle = sanitizeLine(document.querySelector('title')?.textContent ?? '');
  captionsToFigures(document as unknown as Document);
  const result = new Readability(document as unknown as Document, {
    keepClasses: true,
    serializer: (el: Node) => el,
  }).parse() as ReadabilityResult | null;
  const content = result?.content as Element | undefined;
  if (!content) throw new Error('no article found in the page');

  const siteName = meta.siteName ?? (result?.siteName ? sanitizeLine(result.siteName) : undefined);
  // The extractor's title weighs JSON-LD against <title> and og:title (a JSON-LD headline can
  // be a description); the page's metadata is the fallback.
  const title = withoutSiteSuffix(sanitizeLine(result?.title ?? '') || meta.title || docTitle, siteName) || docTitle || 'Untitled';
  const authors = authorsFor(meta.authors, result?.byline, siteName);
  const dek = meta.description ?? '';
  const base = meta.url ?? input.url;
  const body: Block[] = cleanBlocks(blocksOf(content, base), { title, authors: authors.map((a) => a.name), dek });
  if (characters(body) < MIN_CHARACTERS) throw new Error('no article found in the page');
  // The same limit as for a page dump's article: what the reader opens whole.
  if (bodyFileBytes(body) > MAX_ARTICLE_BYTES) throw new Error(`the article is larger than ${ARTICLE_LIMIT}`);

  const publishedAt = meta.publishedAt ?? (result?.publishedTime ? sanitizeLine(result.publishedTime) : undefined);
  const language = meta.language ?? (result?.lang ? sanitizeLine(result.lang) : undefined);
  const article: ImportedArticle = {
    title,
    titleDerived: false,
    // A description that only repeats the opening paragraph is not a dek.
    dek: repeatsOpening(dek, body) ? '' : dek,
    kind: 'full',
    sponsored: false,
    authors,
    body,
    credits: [...new Set(body.flatMap((b) => (b.type === 'figure' && b.credit ? [b.credit] : [])))],
    ...(meta.url ? { url: meta.url } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(meta.modifiedAt ? { modifiedAt: meta.modifiedAt } : {}),
    ...(siteName ? { siteName } : {}),
    ...(language ? { language } : {}),
  };
  return { articles: [article], warnings: [] };
}
