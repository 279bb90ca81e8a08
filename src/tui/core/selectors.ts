// Derived data, computed from the state and memoised: the same inputs give the same object,
// so holding `j` re-sorts nothing and re-lays out nothing.
import { memoLast } from './memo.js';
import type { ArticleMeta, Author, Block, ListedArticle } from '../../model/schema.js';
import type { Mark } from '../../archive/user-state.js';
import { layoutArticle, paginate, pageOfLine, type Line, type Page } from '../../text/layout.js';
import { findInLines, type FindMatch } from '../../text/find.js';
import { articleHeight, textWidth } from './geometry.js';
import { orderArticles, textOrder } from './order.js';
import { topOf } from './position.js';
import type { ReaderData, ReaderState, SortMode } from './types.js';

const NO_MARK: Mark = {};
export const markOf = (state: ReaderState, id: string): Mark => state.marks[id] ?? NO_MARK;

const bookmarkSet = memoLast((marks: Readonly<Record<string, Mark>>) => new Set(Object.keys(marks).filter((id) => marks[id].bookmarked)));

const order = memoLast((data: ReaderData, sort: SortMode, only: ReadonlySet<string> | null) =>
  orderArticles(data.articles, (m) => data.authorsOf(m), sort, only),
);

export function orderedList(state: ReaderState): readonly ListedArticle[] {
  return order(state.data, state.list.sort, state.list.bookmarksOnly ? bookmarkSet(state.marks) : null);
}

/** Counted from the marks, which are few, not from the articles, which may be 100 000. */
const unread = memoLast((data: ReaderData, marks: Readonly<Record<string, Mark>>, shown: readonly ListedArticle[], filtered: boolean) => {
  if (filtered) return shown.reduce((n, m) => (marks[m.id]?.read ? n : n + 1), 0);
  let n = shown.length;
  for (const id of Object.keys(marks)) if (marks[id].read && data.article(id)) n--;
  return n;
});

export const unreadCount = (state: ReaderState) => unread(state.data, state.marks, orderedList(state), state.list.bookmarksOnly);

/** Which optional columns the list has: only those some article fills. */
export const listColumns = memoLast((data: ReaderData) => ({
  date: data.articles.some((a) => a.publishedAt),
  site: data.articles.some((a) => a.siteName || a.url),
}));

export const sortedAuthors = memoLast((data: ReaderData): readonly Author[] => {
  const { compare } = textOrder();
  return [...data.authors].sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
});

const authorArticles = memoLast((data: ReaderData, id: string) => (id ? data.articlesBy(id) : []));
export const authorArticleList = (state: ReaderState) => authorArticles(state.data, state.author.id);

const layout = memoLast((data: ReaderData, meta: ArticleMeta | null, body: Block[] | null, width: number): Line[] =>
  meta && body ? layoutArticle({ ...meta, body }, data.authorsOf(meta), width, { tags: true }) : [],
);
const pagesOf = memoLast((lines: Line[], height: number): Page[] => paginate(lines, height));
const findOf = memoLast((lines: Line[], query: string): FindMatch[] => (query ? findInLines(lines, query) : []));

/** A row that is the whole metadata (an archive read whole), else null: read with the body. */
const wholeMeta = (meta: ListedArticle | undefined): ArticleMeta | null => (meta && 'credits' in meta ? (meta as ArticleMeta) : null);

export interface ArticleView {
  lines: Line[];
  pages: Page[];
  height: number;
  top: number;
}

export function articleView(state: ReaderState): ArticleView {
  const { id, body, anchor } = state.article;
  const lines = layout(state.data, state.article.meta ?? wholeMeta(state.data.article(id)), body, textWidth(state.size));
  const height = articleHeight(state.size);
  const pages = pagesOf(lines, height);
  return { lines, pages, height, top: Math.min(topOf(lines, anchor), Math.max(0, lines.length - 1)) };
}

export const pageNumber = (view: ArticleView) => pageOfLine(view.pages, view.top) + 1;

export const findMatches = (state: ReaderState) => findOf(articleView(state).lines, state.article.find.query);

/** The hits of the query as typed; empty while its search has not come back. */
export function currentHits(state: ReaderState) {
  const { query, results } = state.search;
  return query.trim() && results.query === query ? results.hits : [];
}

export const searchPending = (state: ReaderState) =>
  Boolean(state.search.query.trim()) && state.search.results.query !== state.search.query;
