// The article screen: paging by the layout's pages, line moves, find, and the keys that act
// on the open article (bookmark, open, copy, pipe, edit). The position is an anchor
// (position.ts), so a resize or a reopen keeps the same text at the top.
import type { Command as KeyCommand } from '../keymap.js';
import { START as START_CURSOR } from '../cursor.js';
import { done, pop, push, setMark, andThen } from './base.js';
import { articleView, markOf } from './selectors.js';
import { maxTop, percentAt, START } from './position.js';
import type { ArticleState, ReaderState, Result } from './types.js';
import type { ArticleMeta, ListedArticle } from '../../model/schema.js';
import { webAddress } from '../../text/page-meta.js';
import { moveTo } from './scroll.js';
import { jumpToMatch, NO_FIND, withFind } from './find.js';
import { askRemove, openTags, undoKey } from './edits.js';

export const NO_ARTICLE: ArticleState = { id: '', meta: null, body: null, anchor: START, find: NO_FIND };

/** Opens an article where it was left; its body is read by the runner. */
export function openArticle(state: ReaderState, id: string | undefined): Result {
  const meta = id ? state.data.article(id) : undefined;
  if (!meta) return done(state);
  const mark = markOf(state, meta.id);
  const anchor = mark.block === undefined ? START : { block: mark.block, offset: mark.offset ?? 0 };
  const opened = push({ ...state, article: { id: meta.id, meta: null, body: null, anchor, find: NO_FIND }, message: '' }, 'article');
  return done(opened, { type: 'loadBody', id: meta.id });
}

export function bodyLoaded(state: ReaderState, id: string, body: ArticleState['body'], meta?: ArticleMeta): Result {
  if (state.article.id !== id) return done(state);
  const loaded = { ...state, article: { ...state.article, body, meta: meta ?? null } };
  return markOf(state, id).read ? done(loaded) : setMark(loaded, id, { read: true });
}

export function bodyFailed(state: ReaderState, id: string, error: string): Result {
  if (state.article.id !== id || state.stack.at(-1) !== 'article') return done(state);
  return done({ ...pop(state), article: NO_ARTICLE, message: reasonFirst(error) });
}

/** The store's "cannot read article ID (PATH): REASON" with the reason before the long path,
 * so a status bar cut to the terminal's width still says why. */
export function reasonFirst(message: string): string {
  return message.replace(/^cannot read article (\S+) \((.*?)\): (.*)$/s, 'cannot open $1: $3 ($2)');
}

export function openAuthor(state: ReaderState, id: string | undefined): Result {
  if (!id) return done({ ...state, message: 'Author unknown: the archive has no byline for this article' });
  return done(push({ ...state, author: { id, cursor: START_CURSOR } }, 'author'));
}

/** Where the reader was: remembered for the next open, and saved now. */
export function leaveArticle(state: ReaderState): Result {
  const { id, body } = state.article;
  if (!id || body === null) return done(state, { type: 'saveState' });
  const view = articleView(state);
  const position = {
    block: state.article.anchor.block,
    offset: state.article.anchor.offset,
    percent: percentAt(view.lines, view.top, view.height),
  };
  const saved = setMark(state, id, position);
  return { state: saved.state, effects: [...saved.effects, { type: 'saveState' }] };
}

export function articleKey(state: ReaderState, command: KeyCommand): Result {
  const view = articleView(state);
  const meta: ListedArticle | undefined = state.article.meta ?? state.data.article(state.article.id);
  switch (command) {
    case 'pageDown': {
      const next = view.pages.find((p) => p.start > view.top);
      return done(next ? moveTo(state, next.start) : { ...state, message: 'End of article' });
    }
    case 'pageUp':
      return done(moveTo(state, view.pages.filter((p) => p.start < view.top).at(-1)?.start ?? 0));
    case 'lineDown':
      return done(moveTo(state, view.top + 1));
    case 'lineUp':
      return done(moveTo(state, view.top - 1));
    case 'top':
      return done(moveTo(state, 0));
    case 'bottom':
      return done(moveTo(state, maxTop(view.pages)));
    case 'search':
      return done(withFind(state, { query: '', typing: true, current: 0 }));
    case 'author':
      return openAuthor(state, meta?.authors[0]);
    case 'help':
      return done({ ...state, help: { context: 'article', all: false, top: 0 } });
    case 'findNext':
    case 'findPrev':
      if (!state.article.find.query) return done({ ...state, message: 'No search yet: press / to find' });
      return done(jumpToMatch(state, state.article.find.current + (command === 'findNext' ? 1 : -1)));
    case 'bookmark': {
      if (!meta) return done(state);
      const on = !markOf(state, meta.id).bookmarked;
      const marked = setMark(state, meta.id, { bookmarked: on });
      return { ...marked, state: { ...marked.state, message: on ? 'Bookmarked' : 'Bookmark removed' } };
    }
    case 'openUrl':
      return openAddress(state, meta);
    case 'copyUrl':
      if (!meta?.url) return done({ ...state, message: 'This article has no web address in the archive' });
      return done(state, { type: 'copy', what: 'url', id: meta.id });
    case 'copyText':
    case 'copyCitation':
      return done(state, { type: 'copy', what: command === 'copyText' ? 'text' : 'citation', id: state.article.id });
    case 'pipe':
      return done({ ...state, prompt: '' });
    case 'edit':
      return done(state, { type: 'edit', id: state.article.id });
    case 'remove':
      return askRemove(state, meta);
    case 'undo':
      return undoKey(state);
    case 'editTags':
      return openTags(state, meta);
    case 'endFindOrBack':
      // Esc first ends a find (the marks go); then it goes back.
      if (state.article.find.query) return done({ ...withFind(state, { ...NO_FIND }), message: '' });
      return andThen(leaveArticle(state), (s) => done(pop(s)));
    case 'back':
      return andThen(leaveArticle(state), (s) => done(pop(s)));
    default:
      return done(state);
  }
}

/** `o`: the article's address (else its web-archive snapshot) to the browser, http(s) only. */
export function openAddress(state: ReaderState, meta: Pick<ArticleMeta, 'url' | 'archivedUrl'> | undefined): Result {
  const url = webAddress(meta?.url) ?? webAddress(meta?.archivedUrl);
  if (!url) return done({ ...state, message: NO_ADDRESS });
  return done(state, { type: 'openUrl', url });
}

export const NO_ADDRESS = 'No web address for this article';
