import type { ArticleMeta, Author } from '../../../archive/model.js';
import { publishedTime } from '../../../text/page-meta.js';
import { ensureVisible, moveCursor, START, type Cursor, type CursorMove } from '../../cursor.js';

export type SortMode = 'archive' | 'title' | 'author' | 'date';
export const SORT_MODES: SortMode[] = ['archive', 'title', 'author', 'date'];

export interface ListState {
  cursor: Cursor;
  sort: SortMode;
  bookmarksOnly: boolean;
}

export const initialList: ListState = { cursor: START, sort: 'archive', bookmarksOnly: false };

export type ListAction =
  | { type: 'move'; move: CursorMove; count: number; height: number }
  /** Re-ordering keeps the same article selected: the caller says where it now is. */
  | { type: 'view'; sort: SortMode; bookmarksOnly: boolean; index: number; count: number; height: number };

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'move':
      return { ...state, cursor: moveCursor(state.cursor, action.move, action.count, action.height) };
    case 'view':
      return {
        sort: action.sort,
        bookmarksOnly: action.bookmarksOnly,
        cursor: ensureVisible({ index: action.index, offset: state.cursor.offset }, action.count, action.height),
      };
  }
}

export const nextSort = (sort: SortMode): SortMode => SORT_MODES[(SORT_MODES.indexOf(sort) + 1) % SORT_MODES.length];

/** The list as shown: filtered to bookmarks if asked, then sorted. */
let collator: Intl.Collator | undefined;
/** Made on the first sort that needs it: the first Intl.Collator costs ~14 ms (ICU data),
 * which the first frame, in archive order, should not pay. */
const textOrder = () => (collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true }));

export function orderArticles(
  articles: readonly ArticleMeta[],
  authorsOf: (m: ArticleMeta) => Author[],
  sort: SortMode,
  /** When set, only these articles are shown (the bookmarks). */
  only: ReadonlySet<string> | null,
): ArticleMeta[] {
  const shown = only ? articles.filter((a) => only.has(a.id)) : [...articles];
  if (sort === 'title') {
    const { compare } = textOrder();
    shown.sort((a, b) => compare(a.title, b.title));
  }
  if (sort === 'author') {
    const { compare } = textOrder();
    const key = (m: ArticleMeta) => authorsOf(m)[0]?.name ?? '\uffff';
    shown.sort((a, b) => compare(key(a), key(b)) || compare(a.title, b.title));
  }
  if (sort === 'date') return newestFirst(shown);
  return shown;
}

/** Newest first; undated last, in the order they came (the sort is stable). Each date is
 * parsed once, not once per comparison. */
function newestFirst(articles: ArticleMeta[]): ArticleMeta[] {
  const times = new Map(articles.map((m) => [m, publishedTime(m.publishedAt)]));
  return articles.sort((a, b) => {
    const ta = times.get(a)!;
    const tb = times.get(b)!;
    return ta === tb ? 0 : tb > ta ? 1 : -1;
  });
}
