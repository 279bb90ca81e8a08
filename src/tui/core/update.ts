// The reader as one pure function: update(state, command) → { state, effects }. Every key,
// every result of an effect and every resize goes through here, one at a time, so a burst of
// keys ends exactly where the same keys typed slowly end.
import type { Mark } from '../../archive/user-state.js';
import { commandForKey } from '../keymap.js';
import { START } from '../cursor.js';
import { andThen, done, focusOf, screenOf } from './base.js';
import { articleKey, bodyFailed, bodyLoaded, leaveArticle, NO_ARTICLE } from './article.js';
import { findKey } from './find.js';
import { promptKey } from './prompt.js';
import { authorKey, authorsKey, clampList, listKey } from './lists.js';
import { engineReady, moreData, searchKey, searchResults, withSummaries } from './search.js';
import { helpKey } from './help-keys.js';
import { confirmKey, removed, restored, tagged, tagKey, writeFailed } from './edits.js';
import type { Command, EngineStatus, ReaderData, ReaderState, Result } from './types.js';

export interface InitialOptions {
  title?: string;
  marks?: Readonly<Record<string, Mark>>;
  size?: { columns: number; rows: number };
  engine?: EngineStatus;
  stateWarning?: boolean;
  loading?: { loaded: number; total: number } | null;
}

export function initialState(data: ReaderData, options: InitialOptions = {}): ReaderState {
  return {
    data,
    title: options.title ?? 'byline',
    size: options.size ?? { columns: 80, rows: 24 },
    stack: ['list'],
    help: null,
    prompt: null,
    confirm: null,
    tagLine: null,
    undo: [],
    message: '',
    marks: options.marks ?? {},
    stateWarning: options.stateWarning ?? false,
    engine: options.engine ?? { status: 'building' },
    loading: options.loading ?? null,
    list: { cursor: START, sort: 'archive', bookmarksOnly: false },
    search: { query: '', cursor: START, results: { query: '', hits: [] }, summaries: {}, snippets: {} },
    article: NO_ARTICLE,
    authors: { cursor: START },
    author: { id: '', cursor: START },
  };
}

/** Saves what is open, then quits with `code`. */
function stop(state: ReaderState, code: number): Result {
  const left = screenOf(state) === 'article' ? leaveArticle(state) : done(state, { type: 'saveState' });
  return { state: left.state, effects: [...left.effects, { type: 'quit', code }] };
}

function onKey(state: ReaderState, name: string, text: string): Result {
  const focus = focusOf(state);
  if (name === 'ctrl+c') return stop(state, 130);
  if (focus === 'small') return name === 'q' ? stop(state, 0) : done(state);
  const command = commandForKey(focus, name);
  const fresh = { ...state, message: '' };
  switch (focus) {
    case 'help':
      return helpKey(fresh, command);
    case 'list':
      return command ? listKey(fresh, command) : done(state);
    case 'search':
      return searchKey(fresh, command, text);
    case 'article':
      return command ? articleKey(fresh, command) : done(state);
    case 'find':
      return findKey(fresh, command, text);
    case 'prompt':
      return promptKey(fresh, command, text);
    case 'confirm':
      return confirmKey(fresh, command);
    case 'tags':
      return tagKey(fresh, command, text);
    case 'authors':
      return command ? authorsKey(fresh, command) : done(state);
    case 'author':
      return command ? authorKey(fresh, command) : done(state);
  }
}

function apply(state: ReaderState, command: Command): Result {
  switch (command.type) {
    case 'key':
      return onKey(state, command.name, command.text);
    case 'resize':
      // The same size keeps the same state: no second frame right after the first.
      if (command.columns === state.size.columns && command.rows === state.size.rows) return done(state);
      return done({ ...state, size: { columns: command.columns, rows: command.rows } });
    case 'engine': {
      const next = { ...state, engine: command.status };
      return command.status.status === 'ready' ? engineReady(next) : done(next);
    }
    case 'searchResults':
      return searchResults(state, command.query, command.hits, command.limit);
    case 'summaries':
      return done(withSummaries(state, command.summaries, command.query, command.snippets));
    case 'data':
      return moreData(command.title === undefined ? state : { ...state, title: command.title }, command.data, command.loading);
    case 'removed':
      return removed(state, command.removal, command.note);
    case 'restored':
      return restored(state, command.removal, command.present, command.note);
    case 'tagged':
      return tagged(state, command.id, command.title, command.tags, command.note);
    case 'writeFailed':
      return writeFailed(state, command.error, command.undo, command.retype);
    case 'bodyLoaded':
      return bodyLoaded(state, command.id, command.body, command.meta);
    case 'bodyFailed':
      return bodyFailed(state, command.id, command.error);
    case 'notice':
      return done({ ...state, message: command.text });
    case 'stateWarning':
      return done(command.on === state.stateWarning ? state : { ...state, stateWarning: command.on });
    case 'stop':
      return stop(state, command.code);
  }
}

export function update(state: ReaderState, command: Command): Result {
  return andThen(apply(state, command), (s) => done(clampList(s)));
}
