// The fields a new version of an article carries over from the stored one.
import type { ArticleMeta } from '../model/schema.js';
import type { ImportedArticle } from '../ingest/types.js';

/** A new version keeps the stored article's tags, with any the incoming one brings (an undone removal). */
export function tagsOf(article: ImportedArticle, existing: ArticleMeta | undefined): Pick<ArticleMeta, 'tags'> {
  const tags = [...new Set([...(existing?.tags ?? []), ...(article.tags ?? [])])];
  return tags.length ? { tags } : {};
}

const PAGE_FIELDS = ['url', 'publishedAt', 'modifiedAt', 'siteName', 'language', 'archivedUrl'] as const;

/** Where the page came from and when: the incoming article's values, else the stored ones. */
export function pageFields(article: ImportedArticle, existing: ArticleMeta | undefined): Partial<ArticleMeta> {
  const fields: Partial<Record<(typeof PAGE_FIELDS)[number], string>> = {};
  for (const key of PAGE_FIELDS) {
    const value = article[key] || existing?.[key];
    if (value) fields[key] = value;
  }
  return fields;
}
