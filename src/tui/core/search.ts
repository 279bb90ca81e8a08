// Search as you type: the query is state; the search itself is an effect, and its hits come
// back as a command. The engine is asked for as many hits as the screen shows and a page
// more (more as the selection goes down). Body snippets and summaries (the dek, else the
// lead) of the hits on screen come back the same way, after the frame, never during one.
import type { Command as KeyCommand } from '../keymap.js';
import { ensureVisible, isCursorMove, moveCursor, START } from '../cursor.js';
import { done, dropLast, pop } from './base.js';
import { listHeight, searchHeight } from './geometry.js';
import { currentHits, orderedList } from './selectors.js';
import { openArticle } from './article.js';
import type { Effect, ReaderData, ReaderState, Result } from './types.js';
import type { Hit } from '../../search/engine.js';
import type { Snippet } from '../../search/snippet.js';

/** Hits asked for: through the page below the selection's, and one more page. */
export function hitsWanted(state: ReaderState, index = state.search.cursor.index): number {
  const height = searchHeight(state.size);
  return (Math.floor(index / height) + 2) * height;
}

const searchFor = (state: ReaderState, query: string): Effect[] =>
  state.engine.status === 'ready' && query.trim() ? [{ type: 'search', query, limit: hitsWanted(state) }] : [];

function withQuery(state: ReaderState, query: string): Result {
  const search = { ...state.search, query, cursor: START };
  const next = { ...state, search };
  if (!query.trim()) return done({ ...next, search: { ...search, results: { query, hits: [] } } });
  return done(next, ...searchFor(next, query));
}

/** The hits on screen that still need a snippet or a summary. */
function summariesNeeded(state: ReaderState): Effect[] {
  const { cursor, summaries, snippets, query } = state.search;
  const ids = currentHits(state)
    .slice(cursor.offset, cursor.offset + searchHeight(state.size))
    .filter((hit) => !hit.snippet && !(hit.id in snippets) && !(hit.id in summaries))
    .map((hit) => hit.id)
    .filter((id) => {
      const meta = state.data.article(id);
      return meta && !meta.dek && !meta.lead;
    });
  return ids.length ? [{ type: 'loadSummaries', ids, query }] : [];
}

export function searchKey(state: ReaderState, command: KeyCommand | undefined, text: string): Result {
  const hits = currentHits(state);
  if (command && isCursorMove(command)) {
    const next = {
      ...state,
      search: { ...state.search, cursor: moveCursor(state.search.cursor, command, hits.length, searchHeight(state.size)) },
    };
    // Near the end of what was asked for, and there may be more: ask for more.
    const { limit } = state.search.results;
    const more = limit !== undefined && hits.length >= limit && hitsWanted(next) > limit ? searchFor(next, state.search.query) : [];
    return done(next, ...summariesNeeded(next), ...more);
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

export function searchResults(state: ReaderState, query: string, found: readonly Hit[], limit?: number): Result {
  if (query !== state.search.query) return done(state); // a newer keystroke has its own search coming
  // An engine a write has made stale (until the new one is built) may still find an article
  // that was removed: only what the archive holds now is a hit.
  const hits = found.every((hit) => state.data.article(hit.id)) ? found : found.filter((hit) => state.data.article(hit.id));
  const cursor = ensureVisible(state.search.cursor, hits.length, searchHeight(state.size));
  const snippets = state.search.results.query === query ? state.search.snippets : {};
  const next = { ...state, search: { ...state.search, cursor, snippets, results: { query, hits, limit } } };
  return done(next, ...summariesNeeded(next));
}

export function withSummaries(
  state: ReaderState,
  summaries: Record<string, string>,
  query?: string,
  snippets?: Record<string, Snippet>,
): ReaderState {
  const search = { ...state.search, summaries: { ...state.search.summaries, ...summaries } };
  if (snippets && query === state.search.query) search.snippets = { ...state.search.snippets, ...snippets };
  return { ...state, search };
}

export function engineReady(state: ReaderState): Result {
  const { query } = state.search;
  return done(state, ...(query.trim() && state.search.results.query !== query ? searchFor(state, query) : []));
}

/** More of the archive is read: the list grows, and a search shown is run again over it. */
export function moreData(state: ReaderState, data: ReaderData, loading: ReaderState['loading']): Result {
  const next = { ...state, data, loading, list: keptSelection(state, data, loading) };
  return done(next, ...searchFor(next, state.search.query));
}

/** The list's selection over new data. Read again after a write, a big archive comes a chunk
 * at a time: a selection past the rows read so far is kept as `wanted` (the cursor waits at
 * the last row read) and taken back once there are that many rows, so the list stays where
 * it was — on the row after a removed article, on an article whose tags were edited. */
function keptSelection(state: ReaderState, data: ReaderData, loading: ReaderState['loading']): ReaderState['list'] {
  const { list } = state;
  const wanted = list.wanted ?? list.cursor;
  const rows = orderedList({ ...state, data }).length;
  if (wanted.index < rows || loading === null) {
    if (list.wanted === undefined) return list;
    const { wanted: _taken, ...rest } = list;
    return { ...rest, cursor: ensureVisible(wanted, rows, listHeight(state.size)) };
  }
  return { ...list, wanted };
}
