// Search as you type: the query is state; the search itself is an effect, and its hits come
// back as a command. Summaries for hits without a body snippet (the dek, else the lead, which
// a lean archive reads from the body) come back the same way, never read during a frame.
import type { Command as KeyCommand } from '../keymap.js';
import { ensureVisible, isCursorMove, moveCursor, START } from '../cursor.js';
import { done, dropLast, pop } from './base.js';
import { searchHeight } from './geometry.js';
import { currentHits } from './selectors.js';
import { openArticle } from './article.js';
import type { Effect, ReaderState, Result } from './types.js';
import type { Hit } from '../../search/engine.js';

function withQuery(state: ReaderState, query: string): Result {
  const search = { ...state.search, query, cursor: START };
  const next = { ...state, search };
  if (!query.trim()) return done({ ...next, search: { ...search, results: { query, hits: [] } } });
  return done(next, ...(state.engine.status === 'ready' ? [{ type: 'search' as const, query }] : []));
}

/** The hits on screen that still need a summary. */
function summariesNeeded(state: ReaderState): Effect[] {
  const { cursor, summaries } = state.search;
  const ids = currentHits(state)
    .slice(cursor.offset, cursor.offset + searchHeight(state.size))
    .filter((hit) => !hit.snippet && !(hit.id in summaries))
    .map((hit) => hit.id)
    .filter((id) => {
      const meta = state.data.article(id);
      return meta && !meta.dek && !meta.lead;
    });
  return ids.length ? [{ type: 'loadSummaries', ids }] : [];
}

export function searchKey(state: ReaderState, command: KeyCommand | undefined, text: string): Result {
  const hits = currentHits(state);
  if (command && isCursorMove(command)) {
    const next = { ...state, search: { ...state.search, cursor: moveCursor(state.search.cursor, command, hits.length, searchHeight(state.size)) } };
    return done(next, ...summariesNeeded(next));
  }
  switch (command) {
    case 'open':
      return openArticle(state, hits[state.search.cursor.index]?.id);
    case 'deleteChar':
      return state.search.query ? withQuery(state, dropLast(state.search.query)) : done(state);
    case 'clearQuery':
      return withQuery(state, '');
    case 'clearOrBack':
      return state.search.query ? withQuery(state, '') : done(pop(state));
    default:
      return text ? withQuery(state, state.search.query + text) : done(state);
  }
}

export function searchResults(state: ReaderState, query: string, hits: readonly Hit[]): Result {
  if (query !== state.search.query) return done(state); // a newer keystroke has its own search coming
  const cursor = ensureVisible(state.search.cursor, hits.length, searchHeight(state.size));
  const next = { ...state, search: { ...state.search, cursor, results: { query, hits } } };
  return done(next, ...summariesNeeded(next));
}

export function engineReady(state: ReaderState): Result {
  const { query } = state.search;
  return done(state, ...(query.trim() && state.search.results.query !== query ? [{ type: 'search' as const, query }] : []));
}
