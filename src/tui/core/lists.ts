// The list-like screens: the article list, the authors, one author's articles.
import type { Command as KeyCommand } from '../keymap.js';
import { ensureVisible, isCursorMove, moveCursor, START } from '../cursor.js';
import { done, push, setMark } from './base.js';
import { authorListHeight, listHeight } from './geometry.js';
import { nextSort } from './order.js';
import { authorArticleList, markOf, orderedList, sortedAuthors } from './selectors.js';
import { openAddress, openArticle, openAuthor } from './article.js';
import { askRemove, openTags, undoKey } from './edits.js';
import type { ReaderState, Result } from './types.js';

const EMPTY_SEARCH = { query: '', cursor: START, results: { query: '', hits: [] }, summaries: {}, snippets: {} };

/** The list's selection, kept inside the list as it is now (after a mark removed a row
 * from the bookmarks, or a resize). */
export function clampList(state: ReaderState): ReaderState {
  const cursor = ensureVisible(state.list.cursor, orderedList(state).length, listHeight(state.size));
  return cursor === state.list.cursor ? state : { ...state, list: { ...state.list, cursor } };
}

export function listKey(keyed: ReaderState, command: KeyCommand): Result {
  // A key of the person's own: the selection a reload was waiting to take back is theirs now.
  const state = keyed.list.wanted === undefined ? keyed : { ...keyed, list: { ...keyed.list, wanted: undefined } };
  const ordered = orderedList(state);
  const height = listHeight(state.size);
  if (isCursorMove(command))
    return done({ ...state, list: { ...state.list, cursor: moveCursor(state.list.cursor, command, ordered.length, height) } });
  const current = ordered[state.list.cursor.index];
  switch (command) {
    case 'open':
      return openArticle(state, current?.id);
    case 'search':
      return done(push({ ...state, search: EMPTY_SEARCH }, 'search'));
    case 'authors':
      return done(push({ ...state, authors: { cursor: START } }, 'authors'));
    case 'bookmark':
    case 'toggleRead': {
      if (!current) return done(state);
      const key = command === 'bookmark' ? 'bookmarked' : 'read';
      return setMark(state, current.id, { [key]: !markOf(state, current.id)[key] });
    }
    case 'sort':
    case 'bookmarksOnly': {
      const list =
        command === 'sort'
          ? { ...state.list, sort: nextSort(state.list.sort) }
          : { ...state.list, bookmarksOnly: !state.list.bookmarksOnly };
      const next = { ...state, list };
      const shown = orderedList(next);
      // The same article stays selected when it is still shown.
      const index = Math.max(
        0,
        shown.findIndex((m) => m.id === current?.id),
      );
      const message = list.bookmarksOnly && shown.length === 0 ? 'No bookmarks yet: press m on an article to add one' : '';
      return done({
        ...next,
        message,
        list: { ...list, cursor: ensureVisible({ index, offset: state.list.cursor.offset }, shown.length, height) },
      });
    }
    case 'remove':
      return askRemove(state, current);
    case 'undo':
      return undoKey(state);
    case 'editTags':
      return openTags(state, current);
    case 'openUrl':
      // A list row may not have the address (a catalog row): the runner reads the article.
      return current ? done(state, { type: 'openAddress', id: current.id }) : openAddress(state, current);
    case 'help':
      return done({ ...state, help: { context: 'list', all: false, top: 0 } });
    case 'quit':
      return done(state, { type: 'saveState' }, { type: 'quit', code: 0 });
    default:
      return done(state);
  }
}

export function authorsKey(state: ReaderState, command: KeyCommand): Result {
  const authors = sortedAuthors(state.data);
  if (isCursorMove(command))
    return done({ ...state, authors: { cursor: moveCursor(state.authors.cursor, command, authors.length, listHeight(state.size)) } });
  if (command === 'open') return openAuthor(state, authors[state.authors.cursor.index]?.id);
  if (command === 'help') return done({ ...state, help: { context: 'authors', all: false, top: 0 } });
  if (command === 'back') return done({ ...state, stack: state.stack.slice(0, -1) });
  return done(state);
}

export function authorKey(state: ReaderState, command: KeyCommand): Result {
  const articles = authorArticleList(state);
  const height = authorListHeight(state.data.author(state.author.id), state.size);
  if (isCursorMove(command))
    return done({ ...state, author: { ...state.author, cursor: moveCursor(state.author.cursor, command, articles.length, height) } });
  if (command === 'open') return openArticle(state, articles[state.author.cursor.index]?.id);
  if (command === 'help') return done({ ...state, help: { context: 'author', all: false, top: 0 } });
  if (command === 'back') return done({ ...state, stack: state.stack.slice(0, -1) });
  return done(state);
}
