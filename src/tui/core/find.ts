// Finding in the open article (`/`, `n`, `N`): typed at the bottom line, counted as typed,
// matched over paragraphs (text/find.ts); Esc ends a find and stays in the article.
import type { Command as KeyCommand } from '../keymap.js';
import { pageOfLine } from '../../text/layout.js';
import { done, dropLast } from './base.js';
import { articleView, findMatches } from './selectors.js';
import { moveTo } from './scroll.js';
import type { FindState, ReaderState, Result } from './types.js';

export const NO_FIND: FindState = { query: '', typing: false, current: 0 };

export const withFind = (state: ReaderState, find: Partial<FindState>): ReaderState => ({
  ...state,
  article: { ...state.article, find: { ...state.article.find, ...find } },
});

export function jumpToMatch(state: ReaderState, index: number): ReaderState {
  const matches = findMatches(state);
  const find = state.article.find;
  if (matches.length === 0) return { ...state, article: { ...state.article, find: NO_FIND }, message: `Not found: ${find.query}` };
  const current = ((index % matches.length) + matches.length) % matches.length;
  const view = articleView(state);
  const line = matches[current].line;
  const onScreen = line >= view.top && line < view.top + view.height;
  const moved = onScreen ? state : moveTo(state, view.pages[pageOfLine(view.pages, line)].start);
  return {
    ...moved,
    article: { ...moved.article, find: { ...find, typing: false, current } },
    message: `match ${current + 1}/${matches.length}`,
  };
}

export function findKey(state: ReaderState, command: KeyCommand | undefined, text: string): Result {
  const query = state.article.find.query;
  switch (command) {
    case 'submit': {
      if (!query.trim()) return done(withFind(state, NO_FIND));
      const view = articleView(state);
      const first = findMatches(state).findIndex((m) => m.line >= view.top);
      return done(jumpToMatch(state, Math.max(0, first)));
    }
    case 'back':
      return done(withFind(state, NO_FIND));
    case 'deleteChar':
      return done(withFind(state, { query: dropLast(query) }));
    case 'clearQuery':
      return done(withFind(state, { query: '' }));
    default:
      return done(text ? withFind(state, { query: query + text }) : state);
  }
}
