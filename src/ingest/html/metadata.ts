// A page's own description of its article, best source first: JSON-LD (schema.org
// NewsArticle and kin), OpenGraph and article:* meta, <meta name=author>, rel=canonical,
// <time datetime>. Read from the page before the extractor changes it.
import { sanitizeLine } from '../../model/sanitize.js';
import type { ImportedAuthor } from '../types.js';

export interface PageMetadata {
  title?: string;
  description?: string;
  authors: ImportedAuthor[];
  publishedAt?: string;
  modifiedAt?: string;
  siteName?: string;
  language?: string;
  url?: string;
}

const ARTICLE_TYPES =
  /^(?:NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BackgroundNewsArticle|TechArticle|ScholarlyArticle|LiveBlogPosting|Report|SocialMediaPosting|Blog|WebPage)$/;

type Json = Record<string, unknown>;

const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]);
const str = (x: unknown): string | undefined => (typeof x === 'string' && sanitizeLine(x) ? sanitizeLine(decodeEntities(x)) : undefined);

/** JSON-LD values sometimes carry HTML entities (&amp;, &#8217;). */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip);/gi, (all, code: string) => {
    const named: Record<string, string> = {
      amp: '&',
      lt: '<',
      gt: '>',
      quot: '"',
      apos: "'",
      nbsp: ' ',
      rsquo: '’',
      lsquo: '‘',
      rdquo: '”',
      ldquo: '“',
      mdash: '—',
      ndash: '–',
      hellip: '…',
    };
    const c = code.toLowerCase();
    if (c in named) return named[c];
    const n = c.startsWith('#x') ? parseInt(c.slice(2), 16) : parseInt(c.slice(1), 10);
    return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : all;
  });
}

function typesOf(node: Json): string[] {
  return asArray(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^.*[/#]/, ''));
}

/** Every object in the JSON-LD blocks, @graph and nesting flattened. */
function jsonLdNodes(document: Document): Json[] {
  const nodes: Json[] = [];
  const visit = (x: unknown, depth: number) => {
    if (depth > 6 || x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach((y) => visit(y, depth + 1));
    const node = x as Json;
    nodes.push(node);
    if (node['@graph']) visit(node['@graph'], depth + 1);
    if (node.mainEntity) visit(node.mainEntity, depth + 1);
  };
  for (const script of Array.from(document.getElementsByTagName('script'))) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    const raw = (script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // a page's broken JSON-LD is ignored
    }
  }
  return nodes;
}

/** The article node: the first of a news or article type, preferring one with a headline. */
function articleNode(nodes: Json[]): Json | undefined {
  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage' && t !== 'Blog'));
  return articles.find((n) => n.headline) ?? articles[0] ?? nodes.find((n) => typesOf(n).includes('WebPage') && n.headline);
}

function personName(x: unknown): string | undefined {
  if (typeof x === 'string') return str(x);
  if (x && typeof x === 'object') return str((x as Json).name);
  return undefined;
}

function authorsOf(node: Json | undefined, byId: Map<string, Json>): ImportedAuthor[] {
  if (!node) return [];
  const out: ImportedAuthor[] = [];
  for (let a of asArray(node.author ?? node.creator)) {
    if (a && typeof a === 'object' && !(a as Json).name && typeof (a as Json)['@id'] === 'string')
      a = byId.get((a as Json)['@id'] as string) ?? a;
    const name = personName(a);
    if (!name || /^https?:\/\//.test(name)) continue;
    const kind =
      a && typeof a === 'object' && typesOf(a as Json).some((t) => /Organization|NewsMediaOrganization|Corporation/.test(t))
        ? 'organization'
        : 'person';
    const url = a && typeof a === 'object' ? str(asArray((a as Json).url)[0]) : undefined;
    out.push({ name, bio: '', kind, ...(url && /^https?:\/\//.test(url) ? { url } : {}) });
  }
  return out;
}

/** Every <meta> of the page by property, name, itemprop and http-equiv (lower case), read
 * in one pass: a CSS query per key walks the whole page each time. */
type Metas = Map<string, string>;

function metasOf(document: Document): Metas {
  const map: Metas = new Map();
  for (const el of Array.from(document.getElementsByTagName('meta'))) {
    const content = el.getAttribute('content');
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !map.has(key)) map.set(key, content);
    }
  }
  return map;
}

function meta(metas: Metas, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = str(metas.get(key.toLowerCase()));
    if (value) return value;
  }
  return undefined;
}

function firstWithAttribute(document: Document, tag: string, attribute: string, value?: string): Element | undefined {
  for (const el of Array.from(document.getElementsByTagName(tag))) {
    const v = el.getAttribute(attribute);
    if (v !== null && (value === undefined || v.trim().toLowerCase().split(/\s+/).includes(value))) return el;
  }
  return undefined;
}

/** "By Jane Doe and John Roe" / "Jane Doe, John Roe" → names. */
export function splitByline(byline: string): string[] {
  const text = sanitizeLine(byline)
    .replace(/^(?:by|written by|words by|story by|reporting by|text by|von|par|por)\s*[:\s]\s*/i, '')
    .replace(/\s*[|•·—–]\s.*$/, '')
    // a date, a time or a handle after the names ends them
    .replace(
      /\s+(?:(?:on|updated|published|posted)\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,4}[/.-]\d|\d{1,2}:\d{2}|@\w).*$/i,
      '',
    )
    .replace(/\s+(?:on|updated|published|posted)$/i, '');
  if (!text || text.length > 120 || /^https?:/.test(text)) return [];
  return text
    .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*/i)
    .map((n) => n.trim().replace(/\.$/, ''))
    .filter(
      (n) =>
        n &&
        n.length <= 60 &&
        /\p{L}/u.test(n) &&
        !/^(?:staff|reporter|writer|correspondent|editor|contributor|the associated press|associated press)$/i.test(n),
    );
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return v;
  const parsed = Date.parse(v);
  return Number.isFinite(parsed) && /\d{4}/.test(v) ? new Date(parsed).toISOString() : undefined;
}

function httpUrl(value: string | undefined | null, base: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** en_US → en-US; anything that is not a language tag → undefined. */
function languageTag(value: string | undefined | null): string | undefined {
  const v = value?.trim().replace(/_/g, '-');
  return v && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(v) ? v : undefined;
}

export function readMetadata(document: Document, pageUrl: string | undefined): PageMetadata {
  const metas = metasOf(document);
  const nodes = jsonLdNodes(document);
  const byId = new Map(nodes.filter((n) => typeof n['@id'] === 'string').map((n) => [n['@id'] as string, n]));
  const article = articleNode(nodes);
  const publisher = article?.publisher && typeof article.publisher === 'object' ? (article.publisher as Json) : undefined;
  const publisherNode =
    publisher && !publisher.name && typeof publisher['@id'] === 'string' ? byId.get(publisher['@id'] as string) : publisher;

  let authors = authorsOf(article, byId);
  if (authors.length === 0) {
    const named = meta(metas, 'author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'DC.creator', 'byl');
    if (named && !/^https?:\/\//.test(named)) authors = splitByline(named).map((name) => ({ name, bio: '', kind: 'person' as const }));
  }
  if (authors.length === 0) {
    const el = document.querySelector('[itemprop="author"] [itemprop="name"], [itemprop="author"], a[rel="author"]');
    const name = el ? sanitizeLine(el.getAttribute('content') ?? el.textContent ?? '') : '';
    if (name) authors = splitByline(name).map((n) => ({ name: n, bio: '', kind: 'person' as const }));
  }

  const time = firstWithAttribute(document, 'time', 'datetime');
  const canonical = firstWithAttribute(document, 'link', 'rel', 'canonical')?.getAttribute('href');
  const base = httpUrl(firstWithAttribute(document, 'base', 'href')?.getAttribute('href'), pageUrl) ?? pageUrl;

  return {
    title: str(article?.headline) ?? str(article?.name),
    description: str(article?.description) ?? meta(metas, 'og:description', 'twitter:description', 'description'),
    authors,
    publishedAt:
      isoDate(str(article?.datePublished) ?? str(article?.dateCreated)) ??
      isoDate(
        meta(
          metas,
          'article:published_time',
          'og:article:published_time',
          'datePublished',
          'pubdate',
          'publishdate',
          'date',
          'DC.date.issued',
          'dc.date',
          'sailthru.date',
          'parsely-pub-date',
        ),
      ) ??
      isoDate(time?.getAttribute('datetime') ?? undefined),
    modifiedAt:
      isoDate(str(article?.dateModified)) ??
      isoDate(meta(metas, 'article:modified_time', 'og:updated_time', 'dateModified', 'last-modified')),
    siteName: str(publisherNode?.name) ?? meta(metas, 'og:site_name', 'application-name'),
    language:
      languageTag(document.documentElement?.getAttribute('lang')) ??
      languageTag(str(article?.inLanguage)) ??
      languageTag(meta(metas, 'og:locale', 'language', 'content-language')),
    url: httpUrl(canonical, base) ?? httpUrl(str(article?.url), base) ?? httpUrl(meta(metas, 'og:url'), base) ?? base,
  };
}
