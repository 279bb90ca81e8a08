// Merging imported articles into an index: pure, so the rules are easy to test.
import { createHash } from 'node:crypto';
import type { ImportedArticle, ImportedAuthor } from '../ingest/pagedump.js';
import { bodyWordCount, leadOf, type ArticleMeta, type Author, type Block, type Index } from './model.js';
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

export function contentHash(article: ImportedArticle): string {
  const { title, titleDerived, dek, kind, sponsored, body, credits } = article;
  const authors = article.authors.map((a) => a.name);
  return createHash('sha1').update(JSON.stringify({ title, titleDerived, dek, kind, sponsored, authors, body, credits })).digest('hex');
}

/** Titles and names that differ only in case or accents are the same. */
const foldKey = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Lookups the merge needs, kept in maps so a large archive merges in linear time. */
class MergeIndex {
  readonly positionById = new Map<string, number>();
  readonly positionsByTitle = new Map<string, number[]>();
  readonly authorByName = new Map<string, Author>();
  readonly authorIds = new Set<string>();

  constructor(readonly index: Index) {
    index.articles.forEach((a, i) => this.addArticle(a, i));
    for (const a of index.authors) this.addAuthor(a);
  }

  addArticle(a: ArticleMeta, at: number): void {
    this.positionById.set(a.id, at);
    const key = foldKey(a.title);
    this.positionsByTitle.set(key, [...(this.positionsByTitle.get(key) ?? []), at]);
  }

  addAuthor(a: Author): void {
    this.authorByName.set(foldKey(a.name), a);
    this.authorIds.add(a.id);
  }

  /** Positions this import has already matched: two articles with one title in the same
   * import are two articles (the second gets a suffixed id), now and on every re-import. */
  readonly claimed = new Set<number>();

  /** The stored article this one is a version of: same title, the id its slug would give,
   * and not already matched by another article of this import. */
  sameArticle(title: string, slug: string, includeClaimed = false): number | undefined {
    return this.positionsByTitle.get(foldKey(title))?.find((at) => {
      const id = this.index.articles[at].id;
      return (includeClaimed || !this.claimed.has(at)) && (id === slug || id.startsWith(slug.slice(0, 70)));
    });
  }

  mergeAuthor(incoming: ImportedAuthor): { id: string; changed: boolean } {
    const existing = this.authorByName.get(foldKey(incoming.name));
    if (!existing) {
      const id = uniqueId(slugify(incoming.name), (id) => this.authorIds.has(id));
      const author: Author = { id, name: incoming.name, ...(incoming.handle ? { handle: incoming.handle } : {}), bio: incoming.bio, kind: incoming.kind };
      this.index.authors.push(author);
      this.addAuthor(author);
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
}

const PAGE_FIELDS = ['url', 'publishedAt', 'modifiedAt', 'siteName', 'language', 'archivedUrl'] as const;

/** Where the page came from and when: the incoming article's values, else the stored ones. */
function pageFields(article: ImportedArticle, existing: ArticleMeta | undefined): Partial<ArticleMeta> {
  const fields: Partial<Record<(typeof PAGE_FIELDS)[number], string>> = {};
  for (const key of PAGE_FIELDS) {
    const value = article[key] || existing?.[key];
    if (value) fields[key] = value;
  }
  return fields;
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
  const lookup = new MergeIndex(next);
  const bodies = new Map<string, Block[]>();
  const summary: ImportSummary = { articles: 0, added: 0, updated: 0, unchanged: 0, authors: 0 };
  const authorNames = new Set<string>();
  let changed = false;

  for (const { file: sourceFile, articles } of batches) {
    const source = { file: sourceFile, importedAt }; // one record for the batch's articles
    for (const article of articles) {
      summary.articles++;
      const authorIds = article.authors.map((author) => {
        authorNames.add(foldKey(author.name));
        const merged = lookup.mergeAuthor(author);
        changed ||= merged.changed;
        return merged.id;
      });
      const hash = contentHash(article);
      const slug = slugify(article.title);
      let at = lookup.sameArticle(article.title, slug);
      if (at === undefined) {
        // Matched already in this import: the same story again (its excerpt and full text,
        // or an identical copy) — otherwise a different article that shares the title.
        const earlier = lookup.sameArticle(article.title, slug, true);
        if (earlier !== undefined && (next.articles[earlier].kind !== article.kind || next.articles[earlier].hash === hash)) at = earlier;
      }
      const existing = at === undefined ? undefined : next.articles[at];
      if (at !== undefined) lookup.claimed.add(at);

      if (existing && (existing.hash === hash || (existing.kind === 'full' && article.kind === 'excerpt'))) {
        summary.unchanged++;
        continue;
      }
      const id = existing?.id ?? uniqueId(slug, (id) => lookup.positionById.has(id));
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
        ...pageFields(article, existing),
        source,
        wordCount: bodyWordCount(article.body),
        hash,
      };
      if (existing && at !== undefined) {
        next.articles[at] = meta;
        summary.updated++;
      } else {
        next.articles.push(meta);
        lookup.addArticle(meta, next.articles.length - 1);
        lookup.claimed.add(next.articles.length - 1);
        summary.added++;
      }
      bodies.set(id, article.body);
      changed = true;
    }
  }
  summary.authors = authorNames.size;
  return { index: next, bodies, summary, changed };
}
