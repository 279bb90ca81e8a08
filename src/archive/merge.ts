// Merging imported articles into an index: pure, so the rules are easy to test.
import { createHash } from 'node:crypto';
import type { ImportedArticle, ImportedAuthor } from '../ingest/pagedump.js';
import { bodyWordCount, type ArticleMeta, type Author, type Block, type Index } from './model.js';
import { slugify, uniqueId } from './slug.js';

export interface ImportSummary {
  articles: number;
  added: number;
  updated: number;
  unchanged: number;
  authors: number;
}

export interface MergeResult {
  index: Index;
  /** Bodies to write, by article id. */
  bodies: Map<string, Block[]>;
  summary: ImportSummary;
  changed: boolean;
}

const LEAD_CHARS = 280;

function leadOf(body: Block[]): string {
  const first = body.find((b) => b.type === 'paragraph');
  if (!first || first.type !== 'paragraph') return '';
  if (first.text.length <= LEAD_CHARS) return first.text;
  const cut = first.text.slice(0, LEAD_CHARS);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)) + '…';
}

export function contentHash(article: ImportedArticle): string {
  const { title, titleDerived, dek, kind, sponsored, body, credits } = article;
  const authors = article.authors.map((a) => a.name);
  return createHash('sha1').update(JSON.stringify({ title, titleDerived, dek, kind, sponsored, authors, body, credits })).digest('hex');
}

const sameTitle = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0;

function mergeAuthor(authors: Author[], incoming: ImportedAuthor): { id: string; changed: boolean } {
  const existing = authors.find((a) => sameTitle(a.name, incoming.name));
  if (!existing) {
    const id = uniqueId(slugify(incoming.name), (id) => authors.some((a) => a.id === id));
    authors.push({ id, name: incoming.name, ...(incoming.handle ? { handle: incoming.handle } : {}), bio: incoming.bio, kind: incoming.kind });
    return { id, changed: true };
  }
  let changed = false;
  if (incoming.bio.length > existing.bio.length) {
    existing.bio = incoming.bio;
    changed = true;
  }
  if (incoming.handle && !existing.handle) {
    existing.handle = incoming.handle;
    changed = true;
  }
  return { id: existing.id, changed };
}

export interface ImportBatch {
  file: string;
  articles: ImportedArticle[];
}

/** Merges articles into a copy of the index. An excerpt never replaces a full article. */
export function mergeImport(index: Index, batches: ImportBatch[], importedAt: string): MergeResult {
  const next: Index = {
    version: index.version,
    articles: [...index.articles],
    authors: index.authors.map((a) => ({ ...a })),
  };
  const bodies = new Map<string, Block[]>();
  const summary: ImportSummary = { articles: 0, added: 0, updated: 0, unchanged: 0, authors: 0 };
  const authorNames = new Set<string>();
  let changed = false;

  for (const { file: sourceFile, articles } of batches) for (const article of articles) {
    summary.articles++;
    const authorIds = article.authors.map((author) => {
      authorNames.add(author.name.toLowerCase());
      const merged = mergeAuthor(next.authors, author);
      changed ||= merged.changed;
      return merged.id;
    });
    const hash = contentHash(article);
    const slug = slugify(article.title);
    const sameIdAt = next.articles.findIndex((a) => (a.id === slug || a.id.startsWith(slug + '-')) && sameTitle(a.title, article.title));
    const existing = sameIdAt >= 0 ? next.articles[sameIdAt] : undefined;

    if (existing && (existing.hash === hash || (existing.kind === 'full' && article.kind === 'excerpt'))) {
      summary.unchanged++;
      continue;
    }
    const id = existing?.id ?? uniqueId(slug, (id) => next.articles.some((a) => a.id === id));
    const meta: ArticleMeta = {
      id,
      title: article.title,
      titleDerived: article.titleDerived,
      dek: article.dek,
      kind: article.kind,
      sponsored: article.sponsored,
      authors: authorIds,
      credits: article.credits,
      lead: leadOf(article.body),
      source: { file: sourceFile, importedAt },
      wordCount: bodyWordCount(article.body),
      hash,
    };
    if (existing) {
      next.articles[sameIdAt] = { ...meta, ...(existing.url ? { url: existing.url } : {}), ...(existing.publishedAt ? { publishedAt: existing.publishedAt } : {}) };
      summary.updated++;
    } else {
      next.articles.push(meta);
      summary.added++;
    }
    bodies.set(id, article.body);
    changed = true;
  }
  summary.authors = authorNames.size;
  return { index: next, bodies, summary, changed };
}
