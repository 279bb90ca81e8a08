// The list as shown: filtered to bookmarks if asked, then sorted.
import type { Author, ListedArticle as ArticleMeta } from '../../model/schema.js';
import type { SortMode } from './types.js';

export const SORT_MODES: SortMode[] = ['archive', 'title', 'author', 'date'];
export const nextSort = (sort: SortMode): SortMode => SORT_MODES[(SORT_MODES.indexOf(sort) + 1) % SORT_MODES.length];

let collator: Intl.Collator | undefined;
/** Made on the first sort that needs it: the first Intl.Collator loads ICU data,
 * which the first frame, in archive order, should not pay. */
export const textOrder = () => (collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true }));

/** Milliseconds since the epoch, or NaN when the archive has no (readable) date. */
export const dateOf = (meta: ArticleMeta): number => (meta.publishedAt ? Date.parse(meta.publishedAt) : NaN);

export function orderArticles(
  articles: readonly ArticleMeta[],
  authorsOf: (m: ArticleMeta) => Author[],
  sort: SortMode,
  /** When set, only these articles are shown (the bookmarks). */
  only: ReadonlySet<string> | null,
): ArticleMeta[] {
  const shown = only ? articles.filter((a) => only.has(a.id)) : [...articles];
  if (sort === 'archive') return shown;
  const { compare } = textOrder();
  if (sort === 'title') return shown.sort((a, b) => compare(a.title, b.title));
  if (sort === 'author') {
    const key = (m: ArticleMeta) => authorsOf(m)[0]?.name ?? '\uffff';
    return shown.sort((a, b) => compare(key(a), key(b)) || compare(a.title, b.title));
  }
  // Newest first; undated articles last, in title order.
  const dates = new Map(shown.map((m) => [m.id, dateOf(m)]));
  const key = (m: ArticleMeta) => {
    const d = dates.get(m.id)!;
    return Number.isNaN(d) ? -Infinity : d;
  };
  return shown.sort((a, b) => key(b) - key(a) || compare(a.title, b.title));
}
